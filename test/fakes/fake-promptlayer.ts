import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake PromptLayer API: records POST /log-request bodies; can answer slowly or with 5xx. */
export class FakePromptLayer {
  readonly logged: { headers: Record<string, unknown>; body: any }[] = [];
  delayMs = 0;
  status = 201;
  private server: Server | undefined;
  private nextId = 1000;
  url = '';

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.url !== '/log-request') {
        res.statusCode = 404;
        return res.end('{}');
      }
      this.logged.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (res.destroyed) return;
      res.statusCode = this.status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(this.status === 201 ? { id: this.nextId++, prompt_version: null } : { message: 'fake outage' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
