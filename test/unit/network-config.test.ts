import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetworkPolicy } from '../../config/network';

const fileWith = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'heli-network-')), 'network.yaml');
  writeFileSync(file, text);
  return file;
};

describe('the supervision network policy (config/network.yaml)', () => {
  it('ships the defaults: triage in 5 working days, the answer 15 after, a reminder 1 before, the head 2 after', () => {
    expect(loadNetworkPolicy().submissions).toEqual({
      triageWorkingDays: 5,
      answerWorkingDays: 15,
      remindBeforeWorkingDays: 1,
      headAfterWorkingDays: 2,
    });
  });

  it('defaults every key left out, and an empty file to all of them', () => {
    expect(loadNetworkPolicy(fileWith('submissions:\n  triageWorkingDays: 3\n')).submissions).toEqual({
      triageWorkingDays: 3,
      answerWorkingDays: 15,
      remindBeforeWorkingDays: 1,
      headAfterWorkingDays: 2,
    });
    expect(loadNetworkPolicy(fileWith('')).submissions.answerWorkingDays).toBe(15);
  });

  it('refuses an unknown key and a reminder not before the deadline, naming the field', () => {
    expect(() => loadNetworkPolicy(fileWith('submissions:\n  triageDays: 3\n'))).toThrow(/submissions/);
    expect(() =>
      loadNetworkPolicy(fileWith('submissions:\n  triageWorkingDays: 2\n  remindBeforeWorkingDays: 2\n')),
    ).toThrow(/submissions\.remindBeforeWorkingDays/);
  });
});
