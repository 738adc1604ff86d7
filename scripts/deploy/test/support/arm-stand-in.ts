/**
 * A loopback HTTPS stand-in for the Resource Manager endpoints the deploy
 * CLI reads: GET a resource group deployment and list its operations. Each
 * GET of a deployment advances it one poll, so a test scripts the states a
 * real deployment passes through. HTTPS because the Azure SDK sends bearer
 * tokens only over TLS. The certificate is self-signed and made by openssl.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const STAND_IN_TOKEN = 'stand-in-arm-token';

export interface StandInOperation {
  operationId: string;
  provisioningState: string;
  resourceType: string;
  resourceName: string;
  error?: { code: string; message: string };
}

export interface StandInPoll {
  provisioningState: string;
  operations: StandInOperation[];
}

export interface StandInDeployment {
  polls: StandInPoll[];
  /** Plain output values, which the stand-in wraps as ARM does ({ type, value }). */
  outputs?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Array<{ code: string; message: string }> };
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
}

const execFileAsync = promisify(execFile);

export class ArmStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly deployments = new Map<string, StandInDeployment & { pollIndex: number }>();
  private server?: Server;
  private certDir?: string;
  /** PEM certificate of the stand-in, for the client's TLS settings. */
  certificate = '';
  endpoint = '';

  constructor(private readonly subscriptionId: string) {}

  /** Defines (or replaces) a deployment of a resource group. */
  setDeployment(resourceGroup: string, name: string, deployment: StandInDeployment): void {
    this.deployments.set(`${resourceGroup}/${name}`.toLowerCase(), { ...deployment, pollIndex: -1 });
  }

  async start(): Promise<void> {
    this.certDir = await mkdtemp(join(tmpdir(), 'arm-stand-in-'));
    const keyPath = join(this.certDir, 'key.pem');
    const certPath = join(this.certDir, 'cert.pem');
    await execFileAsync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', keyPath, '-out', certPath,
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ]);
    this.certificate = await readFile(certPath, 'utf8');
    const key = await readFile(keyPath, 'utf8');

    this.server = createServer({ key, cert: this.certificate }, (request, response) => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      this.requests.push({ method: request.method ?? 'GET', path: url.pathname, authorization: request.headers.authorization });
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };

      if (request.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`) {
        send(401, { error: { code: 'AuthenticationFailed', message: 'missing or wrong bearer token' } });
        return;
      }
      const match = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/(?:providers\/Microsoft\.Resources\/)?deployments\/([^/]+)(\/operations)?$/i.exec(
        url.pathname,
      );
      if (!match || match[1] !== this.subscriptionId || request.method !== 'GET') {
        send(404, { error: { code: 'NotFound', message: `no stand-in route for ${request.method} ${url.pathname}` } });
        return;
      }
      const [, , resourceGroup, name, operations] = match;
      const deployment = this.deployments.get(`${decodeURIComponent(resourceGroup ?? '')}/${decodeURIComponent(name ?? '')}`.toLowerCase());
      if (!deployment) {
        send(404, { error: { code: 'DeploymentNotFound', message: `Deployment '${name}' could not be found.` } });
        return;
      }
      const id = `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Resources/deployments/${name}`;
      if (operations) {
        const poll = deployment.polls[Math.max(0, deployment.pollIndex)];
        send(200, { value: (poll?.operations ?? []).map((operation) => this.operationJson(id, resourceGroup ?? '', operation)) });
        return;
      }
      deployment.pollIndex = Math.min(deployment.pollIndex + 1, deployment.polls.length - 1);
      const poll = deployment.polls[deployment.pollIndex];
      const state = poll?.provisioningState ?? 'Succeeded';
      const wrap = (values: Record<string, unknown> | undefined) =>
        Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, { type: typeof value === 'string' ? 'String' : 'Object', value }]));
      send(200, {
        id,
        name,
        type: 'Microsoft.Resources/deployments',
        properties: {
          provisioningState: state,
          timestamp: '2026-12-04T20:00:00.0000000Z',
          parameters: wrap(deployment.parameters),
          outputs: state === 'Succeeded' ? wrap(deployment.outputs) : undefined,
          error: state === 'Failed' ? deployment.error : undefined,
        },
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private operationJson(deploymentId: string, resourceGroup: string, operation: StandInOperation): unknown {
    return {
      id: `${deploymentId}/operations/${operation.operationId}`,
      operationId: operation.operationId,
      properties: {
        provisioningOperation: 'Create',
        provisioningState: operation.provisioningState,
        timestamp: '2026-12-04T20:00:05.0000000Z',
        statusCode: operation.error ? 'BadRequest' : 'OK',
        statusMessage: operation.error ? { status: 'Failed', error: operation.error } : undefined,
        targetResource: {
          id: `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/${operation.resourceType}/${operation.resourceName}`,
          resourceType: operation.resourceType,
          resourceName: operation.resourceName,
        },
      },
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (this.certDir) {
      await rm(this.certDir, { recursive: true, force: true });
    }
  }
}
