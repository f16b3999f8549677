#!/usr/bin/env node
// Installs Schemathesis (the API fuzzer of `npm run test:fuzz`) from PyPI into the project-local venv.
// Called by scripts/fuzz.mjs, not by postinstall, so a plain `npm install` stays lean.
import { installIntoVenv } from './python-venv.mjs';

installIntoVenv({
  what: 'Schemathesis',
  packages: [{ name: 'schemathesis', version: '4.32.5', bins: ['st'] }],
  minPythonMinor: 9, // Schemathesis 4 needs Python 3.9 or newer
});
