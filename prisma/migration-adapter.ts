// The pg driver adapter of Prisma 6.19, as the migration engine uses it, with
// three defects mended. Used by the Prisma CLI only, never at run time.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
// The schema engine reads catalog columns of PostgreSQL's internal `name`
// (19) and `"char"` (18) types, which the adapter cannot deserialize
// ("Column type 'name' could not be deserialized"). Both read fine as text.
const CATALOG_OIDS_AS_TEXT = new Set([18, 19]);

let resultFieldsPatched = false;
function readCatalogTypesAsText(): void {
  if (resultFieldsPatched) return;
  resultFieldsPatched = true;
  // `addFields` is pg's internal hook (not in its type declarations) through
  // which every result's field descriptions pass.
  type FieldDescription = { dataTypeID: number };
  const prototype = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
  const original = prototype.addFields;
  prototype.addFields = function addFields(fieldDescriptions: FieldDescription[]) {
    for (const field of fieldDescriptions) {
      if (CATALOG_OIDS_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
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

class MigrationPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig, schema?: string) {
    super(poolConfig, schema ? { schema } : undefined);
  }

  // The stock version drops the shadow database while its own pool still
  // holds a connection ("database ... is being accessed by other users").
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg({ ...this.poolConfig, database });
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

export function migrationAdapter(databaseUrl: string): PrismaPg {
  readCatalogTypesAsText();
  const schema = new URL(databaseUrl).searchParams.get("schema") ?? undefined;
  return new MigrationPg(poolConfigFromUrl(databaseUrl), schema);
}
