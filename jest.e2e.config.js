/**
 * `npm run test:e2e`: the web workspace in Debian's Chromium (playwright-core), against a whole Heli stack per
 * test file. Kept apart from `npm test`: it needs the built front end (dist/web) and /usr/bin/chromium.
 * @type {import('jest').Config}
 */
const { setupFilesAfterEnv: _histories, ...base } = require('./jest.config');

module.exports = {
  ...base,
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-runtime.ts'],
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testTimeout: 120_000,
};
