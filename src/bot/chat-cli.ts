// `npm run chat`: talk to a running Zelo from the terminal, through the
// simulator's HTTP contract (see simulator/routes.ts).
//   npm run chat -- --doctor            as the demo doctor
//   npm run chat -- --from +5511912345678 --clinic demo   (a clinic's slug or id; the demo clinic's slug is "demo")
// Type a message and Enter; `/file <path>` sends an audio, image or document;
// `/quit` leaves.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { formatReply, mediaForFile, notRunningMessage, unseenOutbound, type ChatMessage } from "./chat-format.js";

const DEMO_DOCTOR = "+5511900000001";
const POLL_MS = 2000;

class NotRunning extends Error {}

interface Options {
  url: string;
  from: string;
  clinic?: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: `http://127.0.0.1:${process.env.PORT || 3000}` },
      from: { type: "string", default: "+5511987654321" },
      clinic: { type: "string" },
      doctor: { type: "boolean", default: false },
    },
  });
  return { url: values.url.replace(/\/+$/, ""), from: values.doctor ? DEMO_DOCTOR : values.from, clinic: values.clinic };
}

interface Answer {
  replies: ChatMessage[];
  messages: ChatMessage[];
  error?: { message?: string };
}

async function request(options: Options, path: string, body?: unknown): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`${options.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NotRunning(notRunningMessage(options.url));
  }
  const json = (await res.json().catch(() => ({}))) as Answer;
  if (!res.ok) throw new Error(`Zelo respondeu com erro: ${json.error?.message ?? `HTTP ${res.status}`}`);
  return json;
}

async function history(options: Options): Promise<ChatMessage[]> {
  const query = options.clinic ? `?clinic=${encodeURIComponent(options.clinic)}` : "";
  return (await request(options, `/simulator/chats/${encodeURIComponent(options.from)}/messages${query}`)).messages;
}

async function messageFor(line: string): Promise<Record<string, unknown>> {
  if (!line.startsWith("/file ")) return { text: line };
  const path = line.slice("/file ".length).trim();
  const { kind, mimetype } = mediaForFile(path);
  const data = (await readFile(path)).toString("base64");
  return { [kind]: { data, mimetype, filename: basename(path) } };
}

async function main(): Promise<void> {
  const options = readOptions();
  const seen = new Set<string>();
  const remember = (messages: ChatMessage[]) => messages.forEach((m) => m.id && seen.add(m.id));
  const print = (messages: ChatMessage[]) => messages.forEach((m) => console.log(formatReply(m, options.url)));

  try {
    remember(await history(options));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.log(`Conversando com ${options.url} como ${options.from}. /file <caminho> envia um arquivo, /quit sai.`);

  // Sends and polls run one after another, so a reply is never printed twice.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => (queue = queue.then(work).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
  }));
  const poll = async () => {
    const later = unseenOutbound(await history(options), seen);
    print(later);
    remember(later);
  };
  const timer = setInterval(() => void enqueue(poll), POLL_MS);

  const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "/quit") break;
    if (!line) continue;
    await enqueue(async () => {
      const body = { from: options.from, clinic: options.clinic, ...(await messageFor(line)) };
      const answer = await request(options, "/simulator/messages", body);
      print(answer.replies);
      const shown = await history(options);
      print(unseenOutbound(shown, seen, answer.replies));
      remember(shown.filter((m) => m.direction === "out"));
    });
  }
  clearInterval(timer);
  rl.close();
  await queue;
}

await main();
