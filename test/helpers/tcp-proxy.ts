import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore. To a client, a cut looks like a server
 * restart: open connections drop and new ones are refused until restore(). It disturbs nobody else using the server.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => this.server?.close(() => r()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = undefined;
  }

  /** Accepts connections again, on the same port. */
  async restore(): Promise<void> {
    await this.start();
  }

  async close(): Promise<void> {
    if (this.server) await this.cut();
  }
}
