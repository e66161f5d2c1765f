import type { StaffNoticeDetailDto } from '@sunboard/shared';
import {
  composeFormFromNotice,
  composeFormToInput,
  defaultPublisher,
  fieldLabelOf,
  issuesToFieldErrors,
  maskFormPersonalData,
  maskIdsAndPhones,
  newComposeForm,
  personalDataFindings,
  validateComposeForm,
  type ComposeForm,
} from './compose-form';

const NOW = Date.parse('2026-11-24T02:00:00Z');
const guangming = { id: 7, name: '光明社区', level: 'community' as const, fullName: '湛河区 / 马庄街道 / 光明社区' };

function filled(): ComposeForm {
  return { ...newComposeForm(guangming, NOW), title: '2026年11月低保对象公示', body: '经审核，以下家庭符合条件。\n公示期内如有异议请反映。', basis: '《社会救助暂行办法》', domain: 'social_assistance' };
}

describe('defaults', () => {
  it('names the publishing body after the region', () => {
    expect(defaultPublisher(guangming)).toBe('光明社区居委会');
    expect(defaultPublisher({ name: '北渡村', level: 'village' })).toBe('北渡村村委会');
    expect(defaultPublisher({ name: '马庄街道', level: 'street' })).toBe('马庄街道办事处');
    expect(defaultPublisher({ name: '曹镇乡', level: 'town' })).toBe('曹镇乡人民政府');
    expect(defaultPublisher({ name: '湛河区', level: 'district' })).toBe('湛河区人民政府');
    expect(defaultPublisher({ name: '网格一', level: 'grid', fullName: '湛河区 / 北渡街道 / 北渡村 / 网格一' })).toBe('北渡村村委会');
    expect(defaultPublisher(null)).toBe('');
  });
  it('starts with the standard elements filled in', () => {
    const f = newComposeForm(guangming, NOW);
    expect(f).toMatchObject({
      publisher: '光明社区居委会',
      timeLimit: '自信息形成之日起20个工作日内',
      method: 'active',
      channels: ['mini_program', 'notice_board'],
      audience: 'public',
      kind: 'publicity',
      category: 'result',
      regionId: 7,
      publicityStart: '2026-11-24',
      publicityEnd: '2026-12-01',
    });
  });
});

describe('validation with the shared schema', () => {
  it('accepts a complete 公示 and builds the API input', () => {
    const r = validateComposeForm(filled());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.body).toBe('<p>经审核，以下家庭符合条件。</p><p>公示期内如有异议请反映。</p>');
    expect(r.input.publicityStartsAt).toBe('2026-11-24T00:00:00+08:00');
    expect(r.input.publicityEndsAt).toBe('2026-12-01T23:59:59+08:00');
    expect(r.input.guide).toBeNull();
    expect(r.input.regionId).toBe(7);
  });
  it('names missing fields in Chinese', () => {
    const r = validateComposeForm({ ...newComposeForm(null, NOW), publicityEnd: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.title).toMatch(/名称/);
    expect(r.errors.body).toMatch(/内容/);
    expect(r.errors.domain).toBe('请选择领域');
    expect(r.errors.regionId).toBe('请选择发布区域');
    expect(r.errors.publicityEnd).toMatch(/公示结束时间/);
  });
  it('refuses a 公示 ending before it starts', () => {
    const r = validateComposeForm({ ...filled(), publicityStart: '2026-11-30', publicityEnd: '2026-11-20' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.publicityEnd).toMatch(/晚于/);
  });
  it('sends the guide only for 办事指南, one material/step per line', () => {
    const f: ComposeForm = {
      ...filled(),
      kind: 'service_guide',
      publicityStart: '',
      publicityEnd: '',
      guide: { conditions: '本辖区户籍', materials: '身份证\n\n户口本', steps: '申请\n受理', placeAndTime: '社区服务站，工作日', consultPhone: '0375-1234567', complaintPhone: '12345' },
    };
    const input = composeFormToInput(f);
    expect(input.guide).toEqual(expect.objectContaining({ materials: ['身份证', '户口本'], steps: ['申请', '受理'] }));
    expect(input.publicityStartsAt).toBeNull();
    expect(validateComposeForm(f).ok).toBe(true);
    expect(composeFormToInput(filled()).guide).toBeNull();
  });
  it('maps server paths to form fields', () => {
    expect(issuesToFieldErrors([{ path: 'publicityEndsAt', reason: '公示结束时间必须晚于开始时间' }, { path: 'guide.materials.1', reason: 'x' }, { path: 'title', reason: '名称不能为空' }, { path: 'title', reason: 'second' }])).toEqual({
      publicityEnd: '公示结束时间必须晚于开始时间',
      'guide.materials': 'x',
      title: '名称不能为空',
    });
  });
});

describe('the one-tap mask for PERSONAL_DATA_FOUND', () => {
  it('masks ID and mobile numbers everywhere the server checks, not bank accounts', () => {
    const f: ComposeForm = {
      ...filled(),
      body: '申请人身份证410411195001011234，电话13812345678。\n对公账户 6222 0200 1234 5678',
      title: '联系13900001111',
      guide: { ...filled().guide, materials: '户主410411198001011235' },
    };
    const { form, count } = maskFormPersonalData(f);
    expect(count).toBe(4);
    expect(form.body).toContain('41**************34');
    expect(form.body).toContain('138****5678');
    expect(form.body).toContain('6222 0200 1234 5678');
    expect(form.title).toBe('联系139****1111');
    expect(form.guide.materials).toBe('户主41**************35');
    expect(f.body).toContain('410411195001011234');
    expect(maskIdsAndPhones('没有号码').count).toBe(0);
  });
  it('reads the findings from the error details', () => {
    const findings = personalDataFindings([
      { path: 'body', kind: 'id_number', reason: '…', index: 5, length: 18, excerpt: '申请人身份证41**************34，电话' },
      { path: 'guide.steps.0', kind: 'phone', excerpt: '拨打138****5678' },
      'junk',
    ]);
    expect(findings).toEqual([
      { path: 'body', fieldLabel: '内容', kindLabel: '身份证号', excerpt: '申请人身份证41**************34，电话' },
      { path: 'guide.steps.0', fieldLabel: '办理流程第 1 步', kindLabel: '手机号码', excerpt: '拨打138****5678' },
    ]);
    expect(personalDataFindings(undefined)).toEqual([]);
    expect(fieldLabelOf('guide.materials.2')).toBe('所需材料第 3 项');
  });
});

describe('editing a stored draft', () => {
  it('reads a notice back into the form', () => {
    const dto = {
      title: 'T',
      body: '<p>一</p><p>二</p>',
      basis: 'B',
      timeLimit: 'L',
      publisher: 'P',
      method: 'active',
      channels: ['notice_board'],
      audience: 'public',
      domain: 'social_assistance',
      category: 'result',
      kind: 'publicity',
      regionId: 7,
      docNo: null,
      indexNo: 'I',
      validFrom: null,
      validUntil: null,
      publicityStartsAt: '2026-11-23T16:00:00.000Z',
      publicityEndsAt: '2026-11-30T15:59:59.000Z',
      urgent: false,
      pinned: true,
      guide: null,
      attachments: [{ id: 3 }, { id: 9 }],
      table: { id: 4 },
    } as unknown as StaffNoticeDetailDto;
    const f = composeFormFromNotice(dto);
    expect(f).toMatchObject({ body: '一\n二', docNo: '', indexNo: 'I', publicityStart: '2026-11-24', publicityEnd: '2026-11-30', attachmentIds: [3, 9], tableId: 4, pinned: true });
  });
});
