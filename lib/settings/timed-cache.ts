/**
 * A value loaded at most once per `ttlMs`, shared by concurrent readers: the settings stores keep webhooks fast
 * with it. A failed load is forgotten at once, so the next read tries again.
 */
export class TimedCache<T> {
  private cached?: { at: number; value: Promise<T> };

  constructor(private readonly ttlMs: number) {}

  get(load: () => Promise<T>): Promise<T> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = load();
    const entry = { at: Date.now(), value };
    this.cached = entry;
    value.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return value;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
