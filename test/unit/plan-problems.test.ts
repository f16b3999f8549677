import { planProblems } from '../../web/src/pages/office/plan-problems';

describe('the plan page’s reading of a refused plan', () => {
  it('takes the line and column out of a YAML row’s message', () => {
    const problems = planProblems([{ field: 'body.goals[1].tasks[0].leadUnit', message: 'line 15:9: no such unit' }]);

    expect(problems).toEqual([{ field: 'goals[1].tasks[0].leadUnit', message: 'no such unit', line: 15, column: 9 }]);
  });

  it('reads the line and column of a Chinese message as well', () => {
    const problems = planProblems([{ field: 'body.goals[1].tasks[0].leadUnit', message: '第15行第9列：单位不存在' }]);

    expect(problems).toEqual([{ field: 'goals[1].tasks[0].leadUnit', message: '单位不存在', line: 15, column: 9 }]);
  });

  it('keeps a problem without a line (a JSON upload, or the whole plan) as it is', () => {
    const problems = planProblems([
      { field: 'body.goals[0].tasks[1].dueDate', message: 'not in the cycle’s year' },
      { field: 'body', message: 'the year is not the cycle’s' },
    ]);

    expect(problems).toEqual([
      { field: 'goals[0].tasks[1].dueDate', message: 'not in the cycle’s year' },
      { field: '(plan)', message: 'the year is not the cycle’s' },
    ]);
  });
});
