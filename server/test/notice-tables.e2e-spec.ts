import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ErrorBody, NoticeTableDto } from '@sunboard/shared';
import { inTransaction } from '../src/database/transaction';
import { Notice } from '../src/modules/notices/notice.entity';
import { NoticeTablesService } from '../src/modules/uploads/notice-tables.service';
import { makeNotice } from './factories/notices';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { multipart } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';
import { type Member, staffCast } from './support/staff-cast';

const DAY = 86_400_000;

async function xlsx(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  rows.forEach((r) => ws.addRow(r));
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A 低保 list as a community office keeps it, with personal data in the clear. */
const RAW = {
  ids: ['350102199001010012', '35010219850202003X'],
  phones: ['13812341234', '15900001234'],
  banks: ['6222021234567890123', '6217000012345678'],
  spare: ['13912345678', '13698765432'],
};

describe('公示 lists from xlsx: POST /api/notice-tables/import, GET /api/notice-tables/:id', () => {
  let t: TestApp;
  let tree: RegionTree;
  let worker: Member;
  let colleague: Member;
  let reviewer: Member;
  let outsider: Member;
  let resident: Member;

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
    ({ worker, colleague, reviewer, outsider, resident } = await staffCast(t, tree, 'tab'));
  });
  afterAll(() => t?.close());

  const importTable = (token: string | undefined, content: Buffer | string, fields: Record<string, string> = {}, filename = '名单.xlsx') => {
    const { payload, headers } = multipart([{ filename, content }], fields);
    return t.request<NoticeTableDto & ErrorBody>('POST', '/api/notice-tables/import', { token, payload, headers });
  };
  const tableCount = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM notice_table'))[0].n);
  const uploadFiles = () => readdirSync(t.config.uploadDir, { recursive: true });
  const get = (id: number, token?: string) => t.request<NoticeTableDto & ErrorBody>('GET', `/api/notice-tables/${id}`, { token });
  const claim = (noticeId: number, userId: number, tableId: number | null) =>
    inTransaction(t.db, (tx) => t.app.get(NoticeTablesService).claimForNotice(tx, noticeId, userId, tableId));

  /** Every import failure leaves no row behind and no file anywhere under UPLOAD_DIR. */
  async function expectRefused(res: { status: number; body: ErrorBody }, status: number, reason: string | RegExp, before: number) {
    expect(res.status).toBe(status);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'file', reason: expect.stringMatching(reason) })]);
    expect(await tableCount()).toBe(before);
    expect(uploadFiles()).toEqual([]);
  }

  it('masks ID, phone and bank columns by header, a column of phone numbers by pattern, and numbers inside text', async () => {
    const file = await xlsx([
      ['姓名', '身份证号', '联系电话', '银行账号', '其他', '保障金额（元）', '备注'],
      ['张三', RAW.ids[0], RAW.phones[0], RAW.banks[0], RAW.spare[0], 620, '户主电话 13700001111'],
      ['李四', RAW.ids[1], RAW.phones[1], RAW.banks[1], RAW.spare[1], 900.5, ''],
    ]);
    const res = await importTable(worker.token, file, { title: '光明社区2026年11月低保公示' });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('光明社区2026年11月低保公示');
    expect(res.body.rowCount).toBe(2);
    expect(res.body.columns).toEqual([
      { key: 'c1', title: '姓名', masked: null },
      { key: 'c2', title: '身份证号', masked: 'id_number' },
      { key: 'c3', title: '联系电话', masked: 'phone' },
      { key: 'c4', title: '银行账号', masked: 'bank_account' },
      { key: 'c5', title: '其他', masked: 'phone' },
      { key: 'c6', title: '保障金额（元）', masked: null },
      { key: 'c7', title: '备注', masked: 'phone' },
    ]);
    expect(res.body.rows).toEqual([
      ['张三', '35**************12', '138****1234', '6222***********0123', '139****5678', '620', '户主电话 137****1111'],
      ['李四', '35**************3X', '159****1234', '6217********5678', '136****5432', '900.5', ''],
    ]);

    // What was stored is the masked table; the raw numbers are nowhere in the database or on disk.
    const stored = (await t.db.query('SELECT * FROM notice_table WHERE id = ?', [res.body.id]))[0];
    const everything = JSON.stringify(stored);
    for (const raw of [...RAW.ids, ...RAW.phones, ...RAW.banks, ...RAW.spare, '13700001111']) expect(everything).not.toContain(raw);
    expect(Number(stored.owner_id)).toBe(worker.id);
    expect(stored.notice_id).toBeNull();
    expect(uploadFiles()).toEqual([]);

    const again = await get(res.body.id, worker.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  it('converts cells to what the sheet shows: dates, formatted numbers, formula results; a title line becomes the title', async () => {
    const file = await xlsx(
      [
        ['马庄街道2026年临时救助公示'],
        ['姓名', '救助日期', '金额', '合计'],
        ['王五', new Date(Date.UTC(2026, 10, 26)), 1500, { formula: 'C3*2', result: 3000 }],
        [],
        ['赵六', new Date(Date.UTC(2026, 10, 27)), 800, { formula: 'C5*2', result: 1600 }],
      ],
      (ws) => {
        ws.mergeCells('A1:D1');
        ws.getColumn(3).numFmt = '#,##0.00';
        ws.getColumn(4).numFmt = '#,##0"元"';
      },
    );
    const res = await importTable(worker.token, file);
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('马庄街道2026年临时救助公示');
    expect(res.body.columns.map((c) => c.title)).toEqual(['姓名', '救助日期', '金额', '合计']);
    expect(res.body.rows).toEqual([
      ['王五', '2026-11-26', '1,500.00', '3,000元'],
      ['赵六', '2026-11-27', '800.00', '1,600元'],
    ]);
  });

  it('refuses a sheet without a header row: 400 naming file, nothing saved', async () => {
    const before = await tableCount();
    const dataFirst = await xlsx([
      ['张三', RAW.ids[0], RAW.phones[0]],
      ['李四', RAW.ids[1], RAW.phones[1]],
    ]);
    await expectRefused(await importTable(worker.token, dataFirst), 400, /没有表头/, before);
    await expectRefused(await importTable(worker.token, await xlsx([])), 400, /没有表头/, before);
  });

  it('refuses a 5,000-row sheet naming the 2,000-row limit, and accepts 2,000', async () => {
    const before = await tableCount();
    const rows = (n: number) => [['姓名', '联系电话'], ...Array.from({ length: n }, (_, i) => [`居民${i}`, `138${String(i).padStart(8, '0')}`])];
    await expectRefused(await importTable(worker.token, await xlsx(rows(5000))), 413, /最多 2000 行/, before);
    const ok = await importTable(worker.token, await xlsx(rows(2000)));
    expect(ok.status).toBe(201);
    expect(ok.body.rowCount).toBe(2000);
    expect(ok.body.rows[1999]).toEqual(['居民1999', '138****1999']);
  });

  it('refuses a zip bomb (an xlsx that unpacks to far more than it weighs) before unpacking it', async () => {
    const before = await tableCount();
    const bomb = await xlsx([['姓名'], ['x'.repeat(40 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(await importTable(worker.token, bomb), 413, /解压后超过/, before);
  });

  it('refuses what is not an xlsx (415 naming the detected type) and files over 5 MB (413)', async () => {
    const before = await tableCount();
    const csv = await importTable(worker.token, `姓名,身份证号\n张三,${RAW.ids[0]}\n`, {}, '名单.xlsx');
    await expectRefused(csv, 415, /text\/plain/, before);
    const pdfLike = await importTable(worker.token, Buffer.from('%PDF-1.4\n%%EOF\n'), {}, '名单.xlsx');
    await expectRefused(pdfLike, 415, /application\/pdf/, before);
    const big = await importTable(worker.token, Buffer.concat([await xlsx([['姓名'], ['张三']]), Buffer.alloc(5 * 1024 * 1024)]));
    await expectRefused(big, 413, /5 MB/, before);
    const longTitle = await importTable(worker.token, await xlsx([['姓名'], ['张三']]), { title: '长'.repeat(121) });
    expect(longTitle.status).toBe(400);
    expect(longTitle.body.details).toEqual([{ path: 'title', reason: expect.stringContaining('120') }]);
    expect(await tableCount()).toBe(before);
  });

  it('is for staff only: residents 403, anonymous 401', async () => {
    const file = await xlsx([['姓名'], ['张三']]);
    expect((await importTable(resident.token, file)).status).toBe(403);
    expect((await importTable(undefined, file)).status).toBe(401);
  });

  describe('who sees a table', () => {
    it('unattached: its importer only', async () => {
      const { body } = await importTable(worker.token, await xlsx([['姓名'], ['张三']]));
      expect((await get(body.id, worker.token)).status).toBe(200);
      for (const token of [colleague.token, reviewer.token, resident.token, undefined]) expect((await get(body.id, token)).status).toBe(404);
    });

    it('on a draft: covering staff too; published and within its 公示 period: everyone; after it: staff only', async () => {
      const { body } = await importTable(worker.token, await xlsx([['姓名', '身份证号'], ['张三', RAW.ids[0]]]));
      const notice = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id, kind: 'publicity' });
      await claim(notice.id, worker.id, body.id);
      expect((await get(body.id, reviewer.token)).status).toBe(200);
      expect((await get(body.id, colleague.token)).status).toBe(200);
      expect((await get(body.id, outsider.token)).status).toBe(404);
      expect((await get(body.id)).status).toBe(404);

      const repo = t.db.getRepository(Notice);
      await repo.update(notice.id, {
        status: 'published',
        publishedAt: new Date(),
        publicityStartsAt: new Date(Date.now() - DAY),
        publicityEndsAt: new Date(Date.now() + 6 * DAY),
      });
      const pub = await get(body.id);
      expect(pub.status).toBe(200);
      expect(pub.body.rows).toEqual([['张三', '35**************12']]);
      expect((await get(body.id, resident.token)).status).toBe(200);

      await repo.update(notice.id, { publicityEndsAt: new Date(Date.now() - 60_000) });
      expect((await get(body.id)).status).toBe(404);
      expect((await get(body.id, resident.token)).status).toBe(404);
      expect((await get(body.id, worker.token)).status).toBe(200);
      expect((await get(body.id, reviewer.token)).status).toBe(200);

      await repo.update(notice.id, { status: 'expired', publicityEndsAt: null });
      expect((await get(body.id)).status).toBe(404);
    });
  });

  describe('for the notices workflow: claimForNotice and forNotice', () => {
    it('attaches one table, swaps it, detaches it, and refuses someone else’s or one already in use naming tableId', async () => {
      const svc = t.app.get(NoticeTablesService);
      const mine1 = (await importTable(worker.token, await xlsx([['姓名'], ['甲']]))).body.id;
      const mine2 = (await importTable(worker.token, await xlsx([['姓名'], ['乙']]))).body.id;
      const theirs = (await importTable(colleague.token, await xlsx([['姓名'], ['丙']]))).body.id;
      const n1 = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });
      const n2 = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });

      expect(await svc.forNotice(n1.id)).toBeNull();
      await claim(n1.id, worker.id, mine1);
      expect((await svc.forNotice(n1.id))?.rows).toEqual([['甲']]);
      await claim(n1.id, worker.id, mine1);
      await claim(n1.id, worker.id, mine2);
      expect((await svc.forNotice(n1.id))?.id).toBe(mine2);

      for (const bad of [theirs, mine2, 987654]) {
        const err = await claim(n2.id, worker.id, bad).then(
          () => null,
          (e) => e,
        );
        expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'tableId', reason: expect.stringContaining(String(bad)) }] });
      }
      expect(await svc.forNotice(n2.id)).toBeNull();

      // A reviewer correcting n1 keeps its table; they cannot take the worker's free one.
      await claim(n1.id, reviewer.id, mine2);
      const reviewerTakes = await claim(n2.id, reviewer.id, mine1).then(
        () => null,
        (e) => e,
      );
      expect(reviewerTakes).toMatchObject({ status: 400, details: [{ path: 'tableId' }] });
      expect(await svc.tableIdsForNotices([n1.id, n2.id])).toEqual(new Map([[n1.id, mine2]]));

      // mine1 is free again: deletable by its owner; mine2 is in use: 409.
      expect((await t.request('DELETE', `/api/notice-tables/${mine2}`, { token: worker.token })).status).toBe(409);
      expect((await t.request('DELETE', `/api/notice-tables/${mine1}`, { token: colleague.token })).status).toBe(404);
      expect((await t.request('DELETE', `/api/notice-tables/${mine1}`, { token: worker.token })).status).toBe(204);
      expect((await get(mine1, worker.token)).status).toBe(404);

      await claim(n1.id, worker.id, null);
      expect(await svc.forNotice(n1.id)).toBeNull();
    });
  });
});
