/**
 * The primary rate limit: an hourly window of requests per token, reported on every response in the
 * `x-ratelimit-*` headers. When it runs out, requests get GitHub's 403 until the window resets.
 */
import type { RateLimitSnapshot } from './router.js';

const WINDOW_SECONDS = 3600;

export class RateLimit {
  private used = 0;
  private reset: number;

  constructor(
    private readonly limit: number,
    private readonly now: () => Date,
  ) {
    this.reset = this.nowSeconds() + WINDOW_SECONDS;
  }

  /** Counts a request. Returns `false` when the window was already used up (the request must be refused). */
  consume(): boolean {
    if (this.nowSeconds() >= this.reset) {
      this.used = 0;
      this.reset = this.nowSeconds() + WINDOW_SECONDS;
    }
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  /** Gives back a counted request: GitHub does not count a conditional request answered 304 Not Modified. */
  refund(): void {
    if (this.used > 0) this.used -= 1;
  }

  /** The window's numbers now. */
  snapshot(): RateLimitSnapshot {
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.used), reset: this.reset, used: this.used };
  }

  /** The `x-ratelimit-*` headers, optionally for a window that ran out and resets in `resetInSeconds`. */
  headers(exhausted?: { resetInSeconds: number }): Record<string, string> {
    const s = this.snapshot();
    return {
      'x-ratelimit-limit': String(s.limit),
      'x-ratelimit-remaining': String(exhausted ? 0 : s.remaining),
      'x-ratelimit-reset': String(exhausted ? this.nowSeconds() + exhausted.resetInSeconds : s.reset),
      'x-ratelimit-used': String(exhausted ? s.limit : s.used),
      'x-ratelimit-resource': 'core',
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
