import { join } from 'node:path';
import execa from 'execa';
import { runDestroy } from '../destroy';
import { ArmStandIn } from './support/arm-stand-in';
import { createTestContext } from './support/context';
import { FakeAz } from './support/fake-az';
import { RESOURCE_GROUP, SUBSCRIPTION_ID, accountShow } from './support/fixtures';

const CLI = join(__dirname, '..', 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

describe('destroy against a stand-in az', () => {
  let fakeAz: FakeAz;

  beforeEach(() => {
    fakeAz = new FakeAz([
      { match: ['account', 'show'], stdout: accountShow },
      // Both print nothing: --no-wait returns at once and group wait returns when the group is gone.
      { match: ['group', 'delete'] },
      { match: ['group', 'wait'] },
    ]);
  });

  afterEach(() => fakeAz.remove());

  test('CLI with --yes deletes, waits and reports', async () => {
    const result = await execa(TSX, [CLI, 'destroy', '--resource-group', RESOURCE_GROUP, '--yes'], {
      env: fakeAz.env(),
      reject: false,
      timeout: 60_000,
    });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(fakeAz.calls()).toEqual([
      ['account', 'show', '--output', 'json', '--only-show-errors'],
      ['group', 'delete', '--name', RESOURCE_GROUP, '--yes', '--no-wait', '--output', 'json', '--only-show-errors'],
      ['group', 'wait', '--name', RESOURCE_GROUP, '--deleted', '--output', 'json', '--only-show-errors'],
    ]);
    expect(result.stdout).toMatch(new RegExp(`Resource group ${RESOURCE_GROUP} deleted in \\d+\\.\\d min`));
  });

  test('declined confirmation deletes nothing', async () => {
    // Destroy does not use ARM, so the unstarted stand-in only fills the context.
    const harness = createTestContext({ fakeAz, arm: new ArmStandIn(SUBSCRIPTION_ID), confirmAnswer: false });
    try {
      await expect(runDestroy(harness.context, { resourceGroup: RESOURCE_GROUP, yes: false })).rejects.toThrow(
        'destroy not confirmed: nothing was deleted (pass --yes to skip the question)',
      );
      expect(fakeAz.calls().map((call) => call.slice(0, 2))).toEqual([['account', 'show']]);
    } finally {
      harness.cleanup();
    }
  });

  test('no terminal requires --yes', async () => {
    const result = await execa(TSX, [CLI, 'destroy', '--resource-group', RESOURCE_GROUP], {
      env: fakeAz.env(),
      reject: false,
      timeout: 60_000,
      stdin: 'ignore',
    });

    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(
      `destroy failed: cannot ask "Delete resource group ${RESOURCE_GROUP} and every resource in it, in subscription Pay-As-You-Go?" ` +
        'without a terminal: pass --yes to confirm',
    );
    expect(fakeAz.calls().map((call) => call.slice(0, 2))).toEqual([['account', 'show']]);
  });
});
