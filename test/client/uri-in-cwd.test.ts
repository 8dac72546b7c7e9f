/**
 * A refused or remote uri never touches the working directory and never starts Milvus Lite: a child process
 * with an empty temp dir as its working directory makes a client for every such form, waits for each first
 * call, and reports what its directory holds and which child processes it has. A `.db` path run through
 * the same probe shows that the probe sees both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/uri-in-cwd.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const SECRET = 'S3cr3tP4ss';

/** The forms of the issue that used to start Milvus Lite in a folder named after them, and the rest. */
const REMOTE = [
  'localhost', 'milvus.example.com', 'grpc://127.0.0.1:1', 'localhost:1/mydb', `root:${SECRET}@127.0.0.1:1`,
  'tcp://127.0.0.1:1', `http://root:${SECRET}@127.0.0.1:1/db`, 'https://127.0.0.1:1', '[::1]:1', 'unix:/nonexistent/milvus.sock',
];
const REFUSED = [
  'http:/127.0.0.1:19530', `http:/root:${SECRET}@127.0.0.1:1`, 'http://', 'localhost:0', 'ftp://h', './demo', 'demo dir',
  'file:///tmp/x.db', `root:${SECRET}@127.0.0.1:99999`,
];

interface Probe {
  outcomes: string[];
  entries: string[];
  children: string[];
}

let removers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const remove of removers) await remove();
  removers = [];
});

async function probe(uris: string[]): Promise<Probe> {
  const { dir: cwd, remove } = await tempDir('cwd');
  removers.push(remove);
  const child = spawn(process.execPath, ['--import', TSX, FIXTURE, JSON.stringify(uris)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the fixture exited with ${code}: ${err}`);
  return JSON.parse(out) as Probe;
}

test('remote and refused forms leave the working directory empty and start no process', async () => {
  const { outcomes, entries, children } = await probe([...REMOTE, ...REFUSED]);
  expect(outcomes.slice(0, REMOTE.length)).toEqual(REMOTE.map(() => 'called'));
  for (const outcome of outcomes.slice(REMOTE.length)) expect(outcome).toMatch(/^refused: (uri ".*" .*; expected a remote Milvus as|MilvusClient needs)/);
  expect(outcomes.join('\n')).not.toContain(SECRET);
  expect(entries).toEqual([]);
  expect(children).toEqual([]);
});

test('the probe sees what a .db path does: its data dir in the working directory and a Milvus Lite child', async () => {
  const { outcomes, entries, children } = await probe(['./control.db']);
  expect(outcomes).toEqual(['called']);
  expect(entries).toEqual(['control.db']);
  expect(children).toEqual([expect.stringMatching(/milvus_lite_server\.py server --data-dir \S+\/control\.db /)]);
});
