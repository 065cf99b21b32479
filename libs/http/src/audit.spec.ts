import fc from 'fast-check';
import { AUDIT_TEXT_MAX, auditText } from './audit';

describe('auditText: what the audit log keeps of a caller-given value', () => {
  it('keeps an ordinary value as it is', () => {
    expect(auditText('GET /api/v1/conferences/:id')).toBe('GET /api/v1/conferences/:id');
    expect(auditText('3b9f0f0e-2f7c-4d7e-9a38-0c7d3f4e5a61')).toBe('3b9f0f0e-2f7c-4d7e-9a38-0c7d3f4e5a61');
  });

  it('property: never longer than the limit, never a control character PostgreSQL or a log reader trips on, the start kept', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (value) => {
        const kept = auditText(value);
        expect(kept.length).toBeLessThanOrEqual(AUDIT_TEXT_MAX);
        expect(kept).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
        if (value.length <= AUDIT_TEXT_MAX) expect(kept.length).toBe(value.length);
        else expect(kept).toMatch(/…\[\+\d+ chars\]$/);
      }),
      { numRuns: 500 },
    );
  });

  it('says how much of a long value was cut', () => {
    const kept = auditText('x'.repeat(10_000));
    expect(kept).toBe(`${'x'.repeat(AUDIT_TEXT_MAX - 24)}…[+${10_000 - (AUDIT_TEXT_MAX - 24)} chars]`);
  });
});
