import type ExcelJS from 'exceljs';

/** The parts of an exceljs cell that decide what it shows. */
export interface CellLike {
  value: ExcelJS.CellValue | undefined;
  numFmt?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date as the sheet shows it: `2026-11-26`, plus `14:30` when the format shows a time (or the
 * value has one and the format is unknown). exceljs gives dates as UTC instants holding the wall time.
 */
export function formatDate(d: Date, numFmt?: string): string {
  if (Number.isNaN(d.getTime())) return '';
  const fmt = stripFormat(numFmt ?? '').toLowerCase();
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const hasDate = /[yd]/.test(fmt) || (/m/.test(fmt) && !/h/.test(fmt));
  const hasTime = /h|s/.test(fmt);
  if (hasTime && !hasDate) return time;
  if (hasTime || (!fmt && (d.getUTCHours() || d.getUTCMinutes()))) return `${date} ${time}`;
  return date;
}

/** A format section without colours, conditions, locale tags, padding and fill directives. */
function stripFormat(fmt: string): string {
  return fmt
    .split(';')[0]
    .replace(/\[\$([^\]-]*)(-[^\]]*)?\]/g, (_, symbol: string) => (symbol ? `"${symbol}"` : ''))
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
}

/**
 * Splits a format section into the literal text before the number, the number's placeholders
 * (`#`, `0`, `?`, `,`, `.`) and the literal text after it. Quoted text and `\x` escapes are literal.
 */
function splitFormat(fmt: string): { prefix: string; pattern: string; suffix: string } | null {
  let prefix = '';
  let pattern = '';
  let suffix = '';
  // Widened on purpose: `emit` moves the state on, which control-flow narrowing cannot see.
  let state = 'before' as 'before' | 'number' | 'after';
  const emit = (text: string) => {
    if (state === 'number') state = 'after';
    if (state === 'before') prefix += text;
    else suffix += text;
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      emit(end < 0 ? fmt.slice(i + 1) : fmt.slice(i + 1, end));
      i = end < 0 ? fmt.length : end;
    } else if (c === '\\') {
      emit(fmt[i + 1] ?? '');
      i++;
    } else if ('#0?,.'.includes(c) && state !== 'after' && (state === 'number' || c !== ',')) {
      state = 'number';
      pattern += c;
    } else {
      emit(c);
    }
  }
  return /[#0?]/.test(pattern) ? { prefix, pattern, suffix } : null;
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Excel's "General": integers in full, other numbers to 11 significant digits without float noise. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(11)));
}

/**
 * A number as its cell format shows it, for the formats 公示 lists use: decimals (`0.00`),
 * thousands (`#,##0`), percent (`0%`), currency and unit text (`¥#,##0.00`, `0.00"元"`). Anything
 * more exotic (fractions, scientific) falls back to General.
 */
export function formatNumber(n: number, numFmt?: string): string {
  const raw = numFmt ?? '';
  if (!raw || /^general$/i.test(raw) || raw === '@') return formatGeneral(n);
  const fmt = stripFormat(raw);
  if (/[eE][+-]|\?\/|#\/|\//.test(fmt.replace(/"[^"]*"/g, ''))) return formatGeneral(n);
  const parts = splitFormat(fmt);
  if (!parts) return formatGeneral(n);
  const { prefix, pattern, suffix } = parts;
  const percent = suffix.includes('%') || prefix.includes('%');
  const value = percent ? n * 100 : n;
  const decimals = (pattern.split('.')[1] ?? '').replace(/[^#0?]/g, '');
  const minDecimals = (decimals.match(/0/g) ?? []).length;
  let text = Math.abs(value).toFixed(decimals.length);
  if (decimals.length > minDecimals) {
    // `#` decimals show only when needed: trim trailing zeros down to the `0` places.
    const [i, f = ''] = text.split('.');
    const trimmed = f.replace(/0+$/, '').padEnd(minDecimals, '0');
    text = trimmed ? `${i}.${trimmed}` : i;
  }
  let [integer, fraction] = text.split('.');
  if (/,/.test(pattern.split('.')[0])) integer = groupThousands(integer);
  text = fraction !== undefined ? `${integer}.${fraction}` : integer;
  const negative = value < 0 && Number(text.replace(/,/g, '')) !== 0;
  return `${negative ? '-' : ''}${prefix}${text}${suffix}`;
}

/**
 * The text a cell shows: strings as written, numbers and dates by their format, formulas by their
 * cached result, rich text joined, hyperlinks by their text, errors as `#N/A` etc.
 */
export function cellDisplay(cell: CellLike): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, cell.numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value, cell.numFmt);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text ?? '').join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result && typeof result === 'object' && 'error' in result) return String(result.error);
      return cellDisplay({ value: result as ExcelJS.CellValue, numFmt: cell.numFmt });
    }
    if ('hyperlink' in value) return cellDisplay({ value: (value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, numFmt: cell.numFmt });
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}
