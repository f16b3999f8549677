#!/usr/bin/env node
// Installs moto's standalone server (an S3-compatible API, `moto_server`) from PyPI into the project-local venv:
// test/integration/attachments-s3.test.ts starts it to try the S3 file store against a real server, not a fake.
// Runs from `npm install` / `npm ci` (postinstall), after the Temporal binaries.
import { installIntoVenv } from './python-venv.mjs';

installIntoVenv({
  what: 'moto (S3-compatible test server)',
  packages: [{ name: 'moto[server]', version: '5.2.6', bins: ['moto_server'] }],
  minPythonMinor: 9,
});
