/**
 * At most `limit` sends per `windowMs` (a sliding window), in the order asked: a caller beyond the limit waits for
 * its turn — queued, never dropped. One per robot: DingTalk and WeCom allow 20 messages a minute per robot.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves when this caller may send (and counts it as sent), with `done` to call when the platform has answered:
   * the window then counts from the answer, so a slow first connection cannot crowd the platform's own window.
   */
  take(): Promise<{ done: () => void }> {
    const turn = this.tail.then(() => this.wait());
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** How long the next caller would wait now (ms). */
  delay(): number {
    const t = this.now();
    while (this.sent.length > 0 && this.sent[0]! <= t - this.windowMs) this.sent.shift();
    return this.sent.length < this.limit ? 0 : this.sent[0]! + this.windowMs - t;
  }

  private async wait(): Promise<{ done: () => void }> {
    for (let d = this.delay(); d > 0; d = this.delay()) {
      await new Promise((resolve) => setTimeout(resolve, d));
    }
    const at = this.now();
    this.sent.push(at);
    return {
      done: () => {
        // Any entry of the same time will do; gone already when the send took longer than the window.
        const i = this.sent.indexOf(at);
        if (i < 0) return;
        this.sent[i] = Math.max(at, this.now());
        this.sent.sort((x, y) => x - y);
      },
    };
  }
}
