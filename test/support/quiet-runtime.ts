import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker lifecycle chatter would bury the test report; warnings and errors still show.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
} catch {
  // Already installed by an earlier test file in this process.
}
