/**
 * Aliases and databases against the real Milvus Lite: an alias created, described, listed, written and read
 * through, moved to another collection and dropped; a database created with properties, described,
 * altered, listed, used (and left), and dropped. Every refusal is the server's status, as in the SDK.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_REASONS, InvalidInputError, MilvusClient } from '../../src/index.js';
import { milvusUri, uniqueName } from '../setup/milvus-server.js';

const first = uniqueName('al_a');
const second = uniqueName('al_b');
const alias = uniqueName('al_alias');
const missing = uniqueName('al_missing');
let client: MilvusClient;

beforeAll(async () => {
  client = new MilvusClient({ uri: milvusUri() });
  for (const name of [first, second]) await client.createCollection({ collection_name: name, dimension: 2 });
  await client.insert({ collection_name: second, data: [{ id: 20, vector: [0, 1] }] });
});

afterAll(async () => {
  await client.dropAlias({ alias });
  for (const name of [first, second]) await client.dropCollection({ collection_name: name });
  await client.close();
});

const idsVia = async (name: string) => (await client.query({ collection_name: name, filter: 'id > 0', output_fields: ['id'] })).data.map((r) => r.id);

describe('aliases', () => {
  test('createAlias, describeAlias, listAliases', async () => {
    expect(await client.createAlias({ collection_name: first, alias })).toMatchObject({ code: 0, error_code: 'Success' });
    expect(await client.describeAlias({ collection_name: first, alias })).toMatchObject({ status: { code: 0 }, alias, collection: first, db_name: '' });
    expect(await client.listAliases({ collection_name: first })).toMatchObject({ status: { code: 0 }, aliases: [alias], collection_name: first });
    expect((await client.listAliases({ collection_name: second })).aliases).toEqual([]);
  });

  test('insert, query and describe through the alias reach the collection', async () => {
    const res = await client.insert({ collection_name: alias, data: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [1, 1] }] });
    expect(res.insert_cnt).toBe('2');
    expect(await idsVia(alias)).toEqual(['1', '2']);
    expect(await idsVia(first)).toEqual(['1', '2']);
    expect((await client.describeCollection({ collection_name: alias })).collection_name).toBe(first);
  });

  test('alterAlias points it at the other collection; dropAlias removes it', async () => {
    expect(await client.alterAlias({ collection_name: second, alias })).toMatchObject({ code: 0 });
    expect((await client.describeAlias({ collection_name: second, alias })).collection).toBe(second);
    expect(await idsVia(alias)).toEqual(['20']);
    expect(await client.dropAlias({ alias })).toMatchObject({ code: 0 });
    const gone = await client.describeAlias({ collection_name: second, alias });
    expect(gone).toMatchObject({ status: { code: 100, reason: `alias '${alias}' does not exist` }, alias: '', collection: '' });
    expect((await client.listAliases({ collection_name: second })).aliases).toEqual([]);
  });

  test.each([
    ['createAlias on a missing collection', () => client.createAlias({ collection_name: missing, alias: `${alias}_x` }), { code: 100, reason: `collection '${missing}' does not exist` }],
    ['createAlias taken by another collection', async () => {
      await client.createAlias({ collection_name: first, alias: `${alias}_taken` });
      try {
        return await client.createAlias({ collection_name: second, alias: `${alias}_taken` });
      } finally {
        await client.dropAlias({ alias: `${alias}_taken` });
      }
    }, { code: 1, reason: `alias '${alias}_taken' already exists` }],
    ['describeAlias of a missing alias', () => client.describeAlias({ collection_name: first, alias: `${alias}_none` }).then((r) => r.status), { code: 100 }],
    ['alterAlias of a missing alias', () => client.alterAlias({ collection_name: first, alias: `${alias}_none` }), { code: 100, reason: `alias '${alias}_none' does not exist` }],
    // Lite answers these two with success: nothing to drop, nothing to list.
    ['dropAlias of a missing alias', () => client.dropAlias({ alias: `${alias}_none` }), { code: 0 }],
    ['listAliases of a missing collection', () => client.listAliases({ collection_name: missing }), { status: { code: 0 }, aliases: [] }],
  ])('%s: the server\'s status', async (_name, call, expected) => {
    expect(await call()).toMatchObject(expected);
  });

  test.each([
    ['createAlias without alias', () => client.createAlias({ collection_name: first } as never), ERROR_REASONS.ALIAS_NAME_IS_REQUIRED],
    ['createAlias without collection_name', () => client.createAlias({ alias } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['describeAlias without alias', () => client.describeAlias({ collection_name: first, alias: '' }), ERROR_REASONS.ALIAS_NAME_IS_REQUIRED],
    ['alterAlias without alias', () => client.alterAlias({ collection_name: first } as never), ERROR_REASONS.ALIAS_NAME_IS_REQUIRED],
    ['alterAlias without collection_name', () => client.alterAlias({ alias } as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
    ['dropAlias without alias', () => client.dropAlias({} as never), ERROR_REASONS.ALIAS_NAME_IS_REQUIRED],
    ['listAliases without collection_name', () => client.listAliases({} as never), ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED],
  ])('%s rejects with the SDK\'s text', async (_name, call, reason) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(reason);
  });
});

describe('databases', () => {
  const db = uniqueName('al_db');
  const inDb = uniqueName('al_in_db');
  const propsOf = async () => (await client.describeDatabase({ db_name: db })).properties;

  test('createDatabase with properties, describeDatabase, listDatabases', async () => {
    expect(await client.createDatabase({ db_name: db, properties: { 'database.replica.number': 1 } })).toMatchObject({ code: 0 });
    expect(await client.describeDatabase({ db_name: db })).toMatchObject({ status: { code: 0 }, db_name: db, properties: [{ key: 'database.replica.number', value: '1' }] });
    const { db_names } = await client.listDatabases();
    expect(db_names).toContain('default');
    expect(db_names).toContain(db);
  });

  test.each([
    ['alterDatabase adds', () => client.alterDatabase({ db_name: db, properties: { 'database.max.collections': 7 } }),
      [{ key: 'database.replica.number', value: '1' }, { key: 'database.max.collections', value: '7' }]],
    ['alterDatabaseProperties changes', () => client.alterDatabaseProperties({ db_name: db, properties: { 'database.max.collections': 8 } }),
      [{ key: 'database.replica.number', value: '1' }, { key: 'database.max.collections', value: '8' }]],
    ['dropDatabaseProperties removes', () => client.dropDatabaseProperties({ db_name: db, properties: ['database.max.collections'] }),
      [{ key: 'database.replica.number', value: '1' }]],
  ])('%s properties', async (_name, call, expected) => {
    expect(await call()).toMatchObject({ code: 0, error_code: 'Success' });
    expect(await propsOf()).toEqual(expected);
  });

  test('use / useDatabase switch the database later calls go to; db_name per call overrides it', async () => {
    expect(await client.use({ db_name: db })).toMatchObject({ error_code: 'Success', code: 0 });
    try {
      await client.createCollection({ collection_name: inDb, dimension: 2 });
      await client.insert({ collection_name: inDb, data: [{ id: 5, vector: [1, 0] }] });
      expect((await client.showCollections()).collection_names).toEqual([inDb]);
      expect(await idsVia(inDb)).toEqual(['5']);
    } finally {
      expect(await client.useDatabase({ db_name: 'default' })).toMatchObject({ code: 0 });
    }
    expect((await client.hasCollection({ collection_name: inDb })).value).toBe(false);
    expect((await client.hasCollection({ collection_name: inDb, db_name: db })).value).toBe(true);
    expect((await client.showCollections()).collection_names).toEqual(expect.arrayContaining([first, second]));
  });

  test('dropDatabase: refused while it holds a collection (code 6), then dropped and no longer listed', async () => {
    expect(await client.dropDatabase({ db_name: db })).toMatchObject({ code: 6, reason: `database '${db}' is not empty` });
    await client.dropCollection({ collection_name: inDb, db_name: db });
    expect(await client.dropDatabase({ db_name: db })).toMatchObject({ code: 0 });
    expect((await client.listDatabases()).db_names).not.toContain(db);
  });

  test.each([
    ['createDatabase of an existing name', () => client.createDatabase({ db_name: 'default' }), { code: 6, reason: "database 'default' already exists" }],
    ['describeDatabase of a missing one', () => client.describeDatabase({ db_name: `${db}_none` }).then((r) => r.status), { code: 6, reason: `database '${db}_none' does not exist` }],
    ['alterDatabase of a missing one', () => client.alterDatabase({ db_name: `${db}_none`, properties: { a: 1 } }), { code: 6 }],
    ['dropDatabaseProperties of a missing one', () => client.dropDatabaseProperties({ db_name: `${db}_none`, properties: ['a'] }), { code: 6 }],
    ['dropDatabase of a missing one', () => client.dropDatabase({ db_name: `${db}_none` }), { code: 6 }],
    ['dropDatabase of default', () => client.dropDatabase({ db_name: 'default' }), { code: 1, reason: 'cannot drop default database' }],
  ])('%s: the server\'s status', async (_name, call, expected) => {
    expect(await call()).toMatchObject(expected);
  });

  test('use with a db_name that is not a string rejects (nothing changes)', async () => {
    await expect(client.use({ db_name: 5 as never })).rejects.toThrow(InvalidInputError);
    expect((await client.hasCollection({ collection_name: first })).value).toBe(true);
  });
});
