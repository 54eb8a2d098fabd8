/**
 * The durability chain of a room: its work (appends to the store, then the sends that must
 * follow them) runs in order, one task at a time. A send queued behind an append goes out only
 * once that append is stored (GUARD.md D1).
 */
export class WriteQueue {
  private chain: Promise<void> = Promise.resolve();
  /** Tasks on the chain not yet finished. */
  private queued = 0;

  /**
   * @param unstored true while changes applied to the document are not yet handed to a flush
   * (then a task reading the document waits for that flush too).
   * @param failed logs a task that threw; the chain carries on.
   */
  constructor(
    private readonly unstored: () => boolean,
    private readonly failed: (err: unknown) => void,
  ) {}

  /** Puts a task at the end of the chain. */
  schedule(task: () => void | Promise<void>): void {
    this.queued++;
    this.chain = this.chain
      .then(task)
      .catch(this.failed)
      .finally(() => this.queued--);
  }

  /** Runs `fn` once every change applied so far is stored: at once when nothing is queued. */
  afterDurable(fn: () => void): void {
    if (this.queued === 0) fn();
    else this.schedule(() => this.whenStored(fn));
  }

  /**
   * On the chain: `fn` reads the document, which may already hold changes applied while it
   * waited; those are not stored yet, so it waits for their flush (queued ahead of it) too.
   */
  whenStored(fn: () => void): void {
    if (this.unstored()) this.schedule(() => this.whenStored(fn));
    else fn();
  }

  /** Resolves once every change applied so far is stored. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve));
  }
}
