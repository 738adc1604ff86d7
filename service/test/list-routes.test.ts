import { listRoutes } from '../src/routes';

describe('listRoutes', () => {
  test('lists every route from the router', () => {
    expect(listRoutes()).toEqual([
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/health/live' },
      { method: 'GET', path: '/health' },
      { method: 'POST', path: '/api/visit' },
      { method: 'GET', path: '/api/visits' },
      { method: 'GET', path: '/api/instances' },
      { method: 'GET', path: '/api/stress' },
      { method: 'POST', path: '/api/stress' },
      { method: 'GET', path: '/api/metrics' },
      { method: 'GET', path: '/metrics' },
      { method: 'GET', path: '/assets/*path' },
    ]);
  });

  test('returns copies callers cannot alter', () => {
    listRoutes()[0].path = '/changed';
    expect(listRoutes()[0].path).toBe('/');
  });
});
