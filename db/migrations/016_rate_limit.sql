-- The per-token rate limit (api/rate-limit.ts), shared by every API process on this database: one row per credential
-- and one-minute window, kept by rate-limiter-flexible's RateLimiterPostgres (option tableCreated, so the library never
-- creates tables itself). Its statements insert positionally: the columns are its schema, in this order; `expire` is
-- in milliseconds since the epoch. Each process deletes rows expired over an hour ago every five minutes.
-- UNLOGGED: a budget is worth a minute, not a WAL write and fsync on every request; after a crash the table starts
-- empty (budgets reset), which is all a limiter can lose.
CREATE UNLOGGED TABLE rate_limit (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
