/**
 * Compresses the release archive with the `xz` command of XZ Utils. xz -9 makes the archive
 * about a third smaller than gzip -9, because the Node.js binary is most of the archive and
 * LZMA2's 64 MiB dictionary finds repeats that deflate's 32 KiB window cannot.
 *
 * The output is reproducible: the .xz format stores no name or timestamp, and one thread
 * compresses the whole input as one block. Multithreaded mode, the default from XZ Utils 5.6,
 * splits the input into blocks and so gives other bytes.
 * NOTE: repeat builds were checked with XZ Utils 5.4.1 only. Another xz version may encode
 * differently, so compare releases built with the same version.
 */
import execa from 'execa';

/** Largest archive the xz child may return, in bytes; the release is about 30 MB. */
const maxOutputBytes = 1024 * 1024 * 1024;

/** Returns `archive` compressed to the .xz format at `preset` (0 fastest to 9 smallest). */
export async function compressXz(archive: Buffer, preset: number): Promise<Buffer> {
  if (!Number.isInteger(preset) || preset < 0 || preset > 9) {
    throw new Error(`Invalid xz preset ${preset}: use a whole number from 0 to 9`);
  }

  try {
    const { stdout } = await execa('xz', ['--compress', '--stdout', '--format=xz', '--check=crc64', '--threads=1', `-${preset}`], {
      input: archive,
      encoding: null,
      maxBuffer: maxOutputBytes,
      stripFinalNewline: false,
    });
    return stdout;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new Error('xz not found on PATH: install XZ Utils (apt-get install xz-utils, or brew install xz) and package again');
    }
    throw new Error(`xz failed to compress the release: ${(error as Error).message.split('\n')[0]}`);
  }
}
