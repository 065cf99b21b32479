import { REDACTION_CORPUS, type LabelledDocument, type LabelledSpan } from '../../../test/redaction-corpus/corpus-documents';
import type { LabelKind } from '../../../test/redaction-corpus/corpus-markup';
import { ParentCopyRedactor } from './parent-copy-redactor';
import type { RedactionFinding } from './redaction-finding';

const CASE_KINDS: LabelKind[] = ['name', 'nickname', 'address'];
const PATTERN_KINDS: LabelKind[] = ['postcode', 'phone', 'email', 'nhs', 'ni', 'dob'];
/** Spans that must survive: decoys ("keep") and everyday words that are also held names ("word"). */
const KEPT_KINDS: LabelKind[] = ['word', 'keep'];
const isKept = (kind: LabelKind): boolean => KEPT_KINDS.includes(kind);

interface Scored {
  labels: Array<LabelledSpan & { redacted: boolean }>;
  findings: Array<RedactionFinding & { planted: boolean }>;
}

/** A planted detail counts as redacted only if every letter and digit of it was replaced. */
function fullyRedacted(label: LabelledSpan, findings: RedactionFinding[], text: string): boolean {
  for (let index = label.start; index < label.end; index += 1) {
    if (!/[\p{L}\p{N}]/u.test(text[index])) continue;
    if (!findings.some((finding) => finding.start <= index && index < finding.end)) return false;
  }
  return true;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function score(document: LabelledDocument): Scored {
  const { findings } = new ParentCopyRedactor(document.identity).redact(document.text);
  const planted = document.labels.filter((label) => !isKept(label.kind));
  return {
    labels: document.labels.map((label) =>
      isKept(label.kind)
        ? { ...label, redacted: findings.some((finding) => overlaps(finding, label)) }
        : { ...label, redacted: fullyRedacted(label, findings, document.text) },
    ),
    findings: findings.map((finding) => ({ ...finding, planted: planted.some((label) => overlaps(finding, label)) })),
  };
}

const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

describe('redaction quality on the labelled corpus (R-RED-INIT)', () => {
  const scored = REDACTION_CORPUS.map((document) => ({ document, ...score(document) }));
  const labels = scored.flatMap((entry) => entry.labels.map((label) => ({ ...label, id: entry.document.id })));
  const findings = scored.flatMap((entry) => entry.findings.map((finding) => ({ ...finding, id: entry.document.id })));
  const recallOf = (kinds: LabelKind[]) => {
    const wanted = labels.filter((label) => kinds.includes(label.kind));
    return {
      hits: wanted.filter((label) => label.redacted).length,
      total: wanted.length,
      missed: wanted.filter((label) => !label.redacted),
    };
  };
  const caseDetails = recallOf(CASE_KINDS);
  const patternDetails = recallOf(PATTERN_KINDS);
  const keptOf = (kind: LabelKind) => {
    const wanted = labels.filter((label) => label.kind === kind);
    return { kept: wanted.filter((label) => !label.redacted).length, total: wanted.length, lost: wanted.filter((label) => label.redacted) };
  };
  const ordinaryWords = keptOf('word');
  const decoys = keptOf('keep');
  const truePositives = findings.filter((finding) => finding.planted).length;

  const textOf = new Map(REDACTION_CORPUS.map((document) => [document.id, document.text]));
  const around = (label: LabelledSpan & { id: string }): string =>
    (textOf.get(label.id) ?? '').slice(Math.max(0, label.start - 30), label.end + 30).replace(/\s+/gu, ' ');

  beforeAll(() => {
    const rows: Array<[string, string, string]> = [
      ['case names + addresses recall', `${caseDetails.hits}/${caseDetails.total}`, percent(ratio(caseDetails.hits, caseDetails.total))],
      ...[...CASE_KINDS, ...PATTERN_KINDS].map((kind): [string, string, string] => {
        const { hits, total } = recallOf([kind]);
        return [`  recall: ${kind}`, `${hits}/${total}`, percent(ratio(hits, total))];
      }),
      ['pattern PII recall', `${patternDetails.hits}/${patternDetails.total}`, percent(ratio(patternDetails.hits, patternDetails.total))],
      ['precision (findings on planted PII)', `${truePositives}/${findings.length}`, percent(ratio(truePositives, findings.length))],
      [
        'ordinary words kept (held names as words)',
        `${ordinaryWords.kept}/${ordinaryWords.total}`,
        percent(ratio(ordinaryWords.kept, ordinaryWords.total)),
      ],
      ['decoys kept', `${decoys.kept}/${decoys.total}`, percent(ratio(decoys.kept, decoys.total))],
    ];
    const missed = [...caseDetails.missed, ...patternDetails.missed].map(
      (label) => `  missed ${label.id} ${label.kind}: ${JSON.stringify(label.text)}`,
    );
    const falsePositives = findings
      .filter((finding) => !finding.planted)
      .map((finding) => `  false positive ${finding.id} ${finding.kind}: ${JSON.stringify(finding.original)}`);
    const decoysTouched = [...ordinaryWords.lost, ...decoys.lost].map(
      (label) => `  ${label.kind} redacted ${label.id}: ${JSON.stringify(label.text)} in ${JSON.stringify(around(label))}`,
    );
    console.log(
      [
        `Redaction quality over ${REDACTION_CORPUS.length} documents`,
        ...rows.map(([measure, count, value]) => `${measure.padEnd(44)} ${count.padStart(10)} ${value.padStart(7)}`),
        ...missed,
        ...falsePositives,
        ...decoysTouched,
      ].join('\n'),
    );
  });

  it('the corpus holds at least 30 labelled documents with every kind of detail planted, dozens of each new form', () => {
    expect(REDACTION_CORPUS.length).toBeGreaterThanOrEqual(30);
    for (const kind of [...CASE_KINDS, ...PATTERN_KINDS, ...KEPT_KINDS]) expect(labels.some((label) => label.kind === kind)).toBe(true);
    expect(ordinaryWords.total).toBeGreaterThanOrEqual(50);
    for (const kind of PATTERN_KINDS) expect(recallOf([kind]).total).toBeGreaterThanOrEqual(50);
  });

  it.each(CASE_KINDS)('R-RED-INIT: every %s the case holds is redacted (recall 100%%)', (kind) => {
    expect(recallOf([kind]).missed.map((label) => `${label.id}: ${label.text}`)).toEqual([]);
  });

  it('R-RED-INIT: pattern PII (postcodes, phones, e-mails, NHS and NI numbers, dates of birth) recall is at least 99.5%', () => {
    expect(ratio(patternDetails.hits, patternDetails.total)).toBeGreaterThanOrEqual(0.995);
  });

  it('R-RED-INIT: precision is at least 95% (what is replaced was identifying)', () => {
    expect(ratio(truePositives, findings.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('everyday words that are also held names, used as the word, survive (at least 99.5%)', () => {
    expect(ratio(ordinaryWords.kept, ordinaryWords.total)).toBeGreaterThanOrEqual(0.995);
  });

  it('decoys (roles, agencies, invalid numbers, figures that are no phone number, other dates) survive (at least 99.5%)', () => {
    expect(ratio(decoys.kept, decoys.total)).toBeGreaterThanOrEqual(0.995);
  });
});
