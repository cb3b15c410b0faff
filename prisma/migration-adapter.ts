// The pg driver adapter of Prisma 6.19, as the migration engine uses it, with
// its defects mended: catalog columns of type `name` and `"char"` that the
// adapter cannot deserialize (prisma/orm issue 27403; `"char"` must reach the
// engine as a character, below), `migrate dev`'s shadow database that a
// connection string would point back at the real one, the shadow pool closed
// before the shadow database is dropped, and the script splitting in
// runScriptsWhole; plus two mends of the CLI's WASM schema engine (see
// mendSchemaEngine).
// Used by the Prisma CLI only, never at run time.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;
// Prisma's ColumnTypeEnum.Character (@prisma/driver-adapter-utils).
const CHARACTER_COLUMN_TYPE = 6;

// The schema engine reads catalog columns of PostgreSQL's internal `name`
// (19) and `"char"` (18) types, which the adapter cannot deserialize
// ("Column type 'name' could not be deserialized"). `name` reads fine as
// text. `"char"` must reach the engine as a character, not as text: the
// describer reads e.g. `pg_constraint.contype` as a char and panics on text
// (`Getting constraint_type from Resultrow ... as char failed`, a Rust panic
// that kills the CLI and leaves the shadow database behind) as soon as the
// schema has a CHECK or EXCLUDE constraint. So `"char"` is read as text too
// (the adapter has no scalar `"char"` mapping), and the column indices are
// remembered per result, keyed by its rows array (which `queryRaw` passes
// through), for characterColumns() to retype them.
const charColumnsOfRows = new WeakMap<unknown[], number[]>();

let resultFieldsPatched = false;
function readCatalogTypesAsText(): void {
  if (resultFieldsPatched) return;
  resultFieldsPatched = true;
  // `addFields` is pg's internal hook (not in its type declarations) through
  // which every result's field descriptions pass.
  type FieldDescription = { dataTypeID: number };
  type Result = { rows: unknown[]; addFields(fields: FieldDescription[]): void };
  const prototype = pg.Result.prototype as unknown as Result;
  const original = prototype.addFields;
  prototype.addFields = function addFields(this: Result, fieldDescriptions: FieldDescription[]) {
    const charColumns: number[] = [];
    fieldDescriptions.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) charColumns.push(index);
      if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    });
    if (charColumns.length > 0) charColumnsOfRows.set(this.rows, charColumns);
    return original.call(this, fieldDescriptions);
  };
}

// Discrete fields, because with a `connectionString` pg lets the string win
// over the `database` override, and the "shadow" database would be the real one.
function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
}

type PgConnection = Awaited<ReturnType<PrismaPg["connect"]>>;

// The stock `executeScript` splits a migration script on every ";" and sends
// the pieces one by one, which breaks any function body, string or comment
// holding a semicolon, e.g. a plpgsql `$$ BEGIN ...; END; $$` fails with
// `ERROR: unterminated dollar-quoted string at or near "$$`. PostgreSQL's
// simple query protocol (pg's `query` without parameters) takes the whole
// script at once and runs it as one implicit transaction, as the native
// engine does.
// See readCatalogTypesAsText: `"char"` columns, read as text, are typed as
// characters again.
function characterColumns(connection: PgConnection): PgConnection {
  const queryRaw = connection.queryRaw.bind(connection);
  connection.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsOfRows.get(result.rows) ?? []) {
      result.columnTypes[index] = CHARACTER_COLUMN_TYPE as (typeof result.columnTypes)[number];
    }
    return result;
  };
  return connection;
}

function runScriptsWhole(connection: PgConnection): PgConnection {
  const pool = connection.underlyingDriver();
  // `onError` (protected) maps a pg error to the DriverAdapterError the
  // engine expects, as the stock method does.
  const onError = (connection as unknown as { onError(error: unknown): never }).onError.bind(connection);
  connection.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      onError(error);
    }
  };
  return connection;
}

class MigrationPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig, private readonly schema?: string) {
    super(poolConfig, schema ? { schema } : undefined);
  }

  override async connect() {
    return characterColumns(runScriptsWhole(await super.connect()));
  }

  // The stock version drops the shadow database while its own pool still
  // holds a connection ("database ... is being accessed by other users").
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = new MigrationPg({ ...this.poolConfig, database }, this.schema);
    const connection = await shadow.connect();
    const dispose = connection.dispose.bind(connection);
    connection.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return connection;
  }
}

// --- The WASM schema engine ------------------------------------------------
//
// Two defects sit in the CLI's use of the engine rather than in the adapter.
// The engine class is bundled inside the CLI (prisma/build/index.js) and is
// reachable only as the import object of the one WebAssembly.Instance the CLI
// creates for build/schema_engine_bg.wasm, so we catch that instantiation and
// patch the class's prototype.
//
// 1. `prisma migrate dev` with pending migrations (a fresh database, or after
//    `--create-only`) applies them and then fails with
//      Error: PostgreSQL shadow DB must be provided through an external factory
//        0: schema_engine_wasm::wasm::engine::EvaluateDataLoss
//    `evaluateDataLoss` and `createMigration` get no adapter factory: they
//    read the schema of the migration history from a cache (keyed by the
//    migration directories) that only `devDiagnostic`/`diagnoseMigrationHistory`
//    fill, through our `connectToShadowDb`, and only for the migrations that
//    were already applied when they ran. On a miss the engine replays the
//    history on the main connection, which its WASM PostgreSQL connector
//    refuses with the error above. `migrate dev` applies pending migrations
//    before `evaluateDataLoss`, so diagnosing the history again at that point
//    fills the cache under the full list of directories, and both later calls
//    hit it.
// 2. `prisma migrate dev --create-only` writes the migration, then prints
//      Error: null pointer passed to rust
//    and exits 1: that code path stops the engine twice (`return await
//    stop()` inside a `try` whose `finally` stops it again), and wasm-bindgen's
//    `free()` of an already freed object throws. A second `free()` is made a
//    no-op.

interface SchemaEngineInput {
  migrationsList: unknown;
  filters?: unknown;
}
interface SchemaEngine {
  __wbg_ptr: number;
  free(): void;
  evaluateDataLoss(input: SchemaEngineInput): Promise<unknown>;
  diagnoseMigrationHistory(input: SchemaEngineInput & { optInToShadowDatabase: boolean }): Promise<unknown>;
}
type WasmInstanceConstructor = new (module: unknown, imports?: Record<string, unknown>) => unknown;

const SCHEMA_ENGINE_GLUE = "./schema_engine_bg.js";

function patchSchemaEngine(prototype: SchemaEngine): void {
  const free = prototype.free;
  prototype.free = function freeOnce(this: SchemaEngine) {
    if (this.__wbg_ptr !== 0) free.call(this);
  };

  const evaluateDataLoss = prototype.evaluateDataLoss;
  prototype.evaluateDataLoss = async function evaluateDataLossWithShadowDb(this: SchemaEngine, input) {
    await this.diagnoseMigrationHistory({
      migrationsList: input.migrationsList,
      filters: input.filters,
      optInToShadowDatabase: true,
    });
    return evaluateDataLoss.call(this, input);
  };
}

let schemaEngineMended = false;
function mendSchemaEngine(): void {
  if (schemaEngineMended) return;
  schemaEngineMended = true;
  const wasm = (globalThis as unknown as { WebAssembly: { Instance: WasmInstanceConstructor } }).WebAssembly;
  const Instance = wasm.Instance;
  wasm.Instance = new Proxy(Instance, {
    construct(target, args: [unknown, Record<string, unknown>?], newTarget) {
      const glue = args[1]?.[SCHEMA_ENGINE_GLUE] as { SchemaEngine?: { prototype: SchemaEngine } } | undefined;
      if (glue?.SchemaEngine) {
        patchSchemaEngine(glue.SchemaEngine.prototype);
        wasm.Instance = Instance; // the CLI instantiates the engine once
      }
      return Reflect.construct(target, args, newTarget);
    },
  });
}

export function migrationAdapter(databaseUrl: string): PrismaPg {
  readCatalogTypesAsText();
  mendSchemaEngine();
  const schema = new URL(databaseUrl).searchParams.get("schema") ?? undefined;
  return new MigrationPg(poolConfigFromUrl(databaseUrl), schema);
}
