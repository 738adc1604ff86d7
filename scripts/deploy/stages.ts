/**
 * The two deployment stages, run the same way by deploy and release:
 * `az deployment group create --no-wait`, then the SDK polls the deployment
 * and its operations until it ends.
 */
import type { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { createDeploymentsClient, watchDeployment, type DeploymentOutputs } from './arm';
import type { AzRunner } from './az';
import type { CommandContext } from './context';
import type { Steps } from './progress';
import { parameterArguments, templateFile, type TemplateStage } from './templates';

/** Creates the Resource Manager client for the signed-in subscription. */
export function armClient(context: CommandContext, subscriptionId: string): DeploymentsClient {
  return createDeploymentsClient({
    credential: context.armCredential(),
    subscriptionId,
    endpoint: context.armEndpoint,
    tlsOptions: context.armTlsOptions,
  });
}

export interface StageDeployment {
  resourceGroup: string;
  deploymentName: string;
  stage: TemplateStage;
  parameters: Record<string, unknown>;
}

/** Starts a stage with az, follows it with the SDK and returns the deployment outputs. */
export async function deployStage(
  context: CommandContext,
  client: DeploymentsClient,
  steps: Steps,
  deployment: StageDeployment,
): Promise<DeploymentOutputs> {
  await context.az([
    'deployment', 'group', 'create',
    '--resource-group', deployment.resourceGroup,
    '--name', deployment.deploymentName,
    '--template-file', templateFile(context.templatesDir, deployment.stage),
    ...parameterArguments(deployment.parameters),
    '--no-wait',
  ]);
  return watchDeployment({
    client,
    resourceGroup: deployment.resourceGroup,
    deploymentName: deployment.deploymentName,
    onOperation: (line) => steps.detail(line),
    pollIntervalMs: context.pollIntervalMs,
    timeoutMs: context.deploymentTimeoutMs,
    sleep: context.sleep,
  });
}

interface WhatIfChange {
  resourceId?: string;
  changeType?: string;
}

/** Runs `az deployment group what-if` for a stage and returns one line per resource change. */
export async function whatIfStage(az: AzRunner, templatesDir: string, deployment: StageDeployment): Promise<string[]> {
  const result = (await az([
    'deployment', 'group', 'what-if',
    '--resource-group', deployment.resourceGroup,
    '--name', deployment.deploymentName,
    '--template-file', templateFile(templatesDir, deployment.stage),
    ...parameterArguments(deployment.parameters),
    '--no-pretty-print',
  ])) as { status?: string; changes?: WhatIfChange[]; error?: { code?: string; message?: string } } | undefined;

  if (result?.error) {
    throw new Error(`what-if failed: ${result.error.code ?? 'error'}: ${result.error.message ?? ''}`);
  }
  return (result?.changes ?? []).map((change) => {
    const id = change.resourceId ?? '';
    const providerIndex = id.indexOf('/providers/');
    const shortId = providerIndex >= 0 ? id.slice(providerIndex + '/providers/'.length) : id;
    return `${(change.changeType ?? 'Unknown').padEnd(9)} ${shortId}`;
  });
}

/** Reads a string output that a later step needs, or fails naming the output and the deployment. */
export function requireOutput(outputs: DeploymentOutputs, name: string, deploymentName: string): string {
  const value = outputs[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`deployment ${deploymentName} has no output ${name}: run make build-templates and deploy again`);
  }
  return value;
}
