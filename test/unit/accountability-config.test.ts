import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAccountability } from '../../config/accountability';

const fileWith = (text: string) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-accountability-')), 'accountability.yaml');
  writeFileSync(file, text);
  return file;
};

describe('the accountability policy file', () => {
  it('ships the measures the seed names, with DOMAIN.md’s deadlines', () => {
    const { policy, assessmentThreshold } = loadAccountability();

    expect(policy).toMatchObject({ statementWorkingDays: 5, escalateAfterWorkingDays: 3 });
    expect(policy.measures.map((m) => m.name)).toEqual(expect.arrayContaining(['约谈', '诫勉', '通报批评']));
    expect(assessmentThreshold).toBe(60);
  });

  it('defaults every key of an empty file', () => {
    expect(loadAccountability(fileWith('')).policy.measures.map((m) => m.code)).toEqual([
      'NO_ACTION',
      'TALK',
      'ADMONISH',
      'CRITICISM_NOTICE',
    ]);
  });

  it('stops start-up naming the bad field', () => {
    const bad = fileWith('statementWorkingDays: 0\nmeasures:\n  - { code: talk, name: 约谈 }\n');

    expect(() => loadAccountability(bad)).toThrow(
      /statementWorkingDays: .*\n.*measures\.0\.code: expected an UPPER_CASE code/,
    );
  });
});
