/** The retry policy as a table: which failures are retried, which are in doubt, and the backoff bounds. */
import { describe, expect, test } from 'vitest';
import { MilvusErrorCode, InvalidInputError, MilvusError, ServerError, TransportError } from '../../src/index.js';
import { backoffMs, classifyFailure } from '../../src/ingest/retry.js';

describe('classifyFailure', () => {
  test.each([
    ['rate limited (code 8 / legacy 49)', new ServerError(8, 'rate limit exceeded', { rpc: 'Insert' }, MilvusErrorCode.RateLimited), 'retry'],
    ['unavailable, never sent', new TransportError(MilvusErrorCode.Unavailable, 'no connection', { grpcCode: 14, notSent: true }), 'retry'],
    ['unavailable after sending', new TransportError(MilvusErrorCode.Unavailable, 'Connection dropped', { grpcCode: 14 }), 'ambiguous'],
    ['deadline exceeded', new TransportError(MilvusErrorCode.Timeout, 'no answer', { grpcCode: 4 }), 'in_doubt'],
    ['cancelled', new TransportError(MilvusErrorCode.Cancelled, 'cancelled', { grpcCode: 1 }), 'in_doubt'],
    ['INTERNAL from the server', new TransportError(MilvusErrorCode.Transport, 'RST_STREAM', { grpcCode: 13 }), 'in_doubt'],
    ['UNKNOWN from the server', new TransportError(MilvusErrorCode.Transport, 'handler threw', { grpcCode: 2 }), 'in_doubt'],
    ['RESOURCE_EXHAUSTED (message too large)', new TransportError(MilvusErrorCode.Transport, 'too large', { grpcCode: 8 }), 'rejected'],
    ['UNAUTHENTICATED', new TransportError(MilvusErrorCode.Transport, 'who are you', { grpcCode: 16 }), 'rejected'],
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
