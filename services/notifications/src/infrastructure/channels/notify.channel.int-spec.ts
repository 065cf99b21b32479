import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStandins, type RunningStandins } from '../../../../../test/support';
import { DeliveryFailure, PermanentDeliveryFailure, TemporaryDeliveryFailure } from './delivery-channel';
import { NotifyChannel, type NotifyChannelOptions, type ProviderDeliveryState } from './notify.channel';

interface RecordedNotification {
  id: string;
  type: 'sms' | 'email';
  status: string;
  reference: string | null;
  body: string;
  subject: string | null;
  template: { id: string };
  request: { personalisation: Record<string, unknown> };
  documents: { id: string; key: string; filename: string; size: number; confirm_email_before_download: boolean }[];
}

const templateIds = {
  email: 'a1f3c8d2-1c2b-4e5f-9a7b-0c1d2e3f4a51',
  sms: 'b2e4d9c3-2d3c-4f60-8b8c-1d2e3f4a5b62',
  emailWithDocument: 'c3f5ead4-3e4d-4071-9c9d-2e3f4a5b6c73',
};

describe('NotifyChannel against the real GOV.UK Notify stand-in', () => {
  let standins: RunningStandins;
  let options: NotifyChannelOptions;

  const recorded = async (reference: string): Promise<RecordedNotification[]> =>
    (
      (await (await fetch(`${standins.notify.baseUrl}/_standin/messages?reference=${encodeURIComponent(reference)}`)).json()) as {
        messages: RecordedNotification[];
      }
    ).messages;
  const failureOf = async (promise: Promise<unknown>): Promise<DeliveryFailure> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryFailure);
    return error as DeliveryFailure;
  };
  const settledState = async (channel: NotifyChannel, id: string): Promise<ProviderDeliveryState> => {
    for (let i = 0; i < 50; i += 1) {
      const { state } = await channel.deliveryStatus(id);
      if (state !== 'PENDING') return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`notification ${id} still pending`);
  };

  beforeAll(async () => {
    standins = await startStandins();
    options = { baseUrl: standins.notify.baseUrl, apiKey: standins.notify.apiKey, templateIds, timeoutMs: 5_000 };
  });
  afterAll(() => standins?.stop());

  it('R-DEL-PWD: sends the password by text; Notify accepts it and reports it delivered', async () => {
    const channel = new NotifyChannel(options);
    const reference = randomUUID();
    const body = 'This is the password for the document we emailed you about the meeting on 3 March 2026:\n\nKettle-Orbit-42';

    const { providerReference } = await channel.send({ kind: 'SMS', to: '07700 900123', body, reference });

    expect(await settledState(channel, providerReference)).toBe('DELIVERED');
    const [sent] = await recorded(reference);
    expect(sent).toMatchObject({ id: providerReference, type: 'sms', body, template: { id: templateIds.sms } });
    expect(sent.request.personalisation).toEqual({ body });
  });

  it('R-DEL-PAR: sends the document email with its file as a Notify download link, file intact', async () => {
    const channel = new NotifyChannel({ ...options, documentRetentionPeriod: '4 weeks' });
    const reference = randomUUID();
    const document = randomBytes(2048);

    const { providerReference } = await channel.send({
      kind: 'EMAIL',
      to: 'parent@example.org',
      subject: 'The plan from the child protection meeting on 3 March 2026',
      body: 'We have attached the plan and notes. The password comes by text.',
      attachments: [
        {
          filename: 'plan.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          content: document,
        },
      ],
      reference,
    });

    expect(await settledState(channel, providerReference)).toBe('DELIVERED');
    const [sent] = await recorded(reference);
    expect(sent).toMatchObject({
      type: 'email',
      subject: 'The plan from the child protection meeting on 3 March 2026',
      template: { id: templateIds.emailWithDocument },
    });
    expect(sent.documents).toEqual([
      expect.objectContaining({ key: 'link_to_file', filename: 'plan.docx', size: 2048, confirm_email_before_download: true }),
    ]);
    const stored = (await (await fetch(`${standins.notify.baseUrl}/_standin/documents/${sent.documents[0].id}`)).json()) as {
      contentBase64: string;
    };
    expect(Buffer.from(stored.contentBase64, 'base64').equals(document)).toBe(true);
  });

  it('an invalid mobile number is a PERMANENT failure (Notify ValidationError)', async () => {
    const failure = await failureOf(new NotifyChannel(options).send({ kind: 'SMS', to: '12345', body: 'x', reference: randomUUID() }));
    expect(failure).toBeInstanceOf(PermanentDeliveryFailure);
    expect(failure).toMatchObject({ reason: 'INVALID_RECIPIENT', providerCode: '400 ValidationError', channel: 'notify' });
    expect(failure.message).toMatch(/phone_number Not enough digits/);
  });

  it('an invalid email address is a PERMANENT failure', async () => {
    const failure = await failureOf(
      new NotifyChannel(options).send({ kind: 'EMAIL', to: 'not-an-address', subject: 's', body: 'b', reference: randomUUID() }),
    );
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'INVALID_RECIPIENT' });
  });

  it('a number the network cannot deliver to is accepted, then ends as a permanent failure', async () => {
    const channel = new NotifyChannel(options);
    const { providerReference } = await channel.send({ kind: 'SMS', to: '+447700900999', body: 'x', reference: randomUUID() });
    expect(await settledState(channel, providerReference)).toBe('PERMANENT_FAILURE');
  });

  it('a wrong API key is refused: a PERMANENT authentication failure, as Notify answers it', async () => {
    const wrongKey = standins.notify.apiKey.slice(0, -12) + '000000000000';
    const failure = await failureOf(
      new NotifyChannel({ ...options, apiKey: wrongKey }).send({ kind: 'SMS', to: '07700900123', body: 'x', reference: randomUUID() }),
    );
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'AUTHENTICATION', providerCode: '403 AuthError' });
    expect(failure.message).toMatch(/Invalid token: API key not found/);
  });

  it('finds a notification by our reference, to check before resending after an unknown outcome', async () => {
    const channel = new NotifyChannel(options);
    const reference = randomUUID();
    const { providerReference } = await channel.send({ kind: 'SMS', to: '07700900123', body: 'x', reference });
    await expect(channel.findByReference(reference)).resolves.toMatchObject({ providerReference });
    await expect(channel.findByReference(randomUUID())).resolves.toBeUndefined();
  });

  it('Notify unreachable is TEMPORARY, and known not to have been sent', async () => {
    const failure = await failureOf(
      new NotifyChannel({ ...options, baseUrl: 'http://127.0.0.1:1' }).send({
        kind: 'SMS',
        to: '07700900123',
        body: 'x',
        reference: randomUUID(),
      }),
    );
    expect(failure).toBeInstanceOf(TemporaryDeliveryFailure);
    expect(failure).toMatchObject({ reason: 'PROVIDER_UNAVAILABLE', outcomeUnknown: false });
  });

  it('two files in one email are refused before anything is sent', async () => {
    const file = { filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') };
    const failure = await failureOf(
      new NotifyChannel(options).send({
        kind: 'EMAIL',
        to: 'parent@example.org',
        subject: 's',
        body: 'b',
        attachments: [file, file],
        reference: randomUUID(),
      }),
    );
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'UNSUPPORTED_MESSAGE' });
  });

  it('refuses a plain-http Notify address that is not on this machine', () => {
    expect(() => new NotifyChannel({ ...options, baseUrl: 'http://notify.example.org' })).toThrow(/https/);
  });

  describe('delivery receipts', () => {
    let receiver: Server;
    const receipts: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          receipts.push({ headers: req.headers, body: JSON.parse(raw) });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify/receipts`;
      await fetch(`${standins.notify.baseUrl}/_standin/callback`, {
        method: 'PUT',
        body: JSON.stringify({ url, bearer_token: 'receipt-token-123' }),
      });
    });
    afterAll(async () => {
      await fetch(`${standins.notify.baseUrl}/_standin/callback`, { method: 'PUT', body: JSON.stringify({}) });
      await new Promise((resolve) => receiver.close(resolve));
    });

    it('posts the final status the way Notify does, with the bearer token', async () => {
      const reference = randomUUID();
      const { providerReference } = await new NotifyChannel(options).send({ kind: 'SMS', to: '07700900123', body: 'x', reference });
      for (let i = 0; i < 50 && !receipts.some((r) => r.body.id === providerReference); i += 1)
        await new Promise((r) => setTimeout(r, 100));

      const receipt = receipts.find((r) => r.body.id === providerReference);
      expect(receipt?.headers.authorization).toBe('Bearer receipt-token-123');
      expect(receipt?.body).toEqual({
        id: providerReference,
        reference,
        to: '07700900123',
        status: 'delivered',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        completed_at: expect.any(String),
        sent_at: expect.any(String),
        notification_type: 'sms',
        template_id: templateIds.sms,
        template_version: 1,
      });
    });
  });
});
