// Tells an outage (Postgres or Temporal away) from a bug: the first is a 503 the client may retry,
// the second a 500.
import { isGrpcServiceError } from '@temporalio/client';
import { DatabaseUnavailableError } from '../db/client.js';

// gRPC status codes (@grpc/grpc-js `status`): the server is unreachable, or did not answer in time.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** SQLSTATEs of a lost or refused session: connection exceptions and operator intervention. */
const isConnectionSqlState = (code: string) =>
  /^08/.test(code) || ['57P01', '57P02', '57P03', '57P04', '53300'].includes(code);

/** Node socket errors of an unreachable or vanished server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// pg's own texts for a connection that ended or could not be had; they carry no code.
const PG_CONNECTION_MESSAGE = /^Connection terminated|^timeout exceeded when trying to connect|is not queryable/;

function isUnavailableOne(err: object): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (isGrpcServiceError(err)) return err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || isConnectionSqlState(code))) return true;
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && PG_CONNECTION_MESSAGE.test(message);
}

/** True when the error, its causes or (for an AggregateError) any of its parts say a backing service is away. */
export function isServiceUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 8) return false;
  if (isUnavailableOne(err)) return true;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.some((e) => isServiceUnavailable(e, depth + 1))) return true;
  return isServiceUnavailable(cause, depth + 1);
}
