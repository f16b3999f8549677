-- The web workspace's sign-in (issue 8): a browser session stands for a person like a bearer token does.
-- Only hashes are stored: the cookie's secret and the one-time sign-in code are shown once and never again.
CREATE TABLE web_sessions (
  id           text PRIMARY KEY,
  person_id    text NOT NULL REFERENCES people (id),
  secret_hash  text NOT NULL UNIQUE,
  -- How the person proved who they are: a token id or a sign-in code id.
  signed_in_by text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX web_sessions_person ON web_sessions (person_id);

-- One-time sign-in codes from `heli signin-link`: single use, short-lived.
CREATE TABLE signin_codes (
  id         text PRIMARY KEY,
  person_id  text NOT NULL REFERENCES people (id),
  code_hash  text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
