import type { CaseDetailDto, CaseSummaryDto, Page } from '@sunboard/shared';
import { DEMO_UNCLAIMED_CASE_NO } from '../src/database/seeds/demo-cases';
import { startTestApp, type TestApp } from './support/test-app';

describe('cases: the demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  afterAll(() => t.close());

  it('gives 张桂兰 a case to follow, the 光明社区 grid worker an overdue one, and 李建国 one to claim', async () => {
    const zhang = await t.login('o_demo_resident_zhang');
    const mine = await t.request<Page<CaseSummaryDto>>('GET', '/api/cases/mine', { token: zhang.token });
    expect(mine.body.items.map((c) => c.typeName)).toEqual(['高龄津贴']);
    expect(mine.body.items[0].currentStep).toMatchObject({ name: '公示' });

    const grid = await t.login('o_demo_grid_guangming');
    const overdue = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: grid.token, query: { overdue: true } });
    expect(overdue.body.items.map((c) => c.typeName)).toEqual(['残疾人两项补贴']);

    const li = await t.login('o_demo_resident_li');
    const claimed = await t.request<CaseDetailDto>('POST', '/api/cases/claim', { token: li.token, body: { caseNo: DEMO_UNCLAIMED_CASE_NO, name: '李建国', phoneLast4: '1234' } });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ typeName: '临时救助', region: { name: '湛南社区' }, applicant: { phoneMasked: '138****1234', linked: true } });
  });
});
