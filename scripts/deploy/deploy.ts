/**
 * `deploy`: check the login, prepare the release, create the resource group,
 * deploy the foundation, upload the release, deploy main, print the outputs.
 * With --what-if it previews both stages and changes nothing.
 */
import { showAccount, type AzureAccount } from './account';
import { readDeploymentOutputs, type DeploymentOutputs } from './arm';
import { releaseBlobName, uploadRelease, type UploadedRelease } from './blob';
import { containerScope, grantBlobContributor } from './role';
import { foundationDeploymentName, mainDeploymentName, type CommandContext } from './context';
import { UsageError } from './errors';
import { Steps } from './progress';
import { buildNewRelease, describeTarball, type ReleaseArtifact } from './release-artifact';
import { sshParameters, type SshParameters } from './ssh';
import { armClient, deployStage, requireOutput, whatIfStage } from './stages';

export interface DeployOptions {
  resourceGroup: string;
  location: string;
  prefix: string;
  sshPublicKey?: string;
  sshSource?: string;
  whatIf: boolean;
  yes: boolean;
  /** Existing tarball. When absent, a new one is built. */
  release?: string;
}

/** Placeholder SHA-256 for a what-if preview without --release, because what-if only shows that the value changes. */
const PLACEHOLDER_SHA256 = '0'.repeat(64);

/** Prepares the release tarball: the given one, or a new build. */
export async function prepareRelease(release: string | undefined): Promise<ReleaseArtifact> {
  return release === undefined ? buildNewRelease() : describeTarball(release);
}

/** Runs the deploy command and resolves with the main deployment's outputs (empty for --what-if). */
export async function runDeploy(context: CommandContext, options: DeployOptions): Promise<Record<string, unknown>> {
  const ssh = sshParameters(options.sshPublicKey, options.sshSource);
  if (options.whatIf) {
    await runWhatIf(context, options, ssh);
    return {};
  }

  const steps = new Steps(context.out, 7);
  const foundationName = foundationDeploymentName(options.prefix);
  const mainName = mainDeploymentName(options.prefix);

  const account = await steps.run('Check the Azure CLI sign-in (az account show)', () => showAccount(context.az));
  steps.detail(`subscription ${account.subscriptionName} (${account.subscriptionId}), signed in as ${account.user}`);
  if (!options.yes) {
    const question = `Deploy ${options.prefix} to resource group ${options.resourceGroup} in ${options.location}, subscription ${account.subscriptionName}?`;
    if (!(await context.confirm(question))) {
      throw new UsageError('deploy not confirmed: nothing was changed (pass --yes to skip the question)');
    }
  }

  const release = await steps.run(
    options.release === undefined ? 'Build the release tarball (make package)' : 'Check the release tarball',
    () => prepareRelease(options.release),
  );
  steps.detail(`${release.path}, ${(release.size / 1048576).toFixed(1)} MiB, sha256 ${release.sha256}`);

  await steps.run(`Create the resource group ${options.resourceGroup} (az group create)`, () =>
    context.az(['group', 'create', '--name', options.resourceGroup, '--location', options.location]),
  );

  const client = armClient(context, account.subscriptionId);
  const foundation = await steps.run(`Deploy the foundation stage (${foundationName})`, () =>
    deployStage(context, client, steps, {
      resourceGroup: options.resourceGroup,
      deploymentName: foundationName,
      stage: 'foundation',
      parameters: { location: options.location, prefix: options.prefix },
    }),
  );

  const uploaded = await uploadReleaseSteps(context, steps, account, options.resourceGroup, foundation, foundationName, release);

  const main = await steps.run(`Deploy the main stage (${mainName})`, () =>
    deployStage(context, client, steps, {
      resourceGroup: options.resourceGroup,
      deploymentName: mainName,
      stage: 'main',
      parameters: {
        location: options.location,
        prefix: options.prefix,
        identityName: requireOutput(foundation, 'identityName', foundationName),
        identityPrincipalId: requireOutput(foundation, 'identityPrincipalId', foundationName),
        releaseBlobUrl: uploaded.blobUrl,
        releaseSha256: release.sha256,
        ...ssh,
      },
    }),
  );

  printOutputs(context, main);
  return main;
}

/**
 * Two steps shared with release: grant the signed-in account write access to
 * the release container, then upload (retrying while the grant propagates).
 */
export async function uploadReleaseSteps(
  context: CommandContext,
  steps: Steps,
  account: AzureAccount,
  resourceGroup: string,
  foundation: DeploymentOutputs,
  foundationName: string,
  release: ReleaseArtifact,
): Promise<UploadedRelease> {
  const containerName = requireOutput(foundation, 'releaseContainerName', foundationName);
  await steps.run('Grant your account Storage Blob Data Contributor on the release container (az role assignment create)', async () => {
    const scope = containerScope(account.subscriptionId, resourceGroup, requireOutput(foundation, 'storageAccountName', foundationName), containerName);
    const created = await grantBlobContributor(context.az, account, scope);
    steps.detail(created ? 'role assigned; it can take a few minutes to take effect' : 'role already assigned');
  });

  return steps.run('Upload the release to blob storage', async () => {
    const result = await uploadRelease({
      blobEndpoint: requireOutput(foundation, 'blobEndpoint', foundationName),
      containerName,
      tarballPath: release.path,
      sha256: release.sha256,
      credential: context.storageCredential(),
      sleep: context.sleep,
      onRetry: (delayMs, reason) => steps.detail(`${reason}: the role assignment is not effective yet, retrying in ${delayMs / 1000} s`),
    });
    steps.detail(result.uploaded ? `uploaded ${result.blobUrl}` : `${result.blobUrl} already holds this SHA-256: upload skipped`);
    return result;
  });
}

/** Prints the main deployment's outputs, the app URL first. */
export function printOutputs(context: CommandContext, outputs: Record<string, unknown>): void {
  context.out.write('\nOutputs:\n');
  const rest = Object.keys(outputs)
    .filter((name) => name !== 'appUrl')
    .sort();
  const names = 'appUrl' in outputs ? ['appUrl', ...rest] : rest;
  for (const name of names) {
    context.out.write(`  ${name.padEnd(22)} ${String(outputs[name])}\n`);
  }
  if (typeof outputs.appUrl === 'string') {
    context.out.write(`\nOpen ${outputs.appUrl} (new instances need a few minutes to boot and pass the health probe).\n`);
  }
}

async function runWhatIf(
  context: CommandContext,
  options: DeployOptions,
  ssh: SshParameters,
): Promise<void> {
  const steps = new Steps(context.out, 4);
  const foundationName = foundationDeploymentName(options.prefix);
  const mainName = mainDeploymentName(options.prefix);

  const account = await steps.run('Check the Azure CLI sign-in (az account show)', () => showAccount(context.az));
  const exists = await steps.run(`Check that resource group ${options.resourceGroup} exists (az group exists)`, () =>
    context.az(['group', 'exists', '--name', options.resourceGroup]),
  );
  if (exists !== true) {
    context.out.write(
      `\nResource group ${options.resourceGroup} does not exist, so a deploy would create it and every resource of both stages.\n`,
    );
    return;
  }

  const foundationChanges = await steps.run(`Preview the foundation stage (${foundationName}, az deployment group what-if)`, () =>
    whatIfStage(context.az, context.templatesDir, {
      resourceGroup: options.resourceGroup,
      deploymentName: foundationName,
      stage: 'foundation',
      parameters: { location: options.location, prefix: options.prefix },
    }),
  );
  foundationChanges.forEach((line) => steps.detail(line));

  const foundation = await steps.run(`Preview the main stage (${mainName}, az deployment group what-if)`, async () => {
    const outputs = await readDeploymentOutputs(armClient(context, account.subscriptionId), options.resourceGroup, foundationName);
    if (outputs === undefined) {
      return undefined;
    }
    const release = options.release === undefined ? undefined : await describeTarball(options.release);
    const blobEndpoint = requireOutput(outputs, 'blobEndpoint', foundationName).replace(/\/?$/, '/');
    const container = requireOutput(outputs, 'releaseContainerName', foundationName);
    const blobName = release ? releaseBlobName(release.path, release.sha256) : 'release-placeholder.tar.xz';
    const lines = await whatIfStage(context.az, context.templatesDir, {
      resourceGroup: options.resourceGroup,
      deploymentName: mainName,
      stage: 'main',
      parameters: {
        location: options.location,
        prefix: options.prefix,
        identityName: requireOutput(outputs, 'identityName', foundationName),
        identityPrincipalId: requireOutput(outputs, 'identityPrincipalId', foundationName),
        releaseBlobUrl: `${blobEndpoint}${container}/${blobName}`,
        releaseSha256: release?.sha256 ?? PLACEHOLDER_SHA256,
        ...ssh,
      },
    });
    if (!release) {
      steps.detail('no --release given: the release URL and SHA-256 in this preview are placeholders');
    }
    lines.forEach((line) => steps.detail(line));
    return outputs;
  });
  if (foundation === undefined) {
    steps.detail(`skipped: ${foundationName} is not deployed yet, and its outputs are inputs of the main stage`);
  }
  context.out.write('\nwhat-if only: nothing was changed.\n');
}
