import ExcelJS from 'exceljs';
import type { RatingDto, YearlyReportDto } from '@sunboard/shared';
import type { Notice } from '../src/modules/notices/notice.entity';
import { makeNotice } from './factories/notices';
import { resident, setClock } from './support/consultation-fixtures';
import { type Person, staffOf } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

type Err = { code: string; details?: Array<{ path: string; reason: string }> };

const bj = (local: string) => new Date(`${local}+08:00`);

/**
 * The yearly disclosure report draft for 马庄街道, 2025: notices actively published in the Beijing
 * year counted by kind, 五公开 category and domain (the year's edges in Beijing time, 依申请 notices,
 * drafts and other streets left out; a later withdrawal still counts), the 30号 statutory tables
 * left blank and labelled 未记录, the ratings Sunboard keeps in section 六, and the xlsx read back.
 */
describe('yearly disclosure report', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  const n: Record<string, Notice> = {};

  const report = (p: Person | null, query: Record<string, string | number>) => t.request<YearlyReportDto & Err>('GET', '/api/reports/yearly', { token: p?.token, query });

  beforeAll(async () => {
    t = await startTestApp({ env: { PUSH_DISPATCHER: 'false' } });
    s = await staffOf(t);
    const tree = s.tree;
    const notice = (regionId: number, at: string | null, over: Partial<Notice> = {}) =>
      makeNotice(t.db, { regionId, publishedAt: at ? bj(at) : null, ...over });
    // Counted: 2025 in Beijing time, 主动公开, in 马庄街道's subtree.
    n.firstMinute = await notice(tree.communityA1.id, '2025-01-01T00:30:00', { kind: 'notice', category: 'execution', domain: 'social_assistance' });
    n.publicity = await notice(tree.communityA1.id, '2025-06-01T09:00:00', { kind: 'publicity', category: 'result', domain: 'social_assistance' });
    n.lastMinute = await notice(tree.communityA2.id, '2025-12-31T23:30:00', { kind: 'finance', category: 'management', domain: 'fiscal_budget' });
    n.withdrawn = await notice(tree.streetA.id, '2025-03-01T09:00:00', { kind: 'service_guide', category: 'service', domain: 'household_registration', status: 'withdrawn' });
    // Not counted.
    n.onApplication = await notice(tree.gridA1.id, '2025-05-01T09:00:00', { method: 'on_application' });
    n.lastYear = await notice(tree.communityA1.id, '2024-12-31T23:30:00');
    n.nextYear = await notice(tree.communityA1.id, '2026-01-01T00:30:00');
    n.otherStreet = await notice(tree.communityB1.id, '2025-06-01T09:00:00');
    n.draft = await notice(tree.communityA1.id, null, { status: 'draft' });

    // Ratings in 2025 (one 差评, answered and confirmed) and one at the end of 2024.
    const zhang = await resident(t, 'o_year_zhang', '张三', tree.communityA1.id);
    const li = await resident(t, 'o_year_li', '李四', tree.communityA1.id);
    const rate = async (who: Person, noticeId: number, level: number, at: string) => {
      setClock(t, bj(at).toISOString());
      const res = await t.request<RatingDto>('PUT', '/api/ratings', { token: who.token, body: { targetType: 'notice', targetId: noticeId, level } });
      if (res.status !== 200) throw new Error(`rate: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await rate(zhang, n.firstMinute.id, 4, '2025-06-10T10:00:00');
    await rate(zhang, n.lastYear.id, 5, '2024-12-31T23:30:00');
    const bad = await rate(li, n.publicity.id, 1, '2025-06-10T10:00:00');
    setClock(t, bj('2025-06-11T10:00:00').toISOString());
    const replied = await t.request('POST', `/api/followups/${bad.followup!.id}/reply`, {
      token: s.worker.token,
      body: { verification: '已核实', reply: '已补充公示材料', fixed: '已整改' },
    });
    expect(replied.status).toBe(200);
    const confirmed = await t.request('POST', `/api/followups/${bad.followup!.id}/confirm`, { token: li.token, body: { satisfied: true } });
    expect(confirmed.status).toBe(200);
    setClock(t, bj('2026-01-15T10:00:00').toISOString());
  });
  afterAll(() => t?.close());

  it('counts notices actively published in the Beijing year by kind, category and domain', async () => {
    const res = await report(s.reviewer, { regionId: s.tree.streetA.id, year: 2025 });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ regionId: s.tree.streetA.id, regionName: '马庄街道', year: 2025, title: '马庄街道2025年政府信息公开工作年度报告（草稿）' });
    expect(r.published.total).toBe(4);
    expect(Object.fromEntries(r.published.byKind.map((k) => [k.label, k.count]))).toEqual({
      公示: 1,
      通知: 1,
      财务公开: 1,
      办事指南: 1,
      政策解读: 0,
      征求意见结果: 0,
      紧急通知: 0,
    });
    expect(r.published.byCategory.map((c) => [c.category, c.label, c.count])).toEqual([
      ['decision', '决策公开', 0],
      ['execution', '执行公开', 1],
      ['management', '管理公开', 1],
      ['service', '服务公开', 1],
      ['result', '结果公开', 1],
    ]);
    expect(r.published.byDomain).toEqual([
      { domain: 'fiscal_budget', label: '财政预决算', count: 1 },
      { domain: 'social_assistance', label: '社会救助', count: 2 },
      { domain: 'household_registration', label: '户籍管理', count: 1 },
    ]);
    // The district sees the other street's notice too; 2024 has the one published on its last evening.
    expect((await report(s.admin, { regionId: s.tree.district.id, year: 2025 })).body.published.total).toBe(5);
    expect((await report(s.admin, { regionId: s.tree.streetA.id, year: 2024 })).body.published.total).toBe(1);
    expect((await report(s.admin, { regionId: s.tree.streetA.id, year: 2026 })).body.published.total).toBe(1);
  });

  it('lays out the six sections of the 30号 format; what Sunboard does not track is blank and labelled 未记录', async () => {
    const r = (await report(s.reviewer, { regionId: s.tree.streetA.id, year: 2025 })).body;
    expect(r.sections.map((x) => x.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    for (const i of [0, 4, 5]) expect(r.sections[i].text).toMatchObject({ value: '' });
    expect(r.sections[0].text!.hint).toContain('主动公开');

    const active = r.sections[1].tables;
    expect(active.map((x) => x.title)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '阳光公开栏主动公开信息：按类型',
      '阳光公开栏主动公开信息：按五公开分类',
      '阳光公开栏主动公开信息：按领域',
    ]);
    expect(active[0].columns).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(active[0].rows).toEqual([
      { label: '规章', cells: [null, null, null], note: '未记录' },
      { label: '行政规范性文件', cells: [null, null, null], note: '未记录' },
    ]);
    expect(active[2].rows.map((x) => [x.label, x.cells, x.note])).toEqual([
      ['行政处罚', [null], '未记录'],
      ['行政强制', [null], '未记录'],
    ]);
    expect(active[3].columns).toEqual(['信息内容', '本年收费金额（单位：万元）']);
    expect(active[4].rows.find((x) => x.label === '通知')).toEqual({ label: '通知', cells: [1] });
    expect(active[6].rows).toEqual([
      { label: '财政预决算', cells: [1] },
      { label: '社会救助', cells: [2] },
      { label: '户籍管理', cells: [1] },
      { label: '合计', cells: [4] },
    ]);

    const applications = r.sections[2].tables[0];
    expect(applications.columns).toHaveLength(8);
    expect(applications.rows).toHaveLength(25);
    expect(applications.rows.every((x) => x.note === '未记录' && x.cells.length === 7 && x.cells.every((c) => c === null))).toBe(true);
    expect(applications.rows[0].label).toBe('一、本年新收政府信息公开申请数量');
    expect(applications.note).toContain('第一项加第二项之和，等于第三项加第四项之和');
    const reviews = r.sections[3].tables[0];
    expect(reviews.columns).toEqual(['类别', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(reviews.rows.map((x) => [x.label, x.cells.length, x.note])).toEqual([
      ['行政复议', 5, '未记录'],
      ['行政诉讼：未经复议直接起诉', 5, '未记录'],
      ['行政诉讼：复议后起诉', 5, '未记录'],
    ]);
  });

  it('reports in section 六 the consultations, ratings, 差评 and messages of the year', async () => {
    const r = (await report(s.reviewer, { regionId: s.tree.streetA.id, year: 2025 })).body;
    const other = r.sections[5].tables[0];
    expect(Object.fromEntries(other.rows.map((x) => [x.label, x.cells[0]]))).toEqual({
      '本年截止的征求意见（次）': 0,
      '收到意见（条，不含已隐藏）': 0,
      '已答复采纳情况的意见（条）': 0,
      '收到群众评价（条）': 2,
      '其中满意（条）': 1,
      '其中差评（条）': 1,
      '差评回访已办结（件）': 1,
      '推送消息已送达（条）': 0,
    });
    const lastYear = (await report(s.reviewer, { regionId: s.tree.streetA.id, year: 2024 })).body.sections[5].tables[0];
    expect(lastYear.rows.find((x) => x.label === '收到群众评价（条）')!.cells).toEqual([1]);
  });

  it('is for staff covering the region; bad queries name the field', async () => {
    const q = { regionId: s.tree.streetA.id, year: 2025 };
    expect((await report(s.outsider, q)).status).toBe(403);
    expect((await report(s.worker, q)).status).toBe(403);
    expect((await report(s.worker, { ...q, regionId: s.tree.communityA1.id })).status).toBe(200);
    expect((await report(s.resident, q)).status).toBe(403);
    expect((await report(null, q)).status).toBe(401);
    expect((await t.request('GET', '/api/reports/yearly/export', { token: s.outsider.token, query: q })).status).toBe(403);
    expect((await t.request('GET', '/api/reports/yearly/export', { query: q })).status).toBe(401);
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ regionId: s.tree.streetA.id, year: 'abc' }, 'year'],
      [{ regionId: s.tree.streetA.id, year: 1999 }, 'year'],
      [{ regionId: s.tree.streetA.id, year: '2025.5' }, 'year'],
      [{ regionId: s.tree.streetA.id }, 'year'],
      [{ year: 2025 }, 'regionId'],
      [{ regionId: 0, year: 2025 }, 'regionId'],
      [{ regionId: s.tree.streetA.id, year: 2025, from: '2025-01' }, '(body)'],
    ];
    for (const [query, field] of cases) {
      const res = await report(s.reviewer, query);
      expect([JSON.stringify(query), res.status]).toEqual([JSON.stringify(query), 400]);
      expect(res.body.details!.map((x) => x.path)).toContain(field);
    }
    expect((await report(s.admin, { regionId: 999_999, year: 2025 })).status).toBe(404);
  });

  it('exports the draft as xlsx in the layout of the report, blank cells labelled 未记录', async () => {
    const q = { regionId: s.tree.streetA.id, year: 2025 };
    const json = (await report(s.reviewer, q)).body;
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/yearly/export', query: { regionId: String(q.regionId), year: '2025' }, headers: { authorization: `Bearer ${s.reviewer.token}` } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('马庄街道2025年政府信息公开工作年度报告（草稿）.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['年度报告']);
    const sheet = wb.getWorksheet('年度报告')!;
    const actual: Array<Array<string | number | null>> = [];
    for (let i = 1; i <= sheet.rowCount; i++) {
      const row = sheet.getRow(i);
      const cells: Array<string | number | null> = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
        const v = row.getCell(c).value;
        cells.push(v === undefined || v === null || v === '' ? null : (v as string | number));
      }
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      actual.push(cells);
    }
    // The expected sheet, built from the JSON the same way a reader would lay the report out.
    const trim = (cells: Array<string | number | null>) => {
      const out = [...cells];
      while (out.length && out[out.length - 1] === null) out.pop();
      return out;
    };
    const expected: Array<Array<string | number | null>> = [[json.title], ['统计期间：2025年1月1日至2025年12月31日（北京时间）；统计范围：马庄街道及其下辖区域']];
    for (const section of json.sections) {
      expected.push([], [section.heading]);
      if (section.text) expected.push([null, `（${section.text.hint}）`]);
      for (const table of section.tables) {
        const notes = table.rows.some((x) => x.note);
        expected.push([table.title], [...table.columns, ...(notes ? ['备注'] : [])]);
        for (const row of table.rows) expected.push(trim([row.label, ...row.cells, ...(notes ? [row.note ?? null] : [])]));
        if (table.note) expected.push([`注：${table.note}`]);
      }
    }
    expect(actual).toEqual(expected);
    // Spot checks on what a reader sees.
    expect(actual.find((x) => x[0] === '规章')).toEqual(['规章', null, null, null, '未记录']);
    expect(actual.filter((x) => x[0] === '合计').map((x) => x[1])).toEqual([4, 4, 4]);
  });
});
