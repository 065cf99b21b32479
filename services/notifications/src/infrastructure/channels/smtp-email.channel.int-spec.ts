import { randomBytes, randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { startStandins, type RunningStandins } from '../../../../../test/support';
import { DeliveryFailure, PermanentDeliveryFailure, TemporaryDeliveryFailure, type OutboundEmail } from './delivery-channel';
import { SmtpEmailChannel, type SmtpEmailChannelOptions } from './smtp-email.channel';

interface StoredMessage {
  id: string;
  messageId: string;
  subject: string;
  text: string;
  headers: Record<string, string | string[]>;
  envelope: { mailFrom: string; rcptTo: string[] };
  transport: { secure: boolean; authenticatedUser: string | null; tls: { version: string } | null; session: string };
  attachments: { filename: string; contentType: string; size: number; contentBase64: string }[];
}

describe('SmtpEmailChannel against the real SMTP stand-in (STARTTLS required)', () => {
  let standins: RunningStandins;
  let options: SmtpEmailChannelOptions;

  const inbox = async (to?: string): Promise<StoredMessage[]> => {
    const list = (await (await fetch(`${standins.smtp.httpUrl}/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).json()) as {
      messages: { id: string }[];
    };
    return Promise.all(
      list.messages.map(async (m) => (await (await fetch(`${standins.smtp.httpUrl}/messages/${m.id}`)).json()) as StoredMessage),
    );
  };
  const outage = (seconds: number, mode?: 'reset') =>
    fetch(`${standins.smtp.httpUrl}/control/outage`, { method: 'POST', body: JSON.stringify({ seconds, mode }) });
  const endOutage = () => fetch(`${standins.smtp.httpUrl}/control/outage`, { method: 'DELETE' });
  const email = (overrides: Partial<OutboundEmail> = {}): OutboundEmail => ({
    kind: 'EMAIL',
    to: 'dc.patel@police.example',
    subject: 'Child protection plan and outcome: conference CPC-2026-0042',
    body: 'Attached are the child protection plan, the decision analysis and the outcome.',
    reference: randomUUID(),
    ...overrides,
  });
  const failureOf = async (promise: Promise<unknown>): Promise<DeliveryFailure> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryFailure);
    return error as DeliveryFailure;
  };

  beforeAll(async () => {
    standins = await startStandins();
    options = {
      host: standins.smtp.host,
      port: standins.smtp.port,
      from: '"Child Protection Conferences" <cpc@council.example>',
      auth: { user: standins.smtp.user, pass: standins.smtp.password },
      // The stand-in's certificate is self-signed: trust exactly it, verification stays on.
      tls: { caFile: standins.smtp.caFile },
    };
  });
  afterAll(() => standins?.stop());
  beforeEach(async () => {
    await endOutage();
    await fetch(`${standins.smtp.httpUrl}/messages`, { method: 'DELETE' });
  });

  it('R-DEL-PRO: sends the plan over STARTTLS, authenticated, and the attachment is read back byte for byte', async () => {
    const document = randomBytes(4096);
    const message = email({
      attachments: [
        {
          filename: 'CPC-2026-0042 plan v2.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          content: document,
        },
      ],
    });

    const receipt = await new SmtpEmailChannel(options).send(message);

    const [stored, ...others] = await inbox(message.to);
    expect(others).toHaveLength(0);
    expect(stored.messageId).toBe(receipt.providerReference);
    expect(stored.transport.secure).toBe(true);
    expect(stored.transport.tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(stored.transport.authenticatedUser).toBe(standins.smtp.user);
    expect(stored.envelope).toEqual({ mailFrom: 'cpc@council.example', rcptTo: ['dc.patel@police.example'] });
    expect(stored.subject).toBe(message.subject);
    expect(stored.text.trim()).toBe(message.body);
    expect(stored.headers['x-cpc-delivery-reference']).toBe(message.reference);
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]).toMatchObject({
      filename: 'CPC-2026-0042 plan v2.docx',
      contentType: message.attachments![0].contentType,
      size: 4096,
    });
    expect(Buffer.from(stored.attachments[0].contentBase64, 'base64').equals(document)).toBe(true);
  });

  it('the same delivery sent twice keeps one Message-ID, so a retry after an unknown outcome can be recognised', async () => {
    const message = email();
    const channel = new SmtpEmailChannel(options);
    const first = await channel.send(message);
    const second = await channel.send(message);
    expect(second.providerReference).toBe(first.providerReference);
  });

  it('pooled: 40 messages, 5 at a time, go over at most 5 connections, each one TLS and authenticated; unpooled, one each', async () => {
    const pooled = new SmtpEmailChannel({ ...options, pool: { connections: 5, maxMessages: 100 } });
    const to = (i: number) => `pool-${i}@police.example`;
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          for (let i = next++; i < 40; i = next++) await pooled.send(email({ to: to(i) }));
        }),
      );
    } finally {
      pooled.close();
    }
    const stored = await inbox();
    expect(stored.map((m) => m.envelope.rcptTo[0]).sort()).toEqual(Array.from({ length: 40 }, (_, i) => to(i)).sort());
    expect(stored.every((m) => m.transport.secure && m.transport.authenticatedUser === standins.smtp.user)).toBe(true);
    const sessions = new Set(stored.map((m) => m.transport.session));
    expect(sessions.size).toBeGreaterThanOrEqual(1);
    expect(sessions.size).toBeLessThanOrEqual(5);

    await fetch(`${standins.smtp.httpUrl}/messages`, { method: 'DELETE' });
    const single = new SmtpEmailChannel(options);
    for (let i = 0; i < 3; i++) await single.send(email({ to: to(i) }));
    expect(new Set((await inbox()).map((m) => m.transport.session)).size).toBe(3);
  }, 30_000);

  it('pooled: a connection is replaced after maxMessages; while the server resets new connections a send is TEMPORARY, then goes', async () => {
    const pooled = new SmtpEmailChannel({ ...options, pool: { connections: 1, maxMessages: 4 } });
    try {
      for (let i = 0; i < 12; i++) await pooled.send(email({ to: `replaced-${i}@police.example` }));
      expect(new Set((await inbox()).map((m) => m.transport.session)).size).toBe(3);
      // The last connection has carried its 4: the next send needs a new one, which the server now resets (as a
      // relay restarting would). Once it is back, the pool connects again, TLS and authenticated as ever.
      await outage(30, 'reset');
      expect(await failureOf(pooled.send(email({ to: 'during@police.example' })))).toBeInstanceOf(TemporaryDeliveryFailure);
      await endOutage();
      await pooled.send(email({ to: 'after@police.example' }));
      const after = (await inbox('after@police.example'))[0];
      expect(after.transport).toMatchObject({ secure: true, authenticatedUser: standins.smtp.user });
    } finally {
      pooled.close();
    }
  }, 30_000);

  it('a client that never starts TLS is refused, with or without credentials, and nothing arrives', async () => {
    const plain = (auth?: { user: string; pass: string }) =>
      createTransport({ host: standins.smtp.host, port: standins.smtp.port, secure: false, ignoreTLS: true, auth }).sendMail({
        from: 'cpc@council.example',
        to: 'dc.patel@police.example',
        subject: 'plain text',
        text: 'must not arrive',
      });

    await expect(plain({ user: standins.smtp.user, pass: standins.smtp.password })).rejects.toMatchObject({ responseCode: 538 });
    await expect(plain()).rejects.toMatchObject({ responseCode: 530 });
    expect(await inbox()).toHaveLength(0);
  });

  it('without the CA to verify the server the channel refuses to send: PERMANENT, no plain-text fallback', async () => {
    const failure = await failureOf(new SmtpEmailChannel({ ...options, tls: {} }).send(email()));
    expect(failure).toBeInstanceOf(PermanentDeliveryFailure);
    expect(failure.reason).toBe('INSECURE_TRANSPORT');
    expect(await inbox()).toHaveLength(0);
  });

  it('a recipient the server rejects is a PERMANENT failure, reported without the address in clear', async () => {
    const failure = await failureOf(new SmtpEmailChannel(options).send(email({ to: `no.such.person@${standins.smtp.rejectDomain}` })));
    expect(failure).toBeInstanceOf(PermanentDeliveryFailure);
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'RECIPIENT_REJECTED', providerCode: 550, channel: 'smtp' });
    expect(failure.message).not.toContain('no.such.person');
  });

  it('credentials the server refuses are a PERMANENT authentication failure', async () => {
    const failure = await failureOf(new SmtpEmailChannel({ ...options, auth: { user: standins.smtp.user, pass: 'wrong' } }).send(email()));
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'AUTHENTICATION', providerCode: 535 });
  });

  it('while the server answers 421 the failure is TEMPORARY, and once it is back the same send succeeds', async () => {
    const channel = new SmtpEmailChannel(options);
    const message = email();
    await outage(1.5);

    const failure = await failureOf(channel.send(message));
    expect(failure).toBeInstanceOf(TemporaryDeliveryFailure);
    expect(failure).toMatchObject({ reason: 'PROVIDER_UNAVAILABLE', providerCode: 421, outcomeUnknown: false });

    await new Promise((resolve) => setTimeout(resolve, 1_700));
    await expect(channel.send(message)).resolves.toEqual({ providerReference: expect.any(String) });
    expect(await inbox()).toHaveLength(1);
  });

  it('while the server resets connections the failure is TEMPORARY, and nothing was sent', async () => {
    await outage(30, 'reset');
    const failure = await failureOf(new SmtpEmailChannel(options).send(email()));
    expect(failure).toMatchObject({ kind: 'TEMPORARY', reason: 'PROVIDER_UNAVAILABLE', outcomeUnknown: false });
    await endOutage();
    expect(await inbox()).toHaveLength(0);
  });

  it('nobody listening on the port: TEMPORARY, the provider unavailable, nothing of the message gone', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const failure = await failureOf(new SmtpEmailChannel({ ...options, port: closed }).send(email()));
    expect(failure).toMatchObject({ kind: 'TEMPORARY', reason: 'PROVIDER_UNAVAILABLE', providerCode: 'ESOCKET', outcomeUnknown: false });

    // Pooled, each refused connection leaves the pool: more refusals than connections, and once the relay is
    // there (a proxy to the stand-in on that port) the next send goes.
    const pooled = new SmtpEmailChannel({ ...options, port: closed, pool: { connections: 1, maxMessages: 100 } });
    const proxy = createServer((client) => {
      const upstream = connect(standins.smtp.port, standins.smtp.host);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    try {
      for (let i = 0; i < 3; i++)
        expect(await failureOf(pooled.send(email()))).toMatchObject({ kind: 'TEMPORARY', reason: 'PROVIDER_UNAVAILABLE' });
      await new Promise<void>((resolve) => proxy.listen(closed, '127.0.0.1', resolve));
      await pooled.send(email({ to: 'relay-back@police.example' }));
      expect((await inbox('relay-back@police.example'))[0].transport).toMatchObject({
        secure: true,
        authenticatedUser: standins.smtp.user,
      });
    } finally {
      pooled.close();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 30_000);

  it('a server that accepts and never answers holds a send no longer than sendTimeoutMs: TEMPORARY, outcome unknown', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const failure = await failureOf(
        new SmtpEmailChannel({ ...options, port, greetingTimeoutMs: 20_000, sendTimeoutMs: 500 }).send(email()),
      );
      expect(failure).toMatchObject({ kind: 'TEMPORARY', reason: 'TIMEOUT', outcomeUnknown: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a text message is not for SMTP: PERMANENT, before any connection', async () => {
    const failure = await failureOf(
      new SmtpEmailChannel(options).send({ kind: 'SMS', to: '+447700900123', body: 'x', reference: randomUUID() }),
    );
    expect(failure).toMatchObject({ kind: 'PERMANENT', reason: 'UNSUPPORTED_MESSAGE' });
  });
});
