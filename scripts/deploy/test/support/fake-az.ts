/**
 * A stand-in `az` executable for tests: put first on PATH, it appends its
 * arguments as one JSON line to $FAKE_AZ_LOG and prints the response of the
 * first rule in $FAKE_AZ_RESPONSES whose `match` is a prefix of them.
 */
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeAzRule {
  /** Leading arguments this rule matches, such as ['group', 'create']. */
  match: string[];
  /** Printed as JSON on stdout. Omit it for commands that print nothing. */
  stdout?: unknown;
  stderr?: string;
  exitCode?: number;
}

const SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_AZ_LOG, JSON.stringify(args) + '\\n');
const rules = JSON.parse(fs.readFileSync(process.env.FAKE_AZ_RESPONSES, 'utf8'));
const rule = rules.find((candidate) => candidate.match.every((word, index) => args[index] === word));
if (!rule) {
  process.stderr.write('ERROR: the fake az has no response for: ' + args.join(' ') + '\\n');
  process.exit(2);
}
if (rule.stderr) process.stderr.write(rule.stderr);
if (rule.stdout !== undefined) process.stdout.write(JSON.stringify(rule.stdout, null, 2) + '\\n');
process.exit(rule.exitCode || 0);
`;

export class FakeAz {
  readonly dir: string;
  private readonly logPath: string;
  private readonly responsesPath: string;

  constructor(rules: FakeAzRule[]) {
    this.dir = mkdtempSync(join(tmpdir(), 'fake-az-'));
    this.logPath = join(this.dir, 'calls.jsonl');
    this.responsesPath = join(this.dir, 'responses.json');
    writeFileSync(join(this.dir, 'az'), SCRIPT);
    chmodSync(join(this.dir, 'az'), 0o755);
    writeFileSync(this.logPath, '');
    this.setRules(rules);
  }

  /** Replaces the responses, for a second run with other results. */
  setRules(rules: FakeAzRule[]): void {
    writeFileSync(this.responsesPath, JSON.stringify(rules));
  }

  /** Environment that puts this az first on PATH. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: `${this.dir}:${process.env.PATH ?? ''}`,
      FAKE_AZ_LOG: this.logPath,
      FAKE_AZ_RESPONSES: this.responsesPath,
    };
  }

  /** Returns every call so far, each as its argument list. */
  calls(): string[][] {
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as string[]);
  }

  clearCalls(): void {
    writeFileSync(this.logPath, '');
  }

  /** Appends a note to the log, so tests can see ordering against other events. */
  mark(text: string): void {
    appendFileSync(this.logPath, `${JSON.stringify(['#', text])}\n`);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
