import {
  openSubTasks,
  rolledUpLight,
  subTaskId,
  subTaskProblems,
  submitBlockedReason,
  type SubTaskView,
  type UnitFacts,
} from '../../procedures/task/cascade';

const units = new Map<string, UnitFacts>([
  ['v-1', { id: 'v-1', kind: 'VILLAGE', parentId: 'town-a', active: true }],
  ['v-2', { id: 'v-2', kind: 'VILLAGE', parentId: 'town-a', active: true }],
  ['v-b', { id: 'v-b', kind: 'VILLAGE', parentId: 'town-b', active: true }],
  ['v-old', { id: 'v-old', kind: 'VILLAGE', parentId: 'town-a', active: false }],
  ['town-b', { id: 'town-b', kind: 'TOWN', parentId: null, active: true }],
]);
const sub = (id: string, state: SubTaskView['state'], light: SubTaskView['light']): SubTaskView => ({
  id,
  unitId: `v-${id}`,
  state,
  light,
  dueDate: '2027-03-20',
});

describe('cascade (三级联动) rules', () => {
  test('sub-task ids are derived from the parent and the position', () => {
    expect(subTaskId('t-9', 'village-hekou')).toBe('t-9-village-hekou');
    expect(subTaskId('t-0123456789ab', 'v'.repeat(60))).toMatch(/^t-0123456789ab-[0-9a-f]{8}$/);
  });

  test('only active villages under the lead unit, once each, with a deadline not after the parent’s', () => {
    const ok = subTaskProblems([{ unitId: 'v-1', dueDate: '2027-03-31' }], units, 'town-a', '2027-03-31', '2027-03-10');
    expect(ok).toEqual({});
    const bad = subTaskProblems(
      [
        { unitId: 'v-b', dueDate: '2027-03-20' },
        { unitId: 'town-b', dueDate: '2027-03-20' },
        { unitId: 'v-old', dueDate: '2027-03-20' },
        { unitId: 'v-1', dueDate: '2027-04-01' },
        { unitId: 'v-2', dueDate: '2027-03-09' },
        { unitId: 'v-2', dueDate: '2027-03-20' },
        { unitId: 'nobody', dueDate: '2027-03-20' },
      ],
      units,
      'town-a',
      '2027-03-31',
      '2027-03-10',
      new Set(['v-1']),
    );
    expect(Object.keys(bad).sort()).toEqual(
      [
        'body.subtasks[0].unitId',
        'body.subtasks[1].unitId',
        'body.subtasks[2].unitId',
        'body.subtasks[3].unitId',
        'body.subtasks[3].dueDate',
        'body.subtasks[4].dueDate',
        'body.subtasks[5].unitId',
        'body.subtasks[6].unitId',
      ].sort(),
    );
    expect(bad['body.subtasks[3].dueDate']!.zh).toContain('2027-03-31');
  });

  test('a late village sub-task makes the parent yellow, never red', () => {
    expect(rolledUpLight('GREEN', [sub('1', 'IN_PROGRESS', 'RED')])).toBe('YELLOW');
    expect(rolledUpLight('GREEN', [sub('1', 'SIGNED', 'YELLOW')])).toBe('YELLOW');
    expect(rolledUpLight('RED', [sub('1', 'IN_PROGRESS', 'GREEN')])).toBe('RED');
    expect(rolledUpLight('GREEN', [sub('1', 'ACCEPTED', 'NONE'), sub('2', 'IN_PROGRESS', 'GREEN')])).toBe('GREEN');
    // A submitted sub-task waits on the lead unit, not the village: it no longer darkens the parent.
    expect(rolledUpLight('GREEN', [sub('1', 'SUBMITTED', 'RED')])).toBe('GREEN');
    expect(rolledUpLight('PAUSED', [sub('1', 'IN_PROGRESS', 'RED')])).toBe('PAUSED');
    expect(rolledUpLight('NONE', [sub('1', 'IN_PROGRESS', 'RED')])).toBe('NONE');
  });

  test('the parent is submitted only when its sub-tasks are done, or with an override', () => {
    const subs = [sub('1', 'ACCEPTED', 'NONE'), sub('2', 'SUBMITTED', 'GREEN'), sub('3', 'CANCELLED', 'NONE')];
    expect(openSubTasks(subs).map((s) => s.id)).toEqual(['2']);
    expect(submitBlockedReason(subs, false, (u) => `村${u}`)).toBe('子任务尚未办结：村v-2（2）');
    expect(submitBlockedReason(subs, true)).toBeNull();
    expect(submitBlockedReason([sub('1', 'ACCEPTED', 'NONE')], false)).toBeNull();
  });
});
