import { startTestApp } from './support/app';
import { routeSuite } from './support/route-suite';

describe('routes on SQLite', () => {
  routeSuite(() => startTestApp());
});
