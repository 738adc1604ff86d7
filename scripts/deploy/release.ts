/**
 * `release`: package, upload a new version and re-deploy the main stage with
 * its URL and SHA-256, then reimage the instances one at a time so they boot
 * the new release.
 *
 * Why the reimage: the release URL and SHA-256 reach an instance through
 * customData, and customData changes "only apply to virtual machines created
 * after the change in the scale set model"; existing ones must be reimaged
 * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy#reimage-a-virtual-machine).
 * New instances that autoscale adds get the new model at once. The topology's
 * upgrade policy is Manual, under which "nothing happens automatically to the
 * existing virtual machines" when the model changes (same page), so this
 * command does the rolling itself. For Flexible
 * orchestration `az vmss reimage --instance-id` takes the instance (VM) name,
 * per the same page. Reimaging one instance at a time keeps the others behind
 * the load balancer; with a single instance the app is down while it reboots.
 */
import { showAccount } from './account';
import { readDeploymentOutputs, type DeploymentOutputs } from './arm';
import { foundationDeploymentName, mainDeploymentName, type CommandContext } from './context';
import { printOutputs, prepareRelease, uploadReleaseSteps } from './deploy';
import { listScaleSetVms } from './instances';
import { Steps } from './progress';
import { armClient, deployStage, requireOutput } from './stages';

export interface ReleaseOptions {
  resourceGroup: string;
  prefix: string;
  release?: string;
  /** Reimage existing instances after the update; false leaves them on the old release until replaced. */
  roll: boolean;
}

/** Reads the last main deployment's parameter values, so a release changes only the release ones. */
async function previousMainParameters(context: CommandContext, subscriptionId: string, resourceGroup: string, name: string) {
  const deployment = await armClient(context, subscriptionId).deployments.get(resourceGroup, name);
  const parameters = (deployment.properties?.parameters ?? {}) as Record<string, { value?: unknown; type?: string }>;
  const values: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(parameters)) {
    // Secure parameters come back without a value; the template default or a new deploy supplies them.
    if (entry && 'value' in entry && entry.value !== undefined) {
      values[key] = entry.value;
    }
  }
  return values;
}

/** Runs the release command; resolves with the main deployment's outputs. */
export async function runRelease(context: CommandContext, options: ReleaseOptions): Promise<DeploymentOutputs> {
  const steps = new Steps(context.out, options.roll ? 7 : 6);
  const foundationName = foundationDeploymentName(options.prefix);
  const mainName = mainDeploymentName(options.prefix);

  const account = await steps.run('Check the Azure CLI sign-in (az account show)', () => showAccount(context.az));
  const client = armClient(context, account.subscriptionId);

  const release = await steps.run(
    options.release === undefined ? 'Build the release tarball (make package)' : 'Check the release tarball',
    () => prepareRelease(options.release),
  );
  steps.detail(`${release.path}, sha256 ${release.sha256}`);

  const { foundation, previous } = await steps.run(`Read the ${foundationName} and ${mainName} deployments`, async () => {
    const foundationOutputs = await readDeploymentOutputs(client, options.resourceGroup, foundationName);
    if (foundationOutputs === undefined) {
      throw new Error(`deployment ${foundationName} not found in ${options.resourceGroup}: run make deploy first`);
    }
    const mainParameters = await previousMainParameters(context, account.subscriptionId, options.resourceGroup, mainName);
    return { foundation: foundationOutputs, previous: mainParameters };
  });

  const uploaded = await uploadReleaseSteps(context, steps, account, options.resourceGroup, foundation, foundationName, release);

  const main = await steps.run(`Update the main stage (${mainName}) with the new release`, () =>
    deployStage(context, client, steps, {
      resourceGroup: options.resourceGroup,
      deploymentName: mainName,
      stage: 'main',
      parameters: { ...previous, releaseBlobUrl: uploaded.blobUrl, releaseSha256: release.sha256 },
    }),
  );

  if (options.roll) {
    await steps.run('Reimage the instances one at a time (az vmss reimage)', async () => {
      const vmssName = requireOutput(main, 'vmssName', mainName);
      const vms = await listScaleSetVms(context.az, options.resourceGroup, vmssName);
      for (const vm of vms) {
        // NOTE: not yet run against Azure. The orchestration modes API comparison (2022) limits
        // single-VM reimage in Flexible mode to ephemeral OS disks, while the upgrade policy page
        // (2024) documents `az vmss reimage --instance-id <name>` for Flexible instances.
        steps.detail(`reimaging ${vm.name}`);
        await context.az(['vmss', 'reimage', '--resource-group', options.resourceGroup, '--name', vmssName, '--instance-id', vm.name]);
      }
      steps.detail(`${vms.length} instance(s) now boot ${uploaded.blobName}`);
    });
  }

  printOutputs(context, main);
  return main;
}
