// The house rules of the import graph, checked in CI (`npm run lint`, and
// test/layers.test.ts): which layer may import which, no import cycles, and
// only src/bot/ writes a conversation. Read from the source files' own
// import statements (type imports too: a type that runs back up is the same
// knot for a reader).
//
// Layers, lowest first. A file may import its own layer and the ones below.
//   foundation   config, errors, logger, clock, crypto, db, limits, jobs, observability, ai
//   chat-events  what the clinic starts in a chat (types and the raise function)
//   domain       scheduling < payments; records < documents < privacy (documents build on records, never back)
//   flows        pure conversation state machines: wording, states, decisions
//   bot          the runtime around flows: engine, turns, effects, channels
//   http         http/, admin-api/
//   root         service.ts, main.ts, the seed and the commands
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceFiles } from "./source-files.js";

const LAYERS: [string, string[]][] = [
  ["crypto", ["src/crypto/"]],
  ["base", ["src/config.ts", "src/errors.ts", "src/logger.ts", "src/clock.ts"]],
  ["db", ["src/db/"]],
  ["foundation", ["src/limits/", "src/jobs/", "src/observability/", "src/ai/"]],
  ["chat-events", ["src/chat-events/"]],
  ["scheduling", ["src/scheduling/"]],
  ["payments", ["src/payments/"]],
  ["records", ["src/records/"]],
  ["documents", ["src/documents/"]],
  ["privacy", ["src/privacy/"]],
  ["flows", ["src/flows/"]],
  ["bot", ["src/bot/"]],
  ["http", ["src/http/", "src/admin-api/"]],
  ["root", ["src/"]],
];

/** Payments and records do not use each other: only the order inside each pair is a rule. */
const UNORDERED = new Set(["scheduling|records", "scheduling|documents", "scheduling|privacy", "payments|records", "payments|documents", "payments|privacy"]);

/** Imports that run from a lower layer to a higher one: none, and none may come. */
export const MAX_UPWARD = 0;

/** Only the engine and its turn write a conversation (INSERT or UPDATE; an erasure deletes one). */
const CONVERSATION_WRITERS = "src/bot/";
const CONVERSATION_WRITE = /(INSERT\s+INTO|UPDATE)\s+"Conversation"|\bconversation\.(create|createMany|update|updateMany|upsert)\s*\(/;

export interface Arrow {
  from: string;
  to: string;
}

export interface LayerReport {
  upward: (Arrow & { fromLayer: string; toLayer: string })[];
  cycles: string[][];
  conversationWriters: string[];
}

const layerNames = LAYERS.map(([name]) => name);

export function layerOf(file: string): string {
  for (const [name, prefixes] of LAYERS) if (prefixes.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p))) return name;
  return "root";
}

function runsUp(fromLayer: string, toLayer: string): boolean {
  if (UNORDERED.has(`${toLayer}|${fromLayer}`) || UNORDERED.has(`${fromLayer}|${toLayer}`)) return false;
  return layerNames.indexOf(toLayer) > layerNames.indexOf(fromLayer);
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function importsOf(root: string, file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    const target = relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, ".ts");
    found.push(target.endsWith(".ts") ? target : `${target}.ts`);
  }
  return found;
}

/** Strongly connected components of more than one file (Tarjan). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

export function checkLayers(root: string): LayerReport {
  const graph = new Map<string, string[]>();
  const conversationWriters: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    graph.set(file, importsOf(root, file, text));
    if (!file.startsWith(CONVERSATION_WRITERS) && CONVERSATION_WRITE.test(text)) conversationWriters.push(file);
  }
  const upward: LayerReport["upward"] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const fromLayer = layerOf(from);
      const toLayer = layerOf(to);
      if (runsUp(fromLayer, toLayer)) upward.push({ from, to, fromLayer, toLayer });
    }
  }
  return { upward, cycles: cyclesOf(graph), conversationWriters };
}

export function problemsOf(report: LayerReport): string[] {
  const problems: string[] = [];
  if (report.upward.length > MAX_UPWARD) {
    problems.push(`${report.upward.length} imports run from a lower layer to a higher one (at most ${MAX_UPWARD}):`,
      ...report.upward.map((a) => `  ${a.from} (${a.fromLayer}) -> ${a.to} (${a.toLayer})`));
  }
  for (const cycle of report.cycles) problems.push(`import cycle: ${cycle.join(" <-> ")}`);
  for (const file of report.conversationWriters) problems.push(`${file} writes a Conversation; only ${CONVERSATION_WRITERS} may (raise a chat event instead)`);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const report = checkLayers(root);
  const problems = problemsOf(report);
  for (const arrow of report.upward) process.stdout.write(`runs up (allowed while at most ${MAX_UPWARD}): ${arrow.from} -> ${arrow.to}\n`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(1);
  }
  process.stdout.write(`layers: ${report.upward.length} import(s) run up, no cycles, only ${CONVERSATION_WRITERS} writes a conversation\n`);
}
