// VIDaaS-style approval: a push goes to the doctor's phone and Zelo polls
// until it is approved, denied, or the wait is over. Polls start 1 s apart
// (the PSC asks for no faster) and back off by half each time up to 5 s, so
// a two-minute wait costs about 30 requests. A denial or the end of the wait
// is final: nothing is sent again unless the doctor asks.
import { createPkce } from "./pkce.js";
import type { PscClient, PscScope, PscToken } from "./psc-client.js";
import { PscError } from "./psc-error.js";

export interface PushOptions {
  /** How the loop waits between polls (a timer in production, a recorder in tests). */
  sleep: (ms: number) => Promise<void>;
  maxWaitMs?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told once the push is on the doctor's phone (to say "Aprove no app"). */
  onPushSent?: () => void | Promise<void>;
}

export async function authorizeByPush(
  client: PscClient, input: { cpf: string; scope: PscScope; lifetimeSeconds: number }, options: PushOptions,
): Promise<PscToken> {
  const { verifier, challenge } = createPkce();
  const code = await client.startPush({ ...input, challenge });
  await options.onPushSent?.();
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  let delay = Math.max(options.firstDelayMs ?? 1000, 1000);
  for (let waited = 0; waited < maxWaitMs; waited += delay, delay = Math.min(Math.round(delay * 1.5), options.maxDelayMs ?? 5000)) {
    await options.sleep(delay);
    const poll = await client.pollPush(code);
    if (poll.state === "approved") return client.exchangeCode({ code: poll.authorizationToken, verifier });
  }
  throw new PscError("timed_out");
}
