import { cellDisplay, formatDate, formatGeneral, formatNumber } from './cell-display';

describe('cell display text', () => {
  it('shows numbers as their format does', () => {
    expect(formatNumber(1500, '0.00')).toBe('1500.00');
    expect(formatNumber(1500, '#,##0.00')).toBe('1,500.00');
    expect(formatNumber(1234567.891, '#,##0')).toBe('1,234,568');
    expect(formatNumber(0.125, '0%')).toBe('13%');
    expect(formatNumber(0.125, '0.0%')).toBe('12.5%');
    expect(formatNumber(1500, '"¥"#,##0.00')).toBe('¥1,500.00');
    expect(formatNumber(1500, '[$¥-804]#,##0.00')).toBe('¥1,500.00');
    expect(formatNumber(620, '0.00"元"')).toBe('620.00元');
    expect(formatNumber(-620.5, '#,##0.00;[Red]-#,##0.00')).toBe('-620.50');
    expect(formatNumber(3.5, '0.##')).toBe('3.5');
    expect(formatNumber(3, '0.##')).toBe('3');
    expect(formatNumber(42, '@')).toBe('42');
  });

  it('shows General numbers without float noise and long integers in full', () => {
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(13812341234)).toBe('13812341234');
    expect(formatGeneral(2.5)).toBe('2.5');
    expect(formatNumber(7, undefined)).toBe('7');
    expect(formatNumber(7, 'General')).toBe('7');
  });

  it('shows dates as 2026-11-26, with a time only when the format has one', () => {
    const d = new Date(Date.UTC(2026, 10, 26));
    expect(formatDate(d, 'yyyy/m/d')).toBe('2026-11-26');
    expect(formatDate(d, 'mm-dd-yy')).toBe('2026-11-26');
    expect(formatDate(new Date(Date.UTC(2026, 10, 26, 14, 30)), 'yyyy-mm-dd hh:mm')).toBe('2026-11-26 14:30');
    expect(formatDate(new Date(Date.UTC(1899, 11, 30, 8, 5)), 'h:mm')).toBe('08:05');
    expect(cellDisplay({ value: d })).toBe('2026-11-26');
  });

  it('shows formulas by their result, rich text joined, hyperlinks by text, errors as Excel does', () => {
    expect(cellDisplay({ value: { formula: 'B2*12', result: 7440 }, numFmt: '#,##0.00' })).toBe('7,440.00');
    expect(cellDisplay({ value: { sharedFormula: 'C2', result: '张三' } as never })).toBe('张三');
    expect(cellDisplay({ value: { formula: 'X()', result: undefined } as never })).toBe('');
    expect(cellDisplay({ value: { formula: '1/0', result: { error: '#DIV/0!' } } as never })).toBe('#DIV/0!');
    expect(cellDisplay({ value: { richText: [{ text: '光明' }, { text: '社区' }] } })).toBe('光明社区');
    expect(cellDisplay({ value: { text: '详情', hyperlink: 'https://example.org' } })).toBe('详情');
    expect(cellDisplay({ value: { error: '#N/A' } as never })).toBe('#N/A');
    expect(cellDisplay({ value: true })).toBe('TRUE');
    expect(cellDisplay({ value: null })).toBe('');
  });
});
