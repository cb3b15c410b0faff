// The service's own source files (src/, without tests and Prisma's generated
// client), for the checks in `npm run lint`: check-layers.ts and check-sql-places.ts.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function sourceFiles(root: string, dir = "src"): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (path === "src/db/generated") continue;
    if (statSync(join(root, path)).isDirectory()) files.push(...sourceFiles(root, path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}
