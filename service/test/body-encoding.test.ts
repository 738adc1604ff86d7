/** POST bodies compressed with gzip or deflate are decoded before they are parsed. */
import { deflateSync, gzipSync } from 'node:zlib';
import { requestJson, startTestApp, type TestApp } from './support/app';

describe('body content encoding', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['GZIP', gzipSync],
  ])('%s visit is decoded and stored', async (encoding, compress) => {
    const name = `visitor sent with ${encoding}`;
    const reply = await requestJson(`${service.url}/api/visit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: compress(JSON.stringify({ name })),
    });
    expect(reply.status).toBe(201);

    const row = await service.db('visits').where({ id: reply.body.id }).first();
    expect(row?.name).toBe(name);
  });

  test('identity encoding reads the body as sent', async () => {
    const reply = await requestJson(`${service.url}/api/visit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      body: JSON.stringify({ name: 'plain visitor' }),
    });
    expect(reply.status).toBe(201);
    const row = await service.db('visits').where({ id: reply.body.id }).first();
    expect(row?.name).toBe('plain visitor');
  });
});
