import { columnHeading, maskedSummary, normalisedRows } from './notice-table';

const table = {
  columns: [
    { key: 'a', title: '姓名', masked: null },
    { key: 'b', title: '身份证号', masked: 'id_number' as const },
    { key: 'c', title: '联系电话', masked: 'phone' as const },
  ],
  rows: [['张三', '41**************56', '138****1234'], ['李四']],
};

describe('公示 table', () => {
  it('marks masked columns in words', () => {
    expect(table.columns.map(columnHeading)).toEqual(['姓名', '身份证号【已脱敏】', '联系电话【已脱敏】']);
    expect(maskedSummary(table)).toBe('身份证号、联系电话 已自动脱敏（身份证号、手机号码只显示首尾几位）');
    expect(maskedSummary({ columns: [table.columns[0]] })).toBeNull();
  });
  it('pads short rows', () => {
    expect(normalisedRows(table)).toEqual([['张三', '41**************56', '138****1234'], ['李四', '', '']]);
  });
});
