/**
 * Reads deployment status, operations and outputs from Azure Resource Manager
 * with the Azure SDK. The endpoint is configurable (ARM_ENDPOINT or
 * --arm-endpoint) so tests point it at a loopback stand-in.
 */
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import type { DeploymentOperation, DeploymentExtended } from '@azure/arm-resourcesdeployments';
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';

/** Public Azure's Resource Manager endpoint, the default. */
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmClientOptions {
  credential: TokenCredential;
  subscriptionId: string;
  /** Resource Manager base URL, by default {@link DEFAULT_ARM_ENDPOINT}. */
  endpoint?: string;
  /** Extra TLS settings, such as the certificate authority of a stand-in. */
  tlsOptions?: TlsSettings;
}

/** Creates the SDK client for deployments and deployment operations. */
export function createDeploymentsClient(options: ArmClientOptions): DeploymentsClient {
  const endpoint = (options.endpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
  return new DeploymentsClient(options.credential, options.subscriptionId, {
    endpoint,
    tlsOptions: options.tlsOptions,
    // The token audience stays Resource Manager's even when the endpoint is a stand-in.
    credentials: { scopes: [`${DEFAULT_ARM_ENDPOINT}/.default`] },
    retryOptions: { maxRetries: 2 },
  });
}

/** Output values of a deployment, keyed by output name. */
export type DeploymentOutputs = Record<string, unknown>;

/** Terminal provisioning states of a deployment, as ARM reports them. */
const TERMINAL_STATES = new Set(['Succeeded', 'Failed', 'Canceled']);

function statusCodeOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Returns a deployment's outputs as plain values, or undefined when the deployment does not exist. */
export async function readDeploymentOutputs(
  client: DeploymentsClient,
  resourceGroup: string,
  deploymentName: string,
): Promise<DeploymentOutputs | undefined> {
  let deployment: DeploymentExtended;
  try {
    deployment = await client.deployments.get(resourceGroup, deploymentName);
  } catch (error) {
    if (statusCodeOf(error) === 404) {
      return undefined;
    }
    throw error;
  }
  return plainOutputs(deployment.properties?.outputs);
}

/** Flattens ARM's `{ name: { type, value } }` outputs into `{ name: value }`. */
export function plainOutputs(outputs: unknown): DeploymentOutputs {
  const result: DeploymentOutputs = {};
  if (outputs && typeof outputs === 'object') {
    for (const [name, entry] of Object.entries(outputs as Record<string, unknown>)) {
      result[name] = entry && typeof entry === 'object' && 'value' in entry ? (entry as { value: unknown }).value : entry;
    }
  }
  return result;
}

/** Formats a deployment operation as one line: state, resource type and name, and the error if any. */
export function describeOperation(operation: DeploymentOperation): string {
  const properties = operation.properties;
  const target = properties?.targetResource;
  const subject = target ? `${target.resourceType ?? 'resource'} ${target.resourceName ?? target.id ?? ''}`.trim() : 'deployment';
  const state = properties?.provisioningState ?? 'Unknown';
  const error = properties?.statusMessage?.error;
  const reason = error ? `: ${error.code ?? 'error'} ${error.message ?? ''}`.trimEnd() : '';
  return `${state.padEnd(9)} ${subject}${reason}`;
}

export interface WatchOptions {
  client: DeploymentsClient;
  resourceGroup: string;
  deploymentName: string;
  /** Called with each operation whose state is new or changed since the last poll. */
  onOperation: (line: string) => void;
  /** Time between polls, in milliseconds. */
  pollIntervalMs: number;
  /** Gives up after this many milliseconds. */
  timeoutMs: number;
  /** Waits between polls, injectable so that tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a deployment until it reaches a terminal state, reporting its
 * operations as they change, and returns its outputs. Throws with ARM's
 * error code and message when the deployment fails or is canceled.
 */
export async function watchDeployment(options: WatchOptions): Promise<DeploymentOutputs> {
  const sleep = options.sleep ?? defaultSleep;
  const seen = new Map<string, string>();
  const deadline = Date.now() + options.timeoutMs;

  for (;;) {
    let deployment: DeploymentExtended | undefined;
    try {
      deployment = await options.client.deployments.get(options.resourceGroup, options.deploymentName);
    } catch (error) {
      // Right after `az deployment group create --no-wait` the deployment may not be visible yet.
      if (statusCodeOf(error) !== 404) {
        throw error;
      }
    }

    if (deployment) {
      for await (const operation of options.client.deploymentOperations.list(options.resourceGroup, options.deploymentName)) {
        const key = operation.operationId ?? operation.id ?? JSON.stringify(operation.properties?.targetResource);
        const line = describeOperation(operation);
        if (seen.get(key) !== line) {
          seen.set(key, line);
          options.onOperation(line);
        }
      }

      const state = deployment.properties?.provisioningState ?? 'Unknown';
      if (TERMINAL_STATES.has(state)) {
        if (state === 'Succeeded') {
          return plainOutputs(deployment.properties?.outputs);
        }
        const error = deployment.properties?.error;
        const details = (error?.details ?? [])
          .map((detail) => `${detail.code ?? 'error'}: ${detail.message ?? ''}`.trim())
          .join('; ');
        const summary = error ? `${error.code ?? 'error'}: ${error.message ?? ''}`.trim() : 'no error details';
        throw new Error(`deployment ${options.deploymentName} ${state.toLowerCase()}: ${summary}${details ? ` (${details})` : ''}`);
      }
    }

    if (Date.now() > deadline) {
      throw new Error(
        `deployment ${options.deploymentName} did not finish within ${Math.round(options.timeoutMs / 60000)} min: ` +
          `see az deployment group show --resource-group ${options.resourceGroup} --name ${options.deploymentName}`,
      );
    }
    await sleep(options.pollIntervalMs);
  }
}
