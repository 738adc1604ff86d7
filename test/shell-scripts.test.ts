import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeWhen, findCommand } from './support/requirements';

const root = join(__dirname, '..');
const scripts = [
  '.ci/run',
  ...readdirSync(join(root, 'scripts'))
    .filter((name) => name.endsWith('.sh'))
    .map((name) => `scripts/${name}`),
];

describeWhen(findCommand('shellcheck'), 'shellcheck', 'apt-get install shellcheck')('repository shell scripts', () => {
  test.each(scripts)('%s passes shellcheck', (script) => {
    const output = execFileSync('shellcheck', ['--format=gcc', script], { cwd: root, encoding: 'utf8' });

    expect(output).toBe('');
  });
});
