// What the Notify stand-in has accepted: notifications with their status over time
// (created -> sending -> delivered | permanent-failure | temporary-failure), files sent by email,
// and the delivery-status callbacks Notify would post (docs "Callbacks": the same JSON keys, a
// bearer token, retried when the receiver fails).
import { randomUUID } from 'node:crypto';
import { validatePhoneNumber } from './notify-recipients.mjs';
import { BoundedLog, say } from './standin-support.mjs';

const FINAL = new Set(['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure']);
const CALLBACK_ATTEMPTS = 6; // the first try and Notify's five retries

/** Notify writes times as 2017-05-14T12:15:30.000000Z. */
const notifyTime = (date) => (date ? date.toISOString().replace('Z', '000Z') : null);

function smsFragments(body) {
  const unicode = /[^\x20-\x7e\n\r£€]/.test(body);
  const [single, part] = unicode ? [70, 67] : [160, 153];
  return body.length <= single ? 1 : Math.ceil(body.length / part);
}

export class NotificationLedger {
  constructor(settings) {
    this.settings = settings;
    this.notifications = new BoundedLog(settings.maxMessages);
    this.documents = new Map();
    this.callbacks = new BoundedLog(settings.maxMessages);
    this.callback = { url: settings.callbackUrl, token: settings.callbackToken };
    this.timers = new Set();
    this.failingPhone = validatePhoneNumber(settings.failingPhone, { allowInternational: true });
    this.temporaryFailingPhone = validatePhoneNumber(settings.temporaryFailingPhone, { allowInternational: true });
  }

  all() {
    return this.notifications.items;
  }

  get(serviceId, id) {
    return this.all().find((n) => n.id === id.toLowerCase() && n.serviceId === serviceId);
  }

  document(id) {
    return this.documents.get(id);
  }

  create({ type, serviceId, recipient, given, body, template }) {
    return {
      id: randomUUID(),
      type,
      serviceId,
      recipient,
      given,
      reference: body.reference ?? null,
      template: { id: template.id, version: template.version, name: template.name ?? null },
      requestBody: body,
      documentIds: [],
      status: 'created',
      createdAt: new Date(),
      sentAt: null,
      completedAt: null,
      subject: null,
      body: null,
    };
  }

  storeDocument(notification, document, base) {
    const id = randomUUID();
    const url = `${base}/_standin/documents/${id}`;
    this.documents.set(id, { id, notificationId: notification.id, url, ...document });
    notification.documentIds.push(id);
    return { id, url };
  }

  discard(notification) {
    for (const id of notification.documentIds) this.documents.delete(id);
  }

  accept(notification, content) {
    notification.subject = content.subject;
    notification.body = content.body;
    const before = this.all().length ? this.all()[0] : null;
    this.notifications.add(notification);
    if (before && !this.all().includes(before)) this.discard(before);
    this.later(50, () => {
      notification.status = 'sending';
      notification.sentAt = new Date();
    });
    this.later(50 + this.settings.deliveryMs, () => {
      notification.status = this.outcome(notification);
      notification.completedAt = new Date();
      if (this.callback.url) this.postCallback(notification, 1);
    });
  }

  /** The final status the stand-in's pretend network gives this recipient. */
  outcome(notification) {
    if (notification.type === 'sms') {
      if (notification.recipient === this.failingPhone) return 'permanent-failure';
      if (notification.recipient === this.temporaryFailingPhone) return 'temporary-failure';
      return 'delivered';
    }
    const [local, domain] = notification.recipient.toLowerCase().split('@');
    if (domain === this.settings.rejectDomain) return 'permanent-failure';
    if (local === 'temporary-failure') return 'temporary-failure';
    return 'delivered';
  }

  later(ms, task) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  setCallback(url, token) {
    this.callback = { url, token };
  }

  async postCallback(notification, attempt) {
    const { url, token } = this.callback;
    const receipt = {
      id: notification.id,
      reference: notification.reference,
      to: notification.given,
      status: notification.status,
      created_at: notifyTime(notification.createdAt),
      completed_at: notifyTime(notification.completedAt),
      sent_at: notifyTime(notification.sentAt),
      notification_type: notification.type,
      template_id: notification.template.id,
      template_version: notification.template.version,
    };
    const log = this.callbacks.add({
      at: new Date().toISOString(),
      notificationId: notification.id,
      url,
      attempt,
      receipt,
      status: null,
      error: null,
    });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(receipt),
        signal: AbortSignal.timeout(5000),
      });
      log.status = response.status;
      // Notify retries only what might succeed later: server errors and rate limiting.
      if (response.status < 500 && response.status !== 429) return;
    } catch (error) {
      log.error = error.message;
    }
    if (attempt < CALLBACK_ATTEMPTS) this.later(this.settings.callbackRetryMs, () => this.postCallback(notification, attempt + 1));
    else say('notify-standin', `gave up the callback for ${notification.id} after ${attempt} attempts`);
  }

  postResponse(n, base) {
    const common = {
      id: n.id,
      reference: n.reference,
      uri: `${base}/v2/notifications/${n.id}`,
      template: this.templateRef(n, base),
      scheduled_for: null,
    };
    if (n.type === 'sms') return { ...common, content: { body: n.body, from_number: 'CPC' } };
    return {
      ...common,
      content: { body: n.body, subject: n.subject, from_email: 'cpc.local@notifications.service.gov.uk', one_click_unsubscribe_url: null },
    };
  }

  templateRef(n, base) {
    return { id: n.template.id, version: n.template.version, uri: `${base}/services/${n.serviceId}/templates/${n.template.id}` };
  }

  /** GET /v2/notifications/{id}: every key Notify returns, letter fields null. */
  serialise(n, base) {
    const sms = n.type === 'sms';
    const fragments = sms ? smsFragments(n.body) : 0;
    return {
      id: n.id,
      reference: n.reference,
      email_address: sms ? null : n.given,
      phone_number: sms ? n.given : null,
      line_1: null,
      line_2: null,
      line_3: null,
      line_4: null,
      line_5: null,
      line_6: null,
      postcode: null,
      type: n.type,
      status: n.status,
      template: this.templateRef(n, base),
      body: n.body,
      subject: n.subject,
      created_at: notifyTime(n.createdAt),
      created_by_name: null,
      sent_at: notifyTime(n.sentAt),
      completed_at: FINAL.has(n.status) ? notifyTime(n.completedAt) : null,
      scheduled_for: null,
      postage: null,
      one_click_unsubscribe_url: null,
      is_cost_data_ready: true,
      cost_in_pounds: sms ? Number((fragments * 0.0227).toFixed(4)) : 0,
      cost_details: sms ? { billable_sms_fragments: fragments, international_rate_multiplier: 1, sms_rate: 0.0227 } : {},
    };
  }

  /** GET /v2/notifications: newest first, 250 a page, filtered like Notify. */
  list(serviceId, query, base) {
    const statuses = query.status ? String(query.status).split(',') : null;
    let found = this.all()
      .filter((n) => n.serviceId === serviceId)
      .slice()
      .reverse();
    if (query.template_type) found = found.filter((n) => n.type === query.template_type);
    if (statuses) found = found.filter((n) => statuses.includes(n.status));
    if (query.reference) found = found.filter((n) => n.reference === query.reference);
    if (query.older_than) {
      const at = found.findIndex((n) => n.id === query.older_than);
      found = at === -1 ? [] : found.slice(at + 1);
    }
    const page = found.slice(0, 250);
    const links = { current: `${base}/v2/notifications` };
    if (found.length > page.length) links.next = `${base}/v2/notifications?older_than=${page.at(-1).id}`;
    return { notifications: page.map((n) => this.serialise(n, base)), links };
  }

  /** What the stand-in received, for tests: the request as sent (files summarised) and the outcome. */
  record(n, base) {
    const personalisation = Object.fromEntries(
      Object.entries(n.requestBody.personalisation ?? {}).map(([k, v]) =>
        typeof v === 'object' && v !== null && 'file' in v ? [k, { ...v, file: `<${String(v.file).length} base64 characters>` }] : [k, v],
      ),
    );
    const documents = n.documentIds
      .map((id) => this.documents.get(id))
      .filter(Boolean)
      .map((d) => ({
        id: d.id,
        key: d.key,
        filename: d.filename,
        size: d.content.length,
        url: d.url,
        confirm_email_before_download: d.confirmEmailBeforeDownload,
        retention_weeks: d.retentionWeeks,
      }));
    return {
      ...this.serialise(n, base),
      service_id: n.serviceId,
      normalised_to: n.recipient,
      request: { ...n.requestBody, personalisation },
      documents,
    };
  }

  clear() {
    this.notifications.clear();
    this.documents.clear();
    this.callbacks.clear();
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
