/**
 * A text a user reads, in Chinese and in English: an answer is in English only to a client that asks for it
 * (Accept-Language), in Chinese otherwise. A plain string is Chinese only. Pure, so the API's problems and the
 * activities' refusals (a webhook target) share it.
 */
export interface Said {
  zh: string;
  en: string;
}

export const said = (zh: string, en: string): Said => ({ zh, en });

export type Text = string | Said;

/** The text in the language a reader asked for: English only when asked, Chinese otherwise. */
export function inLanguage(text: Text, language: 'zh' | 'en'): string {
  return typeof text === 'string' ? text : text[language];
}
