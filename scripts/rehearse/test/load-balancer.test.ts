import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalLoadBalancer, type RequestRecord } from '../load-balancer';

interface FakeInstance {
  server: Server;
  port: number;
  healthStatus: number;
  /** Milliseconds each non-probe request takes. */
  delayMs: number;
  hits: number;
}

/** Starts a real HTTP server on loopback that responds to /health with `healthStatus` and names itself. */
async function startInstance(name: string): Promise<FakeInstance> {
  const instance: FakeInstance = { server: createServer(), port: 0, healthStatus: 200, delayMs: 0, hits: 0 };
  instance.server.on('request', (request, response) => {
    if (request.url === '/health') {
      response.writeHead(instance.healthStatus).end();
      return;
    }
    instance.hits += 1;
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end(name), instance.delayMs);
  });
  await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
  instance.port = (instance.server.address() as AddressInfo).port;
  return instance;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('LocalLoadBalancer', () => {
  const instances: FakeInstance[] = [];
  let balancer: LocalLoadBalancer;
  let records: RequestRecord[];

  beforeEach(async () => {
    records = [];
    instances.push(await startInstance('a'), await startInstance('b'));
    balancer = new LocalLoadBalancer({
      port: 0,
      probe: { requestPath: '/health', intervalMs: 50, threshold: 2, timeoutMs: 1000 },
      onRequest: (record) => records.push(record),
    });
    await balancer.listen();
  });

  afterEach(async () => {
    await balancer.close();
    await Promise.all(instances.splice(0).map((instance) => new Promise((resolve) => instance.server.close(resolve))));
  });

  it('alternates between instances in rotation', async () => {
    balancer.addInstance('a', instances[0]!.port);
    balancer.addInstance('b', instances[1]!.port);
    await waitFor(() => balancer.inRotation().length === 2);

    const bodies: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      bodies.push(await (await fetch(`${balancer.url}/work`)).text());
    }

    expect(bodies.slice().sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(bodies[0]).not.toBe(bodies[1]);
    expect(records.map((record) => record.status)).toEqual([200, 200, 200, 200]);
    expect(records.map((record) => record.instanceId).sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('admits an instance only after consecutive good probes', async () => {
    instances[0]!.healthStatus = 503;
    balancer.addInstance('a', instances[0]!.port);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(balancer.inRotation()).toEqual([]);

    instances[0]!.healthStatus = 200;
    await waitFor(() => balancer.inRotation().length === 1);
    expect(balancer.inRotation()).toEqual(['a']);
  });

  it('drops an instance after consecutive failed probes', async () => {
    balancer.addInstance('a', instances[0]!.port);
    await waitFor(() => balancer.inRotation().length === 1);

    instances[0]!.healthStatus = 503;

    await waitFor(() => balancer.inRotation().length === 0);
  });

  it('answers 503 when no instance is in rotation', async () => {
    const response = await fetch(`${balancer.url}/work`);

    expect(response.status).toBe(503);
    expect(await response.text()).toContain('No instance is in rotation');
    expect(records[0]).toMatchObject({ status: 503, error: 'no instance in rotation' });
  });

  it('waits for in-flight requests when removing an instance', async () => {
    instances[0]!.delayMs = 500;
    instances[1]!.delayMs = 500;
    balancer.addInstance('a', instances[0]!.port);
    balancer.addInstance('b', instances[1]!.port);
    await waitFor(() => balancer.inRotation().length === 2);

    const slow = fetch(`${balancer.url}/work`).then(async (response) => ({ status: response.status, body: await response.text() }));
    await waitFor(() => balancer.inFlight('a') === 1 || balancer.inFlight('b') === 1);
    const busy = balancer.inFlight('a') === 1 ? 'a' : 'b';
    let removed = false;
    const removal = balancer.removeInstance(busy).then(() => {
      removed = true;
    });

    expect(balancer.inRotation()).not.toContain(busy);
    const during = await (await fetch(`${balancer.url}/work`)).text();
    expect(during).not.toBe(busy);
    expect(await slow).toEqual({ status: 200, body: busy });
    await removal;
    expect(removed).toBe(true);
  });
});
