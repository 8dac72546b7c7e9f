/**
 * Every `uri` form, both directions: an accepted form parses to exactly this endpoint (remote address, TLS,
 * token, database; or a local Milvus Lite path), and a refused form makes `new MilvusClient` throw an
 * `InvalidInputError` that says what is wrong and which forms are accepted, without the credentials.
 */
import { describe, expect, test } from 'vitest';
import { InvalidInputError, MilvusClient } from '../../src/index.js';
import { parseUri, type Endpoint } from '../../src/client/uri.js';

const SECRET = 'S3cr3tP4ss';
const remote = (address: string, more: Partial<Extract<Endpoint, { kind: 'remote' }>> = {}): Endpoint => ({ kind: 'remote', address, tls: false, ...more });
const local = (dbPath: string): Endpoint => ({ kind: 'local', dbPath });

const ACCEPTED: [string, Endpoint][] = [
  ['http://127.0.0.1:19530', remote('127.0.0.1:19530')],
  ['http://localhost', remote('localhost:19530')],
  ['https://in01-abc.api.example-cloud.com', remote('in01-abc.api.example-cloud.com:443', { tls: true })],
  ['https://milvus.example.com:8443', remote('milvus.example.com:8443', { tls: true })],
  ['tcp://10.0.0.5:19531', remote('10.0.0.5:19531')],
  ['grpc://127.0.0.1:19530', remote('127.0.0.1:19530')],
  ['GRPC://Milvus.Example.com:1', remote('Milvus.Example.com:1')],
  ['localhost', remote('localhost:19530')],
  ['milvus.example.com', remote('milvus.example.com:19530')],
  ['milvus_standalone:19530', remote('milvus_standalone:19530')],
  ['localhost:19530', remote('localhost:19530')],
  ['localhost:19530/mydb', remote('localhost:19530', { dbName: 'mydb' })],
  ['http://localhost:19530/mydb/', remote('localhost:19530', { dbName: 'mydb' })],
  ['http://localhost:19530/', remote('localhost:19530')],
  ['[::1]:19530', remote('[::1]:19530')],
  ['http://[::1]', remote('[::1]:19530')],
  ['[2001:db8::5]', remote('[2001:db8::5]:19530')],
  [`root:${SECRET}@127.0.0.1:1`, remote('127.0.0.1:1', { token: `root:${SECRET}` })],
  [`http://root:${SECRET}@localhost:19530/analytics`, remote('localhost:19530', { token: `root:${SECRET}`, dbName: 'analytics' })],
  ['https://api-key-123@milvus.example.com', remote('milvus.example.com:443', { tls: true, token: 'api-key-123' })],
  ['http://alice:p%40ss%2Fword@h:1/d%62', remote('h:1', { token: 'alice:p@ss/word', dbName: 'db' })],
  // An unescaped `/` in a password: the host starts after the last `@`.
  ['http://bob:pa/ss@h:2/db', remote('h:2', { token: 'bob:pa/ss', dbName: 'db' })],
  ['unix:/tmp/milvus.sock', remote('unix:/tmp/milvus.sock')],
  ['unix:///tmp/milvus.sock', remote('unix:///tmp/milvus.sock')],
  ['  http://h:1  ', remote('h:1')],
  ['./x.db', local('./x.db')],
  ['../x.db', local('../x.db')],
  ['/abs/dir/x.db', local('/abs/dir/x.db')],
  ['x.db', local('x.db')],
  ['data/x.db', local('data/x.db')],
  ['./backups@2024/x.db', local('./backups@2024/x.db')],
  ['C:\\data\\x.db', local('C:\\data\\x.db')],
];

/** A refused form and what its error must say. */
const REFUSED: [string, RegExp][] = [
  ['http:/127.0.0.1:19530', /^uri "http:\/127\.0\.0\.1:19530" needs "\/\/" after "http:"/],
  ['https:/milvus.example.com', /needs "\/\/" after "https:"/],
  ['tcp:localhost:19530', /needs "\/\/" after "tcp:"/],
  [`http:/root:${SECRET}@127.0.0.1:19530`, /^uri "http:\/\*\*\*@127\.0\.0\.1:19530" needs "\/\/" after "http:"/],
  ['http://', /^uri "http:\/\/" has no host/],
  ['http://:19530', /has no host/],
  [`http://root:${SECRET}@:19530`, /^uri "http:\/\/\*\*\*@:19530" has no host/],
  ['::1', /has no host/],
  ['localhost:', /has the port ""; expected a number from 1 to 65535/],
  ['localhost:0', /has the port "0"/],
  ['localhost:65536', /has the port "65536"/],
  ['localhost:19530x', /has the port "19530x"/],
  [`root:${SECRET}@127.0.0.1:0`, /^uri "\*\*\*@127\.0\.0\.1:0" has the port "0"/],
  ['ftp://milvus.example.com', /has the scheme "ftp:\/\/", which is not one of http, https, tcp, grpc/],
  ['file:///tmp/x.db', /has the scheme "file:\/\/"/],
  ['./demo', /^uri "\.\/demo" is a path, but only a path ending in \.db is a local Milvus Lite file/],
  ['/var/lib/milvus', /is a path, but only a path ending in \.db/],
  ['~/x.sqlite', /is a path/],
  ['my host:19530', /has "my host" where a host name or IP address belongs/],
  ['[::1', /malformed IPv6 address/],
  ['[::1]x', /text after its IPv6 address/],
  ['http://h:1?timeout=5', /has a query or fragment/],
  ['http://h:1#x', /has a query or fragment/],
  ['http://@h:1', /has an empty user name before "@"/],
  [`http://root:${SECRET}%zz@h:1`, /^uri "http:\/\/\*\*\*@h:1" has a malformed percent-escape/],
  ['unix:', /names no socket path/],
];

describe('accepted forms parse to their endpoint', () => {
  test.each(ACCEPTED)('%s', (uri, endpoint) => {
    expect(parseUri(uri)).toEqual(endpoint);
  });

  test('address takes the same forms as uri', () => {
    for (const [uri, endpoint] of ACCEPTED) expect(parseUri(uri, 'address')).toEqual(endpoint);
  });
});

describe('refused forms throw InvalidInputError from new MilvusClient', () => {
  test.each(REFUSED)('%s', (uri, message) => {
    const error = caught(() => new MilvusClient({ uri }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'uri' });
    expect(error.message).toMatch(message);
    expect(error.message).toContain('expected a remote Milvus as http://host[:port][/db_name]');
    expect(error.message).toContain('a local Milvus Lite file ending in .db');
    expect(`${error.message} ${String(error.stack)} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  test('the SDK\'s address option names itself in the error', () => {
    const error = caught(() => new MilvusClient({ address: `root:${SECRET}@h:99999` }));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'address' });
    expect(error.message).toMatch(/^address "\*\*\*@h:99999" has the port "99999"/);
  });
});

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}
