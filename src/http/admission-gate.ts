/** Why a request was not admitted. */
export type RejectReason = 'queue_full' | 'queue_timeout' | 'cancelled';

export class AdmissionRejected extends Error {
  constructor(readonly reason: RejectReason) {
    super(`not admitted: ${reason}`);
    this.name = 'AdmissionRejected';
  }
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout | undefined;
}

export interface AdmissionGateOptions {
  /** Requests allowed to run at once. */
  maxConcurrent: number;
  /** Requests allowed to wait for a slot; beyond that they are turned away at once. */
  maxQueued: number;
  /** Longest wait in the queue; 0 waits until a slot frees (bounded only by maxQueued). */
  queueTimeoutMs: number;
}

/**
 * A bounded admission queue: up to maxConcurrent run, up to maxQueued wait in arrival order for at most
 * queueTimeoutMs, and the rest are rejected immediately. Rejecting early keeps latency flat for admitted
 * requests instead of letting every request slow down together.
 */
export class AdmissionGate {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly opts: AdmissionGateOptions) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once admitted; rejects with AdmissionRejected. Release exactly once. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.opts.maxConcurrent && this.queue.length === 0) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.opts.maxQueued) return Promise.reject(new AdmissionRejected('queue_full'));
    if (signal?.aborted) return Promise.reject(new AdmissionRejected('cancelled'));

    return new Promise((resolve, reject) => {
      const leave = (reason: RejectReason) => {
        const i = this.queue.indexOf(waiter);
        if (i < 0) return;
        this.queue.splice(i, 1);
        if (waiter.timer) clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        reject(new AdmissionRejected(reason));
      };
      const onAbort = () => leave('cancelled');
      const waiter: Waiter = {
        timer:
          this.opts.queueTimeoutMs > 0
            ? setTimeout(() => leave('queue_timeout'), this.opts.queueTimeoutMs)
            : undefined,
        admit: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next.admit();
      else this.running--;
    };
  }
}
