/**
 * Reads a JSON request body with a size limit. Every failure is a 4xx naming
 * what to fix: 413 over the limit, 415 for another content type or content
 * encoding, 400 for bytes that are not UTF-8 JSON or not validly compressed.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Context } from 'koa';
import { HttpError, ValidationError } from './errors';

/** Largest accepted request body, in bytes. */
export const BODY_LIMIT_BYTES = 16 * 1024;

function tooLarge(): HttpError {
  return new HttpError(413, `Request body is larger than ${BODY_LIMIT_BYTES} bytes`, [
    { field: 'body', message: `must be at most ${BODY_LIMIT_BYTES} bytes` },
  ]);
}

function hasBody(ctx: Context): boolean {
  const length = ctx.get('content-length');
  if (length !== '') {
    return Number(length) > 0;
  }
  return ctx.get('transfer-encoding') !== '';
}

async function readLimited(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_LIMIT_BYTES) {
      // The rest of the upload is not read, so this connection cannot carry another request.
      ctx.set('Connection', 'close');
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Content codings the body may arrive in. HTTP's `deflate` is the zlib format of RFC 1950. */
const DECODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = Object.freeze({
  gzip: (bytes: Buffer) => gunzipSync(bytes, { maxOutputLength: BODY_LIMIT_BYTES }),
  'x-gzip': (bytes: Buffer) => gunzipSync(bytes, { maxOutputLength: BODY_LIMIT_BYTES }),
  deflate: (bytes: Buffer) => inflateSync(bytes, { maxOutputLength: BODY_LIMIT_BYTES }),
});

/** Returns the decoder for the request's Content-Encoding, or undefined when the body is not encoded. */
function decoderFor(ctx: Context): ((bytes: Buffer) => Buffer) | undefined {
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    return undefined;
  }
  if (!Object.hasOwn(DECODERS, encoding)) {
    throw new HttpError(415, `Unsupported content encoding '${encoding}'; send the body uncompressed, or with gzip or deflate`, [
      { field: 'content-encoding', message: 'must be one of gzip, deflate, identity, applied once' },
    ]);
  }
  return DECODERS[encoding];
}

/** Decompresses the body. The decoder stops at the size limit, so a decompression bomb cannot expand past it. */
function decode(ctx: Context, bytes: Buffer, decoder: (bytes: Buffer) => Buffer): Buffer {
  try {
    return decoder(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge();
    }
    const encoding = ctx.get('content-encoding').trim();
    throw new ValidationError(`Request body is not valid ${encoding} data`, [
      { field: 'content-encoding', message: `is ${encoding}, but the body failed to decode: ${(error as Error).message}` },
    ]);
  }
}

/** Returns the parsed JSON body, or undefined when the request has no body. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (!hasBody(ctx)) {
    return undefined;
  }

  const type = ctx.request.type;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, `Unsupported content type '${type || '(none)'}'; send application/json`, [
      { field: 'content-type', message: 'must be application/json' },
    ]);
  }
  const charset = ctx.request.charset;
  if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    throw new HttpError(415, `Unsupported charset '${charset}'; send UTF-8`, [
      { field: 'content-type', message: 'charset must be utf-8' },
    ]);
  }

  const decoder = decoderFor(ctx);

  const declared = Number(ctx.get('content-length') || '0');
  if (declared > BODY_LIMIT_BYTES) {
    ctx.set('Connection', 'close');
    throw tooLarge();
  }

  const received = await readLimited(ctx);
  const bytes = decoder === undefined ? received : decode(ctx, received, decoder);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('Request body is not valid UTF-8', [{ field: 'body', message: 'must be UTF-8 text' }]);
  }
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError('Request body is not valid JSON', [
      { field: 'body', message: `malformed JSON: ${(error as Error).message}` },
    ]);
  }
}
