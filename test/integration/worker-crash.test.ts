import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTicket, tempDir } from '../helpers/build-test-app.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { buildQueueApp, FAST_QUEUE_ENV, startStatusServer, waitFor, type QueueApp } from '../helpers/queue-harness.js';

/** A status API that never answers and says when a worker is waiting on it: the worker is then mid-ticket. */
async function startHangingStatus(): Promise<{ url: string; called: Promise<void>; close: () => Promise<void> }> {
  let signal!: () => void;
  const called = new Promise<void>((r) => (signal = r));
  const server: Server = createServer(() => signal());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    called,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function startWorkerProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['bin/support-agent.js', 'worker'], {
    env: { ...process.env, ...FAST_QUEUE_ENV, LOG_LEVEL: 'warn', STATUS_TIMEOUT_MS: '60000', AGENT_TIMEOUT_MS: '60000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

const dir = tempDir('worker-crash-');
let pgDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

const stores = [
  { name: 'postgres', url: async () => (pgDb ??= await createTestDatabase('crash')).url },
  { name: 'sqlite', url: async () => `sqlite:${join(dir.path, 'crash.db')}` },
];

describe.each(stores)('a worker killed with SIGKILL mid-ticket ($name)', ({ url }) => {
  let status: Awaited<ReturnType<typeof startStatusServer>>;
  let hanging: Awaited<ReturnType<typeof startHangingStatus>>;
  let child: ChildProcess | undefined;
  let survivor: QueueApp | undefined;

  beforeAll(async () => {
    status = await startStatusServer();
    hanging = await startHangingStatus();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await hanging?.close();
    await status?.close();
  });

  it('leaves the ticket to another worker, which completes it', async () => {
    const databaseUrl = await url();
    // The API side: accepts the ticket, runs no worker of its own.
    const api = await buildQueueApp({ env: { DATABASE_URL: databaseUrl, RUN_WORKER: 'false' }, statusUrl: status.url });
    const res = await api.app.inject({ method: 'POST', url: '/tickets', headers: { prefer: 'respond-async' }, payload: { ...sampleTicket, ticket_id: 'CRASH-ME' } });
    expect(res.statusCode).toBe(202);

    child = startWorkerProcess({ DATABASE_URL: databaseUrl, STATUS_API_URL: hanging.url });
    const exited = new Promise<NodeJS.Signals | null>((r) => child!.once('exit', (_code, sig) => r(sig)));
    await hanging.called;
    expect(await api.deps.store.get('CRASH-ME')).toMatchObject({ status: 'processing', attempts: 1 });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await api.close();

    survivor = await buildQueueApp({ env: { DATABASE_URL: databaseUrl }, statusUrl: status.url });
    await survivor.deps.worker.start();
    const record = await waitFor(
      () => survivor!.deps.store.get('CRASH-ME'),
      (r) => r?.status === 'completed',
      30_000,
      100,
    );
    expect(record?.status).toBe('completed');
    expect(record?.attempts).toBeGreaterThanOrEqual(2);
    expect(record?.response?.response_text.length).toBeGreaterThan(50);
  });
});

afterAll(async () => {
  await pgDb?.drop();
  dir.remove();
});
