import { stdSerializers } from 'pino';
import { maskIdNumber, maskPhone } from '@sunboard/shared';

/*
 * The last line of defence for personal data in logs (docs/security.md, "Logs"): every serialized log
 * line passes through `scrubLogLine` before it is written, and any 18-character ID number or mainland
 * mobile number in it is masked as the apps mask them (`41**************34`, `139****5678`). The
 * sources are kept clean too (request paths without query strings, errors without SQL values); this
 * catches what a future log call or a driver's message lets through.
 *
 * Unlike the publishing masks in shared/, a digit is the only boundary: inside a JSON line a number
 * may follow an escape such as `\n`, and a needless mask in a log costs nothing. Bank account numbers
 * are not masked here: they never reach the server in the clear outside an xlsx import, and their
 * pattern (16–19 digits) would hide WeChat msgids.
 */
const ID_18 = /(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g;
const PHONE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

export function scrubLogLine(line: string): string {
  return line.replace(ID_18, (m) => maskIdNumber(m)).replace(PHONE, (m) => maskPhone(m));
}

/** Properties of a database error that carry the statement's values (TypeORM copies the driver's onto its error). */
const VALUE_PROPS = new Set(['parameters', 'sql', 'driverError', 'sqlMessage']);

/**
 * The `err` serializer: pino's standard one, without the SQL values a failed query carries
 * (`parameters`, mysql2's `sql` with the values inlined, the driver error that holds both, and its
 * `sqlMessage`, which repeats `message`), and with any number in its message or stack masked. The
 * statement itself (`query`, with placeholders) and the driver's error code stay.
 */
export function serializeError(err: unknown): unknown {
  // pino-http hands a custom serializer the output of the standard one; pino itself hands it the Error.
  const out = err instanceof Error ? (stdSerializers.err(err) as unknown as Record<string, unknown>) : err;
  if (!out || typeof out !== 'object') return out;
  const copy: Record<string, unknown> = { ...(out as Record<string, unknown>) };
  for (const k of VALUE_PROPS) delete copy[k];
  // A driver's message may quote a value ("Incorrect integer value: '…'"); the stack repeats the message.
  for (const k of ['message', 'stack']) if (typeof copy[k] === 'string') copy[k] = scrubLogLine(copy[k]);
  return copy;
}
