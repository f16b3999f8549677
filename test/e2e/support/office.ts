import type { Page } from 'playwright-core';
import { eventually } from '../../support/http';

/** A small plan for this year's cycle (two goals, three tasks, time limits in working days so any day works). */
export function officePlan(year: number, financeLead = 'dept-finance'): string {
  return `# ${year}年度党风廉政建设工作计划（测试用）
year: ${year}
goals:
  - id: duty
    title: 压实党风廉政建设主体责任
    priority: 1
    tasks:
      - key: towns-report
        title: 镇街落实主体责任情况报告
        leadUnit: town-dongguan
        leader: p-wang-hongmei
        requirements: 报告落实主体责任情况
        standard: 书面报告经党工委会议审议
        workingDays: 15
      - key: pledges
        title: 签订党风廉政建设责任书
        leadUnit: dept-organisation
        leader: p-chen-lixin
        requirements: 逐级签订责任书
        standard: 责任书签订率100%
        workingDays: 10
  - id: style
    title: 持续整治“四风”问题
    priority: 2
    tasks:
      - key: festival-checks
        title: 开展节日期间作风建设专项检查
        type: RECTIFICATION
        leadUnit: ${financeLead}
        coUnits: [town-xicheng]
        leader: p-wu-haitao
        requirements: 对公车使用、公款吃喝开展检查
        standard: 形成检查报告并建立问题台账
        workingDays: 20
`;
}

/** The 1-based line of `text` holding `needle`. */
export const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** Chooses a plan file in the plan page's file input, as the office would from its disk. */
export async function choosePlanFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('计划文件').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const box = page.getByLabel('计划文本');
  await eventually(async () => ((await box.inputValue()) === text ? true : undefined), 10_000);
}
