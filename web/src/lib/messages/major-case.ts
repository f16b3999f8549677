import type { AreaMessages } from '../i18n';

/** Texts of the major-case coordination group's meetings (大要案协调小组): the office's form and the members' pages. */
const messages: AreaMessages = {
  zh: {
    'o2.meetingKind.MAJOR_CASE': '大要案协调小组会议',
    'o2.meetings.kindChoice': '会议类型',
    'o2.meetings.kindChoice.AD_HOC': '临时联席会议（通知全体成员单位）',
    'o2.meetings.kindChoice.MAJOR_CASE': '大要案协调小组会议（仅通知小组成员，内容保密）',
    'o2.meetings.referralId': '移送事项编号',
    'o2.meetings.referralHint': '就移送事项召开的，填写其编号；可不填',
    'o2.meetings.member': '小组成员',
    'o2.meetings.invitedMembers': '{n}名成员',
    'majorCase.title': '大要案协调小组会议',
    'majorCase.caption': '本人作为小组成员参加的会议（按时间由近及远）',
    'majorCase.confidential': '本会议内容仅限大要案协调小组成员和组织协调室知悉，请注意保密。',
    'majorCase.ownAnswer': '本人回执',
    'majorCase.attendee': '随同人员（可不填）',
    'majorCase.referral': '移送事项',
    'majorCase.notMember': '您不是大要案协调小组成员。',
  },
  en: {
    'o2.meetingKind.MAJOR_CASE': 'Major-case group',
    'o2.meetings.kindChoice': 'Kind of meeting',
    'o2.meetings.kindChoice.AD_HOC': 'Ad-hoc joint meeting (every member unit is noticed)',
    'o2.meetings.kindChoice.MAJOR_CASE': 'Major-case coordination group (its members only; confidential)',
    'o2.meetings.referralId': 'Referral',
    'o2.meetings.referralHint': 'The referral the meeting is convened on, if any',
    'o2.meetings.member': 'Member',
    'o2.meetings.invitedMembers': '{n} members',
    'majorCase.title': 'Major-case coordination group',
    'majorCase.caption': 'Meetings you sit on as a member, newest first',
    'majorCase.confidential': 'Only the group’s members and the coordination office may know of this meeting.',
    'majorCase.ownAnswer': 'Your answer',
    'majorCase.attendee': 'Accompanied by (optional)',
    'majorCase.referral': 'Referral',
    'majorCase.notMember': 'You are not a member of the major-case coordination group.',
  },
};
export default messages;
