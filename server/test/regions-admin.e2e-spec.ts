import ExcelJS from 'exceljs';
import { Region } from '../src/modules/regions/region.entity';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { grantRole } from './factories/users';
import { multipart, type MultipartFile } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';

describe('region administration: create, rename, move, import', () => {
  let t: TestApp;
  let tree: RegionTree;
  /** Admin over everything (regionPath null), over 湛河区, over 马庄街道; a plain resident. */
  let superToken: string;
  let districtToken: string;
  let streetAToken: string;
  let residentToken: string;

  const region = (id: number) => t.db.getRepository(Region).findOneByOrFail({ id });
  /** Every region's path is its parent's path plus its id, and its depth one more than the parent's. */
  const expectTreeConsistent = async () => {
    const all = await t.db.getRepository(Region).find();
    const byId = new Map(all.map((r) => [r.id, r]));
    const wrong = all.filter((r) => {
      const parent = r.parentId === null ? null : byId.get(r.parentId)!;
      return r.path !== `${parent ? parent.path : '/'}${r.id}/` || r.depth !== (parent ? parent.depth + 1 : 1);
    });
    expect(wrong.map((r) => `${r.code} ${r.path} ${r.depth}`)).toEqual([]);
  };
  const regionCount = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM region'))[0].n);
  const upload = (token: string, file: MultipartFile) => {
    const { payload, headers } = multipart([file]);
    return t.request('POST', '/api/regions/import', { token, payload, headers });
  };
  async function xlsx(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
    const login = async (openid: string, regionId?: number | null) => {
      const { token, user } = await t.login(openid);
      if (regionId !== undefined) await grantRole(t.db, user.id, 'admin', regionId);
      return token;
    };
    superToken = await login('o_admin_super', null);
    districtToken = await login('o_admin_district', tree.district.id);
    streetAToken = await login('o_admin_street_a', tree.streetA.id);
    residentToken = await login('o_resident_plain');
  });
  afterAll(() => t?.close());

  describe('POST /api/regions', () => {
    it('creates a street under the district and a community under it, with materialised paths', async () => {
      const street = await t.request('POST', '/api/regions', {
        token: districtToken,
        body: { code: '410411009', name: '新城街道', level: 'street', parentId: tree.district.id },
      });
      expect(street.status).toBe(201);
      expect(street.body).toMatchObject({ code: '410411009', name: '新城街道', level: 'street', parentId: tree.district.id, childCount: 0 });
      expect(street.body.path).toBe(`${tree.district.path}${street.body.id}/`);
      expect((await region(street.body.id)).depth).toBe(tree.district.depth + 1);

      const community = await t.request('POST', '/api/regions', {
        token: districtToken,
        body: { code: '410411009001', name: '新城社区', level: 'community', parentId: street.body.id },
      });
      expect(community.status).toBe(201);
      expect(community.body.path).toBe(`${street.body.path}${community.body.id}/`);

      const read = await t.request('GET', `/api/regions/${street.body.id}`);
      expect(read.body).toMatchObject({ childCount: 1, ancestors: [expect.objectContaining({ id: tree.district.id })] });
    });

    it('lets only an admin over the whole tree create a district, and only a district at the root', async () => {
      const byDistrictAdmin = await t.request('POST', '/api/regions', { token: districtToken, body: { code: '410412', name: '卫东区', level: 'district' } });
      expect(byDistrictAdmin.status).toBe(403);
      expect(byDistrictAdmin.body.code).toBe('OUT_OF_SCOPE');

      const streetAsRoot = await t.request('POST', '/api/regions', { token: superToken, body: { code: 'X1', name: '孤街道', level: 'street', parentId: null } });
      expect(streetAsRoot.status).toBe(400);
      expect(streetAsRoot.body.details).toEqual([expect.objectContaining({ path: 'level' })]);

      const ok = await t.request('POST', '/api/regions', { token: superToken, body: { code: '410412', name: '卫东区', level: 'district' } });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ parentId: null, path: `/${ok.body.id}/` });
      expect((await region(ok.body.id)).depth).toBe(1);
    });

    it('answers an unknown parent with 404 naming parentId, a wrong level with 400 naming level, a used code with 409 naming code', async () => {
      const unknown = await t.request('POST', '/api/regions', { token: superToken, body: { code: 'Z1', name: '某社区', level: 'community', parentId: 999999 } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('REGION_NOT_FOUND');
      expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'parentId' })]);

      const wrongLevel = await t.request('POST', '/api/regions', {
        token: districtToken,
        body: { code: 'Z2', name: '某社区', level: 'community', parentId: tree.district.id },
      });
      expect(wrongLevel.status).toBe(400);
      expect(wrongLevel.body.code).toBe('VALIDATION_FAILED');
      expect(wrongLevel.body.details).toEqual([{ path: 'level', reason: expect.stringContaining('街道或乡镇') }]);

      const duplicate = await t.request('POST', '/api/regions', {
        token: districtToken,
        body: { code: tree.communityA1.code, name: '重复社区', level: 'community', parentId: tree.streetA.id },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('CONFLICT');
      expect(duplicate.body.details).toEqual([{ path: 'code', reason: expect.stringContaining('光明社区') }]);
    });

    it('rejects a malformed body with 400 naming each bad field, and writes nothing', async () => {
      const before = await regionCount();
      const res = await t.request('POST', '/api/regions', {
        token: superToken,
        body: { code: 'bad code!', name: '', level: 'province', parentId: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'level', 'name', 'parentId']);
      for (const d of res.body.details) expect(d.reason).toMatch(/[\u4e00-\u9fa5]/);
      expect(await regionCount()).toBe(before);
    });

    it('keeps a street admin inside their street', async () => {
      const inside = await t.request('POST', '/api/regions', {
        token: streetAToken,
        body: { code: 'A-G9', name: '建设路网格一', level: 'grid', parentId: tree.communityA2.id },
      });
      expect(inside.status).toBe(201);
      const outside = await t.request('POST', '/api/regions', {
        token: streetAToken,
        body: { code: 'B-G9', name: '湛南网格一', level: 'grid', parentId: tree.communityB1.id },
      });
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('OUT_OF_SCOPE');
    });
  });

  describe('PATCH /api/regions/:id', () => {
    it('renames a region', async () => {
      const res = await t.request('PATCH', `/api/regions/${tree.communityA2.id}`, { token: streetAToken, body: { name: '建设路社区居委会' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: tree.communityA2.id, name: '建设路社区居委会', path: tree.communityA2.path });
      expect((await region(tree.communityA2.id)).name).toBe('建设路社区居委会');
    });

    it('moves a community with its grid to another street, rewriting the paths of the whole subtree', async () => {
      const res = await t.request('PATCH', `/api/regions/${tree.communityA1.id}`, { token: districtToken, body: { parentId: tree.streetB.id } });
      expect(res.status).toBe(200);
      const newPath = `${tree.streetB.path}${tree.communityA1.id}/`;
      expect(res.body).toMatchObject({ parentId: tree.streetB.id, path: newPath, childCount: 1 });
      const community = await region(tree.communityA1.id);
      const grid = await region(tree.gridA1.id);
      expect(community).toMatchObject({ parentId: tree.streetB.id, path: newPath, depth: tree.communityA1.depth });
      expect(grid).toMatchObject({ parentId: tree.communityA1.id, path: `${newPath}${tree.gridA1.id}/`, depth: tree.gridA1.depth });
      // Neighbours are untouched.
      expect((await region(tree.communityA2.id)).path).toBe(tree.communityA2.path);
      expect((await region(tree.communityB1.id)).path).toBe(tree.communityB1.path);
      const detail = await t.request('GET', `/api/regions/${tree.gridA1.id}`);
      expect(detail.body.ancestors.map((a: { id: number }) => a.id)).toEqual([tree.district.id, tree.streetB.id, tree.communityA1.id]);

      // And back again, so the rest of the file sees the factory tree.
      const back = await t.request('PATCH', `/api/regions/${tree.communityA1.id}`, { token: districtToken, body: { parentId: tree.streetA.id } });
      expect(back.status).toBe(200);
      expect((await region(tree.gridA1.id)).path).toBe(tree.gridA1.path);
      await expectTreeConsistent();
    });

    it('refuses to move a region under itself, under its own descendant, or under a parent of the wrong level', async () => {
      for (const [id, parentId] of [
        [tree.streetA.id, tree.streetA.id],
        [tree.streetA.id, tree.communityA1.id],
        [tree.district.id, tree.gridA1.id],
        [tree.communityA2.id, tree.district.id],
        [tree.communityA2.id, tree.village.id],
      ]) {
        const res = await t.request('PATCH', `/api/regions/${id}`, { token: superToken, body: { parentId } });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details).toEqual([{ path: 'parentId', reason: expect.any(String) }]);
      }
      expect((await region(tree.streetA.id)).path).toBe(tree.streetA.path);
    });

    it('keeps the admin of 马庄街道 out of 河滨街道 (403 OUT_OF_SCOPE), also as a move target', async () => {
      const rename = await t.request('PATCH', `/api/regions/${tree.streetB.id}`, { token: streetAToken, body: { name: '别人的街道' } });
      expect(rename.status).toBe(403);
      expect(rename.body.code).toBe('OUT_OF_SCOPE');
      const moveOut = await t.request('PATCH', `/api/regions/${tree.communityA2.id}`, { token: streetAToken, body: { parentId: tree.streetB.id } });
      expect(moveOut.status).toBe(403);
      expect(moveOut.body.code).toBe('OUT_OF_SCOPE');
      expect((await region(tree.streetB.id)).name).toBe('河滨街道');
      expect((await region(tree.communityA2.id)).parentId).toBe(tree.streetA.id);
    });

    it('answers an unknown region with 404, a bad id or an empty body with 400', async () => {
      const missing = await t.request('PATCH', '/api/regions/999999', { token: superToken, body: { name: '无' } });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('REGION_NOT_FOUND');
      const missingParent = await t.request('PATCH', `/api/regions/${tree.communityA2.id}`, { token: superToken, body: { parentId: 999999 } });
      expect(missingParent.status).toBe(404);
      expect(missingParent.body.details).toEqual([expect.objectContaining({ path: 'parentId' })]);
      const badId = await t.request('PATCH', '/api/regions/abc', { token: superToken, body: { name: '无' } });
      expect(badId.status).toBe(400);
      const empty = await t.request('PATCH', `/api/regions/${tree.streetA.id}`, { token: superToken, body: {} });
      expect(empty.status).toBe(400);
      const badName = await t.request('PATCH', `/api/regions/${tree.streetA.id}`, { token: superToken, body: { name: '长'.repeat(51) } });
      expect(badName.status).toBe(400);
      expect(badName.body.details).toEqual([expect.objectContaining({ path: 'name' })]);
    });
  });

  it('documents the admin routes in OpenAPI, the import as a multipart upload', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths;
    expect(paths['/api/regions'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('code');
    expect(paths['/api/regions/{id}'].patch).toBeDefined();
    expect(Object.keys(paths['/api/regions/import'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });

  describe('who may call', () => {
    it('answers a resident with 403 and a caller without a token with 401 on every admin route', async () => {
      const file = multipart([{ filename: 'r.csv', content: 'code,name,level\nQ1,某区,区\n' }]);
      const calls: Array<[string, string, Record<string, unknown>]> = [
        ['POST', '/api/regions', { body: { code: 'R1', name: '某街道', level: 'street', parentId: tree.district.id } }],
        ['PATCH', `/api/regions/${tree.streetA.id}`, { body: { name: '改名' } }],
        ['POST', '/api/regions/import', { payload: file.payload, headers: file.headers }],
      ];
      for (const [method, url, opts] of calls) {
        const asResident = await t.request(method, url, { ...opts, token: residentToken });
        expect(asResident.status).toBe(403);
        expect(asResident.body.code).toBe('FORBIDDEN');
        const anonymous = await t.request(method, url, opts);
        expect(anonymous.status).toBe(401);
      }
    });
  });

  describe('POST /api/regions/import', () => {
    it('imports an xlsx with Chinese headers and level names, rows in any order, renaming an existing region', async () => {
      const before = await regionCount();
      const buf = await xlsx([
        ['区划代码', '名称', '级别', '上级代码'],
        ['X-G1', '幸福社区网格一', '网格', 'X-C1'],
        ['X-C1', '幸福社区', '社区', tree.streetA.code],
        [tree.communityB1.code, '湛南社区居委会', '社区', tree.streetB.code],
        [tree.district.code, '湛河区', '区/县', null],
      ]);
      const res = await upload(districtToken, { filename: '区划导入.xlsx', content: buf });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 2, updated: 1, unchanged: 1 });
      expect(await regionCount()).toBe(before + 2);
      const repo = t.db.getRepository(Region);
      const community = await repo.findOneByOrFail({ code: 'X-C1' });
      const grid = await repo.findOneByOrFail({ code: 'X-G1' });
      expect(community).toMatchObject({ parentId: tree.streetA.id, path: `${tree.streetA.path}${community.id}/`, depth: tree.streetA.depth + 1, level: 'community' });
      expect(grid).toMatchObject({ parentId: community.id, path: `${community.path}${grid.id}/`, depth: community.depth + 1 });
      expect((await region(tree.communityB1.id)).name).toBe('湛南社区居委会');
      await expectTreeConsistent();
    });

    it('imports a csv (UTF-8 with BOM), moving an existing region under a new one from the same file', async () => {
      const csv =
        '\ufeffcode,name,level,parent code\r\n' +
        `Y-G1,建设路网格二,网格,${tree.communityA2.code}\r\n` +
        `${tree.communityA2.code},建设路社区居委会,community,Y-S1\r\n` +
        `Y-S1,建设街道,街道,${tree.district.code}\r\n`;
      const res = await upload(districtToken, { filename: 'regions.csv', contentType: 'text/csv', content: csv });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 2, updated: 1, unchanged: 0 });
      const street = await t.db.getRepository(Region).findOneByOrFail({ code: 'Y-S1' });
      const moved = await region(tree.communityA2.id);
      expect(moved).toMatchObject({ parentId: street.id, path: `${street.path}${moved.id}/` });
      // The grid made earlier under 建设路社区 moved with it.
      const grid = await t.db.getRepository(Region).findOneByOrFail({ code: 'A-G9' });
      expect(grid.path).toBe(`${moved.path}${grid.id}/`);
      expect(grid.depth).toBe(moved.depth + 1);
      // A new grid under the region this file moves lands under its new place.
      const newGrid = await t.db.getRepository(Region).findOneByOrFail({ code: 'Y-G1' });
      expect(newGrid.path).toBe(`${moved.path}${newGrid.id}/`);
      await expectTreeConsistent();
    });

    it('reports every bad row at once (422) and imports nothing', async () => {
      const before = await regionCount();
      const csv = [
        '区划代码,名称,级别,上级代码',
        `Z-C1,好社区,社区,${tree.streetA.code}`,
        `Z-C2,坏社区,省,${tree.streetA.code}`,
        `${tree.communityA1.code},光明社区改名,社区,${tree.streetA.code}`,
        'Z-C3,孤儿社区,社区,NO-SUCH-CODE',
      ].join('\n');
      const res = await upload(districtToken, { filename: 'bad.csv', content: csv });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IMPORT_FAILED');
      expect(res.body.details).toEqual([
        { row: 3, column: '级别', reason: expect.stringContaining('省') },
        { row: 5, column: '上级代码', reason: expect.stringContaining('NO-SUCH-CODE') },
      ]);
      expect(res.body.message).toContain('3');
      expect(await regionCount()).toBe(before);
      expect((await region(tree.communityA1.id)).name).toBe('光明社区');
    });

    it('reports rows outside the admin scope as bad rows', async () => {
      const csv = ['代码,名称,层级,上级代码', `S-C1,马庄新社区,社区,${tree.streetA.code}`, `S-C2,河滨新社区,社区,${tree.streetB.code}`].join('\n');
      const res = await upload(streetAToken, { filename: 'scope.csv', content: csv });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ row: 3, reason: expect.stringContaining('管辖范围') }]);
      expect(await t.db.getRepository(Region).countBy({ code: 'S-C1' })).toBe(0);
    });

    it('refuses other file types with 415, an empty or header-less file with 400, too many rows or bytes with 413', async () => {
      const pdf = await upload(superToken, { filename: 'a.pdf', content: Buffer.from('%PDF-1.4\n%...') });
      expect(pdf.status).toBe(415);
      expect(pdf.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

      const json = await t.request('POST', '/api/regions/import', { token: superToken, body: { code: 'x' } });
      expect(json.status).toBe(415);

      const empty = await upload(superToken, { filename: 'empty.csv', content: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.details).toEqual([expect.objectContaining({ path: 'file' })]);

      const noHeader = await upload(superToken, { filename: 'x.csv', content: `Q1,某区,区\n` });
      expect(noHeader.status).toBe(400);
      expect(noHeader.body.details[0].reason).toContain('表头');

      const noFile = multipart([], { note: 'hi' });
      const missing = await t.request('POST', '/api/regions/import', { token: superToken, payload: noFile.payload, headers: noFile.headers });
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual([expect.objectContaining({ path: 'file' })]);

      const lines = ['code,name,level,parent code'];
      for (let i = 0; i < 5001; i++) lines.push(`N${i},网格${i},grid,${tree.communityA1.code}`);
      const tooMany = await upload(superToken, { filename: 'many.csv', content: lines.join('\n') });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.message).toContain('5000');

      const huge = await upload(superToken, { filename: 'huge.csv', content: Buffer.alloc(5 * 1024 * 1024 + 10, 0x41) });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
});
