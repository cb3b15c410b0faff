// `npm run bench`: every benchmark, one JSON object per line.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Bench = () => Promise<Record<string, unknown>>;

const benches: [file: string, exportName: string][] = [
  ["./engine-messages.ts", "benchEngineMessages"],
  ["./engine-messages.ts", "benchEngineMessagesHttp"],
  ["./engine-messages.ts", "benchEngineLatencyAtRate"],
  ["./service-start.ts", "benchServiceStart"],
  ["./scheduling-slots.ts", "benchSchedulingSlots"],
  ["./scheduling-contention.ts", "benchSchedulingContention"],
  ["./documents-sign.ts", "benchDocumentsSign"],
  ["./documents-sign-remote.ts", "benchDocumentsSignRemote"],
  ["./patient-voice.ts", "benchPatientVoice"],
];

const only = process.argv[2];
for (const [file, exportName] of benches) {
  if (only && !file.includes(only)) continue;
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) continue;
  const module = (await import(file)) as Record<string, Bench>;
  const bench = module[exportName];
  if (!bench) throw new Error(`${file} does not export ${exportName}`);
  console.log(JSON.stringify(await bench()));
}
