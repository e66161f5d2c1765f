import { QueryFailedError } from 'typeorm';
import { scrubLogLine, serializeError } from './log-scrubbing';

describe('log scrubbing', () => {
  it('masks ID and mobile numbers anywhere in a JSON line, also right after an escape', () => {
    const line = JSON.stringify({
      msg: 'x',
      path: '/api/cases/13912345678',
      note: '身份证410411195003151234\n电话15900001234',
      idx: '35010219850202003X',
      spaced: '+86 139-1234-5678',
    });
    const out = scrubLogLine(line);
    for (const n of ['13912345678', '410411195003151234', '15900001234', '35010219850202003X', '139-1234-5678']) expect(out).not.toContain(n);
    expect(out).toContain('139****5678');
    expect(out).toContain('41**************34');
    expect(JSON.parse(out).note).toBe('身份证41**************34\n电话159****1234');
  });

  it('leaves times, ids, msgids and request ids alone', () => {
    const line = JSON.stringify({ time: 1764150800000, msgid: '3147355721185181697', requestId: '0c3e6a1f-93d5-4d83-9a0e-123456789012', userId: 42, ms: 13 });
    expect(scrubLogLine(line)).toBe(line);
  });

  it('serializes a failed query without its values', () => {
    const driverError = Object.assign(new Error("Incorrect integer value: '13912345678' for column 'x'"), {
      code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
      sql: "INSERT INTO t VALUES ('13912345678')",
      sqlMessage: "Incorrect integer value: '13912345678'",
    });
    const err = new QueryFailedError('INSERT INTO t VALUES (?)', ['13912345678'], driverError);
    const out = serializeError(err) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'QueryFailedError', query: 'INSERT INTO t VALUES (?)', code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' });
    expect(out).not.toHaveProperty('parameters');
    expect(out).not.toHaveProperty('sql');
    expect(out).not.toHaveProperty('driverError');
    expect(out).not.toHaveProperty('sqlMessage');
    // pino-http passes the standard serializer's output on: the values go from that too.
    expect(serializeError({ type: 'QueryFailedError', message: 'x', parameters: ['13912345678'], sql: 'INSERT' })).toEqual({ type: 'QueryFailedError', message: 'x' });
    // The value the driver quotes in its message is masked there and in the stack.
    expect(out.message).toBe("Incorrect integer value: '139****5678' for column 'x'");
    expect(JSON.stringify(out)).not.toContain('13912345678');
  });
});
