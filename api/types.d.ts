import type { Identity } from './identity';

declare global {
  namespace Express {
    // `req.id` (the request id) is pino-http's (api/observe.ts): a string there, typed as pino-http's `ReqId`.
    interface Request {
      identity?: Identity;
    }
  }
}
export {};
