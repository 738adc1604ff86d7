/** Builds a CommandContext wired to the stand-ins: fake az on PATH, the ARM stand-in, a collected output. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import type { StorageSharedKeyCredential } from '@azure/storage-blob';
import { createAzRunner } from '../../az';
import type { CommandContext } from '../../context';
import { STAND_IN_TOKEN, type ArmStandIn } from './arm-stand-in';
import type { FakeAz } from './fake-az';

export const standInCredential: TokenCredential = {
  getToken: async () => ({ token: STAND_IN_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 }),
};

export interface TestContext {
  context: CommandContext;
  output: () => string;
  templatesDir: string;
  cleanup: () => void;
}

export function createTestContext(options: {
  fakeAz: FakeAz;
  arm: ArmStandIn;
  storageCredential?: StorageSharedKeyCredential;
  confirmAnswer?: boolean;
  now?: Date;
}): TestContext {
  const templatesDir = mkdtempSync(join(tmpdir(), 'deploy-templates-'));
  // The fake az never reads them, so they only have to exist.
  writeFileSync(join(templatesDir, 'foundation.json'), '{"resources": []}\n');
  writeFileSync(join(templatesDir, 'main.json'), '{"resources": []}\n');

  let text = '';
  const context: CommandContext = {
    az: createAzRunner({ env: options.fakeAz.env() }),
    out: { write: (chunk: string) => (text += chunk) },
    armCredential: () => standInCredential,
    storageCredential: () => {
      if (!options.storageCredential) {
        throw new Error('this test has no storage stand-in');
      }
      return options.storageCredential;
    },
    armEndpoint: options.arm.endpoint,
    armTlsOptions: { ca: options.arm.certificate },
    templatesDir,
    pollIntervalMs: 1,
    deploymentTimeoutMs: 60_000,
    confirm: async () => options.confirmAnswer ?? false,
    now: () => options.now ?? new Date('2026-12-04T20:00:00.000Z'),
    sleep: async () => undefined,
  };
  return { context, output: () => text, templatesDir, cleanup: () => rmSync(templatesDir, { recursive: true, force: true }) };
}
