import { PermanentDeliveryFailure, TemporaryDeliveryFailure, type DeliveryFailure, type FailureReason } from './delivery-channel';

/** The parts of an axios error (what notifications-node-client rejects with) the mapping reads. */
interface NotifyHttpError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status: number; data?: { errors?: { error?: string; message?: string }[] } };
}

const CHANNEL = 'notify';
// Failed before any byte reached Notify: safe to send again.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export function isNotifyHttpError(error: unknown): error is NotifyHttpError {
  return typeof error === 'object' && error !== null && (error as NotifyHttpError).isAxiosError === true;
}

/**
 * Sorts a Notify failure into PERMANENT or TEMPORARY, from Notify's documented errors
 * (docs.notifications.service.gov.uk "Error codes"): 400 the request or recipient is wrong, 403
 * the API key or clock is wrong, 429 too many requests, 5xx Notify could not process it.
 */
export function notifyFailure(error: NotifyHttpError): DeliveryFailure {
  const response = error.response;
  if (!response) {
    const code = error.code ?? 'NETWORK';
    return new TemporaryDeliveryFailure(`Notify could not be reached: ${code} ${error.message ?? ''}`.trim(), {
      channel: CHANNEL,
      reason: code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'TIMEOUT' : 'PROVIDER_UNAVAILABLE',
      providerCode: code,
      // A reset or timeout after the request went out may hide an accepted message.
      outcomeUnknown: !NOT_SENT.has(code),
    });
  }
  const first = response.data?.errors?.[0];
  const name = first?.error ?? `HTTP ${response.status}`;
  const text = `Notify answered ${response.status} ${name}: ${(response.data?.errors ?? []).map((e) => e.message).join('; ') || 'no detail'}`;
  const details = (reason: FailureReason) => ({ channel: CHANNEL, reason, providerCode: `${response.status} ${name}` });

  if (response.status === 400) {
    const recipientProblem = /^(phone_number|email_address)\b/.test(first?.message ?? '');
    const refused = /send to this recipient|international/i.test(first?.message ?? '');
    return new PermanentDeliveryFailure(
      text,
      details(recipientProblem ? 'INVALID_RECIPIENT' : refused ? 'RECIPIENT_REJECTED' : 'MESSAGE_REJECTED'),
    );
  }
  if (response.status === 401 || response.status === 403) return new PermanentDeliveryFailure(text, details('AUTHENTICATION'));
  if (response.status === 429) return new TemporaryDeliveryFailure(text, details('RATE_LIMITED'));
  if (response.status >= 500) {
    // Notify's own 500 means "not processed, resend"; a gateway's 502-504 may hide a success.
    return new TemporaryDeliveryFailure(text, { ...details('PROVIDER_UNAVAILABLE'), outcomeUnknown: response.status !== 500 });
  }
  return new PermanentDeliveryFailure(text, details('PROVIDER_ERROR'));
}
