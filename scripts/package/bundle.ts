/**
 * Bundles the service with esbuild into `main.js` and `worker.js` (see ./worker-entry).
 * Production code only: tests and dev tools are never imported from the entry points,
 * and modules the Azure instance never loads stay external.
 */
import { dirname, join, relative } from 'node:path';
import { build, Plugin } from 'esbuild';

import { comparePaths } from './tar';

/** Import specifier in ./worker-entry for piscina's worker loop, which piscina's exports map hides. */
const piscinaWorkerSpecifier = 'piscina-worker-loop';

function piscinaWorkerPlugin(repositoryRoot: string): Plugin {
  return {
    name: 'piscina-worker-loop',
    setup(plugin) {
      plugin.onResolve({ filter: new RegExp(`^${piscinaWorkerSpecifier}$`) }, () => ({
        path: join(dirname(require.resolve('piscina', { paths: [repositoryRoot] })), 'worker.js'),
      }));
    },
  };
}

/**
 * Modules left out of the bundle. better-sqlite3 is a native module that only the local
 * SQLite mode uses. The others are knex dialects and optional pg and piscina add-ons that
 * the service never loads. A `require` of any of them fails with MODULE_NOT_FOUND.
 */
export const externalModules = [
  'better-sqlite3',
  'sqlite3',
  'mariadb',
  'mysql',
  'mysql2',
  'oracledb',
  'pg-native',
  'pg-query-stream',
  'tedious',
  '@napi-rs/nice',
];

export interface BundledFile {
  /** Path inside the bundle folder, such as `main.js`. */
  path: string;
  content: Buffer;
}

export async function bundleService(repositoryRoot: string): Promise<BundledFile[]> {
  const result = await build({
    absWorkingDir: repositoryRoot,
    entryPoints: {
      main: join(repositoryRoot, 'service', 'src', 'main.ts'),
      worker: join(repositoryRoot, 'scripts', 'package', 'worker-entry.ts'),
    },
    outdir: join(repositoryRoot, 'service-bundle'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    external: externalModules,
    plugins: [piscinaWorkerPlugin(repositoryRoot)],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    sourcemap: false,
    minify: false,
    write: false,
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    const messages = result.warnings.map((warning) => `${warning.location?.file ?? ''}: ${warning.text}`);
    throw new Error(`esbuild warnings while bundling the service:\n${messages.join('\n')}`);
  }
  return result.outputFiles
    .map((file) => ({ path: relative(join(repositoryRoot, 'service-bundle'), file.path), content: Buffer.from(file.contents) }))
    .sort((left, right) => comparePaths(left.path, right.path));
}
