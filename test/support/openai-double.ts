// A local OpenAI-compatible server for tests: POST /v1/audio/transcriptions
// (multipart) and POST /v1/chat/completions (structured output). The real
// `openai` SDK talks to it. Each test says what it answers, fails or invents.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TranscriptionCall {
  model: string;
  language: string;
  prompt: string;
  filename: string;
  bytes: number;
}

export interface ChatCall {
  model: string;
  messages: { role: string; content: string }[];
  responseFormat: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
}

type Answer<T> = { status: number; body?: unknown } | { hang: true } | T;

export interface OpenAiDouble {
  /** Base URL for OPENAI_BASE_URL (ends in /v1). */
  url: string;
  transcriptions: TranscriptionCall[];
  chats: ChatCall[];
  /** What the next transcription answers: text, an HTTP error, or nothing at all. */
  onTranscription: (call: TranscriptionCall) => Answer<{ text: string }>;
  /** What the next structuring answers: the note object (and the model the server names, as OpenAI names a dated snapshot), or an error. */
  onChat: (call: ChatCall) => Answer<{ note: unknown; model?: string }>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function multipartField(body: string, name: string): string {
  const match = new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(body);
  return match?.[1] ?? "";
}

function multipartFile(raw: Buffer): { filename: string; bytes: number } {
  const text = raw.toString("latin1");
  const header = /name="file"; filename="([^"]*)"[\s\S]*?\r\n\r\n/.exec(text);
  if (!header) return { filename: "", bytes: 0 };
  const start = header.index + header[0].length;
  const end = text.indexOf("\r\n--", start);
  return { filename: header[1] ?? "", bytes: end - start };
}

export async function startOpenAiDouble(): Promise<OpenAiDouble> {
  const hanging: ServerResponse[] = [];
  const double: OpenAiDouble = {
    url: "",
    transcriptions: [],
    chats: [],
    onTranscription: () => ({ text: "" }),
    onChat: () => ({ status: 500, body: { error: { message: "no answer configured" } } }),
    close: async () => undefined,
  };
  const send = (res: ServerResponse, answer: { status: number; body?: unknown } | { hang: true }) => {
    if ("hang" in answer) return void hanging.push(res);
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body ?? { error: { message: "test failure", type: "server_error" } }));
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method === "POST" && req.url === "/v1/audio/transcriptions") {
      const text = raw.toString("latin1");
      const call = { model: multipartField(text, "model"), language: multipartField(text, "language"), prompt: multipartField(text, "prompt"), ...multipartFile(raw) };
      double.transcriptions.push(call);
      const answer = double.onTranscription(call);
      return send(res, "text" in answer ? { status: 200, body: { text: answer.text } } : answer);
    }
    if (req.method === "POST" && req.url === "/v1/chat/completions") {
      const body = JSON.parse(raw.toString("utf8"));
      const call: ChatCall = { model: body.model, messages: body.messages, responseFormat: body.response_format };
      double.chats.push(call);
      const answer = double.onChat(call);
      if (!("note" in answer)) return send(res, answer);
      return send(res, {
        status: 200,
        body: {
          id: `chatcmpl-${double.chats.length}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: answer.model ?? body.model,
          choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content: JSON.stringify(answer.note), refusal: null } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        },
      });
    }
    send(res, { status: 404, body: { error: { message: `no route ${req.method} ${req.url}` } } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  double.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return double;
}

/** The user message of a structuring call: the transcript and corrections sent to the model. */
export const chatUserText = (call: ChatCall): string => call.messages.find((m) => m.role === "user")?.content ?? "";
