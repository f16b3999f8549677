import type { Said } from '../../procedures/kernel/said';

/**
 * What the tests of a checked file (organisation, calendar) start from: a small valid file as lines, of which each
 * test changes a line or two (`fileWith({ 13: '    zone: zone-9' })`, by 1-based line number), and the problems
 * the parser reports for a text, which must be rejected, each message in one language (English unless asked).
 */
export function fileProblemsKit<P extends { message: Said }>(
  validLines: readonly string[],
  parse: (text: string, source: string) => unknown,
  ProblemsError: abstract new (...args: never[]) => { problems: P[] },
) {
  return {
    fileWith: (changes: Record<number, string>): string =>
      validLines.map((line, i) => changes[i + 1] ?? line).join('\n') + '\n',
    problemsOf(text: string, language: 'zh' | 'en' = 'en'): (Omit<P, 'message'> & { message: string })[] {
      try {
        parse(text, 'test.yaml');
      } catch (error) {
        if (error instanceof ProblemsError) return error.problems.map((p) => ({ ...p, message: p.message[language] }));
        throw error;
      }
      throw new Error('expected the file to be rejected');
    },
  };
}
