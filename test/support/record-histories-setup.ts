import { writeRecordedHistories } from './history-recorder';

/** Jest setup when recording histories (jest.config.js adds it with RECORD_HISTORIES=1): record after each test. */
afterEach(async () => {
  const { testPath, currentTestName } = expect.getState();
  await writeRecordedHistories(testPath ?? 'unknown', currentTestName ?? 'unknown');
}, 120_000);
