import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { buildProgram } from '../../cli/program';
import { hashToken } from '../../db/queries/tokens';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { readOrganisationContent } from '../../db/queries/organisation-content';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runHeliAsync } from '../support/heli-process';

const OFFICE = 'p-huang-min';
const ORG = 'district';

/** Every command path of the CLI, from its own tree: a command added later is checked too. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

describe('the heli command line, used carelessly', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, path.join(__dirname, '../../examples/organisation.yaml'), 'test');
    env = { DATABASE_URL: db.url };
  });

  afterAll(() => db?.drop());

  it('run without a command, lists the commands on stderr and exits 2', async () => {
    const run = await runHeliAsync([], {});

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('token');
    expect(run.stderr).toContain('cycle');
    expect(run.stderr).toMatch(/heli：缺少命令，应为其中之一：start、worker、api/);
  });

  it.each([[], ...commandPaths(buildProgram())].map((p) => [p.join(' ') || '(none)', p]))(
    'answers `heli %s --help` with its usage on stdout and exit 0',
    async (_name, words) => {
      const run = await runHeliAsync([...(words as string[]), '--help'], {});

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`用法： heli ${(words as string[]).join(' ')}`.trim());
      expect(run.stdout).toMatch(/[\u4e00-\u9fff]/); // described in Chinese
    },
  );

  it('says which argument `heli token revoke` misses, and how to call it, with exit 2', async () => {
    const run = await runHeliAsync(['token', 'revoke'], env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('heli token revoke：缺少参数 <token-id|person-id>');
    expect(run.stderr).toContain('查看帮助：heli token revoke --help');
  });

  it.each([['0'], ['x'], ['1.5'], ['-3'], ['99999']])(
    'refuses `--days %s` stating the allowed range, exit 2',
    async (days) => {
      const tokens = async () => (await db.pool.query('SELECT 1 FROM api_tokens')).rowCount;
      const before = await tokens();

      const run = await runHeliAsync(['token', 'issue', OFFICE, '--days', days], env);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--days 须为 1 到 3650 之间的整数，而不是“${days}”`);
      expect(await tokens()).toBe(before);
    },
  );

  it('refuses an unknown command or option, suggesting the nearest one, exit 2', async () => {
    const command = await runHeliAsync(['token', 'revok', 'tok_1'], env);
    const option = await runHeliAsync(['token', 'issue', OFFICE, '--day', '3'], env);

    expect(command.code).toBe(2);
    expect(command.stderr).toContain('没有这个命令：revok（是否想用 revoke？）');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('没有这个选项：--day（是否想用 --days？）');
  });

  it('refuses out-of-range values and missing required options of `cycle schedule set` before connecting', async () => {
    const month = await runHeliAsync(['cycle', 'schedule', 'set', '--month', '13', '--day', '1'], env);
    const missing = await runHeliAsync(['cycle', 'schedule', 'set', '--day', '1'], env);
    const year = await runHeliAsync(['cycle', 'open', '27'], env);

    expect(month).toMatchObject({ code: 2, stderr: expect.stringContaining('--month 须为 1 到 12 之间的整数') });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('缺少必填选项 --month <m>') });
    expect(year).toMatchObject({ code: 2, stderr: expect.stringContaining('<year> 须为 2000 到 2100 之间的年份') });
  });

  it('fails with exit 1 when revoking an id that names no token and no person', async () => {
    const run = await runHeliAsync(['token', 'revoke', 'tok_doesnotexist'], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('没有 id 为 tok_doesnotexist 的令牌或人员');
  });

  it('issues a token with an expiry and revokes it (exit 0); revoking it again fails saying when it was revoked', async () => {
    const issued = await runHeliAsync(['token', 'issue', OFFICE, '--days', '7'], env);
    const token = issued.stdout.trim();
    const { rows } = await db.pool.query('SELECT id, expires_at FROM api_tokens WHERE token_hash = $1', [
      hashToken(token),
    ]);
    const tokenId = rows[0]?.id as string;

    const revoked = await runHeliAsync(['token', 'revoke', tokenId], env);
    const again = await runHeliAsync(['token', 'revoke', tokenId], env);

    expect(issued.code).toBe(0);
    expect(issued.stderr).toContain(`已为 ${OFFICE} 签发令牌 ${tokenId}`);
    expect((rows[0]?.expires_at as Date).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    expect(revoked).toMatchObject({ code: 0, stdout: '已撤销 1 个令牌\n' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`令牌 ${tokenId} 已于 \\d{4}-\\d\\d-\\d\\dT.+ 撤销，无需再次撤销`));
    const audit = await db.pool.query(
      "SELECT actor_id FROM audit_log WHERE action = 'token.revoke' AND object_id = $1",
      [tokenId],
    );
    expect(audit.rows).toEqual([{ actor_id: expect.stringMatching(/^cli:/) }]);
  });

  it('revokes every token of a person, then fails for that person when none is left', async () => {
    const person = 'p-xie-hua';
    await runHeliAsync(['token', 'issue', person], env);
    await runHeliAsync(['token', 'issue', person], env);

    const revoked = await runHeliAsync(['token', 'revoke', person], env);
    const again = await runHeliAsync(['token', 'revoke', person], env);

    expect(revoked).toMatchObject({ code: 0, stdout: '已撤销 2 个令牌\n' });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`${person} 没有可撤销的令牌`) });
  });

  it('fails with exit 1 when issuing for a person who does not exist', async () => {
    const run = await runHeliAsync(['token', 'issue', 'p-nobody'], env);

    expect(run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('没有在职人员 p-nobody') });
  });

  it('fails with exit 1, naming the database without its password, when the database is unreachable', async () => {
    const run = await runHeliAsync(['token', 'revoke', 'tok_1'], {
      DATABASE_URL: 'postgres://heli:secret@127.0.0.1:1/heli',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('无法连接数据库 postgres://heli:***@127.0.0.1:1/heli');
    expect(run.stderr).not.toContain('secret');
  });

  it('fails with exit 1 when the file to load does not exist', async () => {
    const org = await runHeliAsync(['org', 'load', 'no/such/org.yaml'], env);
    const plan = await runHeliAsync(['cycle', 'plan', '2027', 'no-such-plan.yaml'], env);

    expect(org).toMatchObject({ code: 1, stderr: 'heli org load：找不到文件：no/such/org.yaml\n' });
    expect(plan).toMatchObject({ code: 1, stderr: 'heli cycle plan：找不到文件：no-such-plan.yaml\n' });
  });

  describe('heli org export', () => {
    it('writes the organisation as it stands in the file shape, on stdout, equal to what the API exports', async () => {
      const run = await runHeliAsync(['org', 'export'], env);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^# 组织架构（.+），heli org export 导出于 .+；可用 heli org load 载入\n/);
      expect(parse(run.stdout)).toEqual(await readOrganisationContent(db.pool, ORG));
    });

    it('is taken back by heli org load: a unit renamed in the exported file is renamed, nothing else changes', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'heli-org-export-'));
      const file = path.join(dir, 'org.yaml');
      const before = await readOrganisationContent(db.pool, ORG);

      expect(await runHeliAsync(['org', 'export', file], env)).toMatchObject({ code: 0, stderr: '' });
      writeFileSync(file, readFileSync(file, 'utf8').replace('name: 东关街道\n', 'name: 东关街道办事处\n'));
      const load = await runHeliAsync(['org', 'load', file], env);

      expect(load).toMatchObject({ code: 0, stderr: '' });
      const after = await readOrganisationContent(db.pool, ORG);
      expect(after.units.find((u) => u.id === 'town-dongguan')?.name).toBe('东关街道办事处');
      expect({ ...after, units: after.units.filter((u) => u.id !== 'town-dongguan') }).toEqual({
        ...before,
        units: before.units.filter((u) => u.id !== 'town-dongguan'),
      });
    });

    it('does not overwrite an existing file without --force, and names an organisation that is not loaded', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'heli-org-export-')), 'mine.yaml');
      writeFileSync(file, '# hand-edited\n');

      const refused = await runHeliAsync(['org', 'export', file], env);
      const unknown = await runHeliAsync(['org', 'export', '--org', 'no-such-org'], env);
      const forced = await runHeliAsync(['org', 'export', file, '--force'], env);

      expect(refused).toMatchObject({ code: 1, stderr: `heli org export：文件已存在：${file}（覆盖请加 --force）\n` });
      expect(unknown).toMatchObject({ code: 1, stdout: '' });
      expect(unknown.stderr).toMatch(/^heli org export：没有组织 no-such-org（已载入：/);
      expect(forced.code).toBe(0);
      expect(parse(readFileSync(file, 'utf8'))).toEqual(await readOrganisationContent(db.pool, ORG));
    });
  });

  it('prints its version, exit 0', async () => {
    const run = await runHeliAsync(['--version'], {});

    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('prints a bash completion that completes subcommands and options', async () => {
    const script = (await runHeliAsync(['completion'], {})).stdout;

    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; ` +
            '_heli; echo "${COMPREPLY[*]}"',
        ],
        { encoding: 'utf8' },
      ).trim();

    expect(complete('heli', 'tok')).toBe('token');
    expect(complete('heli', 'token', 're')).toBe('revoke');
    expect(complete('heli', 'token', 'issue', 'p-1', '--d')).toBe('--days');
    expect(complete('heli', 'cycle', 'schedule', 'set', '--year')).toBe('--year-offset');
  });
});
