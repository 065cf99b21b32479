import fc from 'fast-check';
import { returnPathOf, safeReturnPath } from './console-user';

describe('where the console sends a user after signing in', () => {
  it('is the page asked for, or without its query when that is too long to carry in a redirect', () => {
    expect(returnPathOf('/today?team=North')).toBe('/today?team=North');
    expect(returnPathOf(`/today?team=${'x'.repeat(20_000)}`)).toBe('/today');
    expect(returnPathOf(`/${'y'.repeat(3000)}`)).toBe('/');
    fc.assert(
      fc.property(fc.webPath(), fc.string({ maxLength: 30_000 }), (path, query) => {
        const url = `/${path.replace(/^\/+/, '')}?q=${encodeURIComponent(query)}`;
        expect(returnPathOf(url).length).toBeLessThanOrEqual(2000);
      }),
    );
  });

  it('is never another site, and never an overlong value', () => {
    for (const value of ['//evil.example/x', 'https://evil.example', '\\\\evil', 'today', 42, undefined, `/${'z'.repeat(2001)}`])
      expect(safeReturnPath(value)).toBe('/');
    expect(safeReturnPath('/conferences/123')).toBe('/conferences/123');
  });
});
