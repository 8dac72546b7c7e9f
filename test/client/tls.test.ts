/**
 * TLS: `https://` with a custom CA (inline or from a file), mutual TLS with a client certificate,
 * an untrusted server refused, and the test-only `skipCertCheck`. Against an in-process TLS sink
 * with the fixed test certificates in `test/client/tls/`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MilvusErrorCode, MilvusClient, type MilvusClientOptions } from '../../src/index.js';
import { reply, startSink, type GrpcSink } from '../fakes/grpc-sink.js';

const file = (name: string) => fileURLToPath(new URL(`./tls/${name}`, import.meta.url));
const pem = (name: string) => readFileSync(file(name));
const versionReply = () => reply('milvus.proto.milvus.GetVersionResponse', { status: {}, version: 'tls-sink' });

let sink: GrpcSink;
let mtlsSink: GrpcSink;

beforeAll(async () => {
  const keyCert = [{ private_key: pem('server.key'), cert_chain: pem('server.pem') }];
  sink = await startSink(grpc.ServerCredentials.createSsl(null, keyCert, false));
  mtlsSink = await startSink(grpc.ServerCredentials.createSsl(pem('ca.pem'), keyCert, true));
  sink.on('GetVersion', versionReply);
  mtlsSink.on('GetVersion', versionReply);
});

afterAll(async () => {
  await Promise.all([sink.close(), mtlsSink.close()]);
});

async function version(options: MilvusClientOptions): Promise<string> {
  const client = new MilvusClient({ timeout: 5_000, ...options });
  try {
    return (await client.getVersion()).version;
  } finally {
    await client.close();
  }
}

describe('TLS', () => {
  test('https:// with the CA given inline', async () => {
    expect(sink.uri).toMatch(/^https:/);
    expect(await version({ uri: sink.uri, token: 'k', tls: { rootCert: pem('ca.pem') } })).toBe('tls-sink');
    expect(sink.callsOf('GetVersion').at(-1)!.metadata.authorization).toBe(btoa('k'));
  });

  test('https:// with the CA from a file and a server name override', async () => {
    expect(await version({ uri: sink.uri, tls: { rootCertPath: file('ca.pem'), serverName: 'localhost' } })).toBe('tls-sink');
  });

  test('a server certificate from an unknown CA is refused', async () => {
    await expect(version({ uri: sink.uri })).rejects.toMatchObject({ name: 'TransportError', code: MilvusErrorCode.Unavailable, rpc: 'GetVersion' });
  });

  test('skipCertCheck accepts it (testing only)', async () => {
    expect(await version({ uri: sink.uri, tls: { skipCertCheck: true } })).toBe('tls-sink');
  });

  test('mutual TLS with a client certificate; refused without one', async () => {
    const tls = { rootCertPath: file('ca.pem'), privateKeyPath: file('client.key'), certChainPath: file('client.pem') };
    expect(await version({ uri: mtlsSink.uri, tls })).toBe('tls-sink');
    await expect(version({ uri: mtlsSink.uri, tls: { rootCertPath: file('ca.pem') } })).rejects.toMatchObject({ name: 'TransportError' });
  });

  test('an unreadable certificate path is an InvalidInputError', async () => {
    await expect(version({ uri: sink.uri, tls: { rootCertPath: file('missing.pem') } })).rejects.toMatchObject({ name: 'InvalidInputError' });
  });
});
