import {
  claimFieldOf,
  emptyClaimForm,
  emptyCorrectionForm,
  emptyFinishForm,
  emptyOpenCaseForm,
  emptyProgressForm,
  finishConfirmText,
  issuesToErrors,
  openCaseFieldOf,
  validateClaimForm,
  validateCorrectionForm,
  validateFinishForm,
  validateOpenCaseForm,
  validateProgressForm,
} from './cases-form';

describe('claim form', () => {
  it('asks for each field in words', () => {
    const r = validateClaimForm(emptyClaimForm());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.caseNo).toBe('请填写受理回执上的办件编号');
    expect(r.errors.name).toBe('申请人姓名不能为空');
    expect(r.errors.phoneLast4).toBe('请输入登记手机号的后四位数字');
  });
  it('refuses a malformed case number and accepts one typed loosely', () => {
    const bad = validateClaimForm({ caseNo: 'SB2026', name: '张桂英', phoneLast4: '5678' });
    expect(bad.ok ? null : bad.errors.caseNo).toMatch(/格式不对/);
    const good = validateClaimForm({ caseNo: ' sb 20261126 abc234 ', name: ' 张桂英 ', phoneLast4: '5678' });
    expect(good).toEqual({ ok: true, input: { caseNo: 'SB20261126ABC234', name: '张桂英', phoneLast4: '5678' } });
  });
  it('maps the server’s field paths', () => {
    expect(issuesToErrors([{ path: 'phoneLast4', reason: 'x' }, { path: '', reason: 'y' }], claimFieldOf)).toEqual({ phoneLast4: 'x', form: 'y' });
  });
});

describe('open case form', () => {
  it('names every missing field', () => {
    const r = validateOpenCaseForm(emptyOpenCaseForm());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({ caseTypeId: '请选择办理事项', regionId: '请选择申请人所在的社区、村或网格', name: '申请人姓名不能为空', phone: '请填写申请人的手机号码' });
  });
  it('checks the phone and ID numbers', () => {
    const r = validateOpenCaseForm({ ...emptyOpenCaseForm(7), caseTypeId: 1, name: '张桂英', phone: '1391234', idNumber: '4104111950' });
    expect(r.ok ? null : r.errors).toEqual({ phone: '手机号码应为 11 位数字，以 1 开头', idNumber: '身份证号应为 18 位（或旧版 15 位）' });
  });
  it('builds the API input, leaving out what is empty', () => {
    const r = validateOpenCaseForm({ ...emptyOpenCaseForm(7), caseTypeId: 1, name: '张桂英', phone: '139 1234 5678', idNumber: '41041119500315235x', userId: 12 });
    expect(r).toEqual({ ok: true, input: { caseTypeId: 1, regionId: 7, applicant: { name: '张桂英', phone: '13912345678', idNumber: '41041119500315235X', userId: 12 } } });
    const r2 = validateOpenCaseForm({ ...emptyOpenCaseForm(7), caseTypeId: 1, name: '张桂英', phone: '13912345678', note: ' 代办 ' });
    expect(r2).toEqual({ ok: true, input: { caseTypeId: 1, regionId: 7, applicant: { name: '张桂英', phone: '13912345678' }, note: '代办' } });
    expect(openCaseFieldOf('applicant.idNumber')).toBe('idNumber');
    expect(openCaseFieldOf('whatever')).toBe('form');
  });
});

describe('progress form', () => {
  it('needs a note; the notice number is digits', () => {
    const r = validateProgressForm({ ...emptyProgressForm(), noticeId: '公示12' }, 5);
    expect(r.ok ? null : r.errors).toEqual({ note: '请写明办理情况，申请人会看到', noticeId: '公示编号应为数字（公示详情页地址中 id= 后面的数字）' });
  });
  it('builds the input for the active step', () => {
    expect(validateProgressForm({ note: '已入户核实', complete: true, noticeId: '', attachmentId: 9 }, 3)).toEqual({
      ok: true,
      input: { position: 3, note: '已入户核实', complete: true, attachmentId: 9 },
    });
    expect(validateProgressForm({ note: '公示中', complete: false, noticeId: ' 42 ', attachmentId: null }, 5)).toEqual({
      ok: true,
      input: { position: 5, note: '公示中', complete: false, noticeId: 42 },
    });
  });
});

describe('correction form', () => {
  const now = Date.parse('2026-11-26T04:00:00Z');
  it('needs materials and a future deadline', () => {
    const r = validateCorrectionForm(emptyCorrectionForm(), now);
    expect(r.ok ? null : r.errors).toEqual({ dueOn: '请选择补正材料的截止日期', materials: '请列出至少 1 项需要补正的材料' });
    const past = validateCorrectionForm({ materials: '户口簿', dueOn: '2026-11-26', note: '' }, now);
    expect(past.ok ? null : past.errors).toEqual({ dueOn: '截止日期应在今天之后' });
    const bad = validateCorrectionForm({ materials: '户口簿', dueOn: '2026-13-01', note: '' }, now);
    expect(bad.ok ? null : bad.errors).toEqual({ dueOn: '日期无效，请重新选择' });
  });
  it('splits the materials into a list', () => {
    expect(validateCorrectionForm({ materials: '户口簿\n收入证明', dueOn: '2026-12-03', note: '' }, now)).toEqual({
      ok: true,
      input: { materials: ['户口簿', '收入证明'], dueOn: '2026-12-03' },
    });
  });
});

describe('finish form', () => {
  it('needs a result, and a reason for a refusal', () => {
    expect(validateFinishForm(emptyFinishForm())).toEqual({ ok: false, errors: { result: '请选择办理结果：准予办理或不予办理' } });
    expect(validateFinishForm({ result: 'rejected', reason: ' ' })).toEqual({ ok: false, errors: { reason: '不予办理时必须写明理由' } });
    expect(validateFinishForm({ result: 'approved', reason: '' })).toEqual({ ok: true, input: { result: 'approved' } });
    expect(validateFinishForm({ result: 'rejected', reason: '家庭收入超过标准' })).toEqual({ ok: true, input: { result: 'rejected', reason: '家庭收入超过标准' } });
  });
  it('asks before finishing', () => {
    expect(finishConfirmText('approved')).toContain('准予办理');
    expect(finishConfirmText('rejected')).toContain('理由');
  });
});
