import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with a request:
 * - `up`: forwards it to the target and passes the answer back;
 * - `refusing`: nothing listens on the port (connections are refused, as with a host that is up and
 *   a service that is down);
 * - `silent`: connections are accepted and requests read, but never answered (a black hole: the
 *   caller's timeout is all that ends them).
 */
export type OutageMode = 'up' | 'refusing' | 'silent';

/**
 * An HTTP proxy in front of a service (the fake WeChat) that a test can take down and bring back on
 * the same port, while the service behind it keeps its state (credits, tokens, delivered messages).
 * Outages start cleanly between requests: an exchange already forwarded finishes and its answer is
 * delivered (its connection is then closed); nothing that arrives later reaches the target. So a
 * request is either delivered and answered, or never delivered — the ambiguous "delivered, answer
 * lost" case is dispatcher-kill.e2e-spec.ts's subject, not this one's.
 */
export class OutageProxy {
  mode: OutageMode = 'up';
  target = '';
  /** Requests forwarded, and requests held unanswered while silent. */
  readonly counts = { forwarded: 0, held: 0 };
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly busy = new WeakSet<Socket>();
  private port = 0;

  private constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<OutageProxy> {
    const proxy = new OutageProxy();
    await proxy.listen(0);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Switches mode; resolves once the port is closed (refusing) or open again (up, silent). */
  async set(mode: OutageMode): Promise<void> {
    if (mode === this.mode) return;
    const was = this.mode;
    this.mode = mode;
    if (mode === 'refusing') {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.dropIdle();
      await closed;
      return;
    }
    if (was === 'silent') this.dropIdle(true);
    if (was === 'refusing') await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.mode = 'refusing';
    for (const s of this.sockets) s.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.removeListener('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Closes connections with no exchange in progress (all of them with `all`: held requests die unanswered). */
  private dropIdle(all = false): void {
    for (const s of this.sockets) if (all || !this.busy.has(s)) s.destroy();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    if (this.mode === 'silent') {
      this.counts.held++;
      req.resume(); // read it, answer never
      return;
    }
    if (this.mode !== 'up') {
      socket.destroy();
      return;
    }
    this.busy.add(socket);
    this.counts.forwarded++;
    const target = new URL(req.url ?? '/', this.target);
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      // Leaving `up` while this exchange ran: deliver its answer, then close the connection.
      const headers = { ...answer.headers, ...(this.mode !== 'up' ? { connection: 'close' } : {}) };
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
      res.once('finish', () => {
        this.busy.delete(socket);
        if (this.mode !== 'up') socket.destroy();
      });
    });
    upstream.once('error', () => {
      this.busy.delete(socket);
      socket.destroy();
    });
    req.pipe(upstream);
  }
}
