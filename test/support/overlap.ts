// A transaction's connection takes one query at a time (node-postgres queues
// overlapping ones and warns that pg@9 will refuse them; PGlite does not
// warn): this port counts how many of its queries ran at once.
import type { Sql } from "../../src/db/database.js";

export function countingOverlap(sql: Sql): { sql: Sql; mostAtOnce(): number } {
  let running = 0;
  let most = 0;
  return {
    sql: {
      query: async <T>(text: string, values?: unknown[]) => {
        running += 1;
        most = Math.max(most, running);
        try {
          return await sql.query<T>(text, values);
        } finally {
          running -= 1;
        }
      },
    },
    mostAtOnce: () => most,
  };
}
