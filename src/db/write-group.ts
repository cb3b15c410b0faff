// Writes that arrive while one is in flight wait for it and go together in
// the next: under load many writes cost one statement (and one flush of the
// log), and none waits longer than one write in flight plus its own. Used by
// the inbox (messages stored) and the outbox (sends recorded).
interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

export class WriteGroup<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private writing = false;

  /** `write` answers one result per item, in order. */
  constructor(private readonly write: (items: In[]) => Promise<Out[]>) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        try {
          const results = await this.write(group.map((w) => w.item));
          group.forEach((w, i) => w.resolve(results[i]!));
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          // One bad item must not fail the others: each alone, so only it answers with its error.
          else for (const w of group) await this.write([w.item]).then(([result]) => w.resolve(result!), w.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
