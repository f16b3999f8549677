import { createContext, useContext } from 'react';
import attachments from './messages/attachments';
import common from './messages/common';
import milestones from './messages/milestones';
import notices from './messages/notices';
import officeReview from './messages/office-review';
import shell from './messages/shell';
import timeline from './messages/timeline';
import unit from './messages/unit';

/*
 * Texts of the workspace: Chinese by default, English switchable, the choice kept in localStorage. Each area keeps
 * its own texts in lib/messages/<area>.ts; a key missing in English falls back to the Chinese text.
 *
 * Only what the first page shows is here from the start: the frame and its navigation (shell), a task's detail with
 * its timeline and its panels (unit, milestones, attachments, notices, office-review). An area's own texts load with
 * its pages (lazy-page.ts): the module that uses them adds them when its chunk runs, before it renders:
 *
 *   import rules from '../../../lib/messages/rules';
 *   addMessages(rules);
 */

export type Lang = 'zh' | 'en';
export type Messages = Record<string, string>;
export interface AreaMessages {
  zh: Messages;
  en: Messages;
}

const ALL: Record<Lang, Messages> = { zh: {}, en: {} };

/** Makes areas' texts known (again is harmless): at start for the first page's, by each lazy page for its own. */
export function addMessages(...areas: AreaMessages[]): void {
  for (const area of areas) {
    Object.assign(ALL.zh, area.zh);
    Object.assign(ALL.en, area.en);
  }
}

addMessages(common, shell, timeline, unit, officeReview, milestones, notices, attachments);

const STORAGE_KEY = 'heli.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The text of `key` in `lang`, with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = ALL[lang][key] ?? ALL.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, params?: Record<string, string | number>) => string;
}

export const I18nContext = createContext<I18n>({
  lang: 'zh',
  setLang: () => undefined,
  t: (key, params) => translate('zh', key, params),
});

export const useI18n = (): I18n => useContext(I18nContext);
