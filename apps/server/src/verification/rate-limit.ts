// The public 签章验证 upload needs no login, and verifying a large PDF costs seconds of CPU:
// each client address gets a fixed number of verifications per window, in this process's
// memory (a restart forgets; several instances each count their own).

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}

export const VERIFY_RATE_LIMIT: RateLimitOptions = { max: 20, windowMs: 60_000 };

/** Counting is per window starting at a key's first request; stale keys are swept as the map grows. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Counts one request; answers the seconds to wait when over the limit, else 0. */
  take(key: string, now = Date.now()): number {
    const { max, windowMs } = this.options;
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (this.windows.size >= 10_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > max ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) : 0;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.options.windowMs) this.windows.delete(key);
  }
}
