/** Creates the `visits` table: one row per registered visit. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('visits', (table) => {
    table.increments('id').primary();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.string('instance_id', 255).notNullable();
    table.string('client_ip', 45).notNullable();
    table.string('user_agent', 512).nullable();
    table.string('name', 100).nullable();
    table.string('email', 254).nullable();
    table.string('company', 100).nullable();
    table.string('purpose', 500).nullable();
    table.index(['created_at'], 'visits_created_at_index');
    table.index(['instance_id'], 'visits_instance_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('visits');
}
