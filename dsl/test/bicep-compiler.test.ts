/**
 * The real Bicep CLI judges the generated Bicep: it must build and lint with no
 * diagnostic at all under the repository's bicepconfig.json, and the ARM JSON it
 * compiles must equal ours once the generator metadata is removed.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import execa from 'execa';
import { describeWithBicep, findBicep } from '../../test/support/requirements';
import { renderTemplates } from '../topology/templates';

const repositoryRoot = resolve(__dirname, '..', '..');
const templateNames = ['foundation', 'main'];
/** Everything `bicep build` printed, per template. */
const buildOutput = new Map<string, string>();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface ArmTemplate {
  metadata?: { _generator?: unknown } & Record<string, Json>;
  parameters?: Record<string, Json>;
  outputs?: Record<string, Json>;
  resources: Array<Record<string, Json> & { dependsOn?: string[] }>;
}

/** Drops what only the compiler writes, and sorts dependsOn, whose order ARM ignores. */
function normalise(template: ArmTemplate): ArmTemplate {
  const copy = JSON.parse(JSON.stringify(template)) as ArmTemplate;
  delete copy.metadata?._generator;
  for (const resource of copy.resources) {
    if (resource.dependsOn) {
      resource.dependsOn = [...resource.dependsOn].sort();
    }
  }
  return copy;
}

function dependencyGraph(template: ArmTemplate): Record<string, string[]> {
  return Object.fromEntries(template.resources.map((resource) => [`${resource.type} ${resource.name}`, resource.dependsOn ?? []]));
}

describeWithBicep()('Bicep CLI 0.49.2 on the generated templates', () => {
  const bicep = findBicep() as string;
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'bicep-compiler-'));
    copyFileSync(join(repositoryRoot, 'bicepconfig.json'), join(workDir, 'bicepconfig.json'));
    for (const [name, content] of renderTemplates()) {
      writeFileSync(join(workDir, name), content);
    }
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  describe.each(templateNames)('%s', (name) => {
    let compiled: ArmTemplate;
    let ours: ArmTemplate;

    beforeAll(async () => {
      const build = await execa(bicep, ['build', `${name}.bicep`, '--outfile', `${name}.compiled.json`], { cwd: workDir, reject: false, all: true });
      if (build.exitCode !== 0) {
        throw new Error(`bicep build ${name}.bicep failed (exit ${build.exitCode}):\n${build.all}`);
      }
      compiled = normalise(JSON.parse(readFileSync(join(workDir, `${name}.compiled.json`), 'utf8')));
      ours = normalise(JSON.parse(readFileSync(join(workDir, `${name}.json`), 'utf8')));
      buildOutput.set(name, build.all ?? '');
    }, 180_000);

    test('build has no diagnostics', () => {
      expect(buildOutput.get(name)).toBe('');
    });

    test('lint has no diagnostics', async () => {
      const lint = await execa(bicep, ['lint', `${name}.bicep`], { cwd: workDir, reject: false, all: true });

      expect(lint.all).toBe('');
      expect(lint.exitCode).toBe(0);
    }, 180_000);

    test('parameters match', () => {
      expect(ours.parameters).toEqual(compiled.parameters);
    });

    test('outputs match', () => {
      expect(ours.outputs).toEqual(compiled.outputs);
    });

    test('resource types, versions and names match', () => {
      const identity = (template: ArmTemplate): string[] => template.resources.map((resource) => `${resource.type}@${resource.apiVersion} ${resource.name}`);

      expect(identity(ours)).toEqual(identity(compiled));
    });

    test('dependency graph matches', () => {
      expect(dependencyGraph(ours)).toEqual(dependencyGraph(compiled));
    });

    test('whole template matches', () => {
      expect(ours).toEqual(compiled);
    });
  });
});
