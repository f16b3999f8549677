import type { Identity } from './identity';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      identity?: Identity;
    }
  }
}
export {};
