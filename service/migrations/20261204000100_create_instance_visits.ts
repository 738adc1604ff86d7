/**
 * Creates `instance_visits`: one row per instance with its visit count and
 * latest visit, kept in step by the insert's transaction. Totals and the
 * per-instance summary then read a handful of rows instead of counting every
 * visit, which grows without bound.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('instance_visits', (table) => {
    table.string('instance_id', 255).primary();
    table.bigInteger('visits').notNullable();
    table.timestamp('last_seen', { useTz: true }).notNullable();
  });
  await knex.raw(
    'insert into instance_visits (instance_id, visits, last_seen) select instance_id, count(*), max(created_at) from visits group by instance_id',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('instance_visits');
}
