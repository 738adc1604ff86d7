/**
 * The migrations as an explicit list of imported modules, so that a bundler
 * includes them and Knex never scans a folder at run time.
 */
import type { Knex } from 'knex';
import * as createVisits from '../../migrations/20261204000000_create_visits';
import * as createInstanceVisits from '../../migrations/20261204000100_create_instance_visits';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration in the order it runs. The names are the ones that knex_migrations records. */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261204000000_create_visits', createVisits],
  ['20261204000100_create_instance_visits', createInstanceVisits],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const entry = MIGRATIONS.find(([candidate]) => candidate === name);
    if (!entry) {
      throw new Error(`Migration ${name} is recorded in knex_migrations but not listed in migration-source.ts`);
    }
    return entry[1];
  },
};
