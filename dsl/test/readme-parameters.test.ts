/** The README's topology section, in both languages, lists every template parameter with its default. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bicepValue } from '../core/bicep-expression';
import { buildTemplates } from '../topology/templates';

const repositoryRoot = resolve(__dirname, '..', '..');

function topologySection(file: string): string {
  const text = readFileSync(resolve(repositoryRoot, file), 'utf8');
  const start = text.indexOf('<!-- section:topology -->');
  const end = text.indexOf('<!-- /section:topology -->');
  if (start < 0 || end < start) {
    throw new Error(`${file} has no topology section markers`);
  }
  return text.slice(start, end);
}

describe.each(['README.md', 'README.es.md'])('%s topology section', (file) => {
  const section = topologySection(file);
  const rows = new Map(
    section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => [line.split('|')[1].trim(), line] as const),
  );

  for (const template of buildTemplates()) {
    test.each(template.parameters.map((parameter) => [parameter.name, parameter] as const))(`${template.name} parameter %s`, (name, parameter) => {
      const row = rows.get(`\`${name}\``);

      expect(row).toBeDefined();
      if (parameter.options.defaultValue !== undefined) {
        expect(row).toContain(`\`${bicepValue(parameter.options.defaultValue)}\``);
      }
    });

    test(`${template.name} outputs`, () => {
      for (const output of template.outputs) {
        expect(section).toContain(`\`${output.name}\``);
      }
    });
  }
});
