// Which errors mean "Postgres or Temporal is away" (503 with Retry-After) and which are bugs (500).
import { ServiceError as TemporalServiceError } from '@temporalio/client';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../db/client.js';
import { ServiceError } from '../services/errors.js';
import { problemFor } from './problems.js';
import { isServiceUnavailable } from './unavailable.js';

/** A pg DatabaseError as the server sends it. */
const pgError = (code: string, message = 'server error') => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
/** What @grpc/grpc-js throws, as @temporalio/client's isGrpcServiceError recognises it. */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('isServiceUnavailable', () => {
  it.each([
    ['57P01 admin shutdown (pg_terminate_backend)', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is starting up')],
    ['08006 connection failure', pgError('08006')],
    ['08001 unable to connect', pgError('08001')],
    ['53300 too many connections', pgError('53300')],
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['ETIMEDOUT', socketError('ETIMEDOUT')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['Connection terminated due to connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pool wait timed out', new Error('timeout exceeded when trying to connect')],
    ['a client broken mid-transaction', new Error('Client has encountered a connection error and is not queryable')],
    ['no connection from the pool at all', new DatabaseUnavailableError(pgError('55000', 'database "x" is not currently accepting connections'))],
    ['localhost tried on IPv4 and IPv6', new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], 'connect failed')],
    ['Temporal UNAVAILABLE', grpcError(14, 'No connection established')],
    ['Temporal DEADLINE_EXCEEDED', grpcError(4, 'Deadline exceeded')],
    ['Temporal UNAVAILABLE wrapped by the client', new TemporalServiceError('Failed to start Workflow', { cause: grpcError(14, 'unavailable') })],
  ])('%s: yes', (_label, err) => {
    expect(isServiceUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ['a syntax error in our SQL', pgError('42601')],
    ['55000 on a live session (not a refused connection)', pgError('55000', 'currval of sequence is not yet defined')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['Temporal NOT_FOUND', grpcError(5, 'workflow not found')],
    ['Temporal INVALID_ARGUMENT wrapped', new TemporalServiceError('bad', { cause: grpcError(3, 'invalid') })],
    ['a domain refusal', new ServiceError('conflict', 'Konflikt', 'Ärendet är redan avslutat.')],
    ['not an error at all', 'ECONNREFUSED'],
    ['undefined', undefined],
  ])('%s: no', (_label, err) => {
    expect(isServiceUnavailable(err)).toBe(false);
  });

  it('follows a cycle of causes without looping forever', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isServiceUnavailable(a)).toBe(false);
  });
});

describe('problemFor', () => {
  it('turns an outage into a Swedish 503 problem', () => {
    expect(problemFor(pgError('57P01'))).toEqual({
      type: 'https://kundportal.se/problems/service-unavailable',
      title: 'Tjänsten är tillfälligt otillgänglig',
      status: 503,
      detail: 'Vi når inte alla delar av tjänsten just nu. Försök igen om 5 sekunder.',
    });
  });

  it('leaves a bug to the 500 path', () => {
    expect(problemFor(new Error('boom'))).toBeUndefined();
  });
});
