/**
 * Writes the Bicep and ARM JSON of every topology template into a folder, or with
 * --check compares that folder with a fresh build and exits 1 when it is stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { renderTemplates } from '../topology/templates';

const repositoryRoot = resolve(__dirname, '..', '..');

export interface BuildResult {
  /** Files whose content differs from a fresh build, or that are missing. */
  stale: string[];
  written: string[];
}

/** Renders every template and writes (or, with `check`, compares) the files in `outDir`. */
export function buildTemplatesInto(outDir: string, check: boolean): BuildResult {
  const result: BuildResult = { stale: [], written: [] };
  const files = renderTemplates();
  if (!check) {
    mkdirSync(outDir, { recursive: true });
  }

  for (const [name, content] of files) {
    const path = join(outDir, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === content) {
      continue;
    }
    if (check) {
      result.stale.push(path);
    } else {
      writeFileSync(path, content);
      result.written.push(path);
    }
  }
  return result;
}

function main(): void {
  const argv = yargs(hideBin(process.argv))
    .scriptName('build-templates')
    .usage('$0 [--out DIR] [--check]\n\nRender the foundation and main templates from dsl/topology as Bicep and ARM JSON.')
    .option('out', {
      type: 'string',
      default: join(repositoryRoot, 'generated'),
      defaultDescription: 'generated/',
      describe: 'Folder to write foundation.bicep, foundation.json, main.bicep and main.json into',
    })
    .option('check', {
      type: 'boolean',
      default: false,
      describe: 'Write nothing; exit 1 and list the files that differ from a fresh build',
    })
    .strict()
    .help()
    .parseSync();

  const outDir = resolve(argv.out);
  const display = (path: string): string => relative(process.cwd(), path) || path;
  const result = buildTemplatesInto(outDir, argv.check);

  if (argv.check) {
    if (result.stale.length > 0) {
      console.error(`Stale templates (run make build-templates and commit them): ${result.stale.map(display).join(', ')}`);
      process.exit(1);
    }
    console.log(`Templates in ${display(outDir)} are current.`);
    return;
  }
  const summary = result.written.length > 0 ? `wrote ${result.written.map(display).join(', ')}` : 'all files already current';
  console.log(`Templates in ${display(outDir)}: ${summary}.`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
