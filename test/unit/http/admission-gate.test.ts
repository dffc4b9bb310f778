import { describe, expect, it } from 'vitest';
import { AdmissionGate, type AdmissionRejected } from '../../../src/http/admission-gate.js';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => 'admitted',
    (e: AdmissionRejected) => e.reason,
  );

describe('AdmissionGate', () => {
  it('admits up to maxConcurrent, queues up to maxQueued in order, and rejects the rest at once', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 2, maxQueued: 2, queueTimeoutMs: 0 });
    const r1 = await gate.acquire();
    await gate.acquire();
    const order: string[] = [];
    const q1 = gate.acquire().then((release) => (order.push('q1'), release));
    const q2 = gate.acquire().then((release) => (order.push('q2'), release));
    expect(await rejection(gate.acquire())).toBe('queue_full');
    expect([gate.active, gate.queued]).toEqual([2, 2]);

    r1();
    r1(); // a second release of the same slot does nothing
    const released = await q1;
    expect([gate.active, gate.queued]).toEqual([2, 1]);
    released();
    (await q2)();
    expect(order).toEqual(['q1', 'q2']);
    expect([gate.active, gate.queued]).toEqual([1, 0]);
  });

  it('turns a waiter away after queueTimeoutMs, and when its caller goes away', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 20 });
    const hold = await gate.acquire();
    expect(await rejection(gate.acquire())).toBe('queue_timeout');
    const gone = new AbortController();
    const waiting = rejection(gate.acquire(gone.signal));
    gone.abort();
    expect(await waiting).toBe('cancelled');
    expect(gate.queued).toBe(0);
    hold();
    expect(gate.active).toBe(0);
  });
});
