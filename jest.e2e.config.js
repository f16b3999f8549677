/**
 * `npm run test:e2e`: the web workspace in Debian's Chromium (playwright-core), against a whole Heli stack per
 * test file. Kept apart from `npm test`: it needs the built front end (dist/web) and /usr/bin/chromium.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/quiet-runtime.ts'],
  testTimeout: 120_000,
};
