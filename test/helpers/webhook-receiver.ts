import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/webhooks/webhook-signature.js';

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: any;
  /** The signature checked against the raw body with the shared secret. */
  verified: boolean;
}

/** A real HTTP receiver that checks each delivery's signature; statuses queue scripted answers (then 200). */
export async function startWebhookReceiver(secret: string, statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const waiters: { pred: (w: ReceivedWebhook[]) => boolean; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifyWebhook({
        secret,
        body: raw,
        timestamp: req.headers['x-webhook-timestamp'] as string | undefined,
        signature: req.headers['x-webhook-signature'] as string | undefined,
      });
      received.push({ headers: req.headers, raw, body: JSON.parse(raw), verified: check.ok });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
      for (const w of [...waiters]) {
        if (!w.pred(received)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/staff`;
  return {
    url,
    received,
    /** Resolves once the deliveries so far satisfy pred. */
    until(pred: (w: ReceivedWebhook[]) => boolean): Promise<void> {
      if (pred(received)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
