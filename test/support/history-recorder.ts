import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { fromProject } from '../../config/paths';
import { historyToText } from './history-json';

/**
 * Records workflow histories from the workflow tests, for the replay test (test/replay/replay.test.ts).
 *
 * With `RECORD_HISTORIES=1` (`npm run record:histories`), every time-skipping environment a test creates is
 * registered here, and after each test every workflow run that environment has seen since the last test is written
 * to `test/histories/<workflowType>/<generation>/<test file>--<test name>[--<n>].json`: the workflow tests are the
 * scenarios. The generation (`HISTORIES_GENERATION`, e.g. `2026-12-kernel`) names the code that recorded them: a
 * new one is added beside the older ones, which stay, since they are what workflows started on older code look
 * like. Without `RECORD_HISTORIES` nothing is registered and nothing is written.
 */
export const recordingHistories = process.env.RECORD_HISTORIES === '1';

/** The folder under each workflow type that this recording writes to; older generations are left as they are. */
const generation = process.env.HISTORIES_GENERATION ?? '';

/** At most this many runs of one workflow type per test, the longest histories first (the size stays small). */
const MAX_RUNS_PER_TYPE = 3;

interface Run {
  workflowId: string;
  runId: string;
  type: string;
}

const clients = new Map<Client, Set<string>>();

/** Registers an environment's client, when recording. */
export function recordHistoriesOf(client: Client): void {
  if (recordingHistories) clients.set(client, new Set());
}

async function listRuns(client: Client): Promise<Run[]> {
  const runs: Run[] = [];
  const { namespace } = client.options;
  const service = client.workflowService;
  const pages = [
    (nextPageToken?: Uint8Array) =>
      service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000, nextPageToken }),
    (nextPageToken?: Uint8Array) =>
      service.listClosedWorkflowExecutions({ namespace, maximumPageSize: 1000, nextPageToken }),
  ];
  for (const list of pages) {
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await list(nextPageToken);
      for (const e of page.executions) {
        runs.push({ workflowId: e.execution!.workflowId!, runId: e.execution!.runId!, type: e.type!.name! });
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  return runs;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100)
    .replace(/-$/, '');

/** Writes the histories of the runs each registered environment started during the test that just ended. */
export async function writeRecordedHistories(testPath: string, testName: string): Promise<void> {
  const scenario = `${basename(testPath).replace(/\.test\.ts$/, '')}--${slug(testName)}`;
  for (const [client, seen] of clients) {
    let runs: Run[];
    try {
      runs = (await listRuns(client)).filter((r) => !seen.has(r.runId));
    } catch {
      clients.delete(client); // its environment was torn down
      continue;
    }
    const byType = new Map<string, { run: Run; json: string; events: number }[]>();
    for (const run of runs) {
      seen.add(run.runId);
      const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      const entry = { run, json: historyToText(history), events: history.events?.length ?? 0 };
      byType.set(run.type, [...(byType.get(run.type) ?? []), entry]);
    }
    for (const [type, entries] of byType) {
      const kept = entries.sort((a, b) => b.events - a.events).slice(0, MAX_RUNS_PER_TYPE);
      const dir = fromProject(join('test/histories', type, generation));
      mkdirSync(dir, { recursive: true });
      kept.forEach((e, i) => writeFileSync(join(dir, `${scenario}${i ? `--${i + 1}` : ''}.json`), e.json + '\n'));
    }
  }
}
