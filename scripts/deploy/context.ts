/**
 * The surroundings of every command: the az runner, the output stream,
 * credentials and endpoints. The CLI builds the real ones, and tests pass
 * stand-ins.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import type { StorageSharedKeyCredential } from '@azure/storage-blob';
import type { AzRunner } from './az';
import type { ProgressSink } from './progress';

export interface CommandContext {
  az: AzRunner;
  out: ProgressSink;
  /** Credential for Resource Manager, DefaultAzureCredential outside tests. */
  armCredential: () => TokenCredential;
  /** Credential for blob uploads: DefaultAzureCredential outside tests, a shared key for Azurite in them. */
  storageCredential: () => TokenCredential | StorageSharedKeyCredential;
  /** Resource Manager base URL. */
  armEndpoint: string;
  /** Extra TLS settings for Resource Manager, such as a stand-in's certificate authority. */
  armTlsOptions?: TlsSettings;
  /** Folder with foundation.json and main.json (or the .bicep files). */
  templatesDir: string;
  /** Time between deployment polls, in milliseconds. */
  pollIntervalMs: number;
  /** Maximum wait for one deployment, in milliseconds. */
  deploymentTimeoutMs: number;
  /** Asks a yes/no question and resolves false unless the answer is yes. */
  confirm: (question: string) => Promise<boolean>;
  /** Current time, injectable so that output with ages is testable. */
  now: () => Date;
  /** Waits between polls and refreshes. */
  sleep: (ms: number) => Promise<void>;
}

/** Name of the stage-1 deployment (storage account, container, identity), fixed so that re-runs update it. */
export function foundationDeploymentName(prefix: string): string {
  return `${prefix}-foundation`;
}

/** Name of the stage-2 deployment (network, database, scale set, autoscale), fixed so that re-runs update it. */
export function mainDeploymentName(prefix: string): string {
  return `${prefix}-main`;
}
