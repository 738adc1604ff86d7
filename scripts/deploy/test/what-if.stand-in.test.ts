import { runDeploy, type DeployOptions } from '../deploy';
import { describeWhen, findCommand } from '../../../test/support/requirements';
import { ArmStandIn } from './support/arm-stand-in';
import { createTestContext, type TestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import { LOCATION, PREFIX, RESOURCE_GROUP, SUBSCRIPTION_ID, accountShow, foundationOutputs } from './support/fixtures';

const BLOB_ENDPOINT = 'https://vmssrel4k2j7q.blob.core.windows.net/';
const rg = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers`;

const foundationWhatIf = {
  changes: [
    { after: {}, before: null, changeType: 'NoChange', delta: null, resourceId: `${rg}/Microsoft.Storage/storageAccounts/vmssrel4k2j7q` },
    { after: {}, before: null, changeType: 'Create', delta: null, resourceId: `${rg}/Microsoft.ManagedIdentity/userAssignedIdentities/vmss-identity` },
  ],
  error: null,
  status: 'Succeeded',
};

const mainWhatIf = {
  changes: [{ after: {}, before: {}, changeType: 'Modify', delta: [], resourceId: `${rg}/Microsoft.Compute/virtualMachineScaleSets/vmss-app` }],
  error: null,
  status: 'Succeeded',
};

describeWhen(findCommand('openssl'), 'openssl', 'apt-get install openssl (the ARM stand-in needs a TLS certificate)')(
  'deploy --what-if against stand-ins',
  () => {
    let arm: ArmStandIn;
    const fakes: FakeAz[] = [];
    const harnesses: TestContext[] = [];
    const options: DeployOptions = { resourceGroup: RESOURCE_GROUP, location: LOCATION, prefix: PREFIX, whatIf: true, yes: false };

    const harnessWith = (groupExists: boolean): { fakeAz: FakeAz; harness: TestContext } => {
      const fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        { match: ['group', 'exists'], stdout: groupExists },
        { match: ['deployment', 'group', 'what-if', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-foundation'], stdout: foundationWhatIf },
        { match: ['deployment', 'group', 'what-if', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-main'], stdout: mainWhatIf },
      ]);
      const harness = createTestContext({ fakeAz, arm });
      fakes.push(fakeAz);
      harnesses.push(harness);
      return { fakeAz, harness };
    };

    beforeAll(async () => {
      arm = new ArmStandIn(SUBSCRIPTION_ID);
      await arm.start();
    });

    afterAll(async () => {
      await arm?.stop();
      fakes.forEach((fake) => fake.remove());
      harnesses.forEach((harness) => harness.cleanup());
    });

    test('previews both stages and creates nothing', async () => {
      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', {
        polls: [{ provisioningState: 'Succeeded', operations: [] }],
        outputs: foundationOutputs(BLOB_ENDPOINT),
      });
      const { fakeAz, harness } = harnessWith(true);

      await runDeploy(harness.context, options);

      expect(fakeAz.calls()).toEqual([
        ['account', 'show', '--output', 'json', '--only-show-errors'],
        ['group', 'exists', '--name', RESOURCE_GROUP, '--output', 'json', '--only-show-errors'],
        [
          'deployment', 'group', 'what-if', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-foundation',
          '--template-file', `${harness.templatesDir}/foundation.json`, '--parameters', `location=${LOCATION}`, `prefix=${PREFIX}`,
          '--no-pretty-print', '--output', 'json', '--only-show-errors',
        ],
        [
          'deployment', 'group', 'what-if', '--resource-group', RESOURCE_GROUP, '--name', 'vmss-main',
          '--template-file', `${harness.templatesDir}/main.json`, '--parameters', `location=${LOCATION}`, `prefix=${PREFIX}`,
          'identityName=vmss-identity', 'identityPrincipalId=9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b', `releaseBlobUrl=${BLOB_ENDPOINT}releases/release-placeholder.tar.xz`, `releaseSha256=${'0'.repeat(64)}`,
          '--no-pretty-print', '--output', 'json', '--only-show-errors',
        ],
      ]);
      const text = harness.output();
      expect(text).toContain('      NoChange  Microsoft.Storage/storageAccounts/vmssrel4k2j7q\n');
      expect(text).toContain('      Create    Microsoft.ManagedIdentity/userAssignedIdentities/vmss-identity\n');
      expect(text).toContain('      Modify    Microsoft.Compute/virtualMachineScaleSets/vmss-app\n');
      expect(text).toContain('no --release given: the release URL and SHA-256 in this preview are placeholders');
      expect(text).toContain('what-if only: nothing was changed.');
    });

    test('skips main before foundation exists', async () => {
      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', { polls: [{ provisioningState: 'Succeeded', operations: [] }] });
      const other = new ArmStandIn(SUBSCRIPTION_ID);
      await other.start();
      try {
        const fakeAz = new FakeAz([
          { match: ['account', 'show'], stdout: accountShow },
          { match: ['group', 'exists'], stdout: true },
          { match: ['deployment', 'group', 'what-if'], stdout: foundationWhatIf },
        ]);
        fakes.push(fakeAz);
        const harness = createTestContext({ fakeAz, arm: other });
        harnesses.push(harness);

        await runDeploy(harness.context, options);

        expect(fakeAz.calls().filter((call) => call[2] === 'what-if').map((call) => call[6])).toEqual(['vmss-foundation']);
        expect(harness.output()).toContain('skipped: vmss-foundation is not deployed yet, and its outputs are inputs of the main stage');
      } finally {
        await other.stop();
      }
    });

    test('stops without resource group', async () => {
      const { fakeAz, harness } = harnessWith(false);

      await runDeploy(harness.context, options);

      expect(fakeAz.calls().map((call) => call.slice(0, 2))).toEqual([['account', 'show'], ['group', 'exists']]);
      expect(harness.output()).toContain(
        `Resource group ${RESOURCE_GROUP} does not exist, so a deploy would create it and every resource of both stages.`,
      );
    });
  },
);
