import fc from 'fast-check';
import { fieldsWithControlCharacters } from './validation';

describe('control characters in request strings (issue 11: a 400 naming the field, never a 500)', () => {
  it('names the field path of a NUL byte, in nested objects and arrays, and of a key holding one', () => {
    const body = { firstName: 'Jo', participants: [{ lastName: 'S' }, { lastName: 'St\u0000one' }], ['bad\u0001key']: 1 };
    expect(fieldsWithControlCharacters(body)).toEqual(['participants[1].lastName', 'bad\\u0001key']);
    expect(fieldsWithControlCharacters('R-\u0000', 'step')).toEqual(['step']);
  });

  it('tab, line feed and carriage return are text, not control characters', () => {
    expect(fieldsWithControlCharacters({ notes: 'line one\r\nline two\tindented' })).toEqual([]);
  });

  it('property: any string with a C0 control character other than \\t \\n \\r is found, any without is not', () => {
    const forbidden = fc
      .integer({ min: 0, max: 31 })
      .filter((c) => ![9, 10, 13].includes(c))
      .map((c) => String.fromCharCode(c));
    const clean = fc.string({ maxLength: 20 }).map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
    fc.assert(
      fc.property(clean, clean, forbidden, fc.boolean(), (before, after, control, inject) => {
        const text = inject ? `${before}${control}${after}` : `${before}${after}`;
        return fieldsWithControlCharacters({ outer: { value: text } }).length === (inject ? 1 : 0);
      }),
    );
  });
});
