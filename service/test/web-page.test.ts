/** The page and its assets from PUBLIC_DIR, with a strict CSP, and the placeholder when no page is built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/app';

describe('web page', () => {
  let publicDir: string;
  let service: TestApp;

  beforeAll(async () => {
    publicDir = mkdtempSync(join(tmpdir(), 'visits-public-'));
    mkdirSync(join(publicDir, 'assets'));
    writeFileSync(join(publicDir, 'index.html'), '<!doctype html><html><head><script src="/assets/app.js"></script></head><body>built page</body></html>');
    writeFileSync(join(publicDir, 'assets', 'app.js'), 'console.log("app");\n');
    writeFileSync(join(publicDir, 'assets', 'app.css'), 'body { color: black; }\n');
    writeFileSync(join(publicDir, 'secret.txt'), 'outside the assets folder');
    service = await startTestApp({ PUBLIC_DIR: publicDir });
  });

  afterAll(async () => {
    await service?.close();
    rmSync(publicDir, { recursive: true, force: true });
  });

  test('GET / for a browser serves index.html with a strict CSP', async () => {
    const response = await fetch(`${service.url}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('built page');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
  ])('GET /assets/%s has its content type', async (file, type) => {
    const response = await fetch(`${service.url}/assets/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test.each(['/assets/missing.js', '/assets/..%2fsecret.txt', '/assets/%2e%2e/secret.txt', '/assets/', '/assets/%E0%A4%A'])('GET %s returns 404', async (path) => {
    const response = await fetch(`${service.url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the assets folder');
  });

  test('missing page serves the placeholder', async () => {
    const empty = await startTestApp({ PUBLIC_DIR: join(publicDir, 'does-not-exist') });
    try {
      const response = await fetch(`${empty.url}/`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('test-instance');
    } finally {
      await empty.close();
    }
  });
});
