import fc from 'fast-check';
import type { DocumentSection } from './document-section';
import { SharePolicy, UnknownSectionError } from './share-policy';

const section = (heading: string, classification: DocumentSection['classification']): DocumentSection => ({
  heading,
  text: `${heading} text`,
  classification,
});

const sectionArbitrary: fc.Arbitrary<DocumentSection> = fc.record(
  {
    heading: fc.string({ maxLength: 20 }),
    text: fc.string({ maxLength: 40 }),
    classification: fc.constantFrom<DocumentSection['classification']>('OPEN', 'CONFIDENTIAL'),
    sensitivity: fc.constant<'DOMESTIC_ABUSE'>('DOMESTIC_ABUSE'),
  },
  { requiredKeys: ['heading', 'text', 'classification'] },
);

/** Sections plus a request of indexes that exist (possibly repeated, in any order), or no request. */
const shareRequestArbitrary = fc
  .array(sectionArbitrary, { maxLength: 12 })
  .chain((sections) =>
    fc.tuple(
      fc.constant(sections),
      sections.length === 0
        ? fc.constant<number[] | undefined>(undefined)
        : fc.option(fc.array(fc.nat({ max: sections.length - 1 }), { maxLength: 15 }), { nil: undefined }),
    ),
  );

describe('SharePolicy (R-CLASS-2)', () => {
  const policy = new SharePolicy();
  const report = [section('Social work assessment', 'OPEN'), section('Police intelligence', 'CONFIDENTIAL'), section('School', 'OPEN')];

  it('R-CLASS-2: without a request the family gets every OPEN section and nothing confidential', () => {
    const decision = policy.decide(report, 'FAMILY');
    expect(decision).toMatchObject({ outcome: 'SHARE', indexes: [0, 2] });
  });

  it('R-CLASS-2: professionals get every section, confidential included', () => {
    expect(policy.decide(report, 'PROFESSIONALS')).toMatchObject({ outcome: 'SHARE', indexes: [0, 1, 2] });
  });

  it('R-CLASS-2: a request naming a confidential section for the family is refused, naming it', () => {
    expect(policy.decide(report, 'FAMILY', [0, 1])).toEqual({
      outcome: 'REFUSED',
      audience: 'FAMILY',
      reason: 'CONFIDENTIAL_TO_FAMILY',
      confidentialRequested: [{ index: 1, heading: 'Police intelligence' }],
    });
  });

  it('R-CLASS-2: a request of open sections for the family is shared in document order, once each', () => {
    expect(policy.decide(report, 'FAMILY', [2, 0, 2])).toMatchObject({ outcome: 'SHARE', indexes: [0, 2] });
  });

  it('a request for a section the document does not have is a typed error', () => {
    expect(() => policy.decide(report, 'FAMILY', [3])).toThrow(UnknownSectionError);
    expect(() => policy.decide(report, 'PROFESSIONALS', [-1])).toThrow(UnknownSectionError);
  });

  it('R-CLASS-2 (property): a confidential section never goes to the family, whatever the request', () => {
    fc.assert(
      fc.property(shareRequestArbitrary, ([sections, requested]) => {
        const decision = policy.decide(sections, 'FAMILY', requested);
        if (decision.outcome === 'SHARE') {
          expect(decision.sections.every((shared) => shared.classification === 'OPEN')).toBe(true);
          return;
        }
        const confidentialAsked = [...new Set(requested ?? [])].filter((index) => sections[index].classification === 'CONFIDENTIAL');
        expect(decision.confidentialRequested.map((named) => named.index)).toEqual(confidentialAsked.sort((a, b) => a - b));
      }),
      { numRuns: 1000 },
    );
  });

  it('R-CLASS-2 (property): the family is refused exactly when it asks for a confidential section', () => {
    fc.assert(
      fc.property(shareRequestArbitrary, ([sections, requested]) => {
        const askedConfidential = (requested ?? []).some((index) => sections[index].classification === 'CONFIDENTIAL');
        expect(policy.decide(sections, 'FAMILY', requested).outcome).toBe(askedConfidential ? 'REFUSED' : 'SHARE');
      }),
      { numRuns: 500 },
    );
  });

  it('R-CLASS-2 (property): what is shared is exactly what was asked (or, unasked, all the audience may see)', () => {
    fc.assert(
      fc.property(
        shareRequestArbitrary,
        fc.constantFrom('FAMILY' as const, 'PROFESSIONALS' as const),
        ([sections, requested], audience) => {
          const decision = policy.decide(sections, audience, requested);
          if (decision.outcome === 'REFUSED') return;
          const expected = sections
            .map((candidate, index) => ({ candidate, index }))
            .filter(({ candidate, index }) =>
              requested === undefined ? audience === 'PROFESSIONALS' || candidate.classification === 'OPEN' : requested.includes(index),
            );
          expect(decision.indexes).toEqual(expected.map(({ index }) => index));
          expect(decision.sections).toEqual(expected.map(({ candidate }) => candidate));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('R-DV / R-RED-DV: sensitive sections and the family', () => {
  const policy = new SharePolicy();
  const sections = [
    { heading: 'Summary', text: 'Open summary.', classification: 'OPEN' as const },
    { heading: 'What the mother disclosed', text: 'Disclosure.', classification: 'OPEN' as const, sensitivity: 'DOMESTIC_ABUSE' as const },
    { heading: 'School', text: 'Attendance.', classification: 'OPEN' as const },
  ];

  it('leaves a sensitive section out of a family share made without a request', () => {
    expect(policy.withholdSensitive(sections, 'FAMILY', [0, 1, 2], false)).toEqual({ indexes: [0, 2], refused: [] });
  });

  it('refuses a family request naming a sensitive section, naming it, and shares nothing', () => {
    expect(policy.withholdSensitive(sections, 'FAMILY', [0, 1], true)).toEqual({
      indexes: [],
      refused: [{ index: 1, heading: 'What the mother disclosed' }],
    });
  });

  it('gives professionals every section', () => {
    expect(policy.withholdSensitive(sections, 'PROFESSIONALS', [0, 1, 2], true)).toEqual({ indexes: [0, 1, 2], refused: [] });
  });
});
