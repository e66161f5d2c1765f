import fc from 'fast-check';
import {
  classifyColumn,
  findPersonalData,
  maskBankAccount,
  maskCell,
  maskIdNumber,
  maskPersonalData,
  maskPhone,
} from './personal-data';

describe('masking', () => {
  it('masks the patterns the rules give', () => {
    expect(maskIdNumber('350102199003071234')).toBe('35**************34');
    expect(maskIdNumber('35010219900307123X')).toBe('35**************3X');
    expect(maskIdNumber('350102900307123')).toBe('35***********23');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
    expect(maskBankAccount('6222021234567890123')).toBe('6222***********0123');
    expect(maskBankAccount('6222 0212 3456 7890')).toBe('6222********7890');
  });

  it('finds ID, phone and bank numbers in free text and masks them in place', () => {
    const text = '联系人王芳，电话13912345678，身份证410411198502023456，账号6217 0000 1234 5678 901。办公电话0375-2881234。';
    expect(findPersonalData(text).map((m) => m.kind)).toEqual(['phone', 'id_number', 'bank_account']);
    const masked = maskPersonalData(text);
    expect(masked).toBe('联系人王芳，电话139****5678，身份证41**************56，账号6217***********8901。办公电话0375-2881234。');
    expect(findPersonalData(masked)).toEqual([]);
  });

  it('leaves office landlines, dates, amounts and long codes alone', () => {
    for (const s of ['咨询电话：0375-2881234', '2026年11月26日', '金额 12345.67 元', '索引号 410411-2026-00012', '文号 湛民〔2026〕12号']) {
      expect(findPersonalData(s)).toEqual([]);
    }
  });

  it('classifies columns by header and by values', () => {
    expect(classifyColumn('身份证号', [])).toBe('id_number');
    expect(classifyColumn('联系电话', ['无'])).toBe('phone');
    expect(classifyColumn('银行账号', [])).toBe('bank_account');
    expect(classifyColumn('备注', ['13812341234', '13912345678', ''])).toBe('phone');
    expect(classifyColumn('编号', ['410411198502023456', '410411199001011234'])).toBe('id_number');
    expect(classifyColumn('姓名', ['张三', '李四'])).toBeNull();
    expect(classifyColumn('金额', ['580', '620.5'])).toBeNull();
  });

  it('masks whole cells of a personal-data column and stray numbers elsewhere', () => {
    expect(maskCell('id_number', '410411198502023456')).toBe('41**************56');
    expect(maskCell('phone', '138-1234-1234')).toBe('138****1234');
    expect(maskCell(null, '户主电话13812341234')).toBe('户主电话138****1234');
    expect(maskCell('phone', '')).toBe('');
  });

  it('masks again what masking exposes: the visible ends of a masked number joining digits beside it', () => {
    // The 16 zeros are a bank account; once masked, `000000000000 0000` in front of the `*` would read as one.
    for (const text of ['000000000000 0000000000000000', '000000000000-0000000000000000']) {
      const masked = maskPersonalData(text);
      expect(findPersonalData(masked)).toEqual([]);
      expect(maskPersonalData(masked)).toBe(masked);
    }
  });

  it('never leaves a detectable number in masked text (property)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/);
    const piece = fc.oneof(digits, fc.string({ maxLength: 8 }), fc.constantFrom('，', ' ', '电话', '身份证', '-'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const masked = maskPersonalData(parts.join(''));
        expect(findPersonalData(masked)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the length of masked ID numbers and phones (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (phone) => {
        const m = maskPhone(phone);
        expect(m).toHaveLength(11);
        expect(m.slice(0, 3)).toBe(phone.slice(0, 3));
        expect(m.slice(-4)).toBe(phone.slice(-4));
      }),
    );
  });
});
