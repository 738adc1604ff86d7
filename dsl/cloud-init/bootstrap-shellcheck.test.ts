import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

import { describeWhen, findCommand } from '../../test/support/requirements';
import { bootPaths, CloudConfigFile, renderCloudConfig } from './cloud-config';
import { markerSettings } from './marker-settings';

describeWhen(findCommand('shellcheck'), 'shellcheck', 'apt-get install shellcheck')('bootstrap script', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'bootstrap-shellcheck-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('passes shellcheck as rendered', () => {
    const files = (parse(renderCloudConfig(markerSettings())) as { write_files: CloudConfigFile[] }).write_files;
    const bootstrap = files.find((file) => file.path === bootPaths.bootstrapScript);
    expect(bootstrap).toBeDefined();
    const file = join(directory, 'bootstrap.sh');
    writeFileSync(file, bootstrap?.content ?? '');

    // execFileSync throws with shellcheck's findings in the message when it exits non-zero.
    const output = execFileSync('shellcheck', ['--shell=bash', '--severity=style', file], { encoding: 'utf8' });

    expect(output).toBe('');
  });
});
