import { describeWithPostgres, findTestDatabaseUrl } from '../../test/support/requirements';
import { startTestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { routeSuite } from './support/route-suite';

describeWithPostgres()('routes on PostgreSQL', () => {
  let database: TestDatabase;

  routeSuite(async () => {
    database = await createTestDatabase(findTestDatabaseUrl() as string, 'routes');
    return startTestApp({ DATABASE_URL: database.url });
  });

  // Registered after the suite's own afterAll, so the app closes its pool before the database is dropped.
  afterAll(async () => {
    await database?.drop();
  });
});
