import fc from 'fast-check';
import { preferredWaitMs } from './prefer-wait';

describe('preferredWaitMs (RFC 7240 Prefer: wait)', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['wait=3', 3000],
    ['respond-async, wait=5', 5000],
    ['WAIT = 2', 2000],
    ['wait="4"', 4000],
    ['wait=100', 10_000],
    ['return=minimal', 0],
    ['wait=-1', 0],
    ['wait=1.5', 0],
    [['return=minimal', 'wait=1'], 1000],
  ])('%j → %d ms', (header, ms) => {
    expect(preferredWaitMs(header as string | string[] | undefined)).toBe(ms);
  });

  it('property: never negative, never above the cap, whatever the header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (header) => {
        const ms = preferredWaitMs(header, 10);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});
