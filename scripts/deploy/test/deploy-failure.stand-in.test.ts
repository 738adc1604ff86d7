import { rmSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { runDeploy, type DeployOptions } from '../deploy';
import { StepError } from '../errors';
import { describeWhen, findCommand } from '../../../test/support/requirements';
import { ArmStandIn } from './support/arm-stand-in';
import { createTestContext, type TestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import { LOCATION, PREFIX, RESOURCE_GROUP, SUBSCRIPTION_ID, accountShow, groupCreate } from './support/fixtures';
import { writeTestTarball, type TestTarball } from './support/release-tarball';

const CLI = join(__dirname, '..', 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

async function caught(promise: Promise<unknown>): Promise<StepError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the command to fail');
}

describeWhen(findCommand('openssl'), 'openssl', 'apt-get install openssl (the ARM stand-in needs a TLS certificate)')(
  'deploy failures against stand-ins',
  () => {
    let arm: ArmStandIn;
    let tarball: TestTarball;
    const fakes: FakeAz[] = [];
    const harnesses: TestContext[] = [];

    const options = (): DeployOptions => ({
      resourceGroup: RESOURCE_GROUP, location: LOCATION, prefix: PREFIX, whatIf: false, yes: true, release: tarball.path,
    });

    const harnessWith = (fakeAz: FakeAz): TestContext => {
      fakes.push(fakeAz);
      const harness = createTestContext({ fakeAz, arm });
      harnesses.push(harness);
      return harness;
    };

    beforeAll(async () => {
      arm = new ArmStandIn(SUBSCRIPTION_ID);
      await arm.start();
      tarball = writeTestTarball();
    });

    afterAll(async () => {
      await arm?.stop();
      fakes.forEach((fake) => fake.remove());
      harnesses.forEach((harness) => harness.cleanup());
      if (tarball) rmSync(tarball.dir, { recursive: true, force: true });
    });

    test('az error names failing step', async () => {
      const fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        {
          match: ['group', 'create'],
          exitCode: 1,
          stderr:
            "WARNING: progress\nERROR: (AuthorizationFailed) The client 'dev@example.com' does not have authorization to perform action " +
            "'Microsoft.Resources/subscriptions/resourcegroups/write'.\n",
        },
      ]);
      const error = await caught(runDeploy(harnessWith(fakeAz).context, options()));

      expect(error.step).toBe(`Create the resource group ${RESOURCE_GROUP} (az group create)`);
      expect(error.message).toBe(
        "az group create exited with 1: (AuthorizationFailed) The client 'dev@example.com' does not have authorization " +
          "to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write'.",
      );
      expect(fakeAz.calls().map((call) => call.slice(0, 2))).toEqual([['account', 'show'], ['group', 'create']]);
    });

    test('failed deployment reports ARM error', async () => {
      arm.setDeployment(RESOURCE_GROUP, 'vmss-foundation', {
        polls: [
          {
            provisioningState: 'Failed',
            operations: [
              {
                operationId: 'F1', provisioningState: 'Failed', resourceType: 'Microsoft.Storage/storageAccounts', resourceName: 'vmssrel4k2j7q',
                error: { code: 'StorageAccountAlreadyTaken', message: 'The storage account named vmssrel4k2j7q is already taken.' },
              },
            ],
          },
        ],
        error: {
          code: 'DeploymentFailed',
          message: 'At least one resource deployment operation failed.',
          details: [{ code: 'StorageAccountAlreadyTaken', message: 'The storage account named vmssrel4k2j7q is already taken.' }],
        },
      });
      const fakeAz = new FakeAz([
        { match: ['account', 'show'], stdout: accountShow },
        { match: ['group', 'create'], stdout: groupCreate },
        { match: ['deployment', 'group', 'create'] },
      ]);
      const harness = harnessWith(fakeAz);
      const error = await caught(runDeploy(harness.context, options()));

      expect(error.step).toBe('Deploy the foundation stage (vmss-foundation)');
      expect(error.message).toBe(
        'deployment vmss-foundation failed: DeploymentFailed: At least one resource deployment operation failed. ' +
          '(StorageAccountAlreadyTaken: The storage account named vmssrel4k2j7q is already taken.)',
      );
      expect(harness.output()).toContain(
        '      Failed    Microsoft.Storage/storageAccounts vmssrel4k2j7q: StorageAccountAlreadyTaken The storage account named vmssrel4k2j7q is already taken.\n',
      );
      expect(fakeAz.calls().some((call) => call.includes('vmss-main'))).toBe(false);
    });

    test('CLI prints one-line error, exits 1', async () => {
      const fakeAz = new FakeAz([{ match: ['account', 'show'], exitCode: 1, stderr: "ERROR: Please run 'az login' to setup account.\n" }]);
      fakes.push(fakeAz);

      const result = await execa(
        TSX,
        [CLI, 'deploy', '--resource-group', RESOURCE_GROUP, '--location', LOCATION, '--yes', '--release', tarball.path],
        { env: fakeAz.env(), reject: false, timeout: 60_000 },
      );

      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim()).toBe(
        `deploy failed at step "Check the Azure CLI sign-in (az account show)": az account show exited with 1: Please run 'az login' to setup account.`,
      );
      expect(result.stdout).toContain('[1/7] Check the Azure CLI sign-in (az account show)');
    });

    test('CLI reports missing --release', async () => {
      const fakeAz = new FakeAz([{ match: ['account', 'show'], stdout: accountShow }]);
      fakes.push(fakeAz);

      const result = await execa(
        TSX,
        [CLI, 'deploy', '--resource-group', RESOURCE_GROUP, '--location', LOCATION, '--yes', '--release', '/nonexistent/release.tar.gz'],
        { env: fakeAz.env(), reject: false, timeout: 60_000 },
      );

      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim()).toBe(
        'deploy failed at step "Check the release tarball": --release /nonexistent/release.tar.gz not found: ' +
          'run make package, or give the path of a release .tar.xz',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  },
);
