// A per-number send rate with jitter: WhatsApp flags numbers that send at a
// machine's steady rhythm. At 20 per minute, sends are ~3 s apart (2.1-3.9 s).
export class SendPacer {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly random: () => number = Math.random,
  ) {}

  /** Waits for this number's next slot; the slot is reserved at once, so concurrent callers queue up. */
  async wait(key: string): Promise<number> {
    const now = this.now();
    const slot = Math.max(now, this.nextAt.get(key) ?? 0);
    const gap = (60_000 / this.perMinute) * (0.7 + this.random() * 0.6);
    this.nextAt.set(key, slot + gap);
    const delay = slot - now;
    if (delay > 0) await this.sleep(delay);
    return delay;
  }
}
