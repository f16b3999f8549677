import { Command } from 'commander';
import { loadCalendarFile } from '../db/queries/calendar';
import { loadOrganisationFile } from '../db/queries/load-organisation';
import { issueSigninCode } from '../db/queries/web-sessions';
import { SIGNIN_CODE_TTL_MS } from '../api/web-auth';
import { configTable } from '../config';
import { fromProject } from '../config/paths';
import { loadTaskPolicies } from '../config/task-policy';
import { migrate } from '../db/migrate';
import { cliActor, requireFile, setUp, tellRunningTasks, version, withDatabase, withTemporal } from './cli-context';
import { describeCommanderError, UsageError } from './cli-errors';
import { monthDay, nonBlank, wholeNumber, year, zeroOrOne } from './cli-values';
import { bashCompletion } from './completion';
import { runCycleCommand } from './cycle-commands';
import { exportOrganisation } from './org-export';
import { runCycleScheduleCommand, type ScheduleOptions } from './cycle-schedule';
import { issueTokenCommand, MAX_TOKEN_DAYS, revokeTokenCommand } from './token-commands';

const titles: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
};

const orgOption = ['--org <id>', '组织 id（载入了多个组织时必填）'] as const;

/** A command with subcommands (`heli token`); called without one, commander prints its help, then heli says why. */
function group(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description);
}

/** Every command: usage errors and `--help` of all of them go through one place (see heli.ts). */
function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** The `heli` command line. Help in Chinese; commander's own words only where they are flags. */
export function buildProgram(): Command {
  const program = new Command('heli')
    .description('合力 Heli：督办协调流程的服务与管理命令')
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp({ styleTitle: (title) => titles[title] ?? title, showGlobalOptions: false })
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\n数据库：DATABASE_URL；未设置时使用 npm start 正在运行的内嵌 PostgreSQL，没有则自行启动并在结束时关闭。\n' +
        '退出码：0 完成；1 失败（如 id 不存在、文件不存在、数据库无法连接）；2 用法错误（缺参数、未知命令或选项、取值越界）。',
    );

  program.commandsGroup('运行：');
  program
    .command('start')
    .description('启动 Temporal、PostgreSQL、worker 和 API（npm start 运行的就是它）')
    // The servers' modules (the Temporal worker SDK) load only for the commands that run them.
    .action(async () => {
      const { config, log } = setUp();
      const { start } = await import('./serve-commands.js');
      return start(config, log);
    });
  program
    .command('worker')
    .description('单独运行 worker，连接 DATABASE_URL 和 TEMPORAL_ADDRESS（两者必填）')
    .action(async () => {
      const { config, log } = setUp();
      const [{ runPart }, { runWorker }] = await Promise.all([import('./serve-commands.js'), import('./split.js')]);
      return runPart(log, () => runWorker(config, log), 'worker', { temporalCore: true });
    });
  program
    .command('api')
    .description('单独运行 API，连接 DATABASE_URL 和 TEMPORAL_ADDRESS（两者必填）')
    .action(async () => {
      const { config, log } = setUp();
      const [{ runPart }, { runApi }] = await Promise.all([import('./serve-commands.js'), import('./split.js')]);
      return runPart(log, () => runApi(config, log, version), 'API', { temporalCore: false });
    });

  program.commandsGroup('数据：');
  program
    .command('migrate')
    .description('执行尚未执行的数据库迁移')
    .action(async () => {
      const { config, log } = setUp();
      const applied = await withDatabase(config, log, async (db) => (await migrate(db)).applied);
      process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    });
  const org = group(program, 'org', '组织（单位、人员、角色）');
  org
    .command('load')
    .description('校验并载入（更新）组织文件；文件有误则逐条指出行列与字段，什么也不写入')
    .argument('<file>', '组织文件（YAML 或 JSON），相对路径从项目根目录算起')
    .action(async (file: string) => {
      const path = requireFile(fromProject(file), file);
      const { config, log } = setUp();
      const counts = await withDatabase(config, log, (db) => loadOrganisationFile(db, path, cliActor()));
      process.stdout.write(`loaded ${file}: ${JSON.stringify(counts)}\n`);
    });
  org
    .command('export')
    .description(
      '导出组织现状（单位、人员、角色），格式同组织文件，可再用 heli org load 载入；不给文件则输出到标准输出',
    )
    .argument('[file]', '写入的文件（YAML），相对路径从项目根目录算起')
    .option(...orgOption)
    .option('--force', '文件已存在时覆盖')
    .action(async (file: string | undefined, options: { org?: string; force?: boolean }) => {
      const { config, log } = setUp();
      const out = await withDatabase(config, log, (db) =>
        exportOrganisation(db, { ...options, ...(file && { file: fromProject(file), shown: file }) }),
      );
      process.stdout.write(out);
    });
  group(program, 'calendar', '官方工作日表')
    .command('load')
    .description('载入（替换）某年的全国官方工作日表（未自定该年日历的组织都遵循它），并通知运行中的任务重算时限')
    .argument('<file>', '工作日表文件（JSON），相对路径从项目根目录算起')
    .action(async (file: string) => {
      const path = requireFile(fromProject(file), file);
      const { config, log } = setUp();
      await withDatabase(config, log, async (db) => {
        const result = await loadCalendarFile(db, path, cliActor());
        process.stdout.write(`loaded ${file}: ${JSON.stringify(result)}\n`);
        if (result.changed) await tellRunningTasks(config, log, db, result.year);
      });
    });

  program.commandsGroup('令牌与登录：');
  const token = group(program, 'token', 'API 访问令牌');
  token
    .command('issue')
    .description('为人员签发访问令牌：令牌打印到标准输出，只保存其哈希')
    .argument('<person-id>', '人员 id，如 p-huang-min', nonBlank)
    .option('--days <n>', `有效天数（1 到 ${MAX_TOKEN_DAYS}）；不给则长期有效`, wholeNumber(1, MAX_TOKEN_DAYS))
    .action(async (personId: string, options: { days?: number }) => {
      const { config, log } = setUp();
      await withDatabase(config, log, (db) => issueTokenCommand(db, personId, options.days, cliActor()));
    });
  token
    .command('revoke')
    .description('撤销一个令牌，或某人员的全部有效令牌；没有可撤销的令牌时失败（退出码 1）')
    .argument('<token-id|person-id>', '令牌 id（tok_…，签发时打印）或人员 id', nonBlank)
    .action(async (id: string) => {
      const { config, log } = setUp();
      await withDatabase(config, log, (db) => revokeTokenCommand(db, id, cliActor()));
    });
  program
    .command('signin-link')
    .description('打印网页工作台的一次性登录链接（15 分钟内有效，仅可使用一次）')
    .argument('<person-id>', '人员 id', nonBlank)
    .action(async (personId: string) => {
      const { config, log } = setUp();
      const issued = await withDatabase(config, log, (db) =>
        issueSigninCode(db, personId, SIGNIN_CODE_TTL_MS, cliActor()),
      );
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      process.stderr.write(
        `sign-in code ${issued.codeId} for ${personId}, single use, expires ${issued.expiresAt.toISOString()}\n`,
      );
      process.stdout.write(`http://${host}:${config.PORT}/signin?code=${issued.code}\n`);
    });

  program.commandsGroup('年度周期：');
  addCycleCommands(group(program, 'cycle', '年度周期：开启、计划、开启时间表'));

  program.commandsGroup('其他：');
  program
    .command('config')
    .description('打印配置表：环境变量、默认值与说明')
    .action(() => void process.stdout.write(`${configTable()}\n`));
  program
    .command('completion')
    .description('打印 bash 补全脚本（用法：source <(npx heli completion)）')
    .action(() => void process.stdout.write(bashCompletion(program)));

  for (const command of everyCommand(program)) {
    command.exitOverride((err) => {
      if (err.exitCode === 0) throw err; // --help, --version
      // Without a (sub)command, commander has printed the command's help already: only say what is missing.
      if (err.code === 'commander.help') {
        const subs = command.commands.map((c) => c.name()).filter((name) => name !== 'help');
        throw new UsageError(`缺少${command.parent ? '子' : ''}命令，应为其中之一：${subs.join('、')}`, command, false);
      }
      throw new UsageError(describeCommanderError(err), command);
    });
  }
  return program;
}

function addCycleCommands(cycle: Command): void {
  const cycleDeps = () => {
    const { config, log } = setUp();
    const taskPolicies = loadTaskPolicies(fromProject(config.TASK_POLICY_FILE));
    const run = (work: Parameters<typeof runCycleCommand>[2]) =>
      withDatabase(config, log, (db) =>
        withTemporal(config, (temporal) =>
          runCycleCommand({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, taskPolicies }, cliActor(), work),
        ),
      );
    return run;
  };
  cycle
    .command('open')
    .description('开启某年的年度周期（只开一次；再次运行显示已开启的周期）')
    .argument('<year>', '年份，如 2027', year)
    .option(...orgOption)
    .action(async (y: number, options: { org?: string }) => {
      process.stdout.write(`${await cycleDeps()({ verb: 'open', year: y, org: options.org })}\n`);
    });
  cycle
    .command('plan')
    .description('提交或修订年度计划，整体校验：有一行不合格则整份退回，逐条指出行、列与字段')
    .argument('<year>', '年份，如 2027', year)
    .argument('<file>', '计划文件（YAML 或 JSON）')
    .option(...orgOption)
    .action(async (y: number, file: string, options: { org?: string }) => {
      requireFile(file);
      process.stdout.write(`${await cycleDeps()({ verb: 'plan', year: y, file, org: options.org })}\n`);
    });
  addScheduleCommands(group(cycle, 'schedule', '每年自动开启年度周期的时间表（Asia/Shanghai）'));
}

function addScheduleCommands(schedule: Command): void {
  const run = async (verb: Parameters<typeof runCycleScheduleCommand>[2], options: ScheduleOptions) => {
    const { config, log } = setUp();
    const output = await withDatabase(config, log, (db) =>
      withTemporal(config, (temporal) =>
        runCycleScheduleCommand({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }, cliActor(), verb, options),
      ),
    );
    process.stdout.write(`${output}\n`);
  };
  schedule
    .command('show')
    .description('显示时间表及接下来的运行时间')
    .option(...orgOption)
    .action((options: ScheduleOptions) => run('show', options));
  schedule
    .command('set')
    .description('创建或修改时间表：每次给出完整设定，未给的选项取默认值')
    .requiredOption('--month <m>', '每年运行的月份（1 到 12），必填', wholeNumber(1, 12))
    .requiredOption('--day <d>', '当月的日（1 到 31，须每年都有，不可为 2 月 29 日），必填', wholeNumber(1, 31))
    .option('--hour <h>', '运行的小时（0 到 23），默认 9', wholeNumber(0, 23))
    .option('--minute <m>', '运行的分钟（0 到 59），默认 0', wholeNumber(0, 59))
    .option('--year-offset <0|1>', '开启的年份 = 运行年份 + 此值；默认 7 月至 12 月为 1，否则为 0', zeroOrOne)
    .option('--plan-due-month-day <MM-DD>', '开启后计划的截止月日，默认 01-31', monthDay)
    .option('--note <text>', '为何如此设定（随时间表显示）')
    .option(...orgOption)
    .action((options: ScheduleOptions) => run('set', options));
  for (const verb of ['pause', 'resume'] as const) {
    schedule
      .command(verb)
      .description(verb === 'pause' ? '暂停时间表' : '恢复时间表')
      .option('--reason <text>', '原因（记入审计日志与时间表备注）')
      .option(...orgOption)
      .action((options: ScheduleOptions) => run(verb, options));
  }
  schedule
    .command('delete')
    .description('删除时间表（已开启的周期不受影响）')
    .option(...orgOption)
    .action((options: ScheduleOptions) => run('delete', options));
}
