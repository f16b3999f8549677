import { Client, Connection } from '@temporalio/client';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServerPath } from '../config/temporal-binaries';

/**
 * The time-skipping test server, from the binary the project installed (never a download): for the workflow tests
 * (test/support/temporal.ts) and the benchmark's phases on skipped time (bench/escalation.ts, bench/year.ts), never
 * for `heli` itself (`@temporalio/testing` is a development dependency).
 */
export const startTimeSkippingServer = (): Promise<TestWorkflowEnvironment> =>
  // `createTimeSkipping` takes no connection options; the method it calls does, and passes them to both connections
  // (the worker's native one takes what it knows of them).
  (TestWorkflowEnvironment as unknown as { create(opts: object): Promise<TestWorkflowEnvironment> }).create({
    server: { type: 'time-skipping', executable: { type: 'existing-path', path: temporalTestServerPath() } },
    supportsTimeSkipping: true,
    connectionOptions: { channelArgs: QUIET_CHANNEL },
  });

/**
 * The Java test server allows one ping per 5 minutes and answers more with GOAWAY ("excess pings"); a call in flight
 * on that connection (a skip, `unlockTimeSkippingWithSleep`) can then hang, and its retry fire after the connection
 * is closed. Every connection to it pings every 10 minutes at most, and never while idle.
 */
const QUIET_CHANNEL = { 'grpc.keepalive_time_ms': 600_000, 'grpc.keepalive_permit_without_calls': 0 };

/**
 * A client of a time-skipping server for runs of minutes. The SDK's default connection pings every 30 s; the Java
 * test server allows one ping per 5 minutes, answers more with GOAWAY ("excess pings"), and a skip
 * (`unlockTimeSkippingWithSleep`) in flight on that connection can then hang. This connection pings only every
 * 10 minutes, and never while idle.
 */
export async function quietTimeSkippingClient(address: string) {
  const options = {
    address,
    channelArgs: QUIET_CHANNEL,
    // The SDK's own (internal) switch for the test service, as TestWorkflowEnvironment sets it.
    [InternalConnectionOptionsSymbol]: { supportsTestService: true },
  };
  const connection = await Connection.connect(options as Parameters<typeof Connection.connect>[0]);
  const testService = connection.testService!;
  return {
    client: new Client({ connection }),
    /** Skips server time by `ms`. */
    sleep: async (ms: number) => {
      await testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
    },
    now: async () => tsToMs((await testService.getCurrentTime({})).time),
    /**
     * Runs a call with a gRPC deadline. A query sent while its run continues as new can stay unanswered on the test
     * server; polling with a deadline asks again, and the next query reaches the new run.
     */
    withDeadline: <R>(ms: number, call: () => Promise<R>) => connection.withDeadline(Date.now() + ms, call),
    close: () => connection.close(),
  };
}
