import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every kind of step a task's timeline records has its label in the web workspace, in Chinese and English: a kind
 * without one showed as its key (「kind.HANDLER_NAMED」) on the task page.
 */
describe('the task timeline’s labels', () => {
  const root = path.join(__dirname, '../..');
  const source = readFileSync(path.join(root, 'procedures/task/messages.ts'), 'utf8');
  const union = /export type TaskEventKind =([\s\S]*?);/.exec(source)![1]!;
  const kinds = [...union.matchAll(/\|\s*'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
  const dir = path.join(root, 'web/src/lib/messages');
  const labels = { zh: new Set<string>(), en: new Set<string>() };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const messages = require(path.join(dir, file)).default as Record<'zh' | 'en', Record<string, string>>;
    for (const lang of ['zh', 'en'] as const) for (const key of Object.keys(messages[lang])) labels[lang].add(key);
  }

  it('reads the kinds from the procedure', () => {
    expect(kinds.length).toBeGreaterThan(30);
    expect(kinds).toContain('HANDLER_NAMED');
  });

  it.each(['zh', 'en'] as const)('labels every kind in %s', (lang) => {
    expect(kinds.filter((k) => !labels[lang].has(`kind.${k}`))).toEqual([]);
  });
});
