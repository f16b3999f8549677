import type { AreaMessages } from '../i18n';

/** Texts of the office's pages (pages/office). */
const messages: AreaMessages = {
  zh: {
    'nav.office': '工作台',
    'office.title': '协调办工作台',
  },
  en: {
    'nav.office': 'Dashboard',
    'office.title': 'Coordination office',
  },
};
export default messages;
