import fc from 'fast-check';
import { Writable } from 'node:stream';
import { createLogger, JsonLogger } from './logger';
import { redactContactText, safeError } from './log-hygiene';

/** A logger writing into memory, so a test reads exactly the lines that would reach stdout. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', 'info', sink), text: () => lines.join('') };
}

/** What TypeORM throws when PostgreSQL refuses a statement: the SQL, its parameters and the driver error. */
class QueryFailedError extends Error {
  constructor(
    readonly query: string,
    readonly parameters: unknown[],
    readonly driverError: Error & Record<string, unknown>,
  ) {
    super(driverError.message);
    this.name = 'QueryFailedError';
    Object.assign(this, {
      code: driverError.code,
      detail: driverError.detail,
      where: driverError.where,
      constraint: driverError.constraint,
    });
  }
}

function pgError(message: string, fields: Record<string, unknown>) {
  return Object.assign(new Error(message), { name: 'error', severity: 'ERROR', ...fields });
}

const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom('example.org', 'council.gov.uk', 'mail.co.uk'))
  .map(([l, d]) => `${l}@${d}`);
const mobile = fc.integer({ min: 0, max: 999 }).map((n) => `07700 900${String(n).padStart(3, '0')}`);

describe('log hygiene: no log line carries a contact detail, a password or report text', () => {
  it('a failed insert logs its SQLSTATE and constraint but never the parameters, detail or quoted values', () => {
    const { logger, text } = capture();
    const driver = pgError('duplicate key value violates unique constraint "participants_email"', {
      code: '23505',
      constraint: 'participants_email',
      table: 'conferences',
      detail: 'Key (email)=(jo@example.org) already exists.',
      where: "unnamed portal parameter $1 = '...07700 900123...'",
    });
    const error = new QueryFailedError('INSERT INTO conferences VALUES ($1, $2)', ['{"email":"jo@example.org"}', '+447700900123'], driver);
    logger.error({ err: error, path: '/api/v1/conferences' }, 'unhandled error');
    const line = JSON.parse(text());
    expect(text()).not.toMatch(/jo@example\.org|7700 ?900123|INSERT INTO/);
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'participants_email' });
    expect(line.err.message).toBe('duplicate key value violates unique constraint "participants_email"');
    expect(line.err.driverError).toMatchObject({ code: '23505', table: 'conferences' });
  });

  it('a driver message quoting the value loses the value, keeps the type', () => {
    const error = pgError('invalid input syntax for type uuid: "jo stone 07700 900123"', { code: '22P02', dataType: 'uuid' });
    expect(safeError(error).message).toBe('invalid input syntax for type uuid: "[redacted]"');
  });

  it('sensitive keys are censored at any depth, errors nested anywhere are made safe', () => {
    const { logger, text } = capture();
    const nested = { a: { b: { c: { d: { password: 'hunter2', notes: 'report text about the family', ok: 'kept' } } } } };
    logger.warn({ ...nested, wrapped: { error: new QueryFailedError('SELECT 1', ['secret-param'], pgError('x', {})) } }, 'nested');
    expect(text()).not.toMatch(/hunter2|report text|secret-param|SELECT 1/);
    expect(text()).toContain('kept');
  });

  it('property: an email or UK mobile anywhere in a log call (message, fields, error) never reaches the line', () => {
    fc.assert(
      fc.property(email, mobile, fc.constantFrom('msg', 'field', 'error', 'errorAsMessage', 'jsonLogger'), (address, phone, where) => {
        const { logger, text } = capture();
        const words = `contact ${address} or ${phone}`;
        if (where === 'msg') logger.info(words);
        if (where === 'field') logger.info({ reason: words, list: [words] }, 'x');
        if (where === 'error') logger.error({ err: new Error(words) }, 'failed');
        if (where === 'errorAsMessage') logger.error(new Error(words));
        if (where === 'jsonLogger') new JsonLogger(logger).error(new Error(words));
        const out = text();
        return out.length > 0 && !out.includes(address) && !out.includes(phone) && !out.includes(phone.replace(' ', ''));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps what is needed to debug: UUIDs, timestamps, ports and status codes', () => {
    const kept = 'conference 1a61f77b-9825-4e20-9c0a-5573034aa729 at 2026-12-01T08:55:31.394Z on 127.0.0.1:3001 answered 500';
    expect(redactContactText(kept)).toBe(kept);
    expect(redactContactText('+447700900123 and 020 7946 0018')).toBe('[redacted-phone] and [redacted-phone]');
  });
});
