// Paces sends below Meta's limits: per business number, its throughput (80
// messages a second by default: error 130429 past it); per recipient, the
// pair rate (about one message every 6 seconds, with short bursts allowed:
// error 131056 past it). Real time, not the service's clock: these are
// Meta's seconds. Each instance paces its own sends, so with several
// instances set WHATSAPP_CLOUD_SEND_RATE_PER_SECOND to the number's limit
// divided among them.
export interface PacerOptions {
  perSecond: number;
  /** Messages one recipient may get at once before the pair rate applies. */
  pairBurst?: number;
  pairIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const PAIR_KEYS_KEPT = 10_000;

export class SendPacer {
  private readonly nextSlot = new Map<string, number>();
  private readonly pairs = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when a send from this number to this recipient keeps within both limits; reserves it. */
  async wait(phoneNumberId: string, recipient: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.pairReady(recipient, now), this.nextSlot.get(phoneNumberId) ?? 0);
    this.nextSlot.set(phoneNumberId, at + 1000 / this.options.perSecond);
    this.takePairToken(recipient, at);
    if (at > now) await this.sleep(at - now);
  }

  /** When the recipient's bucket has a token again (now, when it has one). */
  private pairReady(recipient: string, now: number): number {
    const pair = this.refilled(recipient, now);
    return pair.tokens >= 1 ? now : now + (1 - pair.tokens) * this.interval();
  }

  private takePairToken(recipient: string, at: number): void {
    const pair = this.refilled(recipient, at);
    pair.tokens -= 1;
    if (this.pairs.size > PAIR_KEYS_KEPT) this.pairs.delete(this.pairs.keys().next().value!);
  }

  private refilled(recipient: string, now: number): { tokens: number; at: number } {
    const burst = this.options.pairBurst ?? 10;
    const pair = this.pairs.get(recipient) ?? { tokens: burst, at: now };
    pair.tokens = Math.min(burst, pair.tokens + Math.max(0, now - pair.at) / this.interval());
    pair.at = now;
    this.pairs.set(recipient, pair);
    return pair;
  }

  private interval(): number {
    return this.options.pairIntervalMs ?? 6000;
  }
}
