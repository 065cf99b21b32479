import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSection } from '../../domain/document-section';
import { REDACTION_CORPUS } from '../../../test/redaction-corpus/corpus-documents';
import { buildParentCopy, buildProfessionalCopy, WITHHELD_SECTION } from '../../domain/redaction/parent-copy';
import { SPUN_HASHES } from './agile-key-derivation';
import { generateDocumentPassword } from './document-password';
import { renderWordDocument } from './word-document';
import { encryptWordDocument } from './word-encryption';

/**
 * The independent check STACK.md asks for: our ECMA-376 agile writer's output (agile-encryption.ts) is
 * opened by another implementation, Debian's python3-msoffcrypto-tool (installed by deploy/local/up.d/20-msoffcrypto.sh),
 * through the system interpreter: the default python3 may be a pyenv build without Debian's modules.
 */
const PYTHON = '/usr/bin/python3';
const READ_WORD_DOCUMENT = String.raw`
import hashlib, html, io, json, re, sys, zipfile
path, password = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
kind = 'plain'
if password != '-':
    import msoffcrypto
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    if not office.is_encrypted():
        sys.exit('not encrypted')
    office.load_key(password=password, verify_password=True)
    plain = io.BytesIO()
    office.decrypt(plain, verify_integrity=True)
    data = plain.getvalue()
    kind = getattr(office, 'type', 'unknown')
xml = zipfile.ZipFile(io.BytesIO(data)).read('word/document.xml').decode('utf-8')
paragraphs = [html.unescape(re.sub(r'<[^>]+>', '', p)) for p in xml.split('</w:p>')]
print(json.dumps({'type': kind, 'sha256': hashlib.sha256(data).hexdigest(), 'text': '\n'.join(p for p in paragraphs if p)}))
`;

let workDir: string;
beforeAll(() => {
  const probe = spawnSync(PYTHON, ['-c', 'import msoffcrypto'], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(`msoffcrypto is missing for ${PYTHON}: run deploy/local/up.d/20-msoffcrypto.sh (${probe.stderr || probe.error})`);
  workDir = mkdtempSync(join(tmpdir(), 'encrypted-word-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function readWithPython(
  document: Buffer,
  password: string | undefined,
): { status: number | null; type?: string; sha256?: string; text?: string; stderr: string } {
  const path = join(workDir, `${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(path, document);
  const result = spawnSync(PYTHON, ['-c', READ_WORD_DOCUMENT, path, password ?? '-'], { encoding: 'utf8' });
  if (result.status !== 0) return { status: result.status, stderr: result.stderr };
  return { status: 0, stderr: result.stderr, ...(JSON.parse(result.stdout) as { type: string; sha256: string; text: string }) };
}

/** Realistic minutes from the redaction corpus, one section per heading; the clerk marked the domestic-abuse one (R-DV). */
const minutes = REDACTION_CORPUS.find((document) => document.id === 'minutes-02')!;
const minutesSections: DocumentSection[] = minutes.text.split('\n\n').map((chunk) => {
  const [heading, ...lines] = chunk.split('\n');
  return {
    heading,
    text: lines.join('\n'),
    classification: 'OPEN',
    ...(heading === 'Domestic abuse' ? { sensitivity: 'DOMESTIC_ABUSE' as const } : {}),
  };
});
const plan: DocumentSection[] = [
  ...minutesSections,
  {
    heading: 'Police information (professionals only)',
    text: 'PNC record: 2019 conviction for assault occasioning ABH; intelligence log 7731.',
    classification: 'CONFIDENTIAL',
  },
];
const title = 'Child protection conference: plan and minutes';
const wordPattern = (text: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

async function encryptedParentCopy(sensitiveCase: boolean, password: string): Promise<Buffer> {
  const copy = buildParentCopy(plan, minutes.identity, sensitiveCase);
  return encryptWordDocument(await renderWordDocument({ title, sections: copy.sections }), password);
}

describe('the parents’ Word copy, encrypted and read back by msoffcrypto-tool (R-DEL-PAR, R-DEL-PWD)', () => {
  it('R-DEL-PWD: opens with the right password, as ECMA-376 agile encryption, its HMAC verified, to the very bytes encrypted', async () => {
    const password = generateDocumentPassword();
    const copy = buildParentCopy(plan, minutes.identity, true);
    const word = await renderWordDocument({ title, sections: copy.sections });
    const read = readWithPython(await encryptWordDocument(word, password), password);
    expect(read.stderr).toBe('');
    expect(read.status).toBe(0);
    expect(read.type).toBe('agile');
    expect(read.sha256).toBe(createHash('sha256').update(word).digest('hex'));
    expect(read.text).toContain(title);
  });

  it.each(Object.keys(SPUN_HASHES))('R-DEL-PWD: a file whose key was derived with %s opens the same way', async (primitive) => {
    const password = generateDocumentPassword();
    const word = await renderWordDocument({ title, sections: buildParentCopy(plan, minutes.identity, true).sections });
    const encrypted = await encryptWordDocument(word, password, { spunHash: SPUN_HASHES[primitive as keyof typeof SPUN_HASHES] });
    const read = readWithPython(encrypted, password);
    expect(read.status).toBe(0);
    expect(read.sha256).toBe(createHash('sha256').update(word).digest('hex'));
  });

  it('R-DEL-PWD: does not open with a wrong password', async () => {
    const password = generateDocumentPassword();
    const wrong = `${password.slice(0, -1)}${password.endsWith('A') ? 'B' : 'A'}`;
    const read = readWithPython(await encryptedParentCopy(true, password), wrong);
    expect(read.status).not.toBe(0);
    expect(read.stderr).toMatch(/InvalidKeyError|key|password/i);
  });

  it('R-RED-INIT, R-CLASS-2, R-RED-DV: the decrypted sensitive-case copy holds no case detail, confidential or domestic-abuse content', async () => {
    expect(plan.some((section) => section.sensitivity === 'DOMESTIC_ABUSE')).toBe(true);
    const password = generateDocumentPassword();
    const { text } = readWithPython(await encryptedParentCopy(true, password), password);
    // "keep" (decoys) and "word" (an everyday word that is also a held name, used as the word) must survive.
    const planted = minutes.labels.filter((label) => label.kind !== 'keep' && label.kind !== 'word');
    expect(planted.length).toBeGreaterThan(20);
    const leaked = planted.filter((label) => wordPattern(label.text).test(text!)).map((label) => `${label.kind}: ${label.text}`);
    expect(leaked).toEqual([]);
    for (const person of minutes.identity.people) {
      for (const name of [person.firstName, person.lastName, ...(person.knownAs ?? [])]) expect(text).not.toMatch(wordPattern(name));
    }
    expect(text).not.toMatch(/Holloway|Beacon Court|Whitby Street/i);
    expect(text).not.toMatch(/PNC record|intelligence log|Police information/);
    expect(text).not.toMatch(/pushed her|MARAC|perpetrator programme|Domestic abuse/);
    expect(text).toContain(WITHHELD_SECTION.text);
    expect(text).toMatch(/S\.O\./);
  });

  it('R-RED-DV: a case not marked sensitive keeps the domestic-abuse section (redacted), still without confidential content', async () => {
    const password = generateDocumentPassword();
    const { text } = readWithPython(await encryptedParentCopy(false, password), password);
    expect(text).toContain('perpetrator programme');
    expect(text).not.toContain(WITHHELD_SECTION.text);
    expect(text).not.toMatch(/PNC record|intelligence log/);
  });

  it('R-DEL-PRO: the professionals’ copy (not encrypted here) is complete and unredacted', async () => {
    const copy = buildProfessionalCopy(plan);
    const { status, text } = readWithPython(await renderWordDocument({ title, sections: copy.sections }), undefined);
    expect(status).toBe(0);
    for (const section of plan) {
      expect(text).toContain(section.heading);
      for (const line of section.text.split('\n')) expect(text).toContain(line);
    }
  });
});
