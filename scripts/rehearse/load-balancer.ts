/**
 * A local stand-in for the Azure Standard Load Balancer in front of the scale set. It is an
 * HTTP proxy on loopback that sends each request to the next in-rotation instance (round robin).
 * An HTTP health probe decides which instances are in rotation.
 *
 * Probe semantics follow Azure's `probeThreshold`: an instance enters rotation after `threshold`
 * consecutive 200 responses and leaves it after `threshold` consecutive failures. An HTTP probe
 * succeeds only on 200 OK.
 * Source: https://learn.microsoft.com/javascript/api/@azure-rest/arm-network/probepropertiesformatoutput
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProbeSettings {
  requestPath: string;
  /** Milliseconds between probes of one instance. */
  intervalMs: number;
  /** Consecutive results that move an instance into or out of rotation. */
  threshold: number;
  /** Milliseconds before a probe without a response counts as failed. */
  timeoutMs: number;
}

/** One proxied request, as the rehearsal's timeline counts it. */
export interface RequestRecord {
  /** Epoch milliseconds at which the request arrived. */
  start: number;
  durationMs: number;
  /** HTTP status sent to the client: 502 when the instance failed, 503 when none was in rotation. */
  status: number;
  instanceId?: string;
  /** Network error that replaced an instance's response. */
  error?: string;
}

export interface LoadBalancerOptions {
  /** 0 lets the kernel choose a free port. */
  port: number;
  probe: ProbeSettings;
  onRequest?: (record: RequestRecord) => void;
  /** Called when an instance enters or leaves rotation. */
  onRotationChange?: (instanceId: string, inRotation: boolean) => void;
}

interface Backend {
  id: string;
  host: string;
  port: number;
  agent: Agent;
  inRotation: boolean;
  removed: boolean;
  successes: number;
  failures: number;
  inFlight: number;
  probeTimer?: NodeJS.Timeout;
  idleWaiters: Array<() => void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function forwardHeaders(headers: IncomingMessage['headers'], clientAddress: string | undefined): Record<string, string | string[]> {
  const forwarded: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) {
      forwarded[name] = value;
    }
  }
  forwarded['x-forwarded-for'] = [headers['x-forwarded-for'], clientAddress].filter(Boolean).join(', ');
  return forwarded;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export class LocalLoadBalancer {
  private readonly backends = new Map<string, Backend>();
  private readonly server: Server;
  private nextIndex = 0;
  private stopped = false;

  constructor(private readonly options: LoadBalancerOptions) {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.keepAliveTimeout = 30_000;
  }

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Adds an instance, which receives traffic once its probe has passed `threshold` times in a row. */
  addInstance(id: string, port: number): void {
    if (this.backends.has(id)) {
      throw new Error(`Instance ${id} is already behind the load balancer: remove it first or use another id.`);
    }
    const backend: Backend = {
      id,
      host: '127.0.0.1',
      port,
      agent: new Agent({ keepAlive: true, maxSockets: 64 }),
      inRotation: false,
      removed: false,
      successes: 0,
      failures: 0,
      inFlight: 0,
      idleWaiters: [],
    };
    this.backends.set(id, backend);
    this.scheduleProbe(backend, 0);
  }

  /**
   * Takes an instance out of rotation at once, stops probing it, and resolves when the requests
   * already sent to it have finished. The caller may then stop the instance without failing any
   * request.
   */
  async removeInstance(id: string): Promise<void> {
    const backend = this.backends.get(id);
    if (!backend) {
      return;
    }
    backend.removed = true;
    clearTimeout(backend.probeTimer);
    this.setRotation(backend, false);
    if (backend.inFlight > 0) {
      await new Promise<void>((resolve) => backend.idleWaiters.push(resolve));
    }
    backend.agent.destroy();
    this.backends.delete(id);
  }

  /** Ids of the instances in rotation, in the order they were added. */
  inRotation(): string[] {
    return [...this.backends.values()].filter((backend) => backend.inRotation).map((backend) => backend.id);
  }

  inFlight(id: string): number {
    return this.backends.get(id)?.inFlight ?? 0;
  }

  /** Stops probing and closes the listener and every connection. */
  async close(): Promise<void> {
    this.stopped = true;
    for (const backend of this.backends.values()) {
      clearTimeout(backend.probeTimer);
      backend.agent.destroy();
    }
    this.backends.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private setRotation(backend: Backend, inRotation: boolean): void {
    if (backend.inRotation !== inRotation) {
      backend.inRotation = inRotation;
      this.options.onRotationChange?.(backend.id, inRotation);
    }
  }

  private scheduleProbe(backend: Backend, delayMs: number): void {
    backend.probeTimer = setTimeout(() => {
      void this.probe(backend).then((healthy) => {
        if (backend.removed || this.stopped) {
          return;
        }
        this.recordProbe(backend, healthy);
        this.scheduleProbe(backend, this.options.probe.intervalMs);
      });
    }, delayMs);
  }

  private recordProbe(backend: Backend, healthy: boolean): void {
    const { threshold } = this.options.probe;
    if (healthy) {
      backend.successes += 1;
      backend.failures = 0;
      if (backend.successes >= threshold) {
        this.setRotation(backend, true);
      }
    } else {
      backend.failures += 1;
      backend.successes = 0;
      if (backend.failures >= threshold) {
        this.setRotation(backend, false);
      }
    }
  }

  private probe(backend: Backend): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = httpRequest(
        { host: backend.host, port: backend.port, path: this.options.probe.requestPath, method: 'GET', agent: false, timeout: this.options.probe.timeoutMs },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode === 200));
          response.on('error', () => resolve(false));
        },
      );
      probe.on('timeout', () => probe.destroy(new Error('probe timed out')));
      probe.on('error', () => resolve(false));
      probe.end();
    });
  }

  private pickBackend(): Backend | undefined {
    const candidates = [...this.backends.values()].filter((backend) => backend.inRotation && !backend.removed);
    if (candidates.length === 0) {
      return undefined;
    }
    const backend = candidates[this.nextIndex % candidates.length] as Backend;
    this.nextIndex = (this.nextIndex + 1) % Number.MAX_SAFE_INTEGER;
    return backend;
  }

  private finish(record: RequestRecord, backend: Backend | undefined): void {
    this.options.onRequest?.(record);
    if (!backend) {
      return;
    }
    backend.inFlight -= 1;
    if (backend.inFlight === 0) {
      backend.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const start = Date.now();
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch {
      response.destroy();
      return;
    }

    const backend = this.pickBackend();
    if (!backend) {
      response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      response.end('No instance is in rotation: every health probe is failing.\n');
      this.finish({ start, durationMs: Date.now() - start, status: 503, error: 'no instance in rotation' }, undefined);
      return;
    }

    backend.inFlight += 1;
    const outcome = await this.forward(backend, request, body, response);
    this.finish({ start, durationMs: Date.now() - start, status: outcome.status, instanceId: backend.id, error: outcome.error }, backend);
  }

  /**
   * Sends the request to the instance and streams the response back. A request that fails on a
   * reused keep-alive connection before any response is retried once on a new connection, as
   * Node.js documents for connections closed by the server between requests.
   */
  private forward(backend: Backend, request: IncomingMessage, body: Buffer, response: ServerResponse, attempt = 1): Promise<{ status: number; error?: string }> {
    return new Promise((resolve) => {
      const upstream = httpRequest(
        {
          host: backend.host,
          port: backend.port,
          method: request.method,
          path: request.url,
          headers: { ...forwardHeaders(request.headers, request.socket.remoteAddress), 'content-length': String(body.length) },
          agent: backend.agent,
        },
        (answer) => {
          const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
          response.writeHead(answer.statusCode ?? 502, headers as Record<string, string | string[]>);
          answer.pipe(response);
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502 }));
          answer.on('error', (error) => {
            response.destroy();
            resolve({ status: 502, error: error.message });
          });
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (attempt === 1 && upstream.reusedSocket && error.code === 'ECONNRESET' && !response.headersSent) {
          void this.forward(backend, request, body, response, 2).then(resolve);
          return;
        }
        if (!response.headersSent) {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(`The instance ${backend.id} failed: ${error.message}\n`);
        } else {
          response.destroy();
        }
        resolve({ status: 502, error: error.message });
      });
      upstream.end(body);
    });
  }
}
