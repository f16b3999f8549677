import type { ErrorRequestHandler } from 'express';
import { isGrpcServiceError } from '@temporalio/client';
import { AppError, said } from './errors';

const DATABASE_DOWN = said(
  '数据库暂时不可用，请稍后重试',
  'The database is unavailable for now; please try again later',
);
const TEMPORAL_DOWN = said(
  '流程引擎（Temporal）暂时不可用，请稍后重试',
  'The workflow engine (Temporal) is unavailable for now; please try again later',
);

const PG_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']);
// gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the Temporal frontend is unreachable or overloaded.
const GRPC_DOWN = new Set([14, 4]);

/** A dependency that is down is a 503 naming it, never a 500. */
export const toUnavailable: ErrorRequestHandler = (err, _req, _res, next) => {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && PG_DOWN.has(code)) return next(AppError.unavailable(DATABASE_DOWN));
  if (/Connection terminated|timeout exceeded when trying to connect/i.test((err as Error)?.message ?? '')) {
    return next(AppError.unavailable(DATABASE_DOWN));
  }
  if (isGrpcServiceError(err) && GRPC_DOWN.has(err.code)) {
    return next(AppError.unavailable(TEMPORAL_DOWN));
  }
  const cause = (err as { cause?: unknown })?.cause;
  if (isGrpcServiceError(cause) && GRPC_DOWN.has(cause.code)) {
    return next(AppError.unavailable(TEMPORAL_DOWN));
  }
  next(err);
};
