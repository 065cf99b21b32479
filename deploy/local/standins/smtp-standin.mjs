// A real SMTP server for development and tests (STACK.md "Delivery"): STARTTLS required before
// AUTH or mail, AUTH PLAIN/LOGIN, every message parsed with mailparser and kept in memory, and an
// HTTP read-back API. Run alone with `node deploy/local/standins/smtp-standin.mjs`.
//
// Environment (defaults):
//   SMTP_STANDIN_HOST            127.0.0.1         address both ports bind to
//   SMTP_STANDIN_PORT            2525              SMTP, STARTTLS required
//   SMTP_STANDIN_HTTP_PORT       8025              read-back API
//   SMTP_STANDIN_USER            cpc-local         AUTH user
//   SMTP_STANDIN_PASSWORD        cpc-local-password
//   SMTP_STANDIN_REJECT_DOMAIN   invalid.example   recipients at this domain get 550
//   SMTP_STANDIN_MAX_MESSAGES    5000              older messages are dropped
//   SMTP_STANDIN_CERT_DIR        $CPC_STANDINS_DIR or ~/.cache/cpc-platform/standins  where the self-signed key/cert are made
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  BoundedLog,
  STATE_DIR,
  closeServer,
  ensureSelfSignedCertificate,
  envNumber,
  envString,
  isMainModule,
  listen,
  readJson,
  say,
  sendJson,
} from './standin-support.mjs';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export function smtpSettingsFromEnv() {
  return {
    host: envString('SMTP_STANDIN_HOST', '127.0.0.1'),
    port: envNumber('SMTP_STANDIN_PORT', 2525),
    httpPort: envNumber('SMTP_STANDIN_HTTP_PORT', 8025),
    user: envString('SMTP_STANDIN_USER', 'cpc-local'),
    password: envString('SMTP_STANDIN_PASSWORD', 'cpc-local-password'),
    rejectDomain: envString('SMTP_STANDIN_REJECT_DOMAIN', 'invalid.example').toLowerCase(),
    maxMessages: envNumber('SMTP_STANDIN_MAX_MESSAGES', 5000),
    certDir: envString('SMTP_STANDIN_CERT_DIR', STATE_DIR),
  };
}

function sameSecret(given, expected) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function smtpError(code, message) {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts the SMTP server and its HTTP API; resolves once both listen. */
export async function startSmtpStandin(overrides = {}) {
  const settings = { ...smtpSettingsFromEnv(), ...overrides };
  const { keyFile, certFile } = ensureSelfSignedCertificate(settings.certDir);
  const messages = new BoundedLog(settings.maxMessages);
  // While an outage lasts, new sessions get 421 (or a TCP reset) so senders see the server "down".
  const outage = { until: 0, mode: '421' };
  const inOutage = () => Date.now() < outage.until;

  const smtp = new SMTPServer({
    name: 'smtp-standin.localhost',
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    secure: false, // STARTTLS, not implicit TLS: the port a council relay offers (587-style)
    allowInsecureAuth: false, // AUTH before STARTTLS answers 538
    authOptional: false, // MAIL before AUTH answers 530
    authMethods: ['PLAIN', 'LOGIN'],
    size: MAX_MESSAGE_BYTES,
    disableReverseLookup: true,
    closeTimeout: 2000, // stop promptly: a stand-in holds nothing worth waiting for
    logger: false,
    onConnect(_session, callback) {
      if (inOutage()) return callback(smtpError(421, 'smtp-standin.localhost Service not available, try again later'));
      callback();
    },
    onAuth(auth, session, callback) {
      if (!session.secure) return callback(smtpError(538, 'Must issue a STARTTLS command first'));
      const ok =
        auth.method === 'XOAUTH2' ? false : sameSecret(auth.username, settings.user) && sameSecret(auth.password, settings.password);
      if (!ok) return callback(smtpError(535, 'Authentication credentials invalid'));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (inOutage()) return callback(smtpError(421, 'Service not available, try again later'));
      if (!session.secure) return callback(smtpError(530, 'Must issue a STARTTLS command first'));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (inOutage()) return callback(smtpError(421, 'Service not available, try again later'));
      const domain = address.address.split('@').pop().toLowerCase();
      if (domain === settings.rejectDomain)
        return callback(smtpError(550, `<${address.address}>: Recipient address rejected: mailbox unavailable`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', async () => {
        if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
        try {
          const raw = Buffer.concat(chunks);
          const stored = await storeMessage(raw, session);
          messages.add(stored);
          callback(null, `Message queued as ${stored.id}`);
        } catch (error) {
          say('smtp-standin', `could not parse a message: ${error.message}`);
          callback(smtpError(451, 'Local error in processing'));
        }
      });
    },
  });
  smtp.on('error', (error) => say('smtp-standin', `SMTP error: ${error.message}`));
  // "reset" mode refuses at the TCP level, before smtp-server sees the socket.
  smtp.server.prependListener('connection', (socket) => {
    if (inOutage() && outage.mode === 'reset') socket.resetAndDestroy();
  });

  const http = createServer((req, res) => {
    handleHttp(req, res).catch((error) => sendJson(res, error.status ?? 500, { error: error.message }));
  });

  async function handleHttp(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'GET' && path === '/health') {
      return sendJson(res, 200, {
        status: 'ok',
        smtp: { port: smtpPort, outageUntil: inOutage() ? new Date(outage.until).toISOString() : null },
        messages: messages.items.length,
      });
    }
    if (req.method === 'GET' && path === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const found = messages.items.filter((m) => !to || m.envelope.rcptTo.includes(to) || m.recipients.includes(to));
      return sendJson(res, 200, { total: found.length, messages: found.map(summary) });
    }
    if (req.method === 'DELETE' && path === '/messages') {
      messages.clear();
      return sendJson(res, 204);
    }
    const one = /^\/messages\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const message = messages.items.find((m) => m.id === one[1]);
      return message ? sendJson(res, 200, message) : sendJson(res, 404, { error: 'no such message' });
    }
    if (req.method === 'POST' && path === '/control/outage') {
      const body = (await readJson(req, 64 * 1024)) ?? {};
      const seconds = Number(body.seconds);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
        return sendJson(res, 400, { error: 'seconds must be between 0 and 3600' });
      if (body.mode !== undefined && !['421', 'reset'].includes(String(body.mode)))
        return sendJson(res, 400, { error: 'mode is "421" or "reset"' });
      outage.until = Date.now() + seconds * 1000;
      outage.mode = body.mode === undefined ? '421' : String(body.mode);
      say('smtp-standin', `outage (${outage.mode}) for ${seconds}s`);
      return sendJson(res, 202, { outageUntil: new Date(outage.until).toISOString(), mode: outage.mode });
    }
    if (req.method === 'DELETE' && path === '/control/outage') {
      outage.until = 0;
      return sendJson(res, 204);
    }
    return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
  }

  const smtpPort = await listen(smtp.server, settings.port, settings.host);
  const httpPort = await listen(http, settings.httpPort, settings.host);
  say('smtp-standin', `SMTP (STARTTLS required) on ${settings.host}:${smtpPort}, read-back API on http://${settings.host}:${httpPort}`);

  return {
    host: settings.host,
    smtpPort,
    httpPort,
    certFile,
    user: settings.user,
    password: settings.password,
    rejectDomain: settings.rejectDomain,
    async close() {
      await new Promise((resolve) => smtp.close(resolve));
      await closeServer(http);
    },
  };
}

async function storeMessage(raw, session) {
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  const addresses = (field) =>
    [field]
      .flat()
      .filter(Boolean)
      .flatMap((f) => f.value.map((a) => a.address?.toLowerCase()).filter(Boolean));
  return {
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    size: raw.length,
    envelope: {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
      rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    },
    // What the server saw of the transport: tests assert the message really came over TLS.
    // `session`: the SMTP session (one per connection), so a test can count the connections a sender used.
    transport: {
      secure: Boolean(session.secure),
      authenticatedUser: session.user ?? null,
      tls: session.tlsOptions || null,
      session: session.id,
    },
    messageId: parsed.messageId ?? null,
    date: parsed.date ? parsed.date.toISOString() : null,
    from: parsed.from?.text ?? null,
    to:
      [parsed.to]
        .flat()
        .filter(Boolean)
        .map((t) => t.text)
        .join(', ') || null,
    cc:
      [parsed.cc]
        .flat()
        .filter(Boolean)
        .map((t) => t.text)
        .join(', ') || null,
    recipients: [...addresses(parsed.to), ...addresses(parsed.cc)],
    subject: parsed.subject ?? null,
    headers: headerValues(parsed.headerLines),
    text: parsed.text ?? null,
    html: parsed.html || null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      contentDisposition: a.contentDisposition ?? null,
      size: a.size,
      checksum: a.checksum,
      contentBase64: a.content.toString('base64'),
    })),
  };
}

/** Header name -> value as sent; a header that occurs more than once (Received) gives a list. */
function headerValues(headerLines) {
  const headers = {};
  for (const { key, line } of headerLines) {
    const value = line.slice(line.indexOf(':') + 1).trim();
    headers[key] = key in headers ? [headers[key]].flat().concat(value) : value;
  }
  return headers;
}

function summary(message) {
  const { text: _text, html: _html, headers: _headers, attachments, ...rest } = message;
  return { ...rest, attachments: attachments.map(({ contentBase64: _content, ...meta }) => meta) };
}

if (isMainModule(import.meta.url)) {
  const running = await startSmtpStandin();
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
