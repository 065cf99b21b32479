import { receiptOutcome, receiptStateOf } from './delivery-receipt';

describe('R-DEL-PWD: a delivery receipt settles a sent message', () => {
  const decide = (status: string, resends = 0) => receiptOutcome(receiptStateOf(status), status, resends, 1);

  it('Notify permanent-failure and temporary-failure end FAILED, PERMANENT and TEMPORARY: never left as sent', () => {
    expect(decide('permanent-failure')).toEqual({ kind: 'FAILED', failure: 'PERMANENT', reason: 'provider: permanent-failure' });
    expect(decide('temporary-failure')).toMatchObject({ kind: 'FAILED', failure: 'TEMPORARY' });
  });

  it('a technical failure is sent once more, then FAILED', () => {
    expect(decide('technical-failure', 0).kind).toBe('RESEND');
    expect(decide('technical-failure', 1)).toMatchObject({ kind: 'FAILED', failure: 'TEMPORARY' });
  });

  it('in-flight statuses wait; delivered (and an international "sent") is delivered; a message Notify does not know fails', () => {
    for (const status of ['created', 'sending', 'pending', 'accepted']) expect(decide(status).kind).toBe('WAIT');
    expect(decide('delivered').kind).toBe('DELIVERED');
    expect(decide('sent').kind).toBe('DELIVERED');
    expect(receiptOutcome('NOT_FOUND', 'not-found', 0, 1)).toMatchObject({ kind: 'FAILED', failure: 'TEMPORARY' });
  });
});
