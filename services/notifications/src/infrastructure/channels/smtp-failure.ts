import { PermanentDeliveryFailure, TemporaryDeliveryFailure, type DeliveryFailure, type FailureReason } from './delivery-channel';

/** The parts of a nodemailer error the mapping reads (nodemailer/lib/smtp-connection `_formatError`). */
interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

const CHANNEL = 'smtp';
// Node's certificate errors reach us as ESOCKET with only the message left to tell them apart.
const TLS_PROBLEM =
  /certificate|self[- ]signed|unable to verify|altnames|hostname\/IP does not match|SSL routines|wrong version number|handshake/i;

function permanent(error: NodemailerError, reason: FailureReason): DeliveryFailure {
  return new PermanentDeliveryFailure(describe(error, reason), {
    channel: CHANNEL,
    reason,
    providerCode: error.responseCode ?? error.code,
  });
}

function temporary(error: NodemailerError, reason: FailureReason, outcomeUnknown = false): DeliveryFailure {
  return new TemporaryDeliveryFailure(describe(error, reason), {
    channel: CHANNEL,
    reason,
    providerCode: error.responseCode ?? error.code,
    outcomeUnknown,
  });
}

function describe(error: NodemailerError, reason: FailureReason): string {
  const step = error.command ? ` at ${error.command}` : '';
  return `SMTP send failed (${reason})${step}: ${error.response ?? error.message ?? 'unknown error'}`;
}

/**
 * Sorts a nodemailer failure into PERMANENT or TEMPORARY. A reply code decides when there is one
 * (RFC 5321: 4xx transient, 5xx permanent); otherwise the error code does. TLS failures are
 * permanent: the channel never falls back to plain text, so only a configuration change helps.
 */
export function smtpFailure(raw: unknown): DeliveryFailure {
  const error = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as NodemailerError;
  const reply = error.responseCode;

  if (error.code === 'ETLS' && !/closed unexpectedly/i.test(error.message ?? '')) return permanent(error, 'INSECURE_TRANSPORT');
  if (typeof reply === 'number' && reply >= 500) {
    if (error.code === 'EAUTH') return permanent(error, 'AUTHENTICATION');
    if (error.command === 'RCPT TO') return permanent(error, 'RECIPIENT_REJECTED');
    if (reply === 530 || reply === 538) return permanent(error, 'INSECURE_TRANSPORT');
    return permanent(error, 'MESSAGE_REJECTED');
  }
  if (typeof reply === 'number' && reply >= 400) {
    // A 4xx reply is the server saying "not now": it has not taken the message.
    return temporary(error, error.code === 'EAUTH' ? 'AUTHENTICATION' : reply === 452 ? 'RATE_LIMITED' : 'PROVIDER_UNAVAILABLE');
  }
  switch (error.code) {
    case 'EAUTH':
      return permanent(error, 'AUTHENTICATION');
    case 'EENVELOPE':
    case 'EMESSAGE':
    case 'ESTREAM':
      return permanent(error, 'MESSAGE_REJECTED');
    case 'EDNS':
    case 'ECONNECTION':
    case 'ETLS': // dropped during the TLS handshake: nothing of the message has gone yet
      return temporary(error, 'PROVIDER_UNAVAILABLE');
    case 'ETIMEDOUT':
      // The data may have been sent before the reply timed out.
      return temporary(error, 'TIMEOUT', error.command !== 'CONN');
    case 'ESOCKET':
      if (TLS_PROBLEM.test(error.message ?? '')) return permanent(error, 'INSECURE_TRANSPORT');
      return temporary(error, 'PROVIDER_UNAVAILABLE', error.command !== 'CONN');
    default:
      return temporary(error, 'PROVIDER_ERROR', true);
  }
}
