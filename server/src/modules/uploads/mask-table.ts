import { classifyColumn, findPersonalData, maskCell, type NoticeTableColumnDto, type PersonalDataKind } from '@sunboard/shared';
import type { RawTable } from './xlsx-table';

export interface MaskedTable {
  columns: NoticeTableColumnDto[];
  rows: string[][];
}

/**
 * Masks a table for publishing. Each column is classified by its header and values
 * (`classifyColumn`): ID-number, phone and bank-account columns have every cell masked as that
 * kind; every other cell still has any ID, phone or bank number inside its text masked. A column
 * is marked `masked` with the kind it held: its class, or else the first kind found in its text.
 */
export function maskTable(table: RawTable): MaskedTable {
  const columns: NoticeTableColumnDto[] = [];
  const out: string[][] = table.rows.map(() => []);
  table.headers.forEach((title, c) => {
    const values = table.rows.map((r) => r[c] ?? '');
    const kind = classifyColumn(title, values);
    let found: PersonalDataKind | null = kind;
    values.forEach((value, r) => {
      const masked = maskCell(kind, value);
      if (!found && masked !== value) found = findPersonalData(value)[0]?.kind ?? null;
      out[r][c] = masked;
    });
    columns.push({ key: `c${c + 1}`, title, masked: found });
  });
  return { columns, rows: out };
}
