/** Every kind of bad input returns a 4xx naming the field, never a 5xx. */
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { connect } from 'node:net';
import { describeWithPostgres, findTestDatabaseUrl } from '../../test/support/requirements';
import { postJson, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/postgres';

interface BadInputCase {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  contentEncoding?: string;
  body?: string | Buffer;
  status: number;
  field: string;
}

const json = 'application/json';
const long = (length: number): string => 'x'.repeat(length);

const CASES: BadInputCase[] = [
  { name: 'malformed JSON', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":', status: 400, field: 'body' },
  { name: 'JSON array', method: 'POST', path: '/api/visit', contentType: json, body: '[]', status: 400, field: 'body' },
  { name: 'JSON string', method: 'POST', path: '/api/visit', contentType: json, body: '"visit"', status: 400, field: 'body' },
  { name: 'JSON null', method: 'POST', path: '/api/visit', contentType: json, body: 'null', status: 400, field: 'body' },
  { name: 'JSON number', method: 'POST', path: '/api/visit', contentType: json, body: '42', status: 400, field: 'body' },
  { name: 'invalid UTF-8', method: 'POST', path: '/api/visit', contentType: json, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400, field: 'body' },
  { name: 'name not a string', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":42}', status: 400, field: 'name' },
  { name: 'name an array', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":["a"]}', status: 400, field: 'name' },
  { name: 'name too long', method: 'POST', path: '/api/visit', contentType: json, body: JSON.stringify({ name: long(101) }), status: 400, field: 'name' },
  { name: 'email invalid', method: 'POST', path: '/api/visit', contentType: json, body: '{"email":"not-an-email"}', status: 400, field: 'email' },
  { name: 'email without domain dot', method: 'POST', path: '/api/visit', contentType: json, body: '{"email":"a@b"}', status: 400, field: 'email' },
  { name: 'email too long', method: 'POST', path: '/api/visit', contentType: json, body: JSON.stringify({ email: `${long(250)}@example.com` }), status: 400, field: 'email' },
  { name: 'company an object', method: 'POST', path: '/api/visit', contentType: json, body: '{"company":{}}', status: 400, field: 'company' },
  { name: 'company too long', method: 'POST', path: '/api/visit', contentType: json, body: JSON.stringify({ company: long(101) }), status: 400, field: 'company' },
  { name: 'purpose a boolean', method: 'POST', path: '/api/visit', contentType: json, body: '{"purpose":true}', status: 400, field: 'purpose' },
  { name: 'purpose too long', method: 'POST', path: '/api/visit', contentType: json, body: JSON.stringify({ purpose: long(501) }), status: 400, field: 'purpose' },
  { name: 'name with NUL', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":"a\\u0000b"}', status: 400, field: 'name' },
  { name: 'purpose with NUL', method: 'POST', path: '/api/visit', contentType: json, body: '{"purpose":"a\\u0000b"}', status: 400, field: 'purpose' },
  { name: 'company with NUL', method: 'POST', path: '/api/visit', contentType: json, body: '{"company":"a\\u0000b"}', status: 400, field: 'company' },
  { name: 'email with NUL', method: 'POST', path: '/api/visit', contentType: json, body: '{"email":"a\\u0000b@example.com"}', status: 400, field: 'email' },
  { name: 'name with trailing NUL', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":"ab\\u0000"}', status: 400, field: 'name' },
  { name: 'name with escape character', method: 'POST', path: '/api/visit', contentType: json, body: '{"name":"a\\u001bb"}', status: 400, field: 'name' },
  { name: 'purpose with bell character', method: 'POST', path: '/api/visit', contentType: json, body: '{"purpose":"a\\u0007b"}', status: 400, field: 'purpose' },
  { name: 'unknown field', method: 'POST', path: '/api/visit', contentType: json, body: '{"age":30}', status: 400, field: 'age' },
  { name: 'field named constructor', method: 'POST', path: '/api/visit', contentType: json, body: '{"constructor":"x"}', status: 400, field: 'constructor' },
  { name: 'field named toString', method: 'POST', path: '/api/visit', contentType: json, body: '{"toString":"x"}', status: 400, field: 'toString' },
  { name: 'field named __proto__', method: 'POST', path: '/api/visit', contentType: json, body: '{"__proto__":{"x":1}}', status: 400, field: '__proto__' },
  { name: 'body over 16 KB', method: 'POST', path: '/api/visit', contentType: json, body: JSON.stringify({ purpose: long(17_000) }), status: 413, field: 'body' },
  { name: 'form content type', method: 'POST', path: '/api/visit', contentType: 'application/x-www-form-urlencoded', body: 'name=a', status: 415, field: 'content-type' },
  { name: 'text content type', method: 'POST', path: '/api/visit', contentType: 'text/plain', body: '{}', status: 415, field: 'content-type' },
  { name: 'no content type', method: 'POST', path: '/api/visit', body: '{}', status: 415, field: 'content-type' },
  { name: 'latin-1 charset', method: 'POST', path: '/api/visit', contentType: 'application/json; charset=iso-8859-1', body: '{}', status: 415, field: 'content-type' },
  { name: 'gzip header on plain JSON', method: 'POST', path: '/api/visit', contentType: json, contentEncoding: 'gzip', body: '{}', status: 400, field: 'content-encoding' },
  { name: 'deflate header on plain JSON', method: 'POST', path: '/api/visit', contentType: json, contentEncoding: 'deflate', body: '{}', status: 400, field: 'content-encoding' },
  { name: 'brotli encoding', method: 'POST', path: '/api/visit', contentType: json, contentEncoding: 'br', body: '{}', status: 415, field: 'content-encoding' },
  { name: 'two encodings', method: 'POST', path: '/api/visit', contentType: json, contentEncoding: 'gzip, gzip', body: gzipSync(gzipSync('{}')), status: 415, field: 'content-encoding' },
  { name: 'gzip over 16 KB decoded', method: 'POST', path: '/api/visit', contentType: json, contentEncoding: 'gzip', body: gzipSync(JSON.stringify({ purpose: long(17_000) })), status: 413, field: 'body' },
  { name: 'stress gzip header on plain JSON', method: 'POST', path: '/api/stress', contentType: json, contentEncoding: 'gzip', body: '{"duration":1}', status: 400, field: 'content-encoding' },
  { name: 'limit zero', method: 'GET', path: '/api/visits?limit=0', status: 400, field: 'limit' },
  { name: 'limit over 100', method: 'GET', path: '/api/visits?limit=101', status: 400, field: 'limit' },
  { name: 'limit negative', method: 'GET', path: '/api/visits?limit=-1', status: 400, field: 'limit' },
  { name: 'limit not numeric', method: 'GET', path: '/api/visits?limit=ten', status: 400, field: 'limit' },
  { name: 'limit fractional', method: 'GET', path: '/api/visits?limit=1.5', status: 400, field: 'limit' },
  { name: 'limit repeated', method: 'GET', path: '/api/visits?limit=1&limit=2', status: 400, field: 'limit' },
  { name: 'limit empty', method: 'GET', path: '/api/visits?limit=', status: 400, field: 'limit' },
  { name: 'limit without a value', method: 'GET', path: '/api/visits?limit', status: 400, field: 'limit' },
  { name: 'limit with plus sign', method: 'GET', path: '/api/visits?limit=%2B5', status: 400, field: 'limit' },
  { name: 'limit with plus as space', method: 'GET', path: '/api/visits?limit=+5', status: 400, field: 'limit' },
  { name: 'limit with leading space', method: 'GET', path: '/api/visits?limit=%205', status: 400, field: 'limit' },
  { name: 'limit with trailing space', method: 'GET', path: '/api/visits?limit=5%20', status: 400, field: 'limit' },
  { name: 'limit with leading tab', method: 'GET', path: '/api/visits?limit=%095', status: 400, field: 'limit' },
  { name: 'limit repeated equal', method: 'GET', path: '/api/visits?limit=5&limit=5', status: 400, field: 'limit' },
  { name: 'limit as empty array', method: 'GET', path: '/api/visits?limit[]=5', status: 400, field: 'limit' },
  { name: 'limit as indexed array', method: 'GET', path: '/api/visits?limit[0]=5', status: 400, field: 'limit' },
  { name: 'limit as encoded array', method: 'GET', path: '/api/visits?limit%5B%5D=5', status: 400, field: 'limit' },
  { name: 'limit in exponent form', method: 'GET', path: '/api/visits?limit=1e1', status: 400, field: 'limit' },
  { name: 'duration zero', method: 'GET', path: '/api/stress?duration=0', status: 400, field: 'duration' },
  { name: 'duration over 120', method: 'GET', path: '/api/stress?duration=121', status: 400, field: 'duration' },
  { name: 'duration not numeric', method: 'GET', path: '/api/stress?duration=soon', status: 400, field: 'duration' },
  { name: 'intensity zero', method: 'GET', path: '/api/stress?duration=1&intensity=0', status: 400, field: 'intensity' },
  { name: 'intensity over 100', method: 'GET', path: '/api/stress?duration=1&intensity=101', status: 400, field: 'intensity' },
  { name: 'intensity not numeric', method: 'GET', path: '/api/stress?duration=1&intensity=max', status: 400, field: 'intensity' },
  { name: 'duration empty', method: 'GET', path: '/api/stress?duration=', status: 400, field: 'duration' },
  { name: 'duration with plus sign', method: 'GET', path: '/api/stress?duration=%2B1', status: 400, field: 'duration' },
  { name: 'duration with leading space', method: 'GET', path: '/api/stress?duration=%201', status: 400, field: 'duration' },
  { name: 'duration repeated', method: 'GET', path: '/api/stress?duration=1&duration=1', status: 400, field: 'duration' },
  { name: 'duration as array', method: 'GET', path: '/api/stress?duration[]=1', status: 400, field: 'duration' },
  { name: 'intensity empty', method: 'GET', path: '/api/stress?duration=1&intensity=', status: 400, field: 'intensity' },
  { name: 'intensity with plus as space', method: 'GET', path: '/api/stress?duration=1&intensity=+5', status: 400, field: 'intensity' },
  { name: 'intensity repeated', method: 'GET', path: '/api/stress?duration=1&intensity=5&intensity=6', status: 400, field: 'intensity' },
  { name: 'intensity as array', method: 'GET', path: '/api/stress?duration=1&intensity[]=5', status: 400, field: 'intensity' },
  { name: 'stress empty query with body', method: 'POST', path: '/api/stress?duration=', contentType: json, body: '{"duration":1}', status: 400, field: 'duration' },
  { name: 'stress duration a string', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":"long"}', status: 400, field: 'duration' },
  { name: 'stress duration a numeric string', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":"1"}', status: 400, field: 'duration' },
  { name: 'stress duration an empty string', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":""}', status: 400, field: 'duration' },
  { name: 'stress duration null', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":null}', status: 400, field: 'duration' },
  { name: 'stress intensity a string', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":1,"intensity":"50"}', status: 400, field: 'intensity' },
  { name: 'stress duration in query and body', method: 'POST', path: '/api/stress?duration=2', contentType: json, body: '{"duration":1}', status: 400, field: 'duration' },
  { name: 'stress intensity in query and body', method: 'POST', path: '/api/stress?intensity=10', contentType: json, body: '{"duration":1,"intensity":20}', status: 400, field: 'intensity' },
  { name: 'stress duration a float', method: 'POST', path: '/api/stress', contentType: json, body: '{"duration":1.5}', status: 400, field: 'duration' },
  { name: 'stress unknown field', method: 'POST', path: '/api/stress', contentType: json, body: '{"threads":4}', status: 400, field: 'threads' },
  { name: 'stress JSON array', method: 'POST', path: '/api/stress', contentType: json, body: '[1]', status: 400, field: 'body' },
  { name: 'stress malformed JSON', method: 'POST', path: '/api/stress', contentType: json, body: '{', status: 400, field: 'body' },
];

/** Sends a raw request so that bodies fetch would refuse (bad bytes, missing content type) reach the server as given. */
function send(url: string, testCase: BadInputCase): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (testCase.contentType) {
      headers['content-type'] = testCase.contentType;
    }
    if (testCase.contentEncoding) {
      headers['content-encoding'] = testCase.contentEncoding;
    }
    if (testCase.body !== undefined) {
      headers['content-length'] = Buffer.byteLength(testCase.body);
    }
    const request = httpRequest(`${url}${testCase.path}`, { method: testCase.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`${testCase.name}: status ${response.statusCode}, body not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    request.on('error', reject);
    request.end(testCase.body);
  });
}

/** Sends raw request bytes, so that header bytes a client library would reject reach the server's parser. */
function sendRaw(url: string, head: Buffer, body: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(Buffer.concat([head, Buffer.from(`content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)]));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function badInputSuite(start: () => Promise<TestApp>): void {
  let service: TestApp;

  beforeAll(async () => {
    service = await start();
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  test.each(CASES)('$name returns $status naming $field', async (testCase) => {
    const { status, body } = await send(service.url, testCase);
    expect(status).toBe(testCase.status);
    expect(typeof body.error).toBe('string');
    const fields = (body.details as Array<{ field: string }>).map((detail) => detail.field);
    expect(fields).toContain(testCase.field);
  });

  test('chunked body over 16 KB returns 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${service.url}/api/visit`,
        { method: 'POST', headers: { 'content-type': json, 'transfer-encoding': 'chunked' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      for (let chunk = 0; chunk < 20; chunk += 1) {
        request.write(long(1024));
      }
      request.end();
    });
    expect(status).toBe(413);
  });

  test('stress with equal query and body values runs', async () => {
    const reply = await postJson(`${service.url}/api/stress?duration=1&intensity=5`, { duration: 1, intensity: 5 });
    expect(reply.status).toBe(200);
    expect(reply.body.duration_s).toBe(1);
    expect(reply.body.intensity).toBe(5);
  }, 60_000);

  test('tab and newline in purpose are kept', async () => {
    const reply = await postJson(`${service.url}/api/visit`, { purpose: 'line one\n\tline two' });
    expect(reply.status).toBe(201);
    const row = await service.db('visits').where({ id: reply.body.id as number }).first();
    expect(row.purpose).toBe('line one\n\tline two');
    await service.db('visits').where({ id: reply.body.id as number }).delete();
  }, 60_000);

  test('NUL in User-Agent gets parser 400', async () => {
    const head = Buffer.from('POST /api/visit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nuser-agent: a\0b\r\n', 'latin1');
    const reply = await sendRaw(service.url, head, '{}');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  }, 60_000);

  test('NUL in X-Forwarded-For gets parser 400', async () => {
    const head = Buffer.from('POST /api/visit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-forwarded-for: 10.0.0.1\0\r\n', 'latin1');
    const reply = await sendRaw(service.url, head, '{}');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  }, 60_000);

  test('unknown query parameters are ignored', async () => {
    const reply = await fetch(`${service.url}/api/visits?limit=2&page=3&sort[]=x`);
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { recent_visits: unknown[] };
    expect(Array.isArray(body.recent_visits)).toBe(true);
  }, 60_000);

  test('rejected visits write no row', async () => {
    const count = await service.db('visits').count({ count: '*' }).first();
    expect(Number(count?.count)).toBe(0);
  });
}

describe('bad input on SQLite', () => {
  badInputSuite(() => startTestApp());
});

describeWithPostgres()('bad input on PostgreSQL', () => {
  let database: TestDatabase;

  badInputSuite(async () => {
    database = await createTestDatabase(findTestDatabaseUrl() as string, 'bad_input');
    return startTestApp({ DATABASE_URL: database.url });
  });

  // Registered after the suite's own afterAll, so the app closes its pool before the database is dropped.
  afterAll(async () => {
    await database?.drop();
  });
});
