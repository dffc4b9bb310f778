/** Work started beside a request (deliveries), tracked so shutdown and tests can wait for it to finish. */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  /** Runs the task in the background; a rejection goes to onError instead of being unhandled. */
  track(task: Promise<unknown>, onError: (err: unknown) => void): void {
    const p: Promise<void> = task.then(() => undefined, onError);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** Waits until nothing is running, including tasks started while waiting. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
