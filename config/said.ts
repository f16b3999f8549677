/**
 * A text a user reads, in Chinese and in English: a problem answers in English only to a client that asks for it
 * (Accept-Language), in Chinese otherwise. A plain string is Chinese only. It lives here, at the bottom, so the
 * files the operator loads (`config`, `db`) can say their problems in both languages too.
 */
export interface Said {
  zh: string;
  en: string;
}

/** A Said that reads as its Chinese where code puts it into a string (a log line, the CLI's output). */
class Spoken implements Said {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {}
  toString(): string {
    return this.zh;
  }
}

export const said = (zh: string, en: string): Said => new Spoken(zh, en);

export type Text = string | Said;

/** The text in the language a reader asked for: English only when asked, Chinese otherwise. */
export function inLanguage(text: Text, language: 'zh' | 'en'): string {
  return typeof text === 'string' ? text : text[language];
}
