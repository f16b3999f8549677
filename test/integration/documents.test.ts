import ExcelJS from 'exceljs';
import { issueToken } from '../../db/queries/tokens';
import { publishAnnualReport } from '../support/annual-report';
import { missingGlyphs, readPdf } from '../support/pdf';
import { DONGGUAN_HEAD, OFFICE, XICHENG_HEAD } from '../support/people';
import { useTestStack } from '../support/use-test-stack';
import { eventually } from '../support/http';

/**
 * Issue 21 items 2 and 3 over HTTP: the print-ready documents — a bulletin, an urging slip (督办单), a unit's
 * assessment sheet and the year's assessment report — as printable A4 pages and as PDFs whose Chinese is real text
 * in the font the project installs, with their charts, in the scope of what they show.
 */
const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;

describe('print-ready documents (HTML and PDF) with charts', () => {
  const { t, office, head, other, observer } = useTestStack({
    office: OFFICE,
    head: DONGGUAN_HEAD,
    other: XICHENG_HEAD,
    observer: 'p-bai-xue',
  });

  const tokens = new Map<string, string>();
  /** GET as raw bytes, as `who`: a PDF is no JSON. */
  const bytes = async (who: string, path: string) => {
    if (!tokens.has(who)) tokens.set(who, (await issueToken(t.db.pool, who)).token);
    const res = await fetch(`${t.stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${tokens.get(who)}` } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  /** A PDF as a reader finds it: one A4 document, every font embedded, every character with a glyph. */
  const readable = async (pdf: Buffer) => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const reading = await readPdf(pdf);
    expect(reading.fonts.length).toBeGreaterThan(0);
    for (const font of reading.fonts) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/NotoSansHans/);
    }
    const text = reading.pages.join('\n');
    expect(missingGlyphs(text)).toEqual([]);
    reading.pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 共 ${reading.numPages} 页`));
    return { ...reading, text };
  };

  it('sets a bulletin as a PDF and a printable page, its period charted against the earlier ones', async () => {
    const ids: string[] = [];
    for (const [from, to] of [
      [`${YEAR}-09-01`, `${YEAR}-09-30`],
      [`${YEAR}-10-01`, `${YEAR}-10-31`],
    ]) {
      const created = await office('POST', '/v1/bulletins', { from, to });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    const [first, second] = ids as [string, string];
    const bulletin = (await office('GET', `/v1/bulletins/${second}`)).body;

    const pdf = await bytes(DONGGUAN_HEAD, `/v1/bulletins/${second}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="${bulletin.title.replace(/[^\x20-\x7e]/g, '?')}.pdf"; filename*=UTF-8''${encodeURIComponent(`${bulletin.title}.pdf`)}`,
    );
    const read = await readable(pdf.body);
    expect(read.title).toBe(bulletin.title);
    for (const said of [
      '一、总体情况',
      '二、各单位完成情况',
      '东关街道',
      `${YEAR}年9月`,
      `${YEAR}年10月`,
      '本期与前几期对比',
    ]) {
      expect(read.text).toContain(said);
    }
    // The first bulletin has nothing before it: no chart of periods.
    expect((await readable((await bytes(DONGGUAN_HEAD, `/v1/bulletins/${first}/pdf`)).body)).text).not.toContain(
      '本期与前几期对比',
    );

    const html = await head('GET', `/v1/bulletins/${second}/html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('@page');
    expect(html.text).toContain('counter(pages)');
    // The page's font is the project's, served by Heli itself (the page's policy lets it load nothing else).
    const css = html.text.match(/href="(\/assets\/fonts\/noto-sans-sc\/400\.css)"/)![1]!;
    const fontCss = await fetch(`${t.stack.apiUrl}${css}`);
    expect(fontCss.status).toBe(200);
    const woff2 = (await fontCss.text()).match(/url\(\.\/(files\/[^)]+\.woff2)\)/)![1]!;
    const font = await fetch(`${t.stack.apiUrl}/assets/fonts/noto-sans-sc/${woff2}`);
    expect(font.status).toBe(200);
    expect(
      Buffer.from(await font.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('wOF2');

    // Whoever may not read bulletins gets the PDF's 404 exactly as the page's.
    const refusedPdf = await observer('GET', `/v1/bulletins/${second}/pdf`);
    const refusedHtml = await observer('GET', `/v1/bulletins/${second}/html`);
    expect(refusedPdf.status).toBe(refusedHtml.status);
    expect(refusedPdf.body.detail).toBe(refusedHtml.body.detail);
    expect((await office('GET', '/v1/bulletins/b-nonexistent/pdf')).status).toBe(404);
  });

  it('prints an urging slip (督办单) as a PDF for whoever sees the task, and 404 for anyone else', async () => {
    const created = await office('POST', '/v1/tasks', {
      title: '东关街道“四风”问题专项整治',
      type: 'ROUTINE',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '对照清单逐项整改',
      standard: '整改台账报组织协调室',
      dueDate: `${YEAR + 1}-03-31`,
    });
    const taskId = created.body.id as string;
    expect(
      (await office('POST', `/v1/tasks/${taskId}/urgings`, { text: '请于本周内报送整改进展，旻喆堃' })).status,
    ).toBe(200);
    const entry = await eventually(async () =>
      ((await office('GET', `/v1/tasks/${taskId}`)).body.timeline as { kind: string; step: string }[]).find(
        (e) => e.kind === 'URGED',
      ),
    );
    const path = `/v1/tasks/${taskId}/urgings/${entry.step}/slip.pdf`;
    const pdf = await bytes(DONGGUAN_HEAD, path);
    expect(pdf.status).toBe(200);
    const read = await readable(pdf.body);
    for (const said of ['督 办 单'.replace(/ /g, ''), '督办内容', '请于本周内报送整改进展，旻喆堃', '东关街道']) {
      expect(read.text.replace(/ /g, '')).toContain(said);
    }
    const missing = await other('GET', `/v1/tasks/t-nonexistent/urgings/${entry.step}/slip.pdf`);
    const outside = await other('GET', path);
    expect(outside.status).toBe(404);
    expect(outside.body.detail).toBe(missing.body.detail);
  });

  it('prints a unit’s assessment sheet and the year’s report with their charts, each in its reader’s scope', async () => {
    expect((await office('POST', '/v1/cycles', { year: YEAR })).status).toBe(201);
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment`, {})).status).toBe(201);
    const sheet = `/v1/cycles/${CYCLE}/assessment/units/town-dongguan/sheet`;

    // A draft is the office's: the unit reads its sheet only once published.
    expect((await head('GET', `${sheet}.pdf`)).status).toBe(404);
    const asOffice = await readable((await bytes(OFFICE, `${sheet}.pdf`)).body);
    for (const said of ['考核评分表', '东关街道', '草稿', '一、各项指标得分', '本单位得分构成', '考核得分分布']) {
      expect(asOffice.text).toContain(said);
    }
    const report = await readable((await bytes(OFFICE, `/v1/cycles/${CYCLE}/assessment/report.pdf`)).body);
    for (const said of ['考核情况报告', '一、考核排名', '各单位考核得分及构成', '东关街道', '西城街道']) {
      expect(report.text).toContain(said);
    }

    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`)).status).toBe(200);
    const own = await head('GET', sheet);
    expect(own.status).toBe(200);
    expect(own.text).toContain('<svg');
    expect(own.text).not.toContain('草稿');
    // Another unit's sheet is the 404 of one that does not exist.
    const others = await head('GET', `/v1/cycles/${CYCLE}/assessment/units/town-xicheng/sheet.pdf`);
    const none = await head('GET', `/v1/cycles/${CYCLE}/assessment/units/town-nonexistent/sheet.pdf`);
    expect(others.status).toBe(404);
    expect(others.body.detail).toBe(none.body.detail);
    // A unit reads the report with the ranking, but no other unit's parts.
    const unitReport = await readable((await bytes(DONGGUAN_HEAD, `/v1/cycles/${CYCLE}/assessment/report.pdf`)).body);
    expect(unitReport.text).toContain('西城街道');
    expect(unitReport.text).toContain('最终得分');

    // The XLSX export carries the report's two charts as pictures on a sheet of their own.
    const xlsx = await bytes(OFFICE, `/v1/cycles/${CYCLE}/assessment.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const charts = book.getWorksheet('图表')!;
    const images = charts.getImages();
    expect(images).toHaveLength(2);
    for (const image of images) {
      const media = book.getImage(Number(image.imageId));
      expect(media.extension).toBe('png');
      expect(
        Buffer.from(media.buffer as unknown as Uint8Array)
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    }
    expect(book.getWorksheet('考核排名')!.getRow(3).getCell(3).value).toBeTruthy();
  });

  it('prints the accountability decision (问责决定书) of a decided case for whoever sees the case', async () => {
    const opened = await office('POST', '/v1/cases', {
      unitId: 'town-dongguan',
      reason: '东关街道“四风”问题专项整治任务推进不力，群众反映强烈',
      cycleId: CYCLE,
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const path = `/v1/cases/${caseId}/decision-document`;
    // Nothing to print before the decision: the case exists, its decision does not.
    const early = await office('GET', `${path}.pdf`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('尚未作出处理决定');

    const statement = await head('POST', `/v1/cases/${caseId}/statement`, {
      text: '我街道已成立整改专班，逐项对照整改，旻喆堃',
    });
    expect(statement.status).toBe(200);
    const decided = await office('POST', `/v1/cases/${caseId}/decision`, {
      measure: 'TALK',
      basis: '《党风廉政建设责任制实施办法》第二十条',
    });
    expect(decided.status).toBe(200);

    const pdf = await eventually(async () => {
      const res = await bytes(DONGGUAN_HEAD, `${path}.pdf`);
      return res.status === 200 ? res : undefined;
    });
    expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent(`问责决定书-${caseId}.pdf`));
    const read = await readable(pdf.body);
    for (const said of [
      '问责决定书'.split('').join(''),
      caseId,
      '东关街道：',
      '决定对东关街道予以约谈',
      '《党风廉政建设责任制实施办法》第二十条',
      '我街道已成立整改专班，逐项对照整改，旻喆堃',
    ]) {
      expect(read.text.replace(/ /g, '')).toContain(said.replace(/ /g, ''));
    }
    const html = await office('GET', path);
    expect(html.status).toBe(200);
    expect(html.text).toContain('决定对东关街道予以约谈');
    // Another unit reads it exactly as a case that does not exist.
    const outside = await other('GET', `${path}.pdf`);
    const none = await other('GET', '/v1/cases/c-nonexistent/decision-document.pdf');
    expect(outside.status).toBe(404);
    expect(outside.body.detail).toBe(none.body.detail);
  });

  it('sets the annual report (年度通报) with the year by month, the ranking and the cases in numbers', async () => {
    const annual = await publishAnnualReport(t.db.pool, CYCLE, YEAR);
    const detail = await head('GET', `/v1/bulletins/${annual}`);
    expect(detail.status).toBe(200);
    expect(detail.body.comparison).toEqual([]);
    const content = detail.body.content.annual;
    expect(content.months[0].month).toBe(`${YEAR}-01`);
    expect(content.ranking.map((r: { unitName: string }) => r.unitName)).toContain('东关街道');
    // The case decided above: a unit reads how many cases, never how they came or what was decided (beside the
    // ranking that would tell whose case it was), and nothing of any case names a unit.
    expect(content.cases).toEqual({ total: 1, decided: 1 });
    const asOffice = (await office('GET', `/v1/bulletins/${annual}`)).body.content.annual.cases;
    expect(asOffice).toMatchObject({ total: 1, decided: 1, bySource: { L3: 0, ASSESSMENT: 0, OFFICE: 1 } });
    expect(asOffice.byMeasure).toEqual([{ measure: 'TALK', name: '约谈', cases: 1 }]);
    expect(JSON.stringify(asOffice)).not.toMatch(/town-|东关|西城/);

    const read = await readable((await bytes(DONGGUAN_HEAD, `/v1/bulletins/${annual}/pdf`)).body);
    for (const said of [
      `现将${YEAR}年度督办任务落实情况通报如下`,
      '全年逐月办结和逾期情况',
      '年度考核评价情况',
      '年度考核得分分布',
      '责任追究情况',
      '本年度启动责任追究程序1件，已作出处理决定1件。',
    ]) {
      expect(read.text).toContain(said);
    }
    expect(read.text).not.toContain('约谈');
    expect(read.text).not.toContain('本期与前几期对比');
    const officeRead = await readable((await bytes(OFFICE, `/v1/bulletins/${annual}/pdf`)).body);
    expect(officeRead.text).toContain('（由组织协调室直接启动1件）');
    expect(officeRead.text).toContain('约谈');
    expect(read.text).not.toContain('群众反映强烈');
  });
});
