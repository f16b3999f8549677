/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: [
    '<rootDir>/test/support/quiet-runtime.ts',
    // `npm run record:histories`: the workflow tests write their histories to test/histories after each test.
    ...(process.env.RECORD_HISTORIES === '1' ? ['<rootDir>/test/support/record-histories-setup.ts'] : []),
  ],
  testTimeout: 60_000,
};
