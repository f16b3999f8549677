import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { fromProject } from '../../config/paths';
import { migrate, readMigrations } from '../../db/migrate';
import { loadOrganisationFile } from '../../db/queries/load-organisation';

/**
 * Migration 017 copies the escalations recorded before it (timeline entries) into the escalation history, under the
 * unit that led the task when it escalated: a database upgraded from 016 keeps what happened.
 */
describe('the escalation history of a database upgraded to migration 017', () => {
  const name = `heli_test_${randomBytes(6).toString('hex')}`;
  const serverUrl = process.env.HELI_TEST_DATABASE_URL!;
  let pool: Pool;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    pool = new Pool({ connectionString: url.toString(), max: 2 });
    pool.on('error', () => undefined);
    const all = await readMigrations();
    // The database before 017, with the later migrations today's organisation loader writes to (019: parent_id,
    // 021: task_policies, 022: agency and major_case_group, 027: the network's appointments, 032: people's contact
    // addresses, 036: the audit log's on_behalf_of, 045: the versions of task types it records, 048: a merged unit's
    // retirement and the ADMIN role), which touch nothing 017 reads.
    await migrate(
      pool,
      all.filter((m) => m.version < 17 || [19, 21, 22, 27, 32, 36, 45, 48].includes(m.version)),
    );
    await loadOrganisationFile(pool, fromProject('examples/organisation.yaml'));
    // A task that went to L1 under town-dongguan, was reassigned to town-xicheng, went to L2 there, then was returned
    // for rework with a new time limit: its rung is 0 now.
    await pool.query(
      `INSERT INTO tasks (id, workflow_id, org_id, cycle_id, type, type_name, title, lead_unit_id, leader_id,
         requirements, standard, time_limit, extension_decided_by, state, light, rung, version, created_by)
       VALUES ('t-old', 'task:t-old', 'district', NULL, 'ROUTINE', '一般督办', '旧任务', 'town-xicheng',
         'p-wang-hongmei', '要求', '标准', '{"kind":"DATE","date":"2026-03-02"}', 'OFFICE', 'IN_PROGRESS', 'GREEN', 0,
         9, 'p-huang-min')`,
    );
    const steps: [string, string, string][] = [
      ['3-escalation_l1', 'ESCALATION_L1', '2026-03-03T16:00:00Z'],
      ['5-reassigned', 'REASSIGNED', '2026-03-04T02:00:00Z'],
      ['6-escalation_l2', 'ESCALATION_L2', '2026-03-09T16:00:00Z'],
      ['8-returned', 'RETURNED', '2026-03-10T02:00:00Z'],
    ];
    for (const [step, kind, at] of steps) {
      await pool.query(
        `INSERT INTO task_timeline (task_id, workflow_id, step, kind, message, at)
         VALUES ('t-old', 'task:t-old', $1, $2, '…', $3)`,
        [step, kind, at],
      );
    }
    await pool.query(
      `INSERT INTO audit_log (org_id, actor_id, action, object_type, object_id, payload, outcome, workflow_id, step)
       VALUES ('district', 'p-huang-min', 'task.reassign', 'task', 't-old',
         '{"leadUnitId":"town-xicheng","previousLeadUnitId":"town-dongguan"}', 'DONE', 'task:t-old', '5-reassigned')`,
    );
    await migrate(pool, all);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('copies each escalation once, under the lead unit of its time', async () => {
    const { rows } = await pool.query(
      `SELECT step, unit_id, rung, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
       FROM task_escalations WHERE task_id = 't-old' ORDER BY at`,
    );

    expect(rows).toEqual([
      { step: '3-escalation_l1', unit_id: 'town-dongguan', rung: 1, at: '2026-03-03T16:00:00Z' },
      { step: '6-escalation_l2', unit_id: 'town-xicheng', rung: 2, at: '2026-03-09T16:00:00Z' },
    ]);
  });
});
