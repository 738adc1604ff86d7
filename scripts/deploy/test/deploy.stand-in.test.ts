import { rmSync } from 'node:fs';
import { BlobServiceClient } from '@azure/storage-blob';
import { runDeploy, type DeployOptions } from '../deploy';
import { describeWhen, findCommand } from '../../../test/support/requirements';
import { ArmStandIn, STAND_IN_TOKEN, type StandInDeployment } from './support/arm-stand-in';
import { startAzurite, type RunningAzurite } from './support/azurite';
import { createTestContext, type TestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import {
  LOCATION, PREFIX, RESOURCE_GROUP, SUBSCRIPTION_ID, accountShow, foundationOutputs, groupCreate, mainOutputs, roleAssignment, roleGrantCalls, signedInUser,
} from './support/fixtures';
import { writeTestTarball, type TestTarball } from './support/release-tarball';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvZ3Q2dW5kZXJzdGFuZGluZ3N0YW5kLWluLWtleQ== dev@laptop';

function foundationDeployment(blobEndpoint: string): StandInDeployment {
  return {
    polls: [
      {
        provisioningState: 'Running',
        operations: [{ operationId: 'A1', provisioningState: 'Running', resourceType: 'Microsoft.Storage/storageAccounts', resourceName: 'vmssrel4k2j7q' }],
      },
      {
        provisioningState: 'Succeeded',
        operations: [
          { operationId: 'A1', provisioningState: 'Succeeded', resourceType: 'Microsoft.Storage/storageAccounts', resourceName: 'vmssrel4k2j7q' },
          { operationId: 'A2', provisioningState: 'Succeeded', resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities', resourceName: 'vmss-identity' },
        ],
      },
    ],
    outputs: foundationOutputs(blobEndpoint),
  };
}

const mainDeployment: StandInDeployment = {
  polls: [
    {
      provisioningState: 'Running',
      operations: [{ operationId: 'B1', provisioningState: 'Running', resourceType: 'Microsoft.Compute/virtualMachineScaleSets', resourceName: 'vmss-app' }],
    },
    {
      provisioningState: 'Succeeded',
      operations: [{ operationId: 'B1', provisioningState: 'Succeeded', resourceType: 'Microsoft.Compute/virtualMachineScaleSets', resourceName: 'vmss-app' }],
    },
  ],
  outputs: mainOutputs('http://20.61.15.7/'),
};

describeWhen(findCommand('openssl'), 'openssl', 'apt-get install openssl (the ARM stand-in needs a TLS certificate)')(
  'deploy against stand-ins',
  () => {
    let arm: ArmStandIn;
    let azurite: RunningAzurite;
    let fakeAz: FakeAz;
    let tarball: TestTarball;
    let harness: TestContext;

    const options = (): DeployOptions => ({
      resourceGroup: RESOURCE_GROUP,
      location: LOCATION,
      prefix: PREFIX,
      sshPublicKey: SSH_KEY,
      sshSource: '203.0.113.7/32',
      whatIf: false,
      yes: true,
      release: tarball.path,
    });

    const expectedCalls = (): string[][] => [
      ['account', 'show', '--output', 'json', '--only-show-errors'],
      ['group', 'create', '--name', RESOURCE_GROUP, '--location', LOCATION, '--output', 'json', '--only-show-errors'],
      [
        'deployment', 'group', 'create', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-foundation',
        '--template-file', `${harness.templatesDir}/foundation.json`,
        '--parameters', `location=${LOCATION}`, `prefix=${PREFIX}`,
        '--no-wait', '--output', 'json', '--only-show-errors',
      ],
      ...roleGrantCalls,
      [
        'deployment', 'group', 'create', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-main',
        '--template-file', `${harness.templatesDir}/main.json`,
        '--parameters', `location=${LOCATION}`, `prefix=${PREFIX}`, 'identityName=vmss-identity',
        'identityPrincipalId=9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b',
        `releaseBlobUrl=${azurite.blobEndpoint}releases/vmss-autoscaling-0.1.0-abc1234.${tarball.sha256.slice(0, 12)}.tar.gz`,
        `releaseSha256=${tarball.sha256}`, `sshPublicKey=${SSH_KEY}`, 'sshSourceAddressPrefix=203.0.113.7/32',
        '--no-wait', '--output', 'json', '--only-show-errors',
      ],
    ];

    beforeAll(async () => {
      arm = new ArmStandIn(SUBSCRIPTION_ID);
      await arm.start();
      azurite = await startAzurite();
      await new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases').create();
      tarball = writeTestTarball();
      fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        { match: ['group', 'create'], stdout: groupCreate },
        { match: ['deployment', 'group', 'create'] },
        { match: ['ad', 'signed-in-user', 'show'], stdout: signedInUser },
        { match: ['role', 'assignment', 'create'], stdout: roleAssignment },
      ]);
      harness = createTestContext({ fakeAz, arm, storageCredential: azurite.credential });
    });

    afterAll(async () => {
      await arm?.stop();
      await azurite?.stop();
      fakeAz?.remove();
      harness?.cleanup();
      if (tarball) rmSync(tarball.dir, { recursive: true, force: true });
    });

    beforeEach(() => {
      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', foundationDeployment(azurite.blobEndpoint));
      arm.setDeployment(RESOURCE_GROUP, 'vmss-main', mainDeployment);
      fakeAz.clearCalls();
      arm.requests.length = 0;
    });

    test('exact az arguments in step order', async () => {
      const outputs = await runDeploy(harness.context, options());

      expect(fakeAz.calls()).toEqual(expectedCalls());
      expect(outputs.appUrl).toBe('http://20.61.15.7/');

      const stepLines = harness.output().split('\n').filter((line) => /^\[\d\/7\]/.test(line));
      expect(stepLines).toEqual([
        '[1/7] Check the Azure CLI sign-in (az account show)',
        '[2/7] Check the release tarball',
        `[3/7] Create the resource group ${RESOURCE_GROUP} (az group create)`,
        '[4/7] Deploy the foundation stage (vmss-foundation)',
        '[5/7] Grant your account Storage Blob Data Contributor on the release container (az role assignment create)',
        '[6/7] Upload the release to blob storage',
        '[7/7] Deploy the main stage (vmss-main)',
      ]);
    });

    test('uploads tarball under versioned name', async () => {
      await runDeploy(harness.context, options());

      const container = new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases');
      const blobName = `vmss-autoscaling-0.1.0-abc1234.${tarball.sha256.slice(0, 12)}.tar.gz`;
      const blob = container.getBlockBlobClient(blobName);
      expect(await blob.downloadToBuffer()).toEqual(tarball.bytes);
      const properties = await blob.getProperties();
      expect(properties.metadata?.sha256).toBe(tarball.sha256);
      expect(properties.contentType).toBe('application/gzip');
    });

    test('prints operations, then outputs', async () => {
      await runDeploy(harness.context, options());
      const text = harness.output();

      expect(text).toContain('      Running   Microsoft.Storage/storageAccounts vmssrel4k2j7q\n');
      expect(text).toContain('      Succeeded Microsoft.Storage/storageAccounts vmssrel4k2j7q\n');
      expect(text).toContain('      Succeeded Microsoft.ManagedIdentity/userAssignedIdentities vmss-identity\n');
      expect(text).toContain('      Succeeded Microsoft.Compute/virtualMachineScaleSets vmss-app\n');
      expect(text).toMatch(/Outputs:\n {2}appUrl +http:\/\/20\.61\.15\.7\/\n/);
      expect(text).toContain('  vmssName               vmss-app\n');
    });

    test('reads ARM with bearer token', async () => {
      await runDeploy(harness.context, options());

      expect(arm.requests.length).toBeGreaterThanOrEqual(8);
      expect(arm.requests.every((request) => request.authorization === `Bearer ${STAND_IN_TOKEN}`)).toBe(true);
      const paths = new Set(arm.requests.map((request) => request.path));
      const base = `/subscriptions/${SUBSCRIPTION_ID}/resourcegroups/${RESOURCE_GROUP}`;
      expect(paths).toEqual(
        new Set([
          `${base}/providers/Microsoft.Resources/deployments/vmss-foundation`,
          `${base}/deployments/vmss-foundation/operations`,
          `${base}/providers/Microsoft.Resources/deployments/vmss-main`,
          `${base}/deployments/vmss-main/operations`,
        ]),
      );
    });

    test('re-run skips upload, same calls', async () => {
      await runDeploy(harness.context, options());
      const firstCalls = fakeAz.calls();
      fakeAz.clearCalls();
      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', foundationDeployment(azurite.blobEndpoint));
      arm.setDeployment(RESOURCE_GROUP, 'vmss-main', mainDeployment);
      const before = harness.output().length;

      await runDeploy(harness.context, options());

      expect(fakeAz.calls()).toEqual(firstCalls);
      expect(harness.output().slice(before)).toContain('already holds this SHA-256: upload skipped');
    });

    test('declined confirmation changes nothing', async () => {
      await expect(runDeploy(harness.context, { ...options(), yes: false })).rejects.toThrow(
        'deploy not confirmed: nothing was changed (pass --yes to skip the question)',
      );
      expect(fakeAz.calls()).toEqual([['account', 'show', '--output', 'json', '--only-show-errors']]);
    });
  },
);
