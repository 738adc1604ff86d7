/** Validates the SSH options of deploy: a public key (file or text) and the source range allowed to reach port 22. */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from './errors';

const KEY_TYPES = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;

/** Returns the public key text from a file path or the key itself. */
export function readSshPublicKey(value: string): string {
  const text = existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
  if (!KEY_TYPES.test(text)) {
    throw new UsageError(
      `--ssh-public-key ${value} is neither a readable file nor an OpenSSH public key: give e.g. ~/.ssh/id_ed25519.pub`,
    );
  }
  return text;
}

/** Checks an IPv4 address or CIDR range, such as 203.0.113.7/32. */
export function checkSshSource(value: string): string {
  const match = IPV4_CIDR.exec(value.trim());
  const octetsValid = match ? match.slice(1, 5).every((octet) => Number(octet) <= 255) : false;
  const prefixValid = !match?.[6] || Number(match[6]) <= 32;
  if (!match || !octetsValid || !prefixValid) {
    throw new UsageError(`--ssh-source ${value} is not an IPv4 address or CIDR range: give your public address, e.g. 203.0.113.7/32`);
  }
  return value.trim();
}

export interface SshParameters {
  sshPublicKey?: string;
  sshSourceAddressPrefix?: string;
}

/** Both or neither: a key without a source range (or the reverse) would leave SSH half configured. */
export function sshParameters(publicKey: string | undefined, source: string | undefined): SshParameters {
  if (publicKey === undefined && source === undefined) {
    return {};
  }
  if (publicKey === undefined || source === undefined) {
    throw new UsageError('--ssh-public-key and --ssh-source go together: give both to open SSH, or neither to keep it closed');
  }
  return { sshPublicKey: readSshPublicKey(publicKey), sshSourceAddressPrefix: checkSshSource(source) };
}
