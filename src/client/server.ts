/**
 * Server-wide operations: databases, version, health, flush.
 */
import { InvalidInputError } from '../errors.js';
import type { CallOptions, Connection } from './connection.js';
import { int64ListOut, type Int64 } from './int64.js';
import type { SchemaCache } from './schema-cache.js';
import { SUCCESS, type ResStatus } from './status.js';

/** A database name plus call options. */
export interface DatabaseReq extends Omit<CallOptions, 'db_name'> {
  db_name: string;
}

function checkDbName(req: DatabaseReq, what: string): void {
  if (typeof req?.db_name !== 'string' || req.db_name === '') throw new InvalidInputError(`${what}: db_name must be a non-empty string`);
}

/** Creates a database. */
export async function createDatabase(conn: Connection, req: DatabaseReq): Promise<ResStatus> {
  checkDbName(req, 'createDatabase');
  await conn.rpc('CreateDatabase', { db_name: req.db_name }, { timeout: req.timeout, signal: req.signal });
  return SUCCESS;
}

/** Drops a database and forgets the cached schemas of its collections. */
export async function dropDatabase(conn: Connection, schemas: SchemaCache, req: DatabaseReq): Promise<ResStatus> {
  checkDbName(req, 'dropDatabase');
  await conn.rpc('DropDatabase', { db_name: req.db_name }, { timeout: req.timeout, signal: req.signal });
  schemas.invalidateDatabase(req.db_name);
  return SUCCESS;
}

/** Result of `listDatabases`. */
export interface ListDatabasesResponse {
  status: ResStatus;
  db_names: string[];
  db_ids: Int64[];
  created_timestamp: Int64[];
}

/** Lists the databases. */
export async function listDatabases(conn: Connection, req: CallOptions = {}): Promise<ListDatabasesResponse> {
  const res = await conn.rpc<{ db_names: string[]; db_ids: string[]; created_timestamp: string[] }>('ListDatabases', {}, req);
  return {
    status: SUCCESS,
    db_names: res.db_names,
    db_ids: int64ListOut(res.db_ids, conn.int64),
    created_timestamp: int64ListOut(res.created_timestamp, conn.int64),
  };
}

/** Result of `getVersion`. */
export interface GetVersionResponse {
  status: ResStatus;
  version: string;
}

/** The server's version string, e.g. `'v2.6.0'` or `'milvus_lite-3.2.2'`. */
export async function getVersion(conn: Connection, req: CallOptions = {}): Promise<GetVersionResponse> {
  const res = await conn.rpc<{ version: string }>('GetVersion', {}, req);
  return { status: SUCCESS, version: res.version };
}

/** Result of `checkHealth`. */
export interface CheckHealthResponse {
  status: ResStatus;
  isHealthy: boolean;
  reasons: string[];
}

/** Whether the server reports itself healthy (and why not). */
export async function checkHealth(conn: Connection, req: CallOptions = {}): Promise<CheckHealthResponse> {
  const res = await conn.rpc<{ isHealthy: boolean; reasons: string[] }>('CheckHealth', {}, req);
  return { status: SUCCESS, isHealthy: res.isHealthy, reasons: res.reasons };
}

/** Parameters of `flush`. */
export interface FlushReq extends CallOptions {
  collection_names: string[];
}

/** Seals the collections' growing segments so their data is persisted. */
export async function flush(conn: Connection, req: FlushReq): Promise<ResStatus> {
  if (!Array.isArray(req?.collection_names) || req.collection_names.length === 0) {
    throw new InvalidInputError('flush: collection_names must be a non-empty array');
  }
  await conn.rpc('Flush', { collection_names: req.collection_names }, req);
  return SUCCESS;
}
