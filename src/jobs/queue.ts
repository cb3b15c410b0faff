// Durable background jobs on pg-boss 10, over the same database port as the
// rest of the service, so PostgreSQL and embedded PGlite take one path
// (PRISMA.md: pg-boss runs on PGlite through `db.executeSql`). A job can be
// enqueued inside the transaction of the write that causes it.
import PgBoss from "pg-boss";
import type { ZodType } from "zod";
import type { Database, Sql } from "../db/database.js";
import type { Logger } from "../logger.js";

export interface JobDefinition<T> {
  name: string;
  schema: ZodType<T>;
  /** Retries after the first failure; pg-boss backs off exponentially from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  handler: (data: T, job: { id: string; retryCount: number; final: boolean }) => Promise<void>;
  /** Called once when the last retry failed, so a person can be told. */
  onFinalFailure?: (data: T, error: unknown) => Promise<void>;
}

/** A job definition with its payload type erased, for lists of mixed jobs. */
export type AnyJobDefinition = JobDefinition<unknown>;

export function defineJob<T>(definition: JobDefinition<T>): AnyJobDefinition {
  return definition as unknown as AnyJobDefinition;
}

export interface EnqueueOptions {
  /** The transaction of the write that causes the job. */
  sql?: Sql;
  startAfter?: Date;
  singletonKey?: string;
}

export interface JobQueueOptions {
  /** false in tests: nothing polls, tests call runDue(). */
  poll: boolean;
  pollingIntervalSeconds?: number;
  /** Called on every failed run (metrics); `final` when no retry is left. */
  onFailure?: (job: string, final: boolean) => void;
}

// pg-boss's Db port, over our SQL port: parameterless SQL may hold several statements.
const bossDb = (db: Database) => ({ executeSql: (text: string, values: unknown[]) => db.executeSql(text, values) });
const txDb = (sql: Sql) => ({ executeSql: async (text: string, values: unknown[]) => ({ rows: await sql.query(text, values) }) });

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, AnyJobDefinition>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions,
  ) {
    this.boss = new PgBoss({ db: bossDb(db), schema: "pgboss", supervise: options.poll, schedule: false });
    this.boss.on("error", (error) => this.logger.error({ err: error }, "job queue error"));
  }

  async start(definitions: AnyJobDefinition[]): Promise<void> {
    await this.boss.start();
    for (const definition of definitions) {
      this.definitions.set(definition.name, definition);
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit,
        retryDelay: definition.retryDelaySeconds,
        retryBackoff: definition.retryDelaySeconds > 0,
      });
      if (this.options.poll) {
        await this.boss.work<unknown>(definition.name, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, includeMetadata: true }, async ([job]) => {
          if (job) await this.run(definition, job);
        });
      }
    }
  }

  async enqueue(name: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    return this.boss.send(name, data, {
      ...(options.sql ? { db: txDb(options.sql) } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
  }

  /** Runs every job that is due now (of the named queues, if given), until none is left (tests and the shutdown drain). */
  async runDue(only?: readonly string[]): Promise<number> {
    let ran = 0;
    for (let progress = true; progress; ) {
      progress = false;
      // pg-boss takes a job once the database's clock has passed the instant it was enqueued or failed
      // (`start_after < now()`); PGlite's clock ticks in milliseconds, so a job enqueued just now is not due yet.
      await new Promise((resolve) => setTimeout(resolve, 2));
      for (const definition of this.definitions.values()) {
        if (only && !only.includes(definition.name)) continue; // tests: stop between two steps
        const jobs = await this.boss.fetch(definition.name, { batchSize: 10, includeMetadata: true });
        for (const job of jobs ?? []) {
          await this.run(definition, job).catch((error) => this.boss.fail(definition.name, job.id, errorInfo(error)));
          ran += 1;
          progress = true;
        }
      }
    }
    return ran;
  }

  private async run(definition: AnyJobDefinition, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      // A payload that does not parse will never succeed: fail it for good.
      this.logger.error({ job: definition.name, jobId: job.id }, "job payload invalid");
      this.options.onFailure?.(definition.name, true);
      await this.boss.fail(definition.name, job.id, { message: "invalid payload" });
      return;
    }
    const final = job.retryCount >= job.retryLimit;
    try {
      await definition.handler(parsed.data, { id: job.id, retryCount: job.retryCount, final });
      if (!this.options.poll) await this.boss.complete(definition.name, job.id);
    } catch (error) {
      this.logger.warn({ job: definition.name, jobId: job.id, retry: job.retryCount, final, err: errorInfo(error).message }, "job failed");
      this.options.onFailure?.(definition.name, final);
      if (final) await definition.onFinalFailure?.(parsed.data, error).catch((e) => this.logger.error({ err: e }, "final failure handler failed"));
      if (!this.options.poll) {
        await this.boss.fail(definition.name, job.id, errorInfo(error));
        return;
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
  }
}

function errorInfo(error: unknown): { message: string } {
  return { message: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500) };
}
