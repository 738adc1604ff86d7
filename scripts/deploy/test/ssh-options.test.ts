import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';
import { checkSshSource, sshParameters } from '../ssh';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvZ3Q2dW5kZXJzdGFuZGluZ3N0YW5kLWluLWtleQ== dev@laptop';

describe('deploy SSH options', () => {
  test('key text and source range pass through', () => {
    expect(sshParameters(KEY, '203.0.113.7/32')).toEqual({ sshPublicKey: KEY, sshSourceAddressPrefix: '203.0.113.7/32' });
  });

  test('key file is read and trimmed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssh-key-'));
    try {
      const path = join(dir, 'id_ed25519.pub');
      writeFileSync(path, `${KEY}\n`);
      expect(sshParameters(path, '203.0.113.7')).toEqual({ sshPublicKey: KEY, sshSourceAddressPrefix: '203.0.113.7' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('neither option keeps SSH closed', () => {
    expect(sshParameters(undefined, undefined)).toEqual({});
  });

  test('one option without the other is rejected', () => {
    expect(() => sshParameters(KEY, undefined)).toThrow(UsageError);
    expect(() => sshParameters(undefined, '203.0.113.7/32')).toThrow(
      '--ssh-public-key and --ssh-source go together: give both to open SSH, or neither to keep it closed',
    );
  });

  test('private keys and junk are rejected', () => {
    expect(() => sshParameters('-----BEGIN OPENSSH PRIVATE KEY-----', '203.0.113.7/32')).toThrow(
      'is neither a readable file nor an OpenSSH public key',
    );
  });

  test.each(['203.0.113.256/32', '203.0.113.7/33', '*', 'Internet', '203.0.113/24'])('source %s is rejected', (source) => {
    expect(() => checkSshSource(source)).toThrow(`--ssh-source ${source} is not an IPv4 address or CIDR range`);
  });
});
