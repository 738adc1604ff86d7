/**
 * The web page: `PUBLIC_DIR/index.html` and the files under `PUBLIC_DIR/assets`.
 * When the page has not been built, a small built-in placeholder takes its place.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { AppRouterContext } from '../context';
import { HttpError } from '../errors';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function placeholderPage(instanceId: string, version: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>vmss-autoscaling</title></head>',
    '<body>',
    '<h1>vmss-autoscaling</h1>',
    `<p>Instance <code>${escapeHtml(instanceId)}</code>, version ${escapeHtml(version)}.</p>`,
    '<p>The web page has not been built. The API is at <a href="/api/visits">/api/visits</a>,',
    '<a href="/api/instances">/api/instances</a> and <a href="/health">/health</a>.</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Sends index.html from PUBLIC_DIR, or the placeholder when it does not exist. */
export async function sendPage(ctx: AppRouterContext): Promise<void> {
  const { config, version } = ctx.services;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-cache');
  try {
    ctx.body = await readFile(join(config.publicDir, 'index.html'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    ctx.body = placeholderPage(config.instanceId, version);
  }
}

/** GET /assets/*: a file under PUBLIC_DIR/assets. Paths that leave that folder get 404. */
export async function sendAsset(ctx: AppRouterContext): Promise<void> {
  const assetsDir = resolve(ctx.services.config.publicDir, 'assets');
  const notFound = new HttpError(404, `Not found: ${ctx.path}`, [{ field: 'path', message: `no asset file at ${ctx.path}` }]);
  let requested: string;
  try {
    requested = decodeURIComponent(ctx.path.slice('/assets/'.length));
  } catch {
    throw notFound;
  }
  const filename = resolve(assetsDir, requested);

  if (requested === '' || requested.includes('\0') || !filename.startsWith(assetsDir + sep)) {
    throw notFound;
  }
  const info = await stat(filename).catch(() => undefined);
  if (!info?.isFile()) {
    throw notFound;
  }

  ctx.type = CONTENT_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
  ctx.length = info.size;
  ctx.lastModified = info.mtime;
  // Five minutes: a new release reaches browsers quickly even when asset names carry no hash.
  ctx.set('Cache-Control', 'public, max-age=300');
  ctx.body = createReadStream(filename);
}
