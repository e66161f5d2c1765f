import { maskPersonalData } from '@sunboard/shared';
import { emptyContent } from './notice-content';
import { findNoticePersonalData } from './notice-personal-data';

describe('personal data in a notice', () => {
  const base = { ...emptyContent(), title: '低保公示', body: '<p>各位居民：</p>', basis: '《社会救助暂行办法》', timeLimit: '7天', publisher: '光明社区居委会' };

  it('names the field, offset and length of each unmasked ID or mobile number, never echoing it', () => {
    const body = '<p>申请人王芳，身份证410411198502023456，电话13912345678。</p>';
    const issues = findNoticePersonalData({ ...base, body, basis: '联系13812341234' });
    expect(issues.map((i) => [i.path, i.kind])).toEqual([
      ['body', 'id_number'],
      ['body', 'phone'],
      ['basis', 'phone'],
    ]);
    const id = issues[0];
    expect(body.slice(id.index, id.index + id.length)).toBe('410411198502023456');
    expect(id.excerpt).toBe('申请人王芳，身份证41**************56，电话139****');
    expect(issues[1].excerpt).toBe('*****56，电话139****5678。');
    // Neither the number nor any stretch of its digits is echoed.
    for (const i of issues) expect(i.excerpt).not.toMatch(/\d{5,}/);
    expect(JSON.stringify(issues)).not.toContain('410411198502023456');
    expect(JSON.stringify(issues)).not.toContain('13912345678');
  });

  it('checks the guide, but not its published contact numbers; ignores masked text, landlines and bank accounts', () => {
    const guide = { conditions: '本人申请', materials: ['户口本', '联系人13912345678'], steps: ['申请'], placeAndTime: '社区', consultPhone: '13800001111', complaintPhone: '0375-12345' };
    const issues = findNoticePersonalData({ ...base, kind: 'service_guide', guide });
    expect(issues.map((i) => i.path)).toEqual(['guide.materials.1']);
    const masked = maskPersonalData('<p>电话13912345678，身份证410411198502023456，办公电话0375-2881234，对公账户6222021234567890123</p>');
    expect(findNoticePersonalData({ ...base, body: masked })).toEqual([]);
  });
});
