import { createContext, useContext } from 'react';
import absences from './messages/absences';
import attachments from './messages/attachments';
import bulk from './messages/bulk';
import appraisal from './messages/appraisal';
import caseTeams from './messages/case-teams';
import common from './messages/common';
import majorCase from './messages/major-case';
import milestones from './messages/milestones';
import notices from './messages/notices';
import network from './messages/network';
import office from './messages/office';
import office2 from './messages/office2';
import referrals from './messages/referrals';
import rollup from './messages/rollup';
import rotation from './messages/rotation';
import rules from './messages/rules';
import submissions from './messages/submissions';
import unit from './messages/unit';
import unitAnswers from './messages/unit-answers';

/*
 * Texts of the workspace: Chinese by default, English switchable, the choice kept in localStorage. Each area keeps
 * its own texts in lib/messages/<area>.ts; a key missing in English falls back to the Chinese text.
 */

export type Lang = 'zh' | 'en';
export type Messages = Record<string, string>;
export interface AreaMessages {
  zh: Messages;
  en: Messages;
}

const ALL: Record<Lang, Messages> = {
  zh: { ...common.zh, ...unit.zh, ...office.zh },
  en: { ...common.en, ...unit.en, ...office.en },
};
// The office's meetings, inspections, bulletins, assessment, cases and audit pages (their own file, merged here).
Object.assign(ALL.zh, office2.zh);
Object.assign(ALL.en, office2.en);
// Case teams (办案组) and a unit's secondment requests (抽调).
Object.assign(ALL.zh, caseTeams.zh);
Object.assign(ALL.en, caseTeams.en);
// A task's milestones (序时进度).
Object.assign(ALL.zh, milestones.zh);
Object.assign(ALL.en, milestones.en);
// Who a task's notices reached: read receipts and deliveries (the office).
Object.assign(ALL.zh, notices.zh);
Object.assign(ALL.en, notices.en);
// The higher level's roll-up (a city over its districts).
Object.assign(ALL.zh, rollup.zh);
Object.assign(ALL.en, rollup.en);
// The major-case coordination group's meetings (大要案协调小组).
Object.assign(ALL.zh, majorCase.zh);
Object.assign(ALL.en, majorCase.en);
// Referrals (移送) with the enforcement and audit units.
Object.assign(ALL.zh, referrals.zh);
Object.assign(ALL.en, referrals.en);
// Rotation training (轮训).
Object.assign(ALL.zh, rotation.zh);
Object.assign(ALL.en, rotation.en);
// The supervision network (监督网络).
Object.assign(ALL.zh, network.zh);
Object.assign(ALL.en, network.en);
// The network takes part: conduct appraisals (行风评议) and invited inspection rounds.
Object.assign(ALL.zh, appraisal.zh);
Object.assign(ALL.en, appraisal.en);
// Submissions (反映) of the supervision network.
Object.assign(ALL.zh, submissions.zh);
Object.assign(ALL.en, submissions.en);
// Absences and deputies (请假与代理).
Object.assign(ALL.zh, absences.zh);
Object.assign(ALL.en, absences.en);
// Bulk actions (批量操作) and saved views (保存的视图).
Object.assign(ALL.zh, bulk.zh);
Object.assign(ALL.en, bulk.en);
// A task's attachments (佐证材料).
Object.assign(ALL.zh, attachments.zh);
Object.assign(ALL.en, attachments.en);
// A unit's self-check (自查报告) and statement (说明情况), with their files.
Object.assign(ALL.zh, unitAnswers.zh);
Object.assign(ALL.en, unitAnswers.en);
// The office's rules page (督办规则): the task types and their versions.
Object.assign(ALL.zh, rules.zh);
Object.assign(ALL.en, rules.en);
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
