import type { AreaMessages } from '../i18n';

/** Who a timeline entry's notice reached (the office reads it on a task): read receipts and each channel's delivery. */
const messages: AreaMessages = {
  zh: {
    'reach.summary': '通知{n}人，已读{read}人',
    'reach.channel.EMAIL': '邮件',
    'reach.channel.SMS': '短信',
    'reach.channel.DINGTALK': '钉钉',
    'reach.channel.WECOM': '企业微信',
    'reach.state.PENDING': '待发送',
    'reach.state.SENT': '已发送',
    'reach.state.DEAD': '发送失败',
    'reach.read': '{at}已读',
    'reach.unread': '未读',
  },
  en: {
    'reach.summary': 'Notice to {n}, read by {read}',
    'reach.channel.EMAIL': 'e-mail',
    'reach.channel.SMS': 'SMS',
    'reach.channel.DINGTALK': 'DingTalk',
    'reach.channel.WECOM': 'WeCom',
    'reach.state.PENDING': 'pending',
    'reach.state.SENT': 'sent',
    'reach.state.DEAD': 'failed',
    'reach.read': 'read {at}',
    'reach.unread': 'unread',
  },
};
export default messages;
