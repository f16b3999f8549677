import { readFileSync } from 'node:fs';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { parseOrganisationFile } from '../../db/org-file';
import { parsePlanFile, PlanError, type PlanContext } from '../../db/plan-file';

const org = parseOrganisationFile(readFileSync(fromProject('examples/organisation.yaml'), 'utf8'), 'organisation.yaml');
const context: PlanContext = {
  year: 2027,
  units: new Set(org.units.map((u) => u.id)),
  people: new Set(org.people.map((p) => p.id)),
  leaders: new Set(org.people.filter((p) => p.roles.includes('LEADER')).map((p) => p.id)),
  taskTypes: new Set(loadTaskPolicies(fromProject('config/task-policies.yaml')).keys()),
};
const example = readFileSync(fromProject('examples/plan-2027.yaml'), 'utf8');

function problemsOf(text: string, language: 'zh' | 'en' = 'en'): string[] {
  try {
    parsePlanFile(text, context);
  } catch (err) {
    if (err instanceof PlanError) return err.problems.map((p) => `${p.line}:${p.path}: ${p.message[language]}`);
    throw err;
  }
  return [];
}

describe('a plan file', () => {
  it('accepts the example plan for the example organisation', () => {
    const plan = parsePlanFile(example, context);

    expect(plan.goals.map((g) => g.tasks.length)).toEqual([2, 1]);
  });

  it('names the line and field of every bad row, and accepts nothing', () => {
    const bad = example
      .replace('leadUnit: dept-finance', 'leadUnit: dept-nowhere')
      .replace('leader: p-chen-lixin', 'leader: p-xie-hua');

    expect(problemsOf(bad)).toEqual([
      expect.stringMatching(/^\d+:goals\[0\]\.tasks\[0\]\.leader: not a responsible leader$/),
      expect.stringMatching(/^\d+:goals\[1\]\.tasks\[0\]\.leadUnit: no such unit$/),
    ]);
  });

  it('names every bad date and every unknown reference at once, not only the first', () => {
    const bad = example
      .replace('dueDate: 2027-03-31', 'dueDate: 2027-02-30')
      .replace('dueDate: 2027-07-15', 'dueDate: next friday')
      .replace('workingDays: 20', 'dueDate: 2027/09/01')
      .replace('leadUnit: dept-finance', 'leadUnit: dept-nowhere');

    expect(problemsOf(bad)).toEqual([
      expect.stringMatching(/^17:goals\[0\]\.tasks\[0\]\.dueDate: expected a date as YYYY-MM-DD$/),
      expect.stringMatching(/^\d+:goals\[0\]\.tasks\[1\]\.dueDate: expected a date as YYYY-MM-DD$/),
      expect.stringMatching(/^\d+:goals\[1\]\.tasks\[0\]\.dueDate: expected a date as YYYY-MM-DD$/),
      expect.stringMatching(/^\d+:goals\[1\]\.tasks\[0\]\.leadUnit: no such unit$/),
    ]);
    expect(problemsOf(bad, 'zh')).toEqual([
      expect.stringMatching(/dueDate: 须为日期，格式 YYYY-MM-DD$/),
      expect.stringMatching(/dueDate: 须为日期，格式 YYYY-MM-DD$/),
      expect.stringMatching(/dueDate: 须为日期，格式 YYYY-MM-DD$/),
      expect.stringMatching(/leadUnit: 单位不存在$/),
    ]);
  });

  it('refuses a task with both a date and a number of working days', () => {
    expect(problemsOf(example.replace('dueDate: 2027-03-31', 'dueDate: 2027-03-31\n        workingDays: 5'))).toEqual([
      expect.stringMatching(/goals\[0\]\.tasks\[0\]\.dueDate: give exactly one of dueDate and workingDays/),
    ]);
  });

  it('takes milestones (序时进度) on a task and names each that falls after its date or breaks the order', () => {
    const withMilestones = (lines: string) => example.replace('dueDate: 2027-03-31', `dueDate: 2027-03-31\n${lines}`);
    const good = withMilestones(
      '        milestones:\n          - { date: 2027-02-15, expected: 完成摸底, percent: 40 }\n          - { date: 2027-03-15, percent: 80 }',
    );
    expect(parsePlanFile(good, context).goals[0]?.tasks[0]?.milestones).toEqual([
      { date: '2027-02-15', expected: '完成摸底', percent: 40 },
      { date: '2027-03-15', percent: 80 },
    ]);
    const bad = withMilestones(
      '        milestones:\n          - { date: 2027-02-15, percent: 40 }\n          - { date: 2027-04-15, percent: 30 }',
    );
    expect(problemsOf(bad)).toEqual([
      expect.stringMatching(/goals\[0\]\.tasks\[0\]\.milestones\[1\]\.date: must not be after the time limit$/),
      expect.stringMatching(
        /goals\[0\]\.tasks\[0\]\.milestones\[1\]\.percent: percentages must increase with the date$/,
      ),
    ]);
  });
});
