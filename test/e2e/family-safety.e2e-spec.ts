import type { ConferenceComponents, DocumentsComponents } from '@cpc/client';
import { LOCAL_DELIVERY_PRIVATE_KEY, openSealedSecret, Topics, type Role } from '@cpc/contracts';
import fc from 'fast-check';
import officeCrypto from 'officecrypto-tool';
import { readWordDocumentText } from '../../services/documents/src/infrastructure/rendering';
import { clientsOf, conferenceViewOf, queryService, startStack, TopicProbe, waitFor, type Stack, type TestCaller } from '../support';

// Issue 9, the property that must hold, through the published HTTP APIs of the running services
// (conference -> Kafka -> documents -> Kafka -> notifications), nothing mocked:
// - no person, nickname, address, phone, email or date of birth known to the conference by ANY route
//   (the schedule request, a participant added later, a report, the plan) appears in any parent's
//   decrypted copy, in any of the written forms below, and every professional's copy is complete;
// - no family member whose contact the chair has not confirmed is sent anything, and every recipient
//   the conference holds is SENT, HELD (with its reason) or FAILED (with its reason) in PlanCirculated.
// Every call goes through the typed client (@cpc/client) generated from the OpenAPI documents, as an
// integrator's would (issue 12 item 3): a request or an answer the contract does not describe fails to compile.
jest.setTimeout(600_000);
const LA = 'LBHF';
/** Each run schedules, circulates, reads copies and waits for PlanCirculated end to end (3-12 s on 2 cores). */
const RUNS = Number(process.env.FAMILY_SAFETY_RUNS ?? 25);

const FIRST = ['Grace', 'Rose', 'Hope', 'Łukasz', 'Zoë', 'Siobhán', 'Mary-Jane', 'Kai', 'Amelia', 'Dawn', 'Will', 'Nuala', 'Bogdan'];
const LAST = ["O'Neill", 'Hill', 'Wiśniewska', 'Smith-Jones', 'Stone', 'Brown', 'Nowak', 'Åberg', 'Mason', 'Okafor', 'Price'];
const NICK = ['Gracie', 'Rosie', 'Luki', 'Zo', 'MJ', 'Peggy', 'Bo', 'Kaz'];
const STREETS = ['Elm Street', 'Mill Lane', 'Acacia Road', 'Station Road', 'Church Close', 'Rowan Gardens'];
const TOWNS = ['London W12 8QT', 'London W6 9QQ', 'Leeds LS1 4AP', 'Bristol BS1 5TR', 'Hammersmith W6 0AB'];
const ROUTES = ['schedule', 'added', 'updated', 'report', 'plan'] as const;
/** Routes by which a person becomes a participant of the conference (the others name them in a document). */
const PARTICIPANT_ROUTES: readonly Route[] = ['schedule', 'added', 'updated'];
type Route = (typeof ROUTES)[number];

interface GeneratedPerson {
  route: Route;
  role: 'PARENT' | 'FAMILY_MEMBER';
  firstName: string;
  lastName: string;
  knownAs: string;
  houseNumber: number;
  street: string;
  town: string;
  /** Subscriber digits of an Ofcom drama number: 07700 900nnn. */
  mobileSuffix: number;
  confirmed: boolean;
  dateOfBirth: string;
}

const person = fc.record<GeneratedPerson>({
  route: fc.constantFrom(...ROUTES),
  role: fc.constantFrom('PARENT', 'FAMILY_MEMBER'),
  firstName: fc.constantFrom(...FIRST),
  lastName: fc.constantFrom(...LAST),
  knownAs: fc.constantFrom(...NICK),
  houseNumber: fc.integer({ min: 1, max: 240 }),
  street: fc.constantFrom(...STREETS),
  town: fc.constantFrom(...TOWNS),
  // Not 888 or 999: the Notify stand-in's temporarily and permanently failing numbers (07700 900888 / 900999), where
  // a parent's password text rightly fails and the parent is FAILED, not SENT (a fresh-clone run drew 999).
  mobileSuffix: fc.integer({ min: 100, max: 999 }).filter((n) => n !== 888 && n !== 999),
  confirmed: fc.boolean(),
  dateOfBirth: fc
    .date({ min: new Date('1960-01-01'), max: new Date('2004-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
});

const recipientParent = person.chain((p) =>
  fc.constantFrom(...PARTICIPANT_ROUTES).map((route): GeneratedPerson => ({ ...p, route, role: 'PARENT', confirmed: true })),
);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const address = (p: GeneratedPerson) => `${p.houseNumber} ${p.street}, ${p.town}`;
const mobile = (p: GeneratedPerson) => `07700 900${p.mobileSuffix}`;
const email = (p: GeneratedPerson) => `${p.knownAs.toLowerCase()}.${p.mobileSuffix}@family.example`;

/** The ways a plan names each detail: the forms of issue 9 item 7, the sentence around each chosen by the generator. */
function writtenForms(p: GeneratedPerson): { form: string; secrets: string[] }[] {
  const [y, m, d] = p.dateOfBirth.split('-').map(Number);
  const digits = `7700900${p.mobileSuffix}`;
  const postcode = p.town.split(' ').slice(1).join(' ');
  const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/Å/g, 'A');
  return [
    { form: `${p.firstName} ${p.lastName} attended.`, secrets: [p.firstName, p.lastName] },
    {
      form: `${p.firstName.toUpperCase()} ${p.lastName.toUpperCase()} signed.`,
      secrets: [p.firstName.toUpperCase(), p.lastName.toUpperCase()],
    },
    { form: `${p.firstName}'s view was heard.`, secrets: [p.firstName] },
    { form: `${ascii(p.firstName)} ${ascii(p.lastName)} agreed.`, secrets: [ascii(p.firstName), ascii(p.lastName)] },
    { form: `${p.knownAs} will visit on Tuesdays.`, secrets: [p.knownAs] },
    { form: `Mr or Ms ${p.lastName} lives at ${address(p)}.`, secrets: [p.lastName, `${p.houseNumber} ${p.street}`, postcode] },
    { form: `Post to ${p.street}, postcode ${postcode.toLowerCase()}.`, secrets: [p.street, postcode.toLowerCase()] },
    { form: `Call ${mobile(p)} or +44 (0)7700 900${p.mobileSuffix}.`, secrets: [mobile(p), `900${p.mobileSuffix}`] },
    { form: `Text 0044 ${digits.slice(0, 4)} ${digits.slice(4)}.`, secrets: [digits.slice(4)] },
    { form: `Email ${email(p)} for news.`, secrets: [email(p)] },
    {
      form: `Email ${p.knownAs.toLowerCase()}.${p.mobileSuffix} at family dot example.`,
      secrets: [`${p.knownAs.toLowerCase()}.${p.mobileSuffix}`],
    },
    {
      form: `Date of birth ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}; born ${d} ${MONTHS[m - 1]} ${y}.`,
      secrets: [`${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`, `${d} ${MONTHS[m - 1]} ${y}`],
    },
  ];
}

describe('family safety by construction, through the HTTP APIs (issue 9 property)', () => {
  let stack: Stack;
  let probe: TopicProbe;

  beforeAll(async () => {
    probe = await new TopicProbe([Topics.documents]).start();
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.stop();
  });

  /** The typed clients of the stack as a caller of LA with these roles. */
  const as = (roles: Role[], caller: TestCaller = {}) => clientsOf(stack, roles, { la: LA, ...caller });

  it('no detail known by any route reaches a parent copy; the unconfirmed are held; every recipient is accounted for', async () => {
    const runs: { people: number; parentCopies: number; ms: number; phases: Record<string, number> }[] = [];
    await fc.assert(
      // At least one parent who can be sent the plan, so a parent copy is read on every run.
      fc.asyncProperty(recipientParent, fc.array(person, { maxLength: 3 }), async (first, others) => {
        const people = [first, ...others];
        const started = Date.now();
        const phases: Record<string, number> = {};
        let mark = started;
        const phase = (name: string) => {
          phases[name] = Date.now() - mark;
          mark = Date.now();
        };
        // Two people of one case never share a first name and surname pair: the copy would name both alike.
        const family = dedupe(people);
        const participantOf = (p: GeneratedPerson): ConferenceComponents['schemas']['ParticipantDto'] => ({
          role: p.role,
          firstName: p.firstName,
          lastName: p.lastName,
          knownAs: [p.knownAs],
          email: email(p),
          mobile: mobile(p),
          addresses: [address(p)],
        });
        const namedOf = (p: GeneratedPerson): DocumentsComponents['schemas']['NamedPersonDto'] => ({
          firstName: p.firstName,
          lastName: p.lastName,
          knownAs: [p.knownAs],
          dateOfBirth: p.dateOfBirth,
          addresses: [address(p)],
        });
        const scheduled = await as(['CHAIR']).conference.POST('/api/v1/conferences', {
          body: {
            kind: 'ICPC',
            localAuthority: LA,
            children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
            scheduledStart: new Date(Date.now() + 10 * 86400_000).toISOString(),
            durationMinutes: 90,
            participationOption: 'FULL',
            participants: [
              { role: 'CHAIR', firstName: 'Clara', lastName: 'Chairwoman', email: 'chair@council.example' },
              ...family.filter((p) => p.route === 'schedule').map(participantOf),
            ],
          },
        });
        expect({ status: scheduled.response.status, error: scheduled.error }).toEqual({ status: 201, error: undefined });
        const conferenceId = scheduled.data!.id;
        const path = { id: conferenceId };
        for (const p of family.filter((q) => q.route === 'updated')) {
          // Added under a placeholder, then corrected: the corrected details are what the case knows.
          const added = await as(['SOCIAL_WORKER']).conference.POST('/api/v1/conferences/{id}/participants', {
            params: { path },
            body: { role: p.role, firstName: 'Pending', lastName: 'Details' },
          });
          expect({ status: added.response.status, error: added.error }).toEqual({ status: 201, error: undefined });
          // The social worker may read the conference, so the answer is its view, not the bare acknowledgement.
          const id = conferenceViewOf(added.data).participants.find((q) => q.firstName === 'Pending')!.participantId;
          const { role: _role, ...details } = participantOf(p);
          const corrected = await as(['SOCIAL_WORKER']).conference.PATCH('/api/v1/conferences/{id}/participants/{participantId}', {
            params: { path: { id: conferenceId, participantId: id } },
            body: details,
          });
          expect({ status: corrected.response.status, error: corrected.error }).toEqual({ status: 200, error: undefined });
        }
        for (const p of family.filter((q) => q.route === 'added')) {
          const added = await as(['SOCIAL_WORKER']).conference.POST('/api/v1/conferences/{id}/participants', {
            params: { path },
            body: participantOf(p),
          });
          expect({ status: added.response.status, error: added.error }).toEqual({ status: 201, error: undefined });
        }
        // R-CONTACT: the chair confirms some of the family's contact details.
        const view = await as(['CHAIR']).conference.GET('/api/v1/conferences/{id}', { params: { path } });
        expect(view.response.status).toBe(200);
        const participants = view.data!.participants;
        const idOf = (p: GeneratedPerson) =>
          participants.find((q) => q.firstName === p.firstName && q.lastName === p.lastName)?.participantId;
        for (const p of family.filter((q) => q.confirmed && PARTICIPANT_ROUTES.includes(q.route))) {
          const confirmed = await as(['CHAIR']).conference.POST(
            '/api/v1/conferences/{id}/participants/{participantId}/contact-confirmation',
            {
              params: { path: { id: conferenceId, participantId: idOf(p)! } },
            },
          );
          expect({ status: confirmed.response.status, error: confirmed.error }).toEqual({ status: 200, error: undefined });
        }

        // documents learns of the conference from Kafka: the documents client asks it to wait for it
        // (Prefer: wait=10, README "A conference created a moment ago"), so the first report is accepted.
        const report = await as(['PROFESSIONAL']).documents.POST('/api/v1/conferences/{id}/reports', {
          params: { path },
          body: {
            kind: 'POLICE',
            sections: [{ heading: 'Summary', text: 'Police attended once.', classification: 'OPEN' }],
            people: family.filter((p) => p.route === 'report').map(namedOf),
          },
        });
        expect({ status: report.response.status, error: report.error }).toEqual({ status: 201, error: undefined });
        const sections = family.flatMap((p, i) =>
          writtenForms(p).map((f, j): DocumentsComponents['schemas']['SectionDto'] => ({
            heading: `Note ${i}.${j}`,
            text: f.form,
            classification: 'OPEN',
          })),
        );
        const plan = await as(['CHAIR']).documents.PUT('/api/v1/conferences/{id}/plan', {
          params: { path },
          body: { sections, people: family.filter((p) => p.route === 'plan').map(namedOf) },
        });
        expect({ status: plan.response.status, error: plan.error }).toEqual({ status: 200, error: undefined });
        // documents learns of participants and confirmations from Kafka: circulate once it holds them all.
        await waitFor(async () => {
          const [row] = await queryService<{ participants: { contactConfirmed?: boolean }[] }>(
            'documents',
            'SELECT participants FROM case_identities WHERE conference_id = $1',
            [conferenceId],
          );
          const confirmations = family.filter((p) => p.confirmed && PARTICIPANT_ROUTES.includes(p.route)).length;
          return (
            row?.participants.length === participants.length && row.participants.filter((q) => q.contactConfirmed).length === confirmations
          );
        });
        const circulation = await as(['CLERK']).documents.POST('/api/v1/conferences/{id}/plan/circulation', { params: { path } });
        expect({ status: circulation.response.status, error: circulation.error }).toEqual({ status: 202, error: undefined });
        const circulated = circulation.data!;
        const requests = await waitFor(() => {
          const found = probe.ofType('DeliveryRequested', conferenceId).map((m) => m.json.data);
          const expected = circulated.recipients.filter((r) => r.status === 'PENDING').flatMap((r) => r.messages).length;
          return found.length === expected && found;
        });

        phase('circulate');
        // Delivery: the unconfirmed family are HELD with the reason, never requested.
        for (const p of family.filter((q) => PARTICIPANT_ROUTES.includes(q.route))) {
          const id = idOf(p)!;
          const recipient = circulated.recipients.find((r) => r.participantId === id);
          if (p.role !== 'PARENT') {
            expect(recipient).toBeUndefined(); // R-DEL-PAR: the plan goes to parents, not to the wider family
            expect(requests.filter((r) => r.participantId === id)).toHaveLength(0);
          } else if (!p.confirmed) {
            expect(recipient).toMatchObject({ status: 'HELD', reasonCode: 'HELD_CONTACT_UNCONFIRMED' });
            expect(requests.filter((r) => r.participantId === id)).toHaveLength(0);
          } else {
            expect(
              requests
                .filter((r) => r.participantId === id)
                .map((r) => r.channel)
                .sort(),
            ).toEqual(['EMAIL', 'SMS']);
          }
        }

        // Redaction: every parent copy requested, opened with its own password, holds none of the details.
        const secrets = family.flatMap((p) => [p.firstName, p.lastName, p.knownAs, ...writtenForms(p).flatMap((f) => f.secrets)]);
        let parentCopiesRead = 0;
        for (const sms of requests.filter((r) => r.template === 'PARENT_DOCUMENT_PASSWORD_SMS')) {
          parentCopiesRead += 1;
          const text = await documentText(sms.documentId, openSealedSecret(sms.passwordCiphertext, LOCAL_DELIVERY_PRIVATE_KEY));
          for (const secret of secrets) expect({ secret, found: containsWord(text, secret) }).toEqual({ secret, found: false });
        }
        // The professionals' copy is complete: every section as written.
        const professional = requests.find((r) => r.template === 'PLAN_TO_PROFESSIONALS_EMAIL');
        const whole = await documentText(professional.documentId);
        for (const section of sections) expect(whole).toContain(section.text);

        phase('read-copies');
        // Every recipient the conference holds is accounted for in PlanCirculated, with a reason where not SENT.
        const [announced] = await waitFor(
          () => probe.ofType('PlanCirculated', conferenceId).length > 0 && probe.ofType('PlanCirculated', conferenceId),
          120_000,
          250,
        );
        const results = announced.json.data.results as { participantId: string; status: string; reasonCode?: string }[];
        expect(results.map((r) => r.participantId).sort()).toEqual(circulated.recipients.map((r) => r.participantId).sort());
        for (const result of results) {
          expect(['SENT', 'HELD', 'FAILED']).toContain(result.status);
          if (result.status !== 'SENT') expect(result.reasonCode).toBeDefined();
        }
        // Through the local SMTP and Notify stand-ins, a confirmed parent's document and password both arrive.
        for (const p of family.filter((q) => q.role === 'PARENT' && q.confirmed && PARTICIPANT_ROUTES.includes(q.route))) {
          expect(results.find((r) => r.participantId === idOf(p))).toMatchObject({ status: 'SENT' });
        }
        phase('plan-circulated');
        runs.push({ people: family.length, parentCopies: parentCopiesRead, ms: Date.now() - started, phases });
      }),
      { numRuns: RUNS },
    );
    console.log('issue 9 property runs (people, parent copies read, ms):', JSON.stringify(runs));
    expect(runs).toHaveLength(RUNS);
    // The property was exercised where it matters: parent copies were opened and read.
    expect(runs.reduce((n, r) => n + r.parentCopies, 0)).toBeGreaterThan(0);
  });

  async function documentText(documentId: string, password?: string): Promise<string> {
    // As the notifications service reads it: a SYSTEM client with the scope documents:read; the Word file as bytes.
    const download = await as(['SYSTEM'], { scope: 'documents:read' }).documents.GET('/api/v1/documents/{id}', {
      params: { path: { id: documentId } },
      parseAs: 'arrayBuffer',
    });
    expect({ status: download.response.status, error: download.error }).toEqual({ status: 200, error: undefined });
    const bytes = Buffer.from(download.data!);
    const content = password ? await officeCrypto.decrypt(bytes, { password }) : bytes;
    return readWordDocumentText(content);
  }
});

function dedupe(people: GeneratedPerson[]): GeneratedPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = `${p.firstName} ${p.lastName}`;
    const suffix = String(p.mobileSuffix);
    if (seen.has(key) || seen.has(suffix)) return false;
    seen.add(key);
    seen.add(suffix);
    return true;
  });
}

/** The detail stands in the text as a word of its own (not as part of a longer word: "Bo" in "Bogdan" is not "Bo"). */
function containsWord(text: string, detail: string): boolean {
  const escaped = detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
