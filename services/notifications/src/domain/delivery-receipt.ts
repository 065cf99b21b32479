/**
 * A provider's word on a message after it accepted it (GOV.UK Notify's statuses, in the delivery
 * log's terms). NOT_FOUND: the provider holds no record of the reference we were given.
 */
export type ReceiptState = 'PENDING' | 'DELIVERED' | 'PERMANENT_FAILURE' | 'TEMPORARY_FAILURE' | 'TECHNICAL_FAILURE' | 'NOT_FOUND';

/** What a receipt does to a SENT message: nothing yet, delivered, sent again, or failed for good. */
export type ReceiptOutcome =
  | { readonly kind: 'WAIT' }
  | { readonly kind: 'DELIVERED' }
  | { readonly kind: 'RESEND'; readonly reason: string }
  | { readonly kind: 'FAILED'; readonly failure: 'PERMANENT' | 'TEMPORARY'; readonly reason: string };

/**
 * Decides a receipt, whether it came by callback or by poll (one rule for both). Notify's
 * meanings (docs "Message status"): a permanent failure is a wrong or dead address or number; a
 * temporary failure is a phone switched off or an inbox full, after Notify's own retries for 72
 * hours; a technical failure is Notify's problem and the message was never handed on, so it is
 * sent once more (up to `maxResends`). Every failure ends FAILED, and the caller alerts operations:
 * a parent's document without its password text is not a delivery (R-DEL-PWD).
 */
export function receiptOutcome(state: ReceiptState, providerStatus: string, resendsSoFar: number, maxResends: number): ReceiptOutcome {
  switch (state) {
    case 'PENDING':
      return { kind: 'WAIT' };
    case 'DELIVERED':
      return { kind: 'DELIVERED' };
    case 'PERMANENT_FAILURE':
      return { kind: 'FAILED', failure: 'PERMANENT', reason: `provider: ${providerStatus}` };
    case 'TEMPORARY_FAILURE':
      return { kind: 'FAILED', failure: 'TEMPORARY', reason: `provider: ${providerStatus} (recipient unreachable; try again later)` };
    case 'TECHNICAL_FAILURE':
      return resendsSoFar < maxResends
        ? { kind: 'RESEND', reason: `provider: ${providerStatus}; sent again` }
        : { kind: 'FAILED', failure: 'TEMPORARY', reason: `provider: ${providerStatus} after ${resendsSoFar + 1} sends` };
    case 'NOT_FOUND':
      return { kind: 'FAILED', failure: 'TEMPORARY', reason: 'provider holds no record of the message' };
  }
}

/** Notify's status words (docs "Message status") as receipt states. */
export function receiptStateOf(status: string): ReceiptState {
  switch (status) {
    case 'delivered':
    case 'sent': // international text: handed to the network, Notify gets no receipt
      return 'DELIVERED';
    case 'permanent-failure':
      return 'PERMANENT_FAILURE';
    case 'temporary-failure':
      return 'TEMPORARY_FAILURE';
    case 'technical-failure':
    case 'validation-failed':
      return 'TECHNICAL_FAILURE';
    default:
      return 'PENDING';
  }
}
