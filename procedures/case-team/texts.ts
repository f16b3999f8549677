import { personRef, unitRef } from '../kernel/named-refs';
import { deadlineText } from '../case/texts';

/*
 * The Chinese texts of a case team (办案组). Need to know: what goes to a unit (the secondment request, urging,
 * release) never names the case (案件编号/案由) nor another unit's people; only the office's and the members' do.
 * The team is named by its number alone.
 */

const dateText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const period = (start: string, end: string) => `${start.slice(0, 4)}年${dateText(start)}至${dateText(end)}`;
const team = (teamId: string) => `办案组（编号${teamId}）`;

export function openedTexts(t: {
  teamId: string;
  caseRef: string;
  seats: number;
  units: number;
  start: string;
  end: string;
}) {
  return {
    message: `组织协调室组建${team(t.teamId)}，案由：${t.caseRef}；向${t.units}个协作区成员单位抽调${t.seats}人，办案期间${period(t.start, t.end)}`,
    title: `【办案组】${team(t.teamId)}已组建`,
    body: `${team(t.teamId)}已组建（${t.caseRef}），向${t.units}个成员单位抽调${t.seats}人，待各单位选派人员后确认。`,
  };
}

export function requestTexts(s: {
  teamId: string;
  unitId: string;
  skill: string;
  start: string;
  end: string;
  dueAt: string;
  wanted: string | null;
}) {
  const wanted = s.wanted ? `，点名抽调${personRef(s.wanted)}同志（如另有人选，请说明理由）` : '';
  return {
    message: `向${unitRef(s.unitId)}发出抽调函：抽调「${s.skill}」人员1名${wanted}，限${deadlineText(s.dueAt)}前选派`,
    title: '【抽调函】请选派办案人员',
    body:
      `根据查办案件协作区工作安排，现从贵单位抽调「${s.skill}」方面人员1名${wanted}，` +
      `参加${team(s.teamId)}工作，期间${period(s.start, s.end)}。请于${deadlineText(s.dueAt)}前在系统中确定人选。` +
      `与所涉案件有利害关系的人员应当回避。`,
  };
}

export function namedTexts(unitId: string, personId: string, proposed: boolean, reason: string | null, late: boolean) {
  const how = proposed ? `提出改派${personRef(personId)}（理由：${reason ?? ''}）` : `选派${personRef(personId)}`;
  return {
    message: `${unitRef(unitId)}${how}${late ? '（逾期选派）' : ''}，待组织协调室确认`,
    title: `【待确认】${unitRef(unitId)}已选派办案人员`,
    body: `${unitRef(unitId)}${how}${late ? '（逾期选派）' : ''}，请组织协调室确认。`,
  };
}

export function confirmedTexts(
  teamId: string,
  caseRef: string,
  unitId: string,
  personId: string,
  start: string,
  end: string,
) {
  return {
    message: `组织协调室确认${unitRef(unitId)}${personRef(personId)}为办案组成员`,
    unit: {
      title: '【抽调确认】选派人员已确认',
      body: `贵单位选派的${personRef(personId)}同志已确认参加${team(teamId)}工作，期间${period(start, end)}，请支持其按时到岗。`,
    },
    member: {
      title: '【抽调确认】您已编入办案组',
      body: `您已编入${team(teamId)}（${caseRef}），期间${period(start, end)}。如与本案有利害关系，请及时声明回避。`,
    },
  };
}

export function rejectedTexts(teamId: string, unitId: string, personId: string, reason: string, dueAt: string) {
  return {
    message: `组织协调室未确认${unitRef(unitId)}选派的${personRef(personId)}（理由：${reason}），请该单位于${deadlineText(dueAt)}前另行选派`,
    title: '【抽调】请另行选派办案人员',
    body: `贵单位选派的${personRef(personId)}同志未获确认（理由：${reason}），请于${deadlineText(dueAt)}前另行选派人员参加${team(teamId)}工作。`,
  };
}

export function conflictTexts(teamId: string, unitId: string, personId: string, reason: string, dueAt: string) {
  return {
    // The reason may touch the case: the office reads it (its notice, the audit log), the unit's timeline does not.
    message: `${personRef(personId)}声明回避，已退出办案组，请${unitRef(unitId)}于${deadlineText(dueAt)}前另行选派`,
    unit: {
      title: '【回避】请另行选派办案人员',
      body: `贵单位选派的${personRef(personId)}同志已声明回避，请于${deadlineText(dueAt)}前另行选派人员参加${team(teamId)}工作。`,
    },
    office: {
      title: '【回避】办案组成员声明回避',
      body: `${unitRef(unitId)}${personRef(personId)}声明回避（理由：${reason}），已通知该单位另行选派。`,
    },
  };
}

export function urgedTexts(teamId: string, unitId: string, dueAt: string, escalateAfter: number) {
  return {
    message: `${unitRef(unitId)}未在${deadlineText(dueAt)}前选派办案人员，已催办单位负责人`,
    notice: {
      title: '【催办】请立即选派办案人员',
      body:
        `贵单位应于${deadlineText(dueAt)}前为${team(teamId)}选派人员，至今未选派。请立即办理；` +
        `${escalateAfter}个工作日内仍未选派的，将报告分管领导。`,
    },
  };
}

export function escalatedTexts(teamId: string, unitId: string, escalateAfter: number) {
  return {
    message: `${unitRef(unitId)}抽调期限届满${escalateAfter}个工作日后仍未选派人员，已报告分管领导`,
    notice: {
      title: `【督办】${unitRef(unitId)}逾期未选派办案人员`,
      body: `${unitRef(unitId)}在抽调期限届满${escalateAfter}个工作日后仍未为${team(teamId)}选派人员，请督促落实。`,
    },
  };
}

export function recomputedText(unitId: string, dueAt: string) {
  return `工作日历更新，${unitRef(unitId)}选派期限调整为${deadlineText(dueAt)}`;
}

export function extendedTexts(teamId: string, from: string, to: string, reason: string) {
  return {
    message: `组织协调室将办案期间由${dateText(from)}延长至${dateText(to)}（理由：${reason}）`,
    title: '【延期】办案组工作期间延长',
    body: `${team(teamId)}工作期间延长至${to.slice(0, 4)}年${dateText(to)}，抽调人员继续参加办案组工作。`,
  };
}

export function releasedTexts(teamId: string, early: boolean, reason: string | null) {
  const why = early ? `，组织协调室提前解散（理由：${reason ?? ''}）` : '，办案期间届满';
  return {
    message: `办案组解散${why}，抽调人员回原单位`,
    title: '【解散】办案组工作结束',
    body: `${team(teamId)}工作结束${why}，抽调人员即回原单位工作。感谢贵单位的支持。`,
  };
}
