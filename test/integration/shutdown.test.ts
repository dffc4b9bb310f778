import { spawn } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shutdownGracefully } from '../../src/http/plugins/graceful-shutdown.js';
import { LocalProvider } from '../../src/llm/local.provider.js';
import { silentLogger } from '../../src/logger.js';
import { SqliteTicketStore } from '../../src/tickets/sqlite.ticket-store.js';
import { buildTestApp, sampleTicket, tempDir, type TestApp } from '../helpers/build-test-app.js';
import { GatedProvider } from '../helpers/recording-provider.js';

interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection (no pool, no spare connections). */
function post(url: string, payload: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

/** Opens a connection now and sends a request on it later: what a keep-alive client does during a drain. */
async function openConnection(
  port: number,
): Promise<{ send: (head: string, body?: string) => Promise<string>; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  return {
    socket,
    send: (head, body = '') =>
      new Promise((resolve) => {
        let raw = '';
        socket.on('data', (c: Buffer) => (raw += c.toString()));
        socket.once('close', () => resolve(raw));
        socket.write(`${head}\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      }),
  };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** The app as server.ts runs it: a file store, closed by the app's onClose hook. */
async function start(
  provider: GatedProvider,
): Promise<{ t: TestApp; url: string; port: number; dbPath: string }> {
  const dir = tempDir();
  dirs.push(dir);
  const dbPath = join(dir.path, 'tickets.db');
  const t = await buildTestApp({
    sqlitePath: dbPath,
    parts: { provider },
    beforeReady: (app) => {
      app.addHook('onClose', async () => app.deps.close());
    },
  });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { t, url, port: Number(new URL(url).port), dbPath };
}

describe('graceful shutdown', () => {
  it('drains: finishes the in-flight ticket, answers newcomers 503, then closes the store', async () => {
    const gated = new GatedProvider(new LocalProvider());
    const { t, url, port, dbPath } = await start(gated);
    const early = [await openConnection(port), await openConnection(port), await openConnection(port)];
    const inFlight = post(`${url}/tickets`, { ...sampleTicket, ticket_id: 'SD-1' });
    await gated.entered(1);

    const closing = shutdownGracefully(t.app, { timeoutMs: 10_000, log: silentLogger });
    await until(() => t.app.isDraining() && !t.app.server.listening, 'the listener to close');
    await expect(post(`${url}/tickets`, sampleTicket)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    // Requests on connections opened before the drain: told to go elsewhere, and the connection closed.
    const [a, b, c] = early as [
      Awaited<ReturnType<typeof openConnection>>,
      Awaited<ReturnType<typeof openConnection>>,
      Awaited<ReturnType<typeof openConnection>>,
    ];
    const refused = await a.send(
      'POST /tickets HTTP/1.1\r\nContent-Type: application/json',
      JSON.stringify(sampleTicket),
    );
    expect(refused).toMatch(/^HTTP\/1\.1 503/);
    expect(refused).toMatch(/retry-after: 5/i);
    expect(refused).toMatch(/connection: close/i);
    expect(refused).toContain('"code":"shutting_down"');
    const ready = await b.send('GET /health/ready HTTP/1.1');
    expect(ready).toMatch(/^HTTP\/1\.1 503/);
    expect(ready).toContain('"status":"draining"');
    expect(await c.send('GET /health HTTP/1.1')).toMatch(/^HTTP\/1\.1 200[\s\S]*"status":"ok"/);

    expect((await t.deps.store.ping()).status).toBe('up');
    gated.open();
    const done = await inFlight;
    expect(done.status).toBe(201);
    expect(done.headers.connection).toBe('close');
    await closing;
    expect((await t.deps.store.ping()).status).toBe('down');

    const reopened = new SqliteTicketStore(dbPath);
    expect((await reopened.get('SD-1'))?.status).toBe('completed');
    await reopened.close();
  });

  it('hands back a ticket still running at the deadline: 503 with Location, queued for a worker on the next start', async () => {
    const gated = new GatedProvider(new LocalProvider());
    const { t, url, dbPath } = await start(gated);
    const inFlight = post(`${url}/tickets`, { ...sampleTicket, ticket_id: 'SD-2' });
    await gated.entered(1);

    await shutdownGracefully(t.app, { timeoutMs: 100, log: silentLogger });
    const handedBack = await inFlight;
    expect(handedBack.status).toBe(503);
    expect(handedBack.headers.location).toBe('/tickets/SD-2');
    expect(handedBack.headers['retry-after']).toBe('5');
    expect(JSON.parse(handedBack.body)).toMatchObject({ code: 'shutting_down' });

    const next = await buildTestApp({ sqlitePath: dbPath });
    try {
      expect((await next.deps.store.get('SD-2'))?.status).toBe('queued');
      await next.deps.worker.start();
      let recovered = await next.deps.store.get('SD-2');
      for (let i = 0; i < 200 && recovered?.status !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        recovered = await next.deps.store.get('SD-2');
      }
      expect(recovered?.status).toBe('completed');
      expect(recovered?.response?.response_text).toBeTruthy();
    } finally {
      await next.close();
    }
  });

  it('the real process exits 0 on SIGTERM after closing cleanly', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const child = spawn(process.execPath, ['bin/support-agent.js', 'serve'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: `sqlite:${join(dir.path, 'tickets.db')}`,
        API_KEYS: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !/listening at http/i.test(out); i++)
        await new Promise((r) => setTimeout(r, 50));
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect((await post(`${url}/tickets`, { ...sampleTicket, ticket_id: 'SIG-1' })).status).toBe(201);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"signal":"SIGTERM"');
      expect(out).toContain('shut down cleanly');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
