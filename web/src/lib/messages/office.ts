import type { AreaMessages } from '../i18n';
import core from './office-core';

/** Texts of the office's pages (pages/office). */
const messages: AreaMessages = {
  zh: {
    ...core.zh,
    'nav.office': '工作台',
    'office.title': '协调办工作台',
  },
  en: {
    ...core.en,
    'nav.office': 'Dashboard',
    'office.title': 'Coordination office',
  },
};
export default messages;
