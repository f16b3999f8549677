import type { Pool } from 'pg';
import { defaultBulletinTitle, periodLabel } from '../render/bulletin';
import {
  computeBulletin,
  listBulletinReaders,
  saveBulletin,
  type Bulletin,
  type BulletinAudit,
  type BulletinContent,
} from '../db/queries/bulletins';
import { computeAnnual } from '../db/queries/annual-report';
import { PAUSE_CATEGORY_LABEL } from '../procedures/task/steps';
import { createNotificationActivities } from './notifications';

/** Roles that read bulletins: everyone but observers (kept in step with api/policy.ts `bulletin.read`). */
export const BULLETIN_READER_ROLES = ['OFFICE', 'UNIT', 'LEADER', 'GROUP'] as const;

export interface PublishBulletin {
  id: string;
  orgId: string;
  cycleId: string | null;
  from: string;
  to: string;
  title?: string;
  /** The moment "overdue" is judged at: now for the API, the workflow's time for a cadence bulletin. */
  asOf: Date;
  generatedBy: string | null;
  audit: BulletinAudit;
  /** The cycle's annual report (年度通报): its year and published assessment, for the part only it has. */
  annual?: { year: number; assessmentId: string | null };
}

/**
 * Generates a bulletin (情况通报) from the read model, stores it under its id (the same id again answers the stored
 * one) and publishes it to the inbox of everyone who may read it, once per bulletin (`bulletin:<id>`, 'publish').
 */
export async function publishBulletin(db: Pool, p: PublishBulletin): Promise<Bulletin> {
  const content = await computeBulletin(db, {
    orgId: p.orgId,
    cycleId: p.cycleId ?? undefined,
    from: p.from,
    to: p.to,
    asOf: p.asOf,
  });
  if (p.annual && p.cycleId) {
    content.annual = await computeAnnual(db, { orgId: p.orgId, cycleId: p.cycleId, asOf: p.asOf, ...p.annual });
  }
  const { bulletin } = await saveBulletin(
    db,
    {
      id: p.id,
      orgId: p.orgId,
      cycleId: p.cycleId,
      title: p.title ?? defaultBulletinTitle(content.orgName, p.from, p.to),
      periodFrom: p.from,
      periodTo: p.to,
      generatedBy: p.generatedBy,
      content,
    },
    p.audit,
  );
  const t = bulletin.content.totals;
  await createNotificationActivities({ db }).notify({
    workflowId: `bulletin:${bulletin.id}`,
    step: 'publish',
    orgId: p.orgId,
    kind: 'BULLETIN',
    title: `【情况通报】${bulletin.title}`,
    body:
      `组织协调室发布了${periodLabel(bulletin.periodFrom, bulletin.periodTo)}情况通报：督办任务${t.led}项，已办结${t.completed}项，` +
      `目前仍逾期未办结${t.openOverdue}项，本期发生三级督办${t.escalations.l3}项。` +
      pausedSentence(bulletin.content.paused) +
      milestonesSentence(bulletin.content.milestones) +
      `请登录查看（通报编号 ${bulletin.id}）。`,
    recipients: (await listBulletinReaders(db, p.orgId, BULLETIN_READER_ROLES)).map((personId) => ({
      kind: 'PERSON' as const,
      personId,
    })),
    webhookUnitIds: [],
  });
  return bulletin;
}

/** 序时进度: 「本期到期的序时进度节点5个，未按期完成2个。」 — said only when the period had any. */
function milestonesSentence(ms: BulletinContent['milestones']): string {
  if (!ms || ms.met + ms.missed === 0) return '';
  return `本期到期的序时进度节点${ms.met + ms.missed}个，未按期完成${ms.missed}个。`;
}

/** 挂账: 「本期经批准中止计时的任务2项（已恢复的累计9个工作日；事由：等待司法程序1项、等待预算资金1项）。」 */
function pausedSentence(paused: BulletinContent['paused']): string {
  if (!paused || paused.tasks === 0) return '';
  const reasons = paused.byCategory
    .map((c) => `${PAUSE_CATEGORY_LABEL[c.category as keyof typeof PAUSE_CATEGORY_LABEL] ?? c.category}${c.pauses}项`)
    .join('、');
  return `本期经批准中止计时的任务${paused.tasks}项（已恢复的累计${paused.workingDays}个工作日；事由：${reasons}），中止计时期间不计逾期。`;
}
