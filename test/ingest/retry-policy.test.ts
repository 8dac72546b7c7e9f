/** The retry policy as a table: which failures are retried, which are in doubt, and the backoff bounds. */
import { describe, expect, test } from 'vitest';
import { MilvusErrorCode, InvalidInputError, MilvusError, ServerError, TransportError } from '../../src/index.js';
import { cancelledError, closedError } from '../../src/errors.js';
import { backoffMs, classifyFailure } from '../../src/ingest/retry.js';
import { transportErrorForStatus } from '../../src/transport/status-map.js';

/** A failed call as the transports report it: the gRPC status mapped once, in the transport. */
const grpc = (code: number, message: string, notSent = false) => transportErrorForStatus(code, message, { method: 'Insert', target: '127.0.0.1:1', notSent });

describe('classifyFailure', () => {
  test.each([
    ['rate limited (code 8 / legacy 49)', new ServerError(8, 'rate limit exceeded', { rpc: 'Insert' }, MilvusErrorCode.RateLimited), 'retry'],
    ['unavailable, never sent', grpc(14, 'No connection established', true), 'retry'],
    ['unavailable after sending', grpc(14, 'Connection dropped'), 'ambiguous'],
    ['deadline exceeded', grpc(4, ''), 'in_doubt'],
    ['cancelled while in flight', grpc(1, ''), 'in_doubt'],
    ['cancelled before it was sent', cancelledError('Insert', 'before', true), 'rejected'],
    ['the client was closed', closedError('Insert'), 'rejected'],
    ['INTERNAL from the server', grpc(13, 'RST_STREAM'), 'in_doubt'],
    ['UNKNOWN from the server', grpc(2, 'handler threw'), 'in_doubt'],
    ['DATA_LOSS from the server', grpc(15, 'lost'), 'in_doubt'],
    ['RESOURCE_EXHAUSTED (message too large)', grpc(8, 'too large'), 'rejected'],
    ['UNAUTHENTICATED', grpc(16, 'who are you'), 'rejected'],
    ['UNIMPLEMENTED', grpc(12, 'no such method'), 'rejected'],
    ['a transport error of unknown fate', new TransportError(MilvusErrorCode.Transport, 'odd answer'), 'in_doubt'],
    ['a server status', new ServerError(1100, 'invalid parameter', { rpc: 'Insert' }), 'rejected'],
    ['invalid input', new InvalidInputError('bad row', { row: 3 }), 'rejected'],
    ['anything else', new MilvusError(MilvusErrorCode.Internal, 'odd'), 'rejected'],
  ])('%s → %s', (_what, error, expected) => {
    expect(classifyFailure(error)).toBe(expected);
  });
});

describe('backoffMs: full jitter, exponential, capped', () => {
  const policy = { attempts: 5, baseMs: 100, capMs: 5000 };
  test.each([
    [1, 100], [2, 200], [3, 400], [4, 800], [6, 3200], [7, 5000], [40, 5000],
  ])('after attempt %i the wait is uniform in [0, %i)', (attempt, ceiling) => {
    expect(backoffMs(attempt, policy, () => 0)).toBe(0);
    expect(backoffMs(attempt, policy, () => 0.5)).toBe(Math.floor(ceiling / 2));
    expect(backoffMs(attempt, policy, () => 0.999999)).toBe(Math.floor(ceiling * 0.999999));
  });
});
