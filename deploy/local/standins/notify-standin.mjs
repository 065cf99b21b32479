// A local GOV.UK Notify: the parts of API v2 that notifications-node-client uses, with Notify's
// authentication, checks, response shapes, statuses and delivery-status callbacks, and a
// read-back API for tests. Run alone with `node deploy/local/standins/notify-standin.mjs`.
//
// Environment (defaults):
//   NOTIFY_STANDIN_HOST        127.0.0.1
//   NOTIFY_STANDIN_PORT        8090
//   NOTIFY_STANDIN_API_KEYS    cpc_local-4d0c2c2e-7b1a-4b8e-9c59-2f6f1b0a9e01-0c8d6f3e-2a41-4f7b-a0f5-8e1b7c3d9a22
//                              (comma-separated; the API keys this "service" accepts; local only)
//   NOTIFY_STANDIN_TEMPLATES   (none)  JSON file of templates; other ids are pass-through
//   NOTIFY_STANDIN_REJECT_DOMAIN  invalid.example   emails there end as permanent-failure
//   NOTIFY_STANDIN_FAILING_PHONE  +447700900999     texts there end as permanent-failure
//   NOTIFY_STANDIN_TEMPORARY_FAILING_PHONE  +447700900888  texts there end as temporary-failure
//   NOTIFY_STANDIN_INTERNATIONAL  false             whether international numbers may be texted
//   NOTIFY_STANDIN_DELIVERY_MS    300               time from "sending" to the final status
//   NOTIFY_STANDIN_CALLBACK_URL / NOTIFY_STANDIN_CALLBACK_TOKEN   delivery receipts, as Notify posts them
//   NOTIFY_STANDIN_MAX_MESSAGES   5000
import { createServer } from 'node:http';
import { authenticate, isUuid, keyring, NotifyAuthError } from './notify-auth.mjs';
import { badRequest, fileKeys, NotifyRequestError, SMS_MAX_CHARACTERS, validateFile, validateSendRequest } from './notify-requests.mjs';
import { loadTemplates, missingPersonalisation, passThroughTemplate, renderTemplate } from './notify-templates.mjs';
import { NotificationLedger } from './notify-ledger.mjs';
import { BoundedLog, closeServer, envNumber, envString, isMainModule, listen, readJson, say, sendJson } from './standin-support.mjs';

export const LOCAL_API_KEY = 'cpc_local-4d0c2c2e-7b1a-4b8e-9c59-2f6f1b0a9e01-0c8d6f3e-2a41-4f7b-a0f5-8e1b7c3d9a22';

export function notifySettingsFromEnv() {
  return {
    host: envString('NOTIFY_STANDIN_HOST', '127.0.0.1'),
    port: envNumber('NOTIFY_STANDIN_PORT', 8090),
    apiKeys: envString('NOTIFY_STANDIN_API_KEYS', LOCAL_API_KEY)
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    templatesFile: envString('NOTIFY_STANDIN_TEMPLATES', ''),
    rejectDomain: envString('NOTIFY_STANDIN_REJECT_DOMAIN', 'invalid.example').toLowerCase(),
    failingPhone: envString('NOTIFY_STANDIN_FAILING_PHONE', '+447700900999'),
    temporaryFailingPhone: envString('NOTIFY_STANDIN_TEMPORARY_FAILING_PHONE', '+447700900888'),
    allowInternational: /^(1|true|yes)$/i.test(envString('NOTIFY_STANDIN_INTERNATIONAL', 'false')),
    deliveryMs: envNumber('NOTIFY_STANDIN_DELIVERY_MS', 300),
    callbackUrl: envString('NOTIFY_STANDIN_CALLBACK_URL', ''),
    callbackToken: envString('NOTIFY_STANDIN_CALLBACK_TOKEN', ''),
    callbackRetryMs: envNumber('NOTIFY_STANDIN_CALLBACK_RETRY_MS', 1000),
    maxMessages: envNumber('NOTIFY_STANDIN_MAX_MESSAGES', 5000),
  };
}

export async function startNotifyStandin(overrides = {}) {
  const settings = { ...notifySettingsFromEnv(), ...overrides };
  const services = keyring(settings.apiKeys);
  const templates = loadTemplates(settings.templatesFile);
  const ledger = new NotificationLedger(settings);
  const requests = new BoundedLog(settings.maxMessages);

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const entry = requests.add({ at: new Date().toISOString(), method: req.method, path, status: null, error: null });
    const answer = (status, body) => {
      entry.status = status;
      if (status >= 400 && body?.errors) entry.error = body.errors.map((e) => `${e.error}: ${e.message}`).join('; ');
      sendJson(res, status, body);
    };
    route(req, url, path, answer).catch((error) => {
      if (error instanceof NotifyAuthError || error instanceof NotifyRequestError) return answer(error.status, error.toResponse());
      if (error.status === 400 || error.status === 413)
        return answer(
          400,
          badRequest(error.message === 'body is not valid JSON' ? 'Invalid JSON supplied in POST data' : error.message).toResponse(),
        );
      say('notify-standin', `internal error: ${error.stack}`);
      answer(500, { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] });
    });
  });

  async function route(req, url, path, answer) {
    const base = `http://${req.headers.host ?? `${settings.host}:${port}`}`;
    if (path === '/health' && req.method === 'GET') return answer(200, { status: 'ok', notifications: ledger.all().length });
    if (path.startsWith('/_standin/')) return standinRoute(req, url, path, answer, base);
    if (!path.startsWith('/v2/')) return answer(404, { result: 'error', message: 'The requested URL was not found on the server.' });

    const { serviceId } = authenticate(req.headers.authorization, services);
    const send = /^\/v2\/notifications\/(sms|email)$/.exec(path);
    if (send && req.method === 'POST') {
      const body = await readJson(req, 10 * 1024 * 1024);
      if (body === undefined) throw badRequest('Invalid JSON supplied in POST data');
      return answer(201, acceptNotification(send[1], body, serviceId, base));
    }
    if (path === '/v2/notifications' && req.method === 'GET') {
      return answer(200, ledger.list(serviceId, Object.fromEntries(url.searchParams), base));
    }
    const one = /^\/v2\/notifications\/([^/]+)$/.exec(path);
    if (one && req.method === 'GET') {
      if (!isUuid(one[1])) {
        throw new NotifyRequestError(400, [{ error: 'ValidationError', message: 'notification_id is not a valid UUID' }]);
      }
      const found = ledger.get(serviceId, one[1]);
      if (!found) return answer(404, { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] });
      return answer(200, ledger.serialise(found, base));
    }
    return answer(405, {
      status_code: 405,
      errors: [{ error: 'MethodNotAllowed', message: 'The method is not allowed for the requested URL.' }],
    });
  }

  function acceptNotification(type, body, serviceId, base) {
    const recipient = validateSendRequest(type, body, settings);
    const templateId = body.template_id.toLowerCase();
    const template = templates.get(templateId) ?? passThroughTemplate(templateId, type);
    if (template.type !== type) throw badRequest(`${template.type} template is not suitable for ${type} notification`);
    const personalisation = { ...(body.personalisation ?? {}) };
    const missing = missingPersonalisation(template, personalisation);
    if (missing.length) throw badRequest(`Missing personalisation: ${missing.join(', ')}`);

    const files = fileKeys(personalisation);
    if (files.length && type !== 'email') throw badRequest('Can only send a file by email');
    const documents = files.map((key) => ({ key, ...validateFile(key, personalisation[key]) }));
    const notification = ledger.create({
      type,
      serviceId,
      recipient,
      given: body[type === 'sms' ? 'phone_number' : 'email_address'],
      body,
      template,
    });
    const links = new Map();
    for (const document of documents) {
      const stored = ledger.storeDocument(notification, document, base);
      personalisation[document.key] = stored.url;
      links.set(document.key, stored.url);
    }
    const content = renderTemplate(template, personalisation, links);
    if (type === 'sms' && content.body.length > SMS_MAX_CHARACTERS) {
      ledger.discard(notification);
      throw badRequest(
        `Text messages cannot be longer than ${SMS_MAX_CHARACTERS} characters. Your message is ${content.body.length} characters long.`,
      );
    }
    ledger.accept(notification, content);
    return ledger.postResponse(notification, base);
  }

  function standinRoute(req, url, path, answer, base) {
    if (path === '/_standin/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const reference = url.searchParams.get('reference');
      const found = ledger
        .all()
        .filter(
          (n) => (!to || n.recipient.toLowerCase() === to || n.given.toLowerCase() === to) && (!reference || n.reference === reference),
        );
      return answer(200, { total: found.length, messages: found.map((n) => ledger.record(n, base)) });
    }
    if (path === '/_standin/messages' && req.method === 'DELETE') {
      ledger.clear();
      requests.clear();
      return answer(204);
    }
    if (path === '/_standin/requests' && req.method === 'GET') return answer(200, { requests: requests.items });
    if (path === '/_standin/callbacks' && req.method === 'GET') return answer(200, { callbacks: ledger.callbacks.items });
    if (path === '/_standin/callback' && req.method === 'PUT') {
      return readJson(req, 64 * 1024).then((body) => {
        ledger.setCallback(body?.url ?? '', body?.bearer_token ?? '');
        answer(200, { url: ledger.callback.url || null });
      });
    }
    const document = /^\/_standin\/documents\/([\w-]+)$/.exec(path);
    if (document && req.method === 'GET') {
      const found = ledger.document(document[1]);
      if (!found) return answer(404, { error: 'no such document' });
      return answer(200, {
        id: found.id,
        filename: found.filename,
        size: found.content.length,
        contentBase64: found.content.toString('base64'),
      });
    }
    return answer(404, { error: `no route ${req.method} ${path}` });
  }

  const port = await listen(server, settings.port, settings.host);
  say('notify-standin', `GOV.UK Notify stand-in on http://${settings.host}:${port} (services: ${[...services.keys()].join(', ')})`);
  return {
    host: settings.host,
    port,
    baseUrl: `http://${settings.host}:${port}`,
    apiKey: settings.apiKeys[0],
    close: async () => {
      ledger.stop();
      await closeServer(server);
    },
  };
}

if (isMainModule(import.meta.url)) {
  const running = await startNotifyStandin();
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
