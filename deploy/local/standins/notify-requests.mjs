// The checks GOV.UK Notify makes on POST /v2/notifications/{sms,email} before it accepts a
// message: the JSON schema (ValidationError, every problem listed), then the template and its
// personalisation, then files sent by email (BadRequestError, the first problem only).
import { isUuid } from './notify-auth.mjs';
import { InvalidRecipient, validateEmailAddress, validatePhoneNumber } from './notify-recipients.mjs';

export class NotifyRequestError extends Error {
  constructor(status, errors) {
    super(errors.map((e) => e.message).join('; '));
    this.status = status;
    this.errors = errors;
  }
  toResponse() {
    return { status_code: this.status, errors: this.errors };
  }
}

export const badRequest = (message, status = 400) => new NotifyRequestError(status, [{ error: 'BadRequestError', message }]);

const FIELDS = {
  sms: ['reference', 'phone_number', 'template_id', 'personalisation', 'scheduled_for', 'sms_sender_id'],
  email: [
    'reference',
    'email_address',
    'template_id',
    'personalisation',
    'scheduled_for',
    'email_reply_to_id',
    'one_click_unsubscribe_url',
    'sanitise_content_for',
  ],
};
const RECIPIENT = { sms: 'phone_number', email: 'email_address' };
const FILE_FIELDS = new Set(['file', 'is_csv', 'confirm_email_before_download', 'retention_period', 'filename']);
const FILE_TYPES = ['csv', 'doc', 'docx', 'jpeg', 'jpg', 'json', 'odt', 'pdf', 'png', 'rtf', 'txt', 'xlsx'];
const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const SMS_MAX_CHARACTERS = 918;

const typeName = (value) => (value === null ? 'None' : Array.isArray(value) ? 'list' : typeof value);

/** The schema step. Returns the recipient as Notify normalised it. */
export function validateSendRequest(type, body, { allowInternational }) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NotifyRequestError(400, [{ error: 'ValidationError', message: `${typeName(body)} is not of type object` }]);
  }
  const errors = [];
  const fail = (message) => errors.push({ error: 'ValidationError', message });
  for (const field of [RECIPIENT[type], 'template_id']) if (!(field in body)) fail(`${field} is a required property`);
  const unexpected = Object.keys(body).filter((k) => !FIELDS[type].includes(k));
  if (unexpected.length)
    fail(`Additional properties are not allowed (${unexpected.join(', ')} ${unexpected.length > 1 ? 'were' : 'was'} unexpected)`);
  for (const field of ['template_id', 'sms_sender_id', 'email_reply_to_id']) {
    if (field in body && !isUuid(body[field])) fail(`${field} is not a valid UUID`);
  }
  if ('reference' in body && typeof body.reference !== 'string') fail(`reference ${body.reference} is not of type string`);
  if (typeof body.reference === 'string' && body.reference.length > 1000) fail('reference is too long');
  if (
    'personalisation' in body &&
    (typeof body.personalisation !== 'object' || body.personalisation === null || Array.isArray(body.personalisation))
  ) {
    fail(`personalisation ${JSON.stringify(body.personalisation)} is not of type object`);
  }
  let recipient;
  const given = body[RECIPIENT[type]];
  if (given !== undefined) {
    try {
      if (typeof given !== 'string') throw new InvalidRecipient(`${given} is not of type string`);
      recipient = type === 'sms' ? validatePhoneNumber(given, { allowInternational }) : validateEmailAddress(given);
    } catch (error) {
      if (!(error instanceof InvalidRecipient)) throw error;
      fail(`${RECIPIENT[type]} ${error.message}`);
    }
  }
  if (errors.length) throw new NotifyRequestError(400, errors);
  return recipient;
}

/** Personalisation keys whose value is a file from prepareUpload. */
export function fileKeys(personalisation) {
  return Object.entries(personalisation ?? {})
    .filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v) && 'file' in v)
    .map(([k]) => k);
}

/** The document-download step: decoded file and its settings, or Notify's error. */
export function validateFile(key, upload) {
  const unexpected = Object.keys(upload).filter((k) => !FILE_FIELDS.has(k));
  if (unexpected.length) {
    throw new NotifyRequestError(400, [
      { error: 'ValidationError', message: `${key} Additional properties are not allowed (${unexpected.join(', ')} was unexpected)` },
    ]);
  }
  const encoded = typeof upload.file === 'string' ? upload.file.replace(/\s/g, '') : null;
  if (encoded === null || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new NotifyRequestError(400, [{ error: 'ValidationError', message: `${key} : Error decoding base64 field` }]);
  }
  const content = Buffer.from(encoded, 'base64');
  if (content.length > MAX_FILE_BYTES) throw badRequest('Uploaded file exceeds file size limit');
  const filename = upload.filename ?? null;
  if (filename !== null) {
    if (typeof filename !== 'string' || filename.length > 100) throw badRequest('`filename` cannot be longer than 100 characters');
    const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
    if (!extension) throw badRequest('`filename` must end with a file extension. For example, filename.csv');
    if (!FILE_TYPES.includes(extension)) {
      throw badRequest(`Unsupported file type '${extension}'. Supported types are: ${FILE_TYPES.map((t) => `'.${t}'`).join(', ')}`);
    }
  }
  const retention = upload.retention_period ?? null;
  const weeks = retention === null ? 26 : Number(/^(\d+) weeks?$/.exec(String(retention))?.[1]);
  if (!(weeks >= 1 && weeks <= 78)) {
    throw badRequest(`Unsupported value for retention_period '${retention}'. Supported periods are from 1 to 78 weeks.`);
  }
  const confirm = upload.confirm_email_before_download ?? null;
  if (confirm !== null && typeof confirm !== 'boolean') {
    throw badRequest(`Unsupported value for confirm_email_before_download: '${confirm}'. Use a boolean true or false value.`);
  }
  return { content, filename, retentionWeeks: weeks, confirmEmailBeforeDownload: confirm !== false };
}
