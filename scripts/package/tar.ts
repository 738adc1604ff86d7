/**
 * A minimal POSIX ustar writer and reader. The writer sorts the entries and fixes owner,
 * group and mtime, so the same entries always give the same bytes. The reader handles
 * what `npm pack` writes: ustar, with pax or GNU long-name headers.
 */

/** One archive member; `content` is absent for a directory. */
export interface TarEntry {
  path: string;
  mode: number;
  content?: Buffer;
}

const BLOCK = 512;

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) {
    throw new Error(`Tar header field too long: ${JSON.stringify(value)} exceeds ${length} bytes`);
  }
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  // Octal digits, zero-padded, followed by a NUL, as ustar fields are.
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) {
    throw new Error(`Tar numeric field overflow: ${value} does not fit in ${length - 1} octal digits`);
  }
  writeString(header, offset, length, `${digits}\0`);
}

/** Splits a path into ustar's `prefix` (155 bytes) and `name` (100 bytes) fields. */
function splitPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) {
    return { prefix: '', name: path };
  }
  for (let index = path.indexOf('/'); index !== -1; index = path.indexOf('/', index + 1)) {
    const prefix = path.slice(0, index);
    const name = path.slice(index + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) {
      return { prefix, name };
    }
  }
  throw new Error(`Path too long for a ustar archive: ${path}; shorten it below 255 bytes`);
}

function header(entry: TarEntry, mtimeSeconds: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const isDirectory = entry.content === undefined;
  const { prefix, name } = splitPath(isDirectory ? `${entry.path}/` : entry.path);

  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, entry.mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, entry.content?.length ?? 0);
  writeOctal(block, 136, 12, mtimeSeconds);
  // The checksum is computed with its own field read as eight spaces.
  block.fill(' ', 148, 156);
  writeString(block, 156, 1, isDirectory ? '5' : '0');
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 265, 32, 'root');
  writeString(block, 297, 32, 'root');
  writeString(block, 345, 155, prefix);

  let checksum = 0;
  for (const byte of block) {
    checksum += byte;
  }
  writeString(block, 148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** Orders paths by UTF-16 code unit, the same on every machine and locale. */
export function comparePaths(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}

/** Returns the uncompressed archive of `entries`, sorted by path, all owned by root with `mtimeSeconds`. */
export function createTar(entries: readonly TarEntry[], mtimeSeconds: number): Buffer {
  const sorted = [...entries].sort((left, right) => comparePaths(left.path, right.path));
  const chunks: Buffer[] = [];
  for (const entry of sorted) {
    chunks.push(header(entry, mtimeSeconds));
    if (entry.content !== undefined) {
      chunks.push(entry.content);
      const padding = (BLOCK - (entry.content.length % BLOCK)) % BLOCK;
      chunks.push(Buffer.alloc(padding));
    }
  }
  // Two zero blocks end the archive.
  chunks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(chunks);
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

/** Reads the members of an uncompressed archive; directories have no content. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;

  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) {
      break;
    }
    const size = readOctal(block, 124, 12);
    const type = readString(block, 156, 1) || '0';
    const content = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      // pax extended header: "<length> <key>=<value>\n" records; only `path` matters here.
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(content.toString('utf8'));
      longName = match?.[1];
      continue;
    }
    if (type === 'L') {
      longName = content.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'g') {
      continue;
    }

    const prefix = readString(block, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100));
    longName = undefined;
    const mode = readOctal(block, 100, 8);
    if (type === '5') {
      entries.push({ path: name.replace(/\/$/, ''), mode });
    } else if (type === '0' || type === '7') {
      entries.push({ path: name, mode, content: Buffer.from(content) });
    }
  }
  return entries;
}
