import { listRoutes } from '../../service/src/routes';
import { PROFILE_NAMES, listScriptRequests, readProfile } from '../profiles';

/** Turns a router path (`/assets/*path`, `/users/:id`) into a regular expression over request paths. */
function routePattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+|\*[A-Za-z0-9_]+)/)
    .map((part) => {
      if (part.startsWith(':')) return '[^/]+';
      if (part.startsWith('*')) return '.+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

const routes = listRoutes().map((route) => ({ ...route, pattern: routePattern(route.path) }));

function isRouted(method: string, path: string): boolean {
  return routes.some((route) => route.method === method && route.pattern.test(path));
}

describe('profile routes', () => {
  it('reads the routes from the service router', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(isRouted('POST', '/api/visit')).toBe(true);
    expect(isRouted('GET', '/assets/app.js')).toBe(true);
    expect(isRouted('DELETE', '/api/visit')).toBe(false);
    expect(isRouted('GET', '/api/visit/extra')).toBe(false);
  });

  it.each(PROFILE_NAMES)('%s requests only routed URLs', (name) => {
    const requests = listScriptRequests(readProfile(name));
    const unrouted = requests.filter((request) => !isRouted(request.method, request.path));
    expect(unrouted.map((request) => `${request.method} ${request.url} (scenario ${request.scenario})`)).toEqual([]);
  });
});
