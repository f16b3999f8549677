import { DefaultLogger } from '@temporalio/worker';
import { installTemporalRuntime } from '../../worker/temporal-runtime';

// Before any test of the file creates a worker or connection: the runtime as production installs it (Core's metrics
// on a loopback port), but quiet: worker lifecycle chatter would bury the test report; warnings and errors still show.
beforeAll(() =>
  installTemporalRuntime({ logger: new DefaultLogger('WARN'), coreLevel: 'ERROR', forwardCoreLogs: false }),
);
