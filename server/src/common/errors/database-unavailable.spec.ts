import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const driverError = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('isDatabaseUnavailable', () => {
  it('recognises what mysql2 and the servers say while the database is away', () => {
    // As seen with MariaDB killed and restarted under load (faults-mariadb-restart.e2e-spec.ts).
    expect(isDatabaseUnavailable(driverError({ code: 'ECONNREFUSED', errno: -111, fatal: true }))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], driverError({ code: 'ECONNRESET', errno: -104, fatal: true })))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], driverError({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true })))).toBe(true);
    expect(isDatabaseUnavailable(driverError({ fatal: true }, "Can't add new command when connection is in closed state"))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], driverError({ code: 'ER_SERVER_SHUTDOWN', errno: 1053 })))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], driverError({ code: 'SQLITE_BUSY' })))).toBe(true);
  });

  it('leaves statement errors and everything else alone', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], driverError({ code: 'ER_DUP_ENTRY', errno: 1062, fatal: false })))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT', [], driverError({ code: 'ER_PARSE_ERROR', errno: 1064 })))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], driverError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })))).toBe(false);
    expect(isDatabaseUnavailable(driverError({ code: 'ECONNRESET' }))).toBe(false); // not the database's (no mysql2 mark)
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
