import { rmSync } from 'node:fs';
import { BlobServiceClient } from '@azure/storage-blob';
import { runRelease } from '../release';
import { describeWhen, findCommand } from '../../../test/support/requirements';
import { ArmStandIn } from './support/arm-stand-in';
import { startAzurite, type RunningAzurite } from './support/azurite';
import { createTestContext, type TestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import {
  LOCATION, PREFIX, RESOURCE_GROUP, SUBSCRIPTION_ID, accountShow, foundationOutputs, mainOutputs, roleGrantCalls, signedInUser, vmList,
} from './support/fixtures';
import { writeTestTarball, type TestTarball } from './support/release-tarball';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvZ3Q2dW5kZXJzdGFuZGluZ3N0YW5kLWluLWtleQ== dev@laptop';

describeWhen(findCommand('openssl'), 'openssl', 'apt-get install openssl (the ARM stand-in needs a TLS certificate)')(
  'release against stand-ins',
  () => {
    let arm: ArmStandIn;
    let azurite: RunningAzurite;
    let fakeAz: FakeAz;
    let tarball: TestTarball;
    let harness: TestContext;

    beforeAll(async () => {
      arm = new ArmStandIn(SUBSCRIPTION_ID);
      await arm.start();
      azurite = await startAzurite();
      await new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases').create();
      tarball = writeTestTarball('0.2.0', 'def5678', 'the second release\n');
      fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        { match: ['deployment', 'group', 'create'] },
        { match: ['vm', 'list'], stdout: vmList },
        { match: ['vmss', 'reimage'] },
        { match: ['ad', 'signed-in-user', 'show'], stdout: signedInUser },
        {
          match: ['role', 'assignment', 'create'],
          exitCode: 1,
          stderr: 'ERROR: (RoleAssignmentExists) The role assignment already exists.\n',
        },
      ]);
      harness = createTestContext({ fakeAz, arm, storageCredential: azurite.credential });

      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', {
        polls: [{ provisioningState: 'Succeeded', operations: [] }],
        outputs: foundationOutputs(azurite.blobEndpoint),
      });
      arm.setDeployment(RESOURCE_GROUP, 'vmss-main', {
        // The first read returns the previous deployment, and the next ones follow the update.
        polls: [
          { provisioningState: 'Succeeded', operations: [] },
          { provisioningState: 'Running', operations: [] },
          {
            provisioningState: 'Succeeded',
            operations: [{ operationId: 'C1', provisioningState: 'Succeeded', resourceType: 'Microsoft.Compute/virtualMachineScaleSets', resourceName: 'vmss-app' }],
          },
        ],
        parameters: {
          location: LOCATION,
          prefix: PREFIX,
          identityName: 'vmss-identity',
          identityPrincipalId: '9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b',
          releaseBlobUrl: `${azurite.blobEndpoint}releases/vmss-autoscaling-0.1.0-abc1234.0123456789ab.tar.gz`,
          releaseSha256: 'a'.repeat(64),
          sshPublicKey: SSH_KEY,
          sshSourceAddressPrefix: '203.0.113.7/32',
          autoscaleMaximum: 5,
        },
        outputs: mainOutputs('http://20.61.15.7/'),
      });
    });

    afterAll(async () => {
      await arm?.stop();
      await azurite?.stop();
      fakeAz?.remove();
      harness?.cleanup();
      if (tarball) rmSync(tarball.dir, { recursive: true, force: true });
    });

    test('uploads, updates main, reimages instances', async () => {
      await runRelease(harness.context, { resourceGroup: RESOURCE_GROUP, prefix: PREFIX, release: tarball.path, roll: true });

      const blobName = `vmss-autoscaling-0.2.0-def5678.${tarball.sha256.slice(0, 12)}.tar.gz`;
      expect(fakeAz.calls()).toEqual([
        ['account', 'show', '--output', 'json', '--only-show-errors'],
        ...roleGrantCalls,
        [
          'deployment', 'group', 'create', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-main',
          '--template-file', `${harness.templatesDir}/main.json`,
          '--parameters', `location=${LOCATION}`, `prefix=${PREFIX}`, 'identityName=vmss-identity', 'identityPrincipalId=9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b',
          `releaseBlobUrl=${azurite.blobEndpoint}releases/${blobName}`, `releaseSha256=${tarball.sha256}`,
          `sshPublicKey=${SSH_KEY}`, 'sshSourceAddressPrefix=203.0.113.7/32', 'autoscaleMaximum=5',
          '--no-wait', '--output', 'json', '--only-show-errors',
        ],
        ['vm', 'list', '--resource-group', RESOURCE_GROUP, '--output', 'json', '--only-show-errors'],
        ['vmss', 'reimage', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-app', '--instance-id', 'vmss-app_0a7b5d11', '--output', 'json', '--only-show-errors'],
        ['vmss', 'reimage', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-app', '--instance-id', 'vmss-app_3f9a1c2b', '--output', 'json', '--only-show-errors'],
      ]);

      const blob = new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases').getBlockBlobClient(blobName);
      expect(await blob.downloadToBuffer()).toEqual(tarball.bytes);

      const steps = harness.output().split('\n').filter((line) => /^\[\d\/7\]/.test(line));
      expect(steps).toEqual([
        '[1/7] Check the Azure CLI sign-in (az account show)',
        '[2/7] Check the release tarball',
        '[3/7] Read the vmss-foundation and vmss-main deployments',
        '[4/7] Grant your account Storage Blob Data Contributor on the release container (az role assignment create)',
        '[5/7] Upload the release to blob storage',
        '[6/7] Update the main stage (vmss-main) with the new release',
        '[7/7] Reimage the instances one at a time (az vmss reimage)',
      ]);
      expect(harness.output()).toContain(`2 instance(s) now boot ${blobName}`);
      expect(harness.output()).toContain('      role already assigned\n');
    });
  },
);
