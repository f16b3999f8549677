import pino, { type Logger } from 'pino';

/** Structured JSON logs on stderr, so that stdout carries only what a command prints for its user. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'heli' } }, pino.destination(2));
}
