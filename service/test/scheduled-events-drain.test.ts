/**
 * With SCHEDULED_EVENTS_URL set, a Terminate event for this VM (served by a
 * loopback stand-in of the metadata service) drains the service, then
 * approves the event, then the process exits 0. Events for other VMs are ignored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type ChildService } from './support/child-service';

const VM_NAME = 'vmss_ab12cd34';

interface RecordedRequest {
  method: string;
  path: string;
  metadataHeader: string | undefined;
  body: string;
  at: number;
}

/** Stand-in for the Azure Instance Metadata Service: the compute name and the scheduled events document. */
class MetadataStandIn {
  readonly requests: RecordedRequest[] = [];
  events: object[] = [];
  private incarnation = 1;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setEvents(events: object[]): void {
    this.events = events;
    this.incarnation += 1;
  }

  approvals(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST');
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) {
      body += String(chunk);
    }
    const path = request.url ?? '';
    const metadataHeader = request.headers.metadata as string | undefined;
    this.requests.push({ method: request.method ?? '', path, metadataHeader, body, at: Date.now() });

    if (metadataHeader !== 'true') {
      response.writeHead(400).end('Bad request: the Metadata: true header is required');
    } else if (path.startsWith('/metadata/instance/compute/name')) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(VM_NAME);
    } else if (path.startsWith('/metadata/scheduledevents') && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ DocumentIncarnation: this.incarnation, Events: this.events }));
    } else if (path.startsWith('/metadata/scheduledevents') && request.method === 'POST') {
      response.writeHead(200).end();
    } else {
      response.writeHead(404).end();
    }
  }
}

function terminateEvent(eventId: string, resource: string): object {
  return {
    EventId: eventId,
    EventType: 'Terminate',
    ResourceType: 'VirtualMachine',
    Resources: [resource],
    EventStatus: 'Scheduled',
    NotBefore: new Date(Date.now() + 5 * 60_000).toUTCString(),
    Description: 'Virtual machine is being deleted.',
    EventSource: 'Platform',
    DurationInSeconds: -1,
  };
}

describe('scheduled events drain with a stand-in metadata service', () => {
  const standIn = new MetadataStandIn();
  let dataDir: string;
  let service: ChildService | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'visits-events-'));
  });

  afterAll(async () => {
    service?.kill('SIGKILL');
    await service?.exited;
    await standIn.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('terminate event drains, approves and exits', async () => {
    const metadataUrl = await standIn.start();
    standIn.setEvents([terminateEvent('other-vm-event', 'vmss_other99')]);
    service = spawnService({
      DATA_DIR: dataDir,
      SCHEDULED_EVENTS_URL: `${metadataUrl}/metadata/scheduledevents?api-version=2020-07-01`,
      SCHEDULED_EVENTS_INTERVAL_MS: '200',
      DRAIN_DELAY_MS: '1500',
      VISIT_WORK_ROUNDS: '200000',
    });
    const url = await service.url();
    await service.waitForLog((line) => line.msg === 'ready');

    // Several polls see only another VM's event: the service keeps serving.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(standIn.approvals()).toEqual([]);

    const visit = fetch(`${url}/api/visit`, { method: 'POST' }).then(async (response) => ({ status: response.status, at: Date.now() }));
    standIn.setEvents([terminateEvent('other-vm-event', 'vmss_other99'), terminateEvent('our-event', VM_NAME)]);

    await service.waitForLog((line) => line.msg === 'terminate event for this VM; draining', 30_000);
    expect((await fetch(`${url}/health`)).status).toBe(503);

    const visitResult = await visit;
    expect(visitResult.status).toBe(201);
    expect(await service.exited).toBe(0);

    const approvals = standIn.approvals();
    expect(approvals).toHaveLength(1);
    expect(JSON.parse(approvals[0].body)).toEqual({ StartRequests: [{ EventId: 'our-event' }] });
    expect(approvals[0].path).toBe('/metadata/scheduledevents?api-version=2020-07-01');
    expect(approvals[0].at).toBeGreaterThanOrEqual(visitResult.at);
    expect(standIn.requests.every((request) => request.metadataHeader === 'true')).toBe(true);
  }, 180_000);
});
