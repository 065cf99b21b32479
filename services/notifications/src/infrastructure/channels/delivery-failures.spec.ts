import { withoutContacts } from './delivery-channel';
import { notifyFailure } from './notify-failure';
import { smtpFailure } from './smtp-failure';

describe('SMTP failures: 5xx and refused security are PERMANENT, 4xx and network trouble TEMPORARY', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'PERMANENT', 'RECIPIENT_REJECTED'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'PERMANENT', 'AUTHENTICATION'],
    [{ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }, 'PERMANENT', 'MESSAGE_REJECTED'],
    [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, 'PERMANENT', 'INSECURE_TRANSPORT'],
    [{ code: 'ETLS', responseCode: 502, command: 'STARTTLS' }, 'PERMANENT', 'INSECURE_TRANSPORT'],
    [{ code: 'ESOCKET', command: 'CONN', message: 'self-signed certificate' }, 'PERMANENT', 'INSECURE_TRANSPORT'],
    [{ code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
    [{ code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' }, 'TEMPORARY', 'RATE_LIMITED'],
    [{ code: 'EAUTH', responseCode: 454, command: 'AUTH PLAIN' }, 'TEMPORARY', 'AUTHENTICATION'],
    [{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, 'TEMPORARY', 'TIMEOUT'],
    [{ code: 'ETLS', command: 'CONN', message: 'Connection closed unexpectedly' }, 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
  ])('%o is %s (%s)', (error, kind, reason) => {
    expect(smtpFailure(error)).toMatchObject({ kind, reason, channel: 'smtp' });
  });

  it('marks the outcome unknown only when the connection broke after it was established', () => {
    expect(smtpFailure({ code: 'ETIMEDOUT', command: 'CONN' })).toMatchObject({ outcomeUnknown: false });
    expect(smtpFailure({ code: 'ETIMEDOUT', command: 'DATA' })).toMatchObject({ outcomeUnknown: true });
    expect(smtpFailure({ code: 'EPROTOCOL', responseCode: 421 })).toMatchObject({ outcomeUnknown: false });
  });

  it('keeps the recipient out of the message', () => {
    const failure = smtpFailure({
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
      response: '550 <jane.doe@example.org>: Recipient address rejected',
    });
    expect(failure.message).toContain('j***@e***.org');
    expect(failure.message).not.toContain('jane.doe');
  });
});

describe("Notify failures, from Notify's documented error codes", () => {
  const answered = (status: number, error: string, message: string) => ({
    isAxiosError: true,
    response: { status, data: { status_code: status, errors: [{ error, message }] } },
  });

  it.each([
    [answered(400, 'ValidationError', 'phone_number Not a UK mobile number'), 'PERMANENT', 'INVALID_RECIPIENT'],
    [answered(400, 'ValidationError', 'email_address Not a valid email address'), 'PERMANENT', 'INVALID_RECIPIENT'],
    [answered(400, 'BadRequestError', "Can't send to this recipient using a team-only API key"), 'PERMANENT', 'RECIPIENT_REJECTED'],
    [answered(400, 'BadRequestError', 'Missing personalisation: body'), 'PERMANENT', 'MESSAGE_REJECTED'],
    [answered(403, 'AuthError', 'Invalid token: API key not found'), 'PERMANENT', 'AUTHENTICATION'],
    [answered(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds'), 'PERMANENT', 'AUTHENTICATION'],
    [answered(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'), 'TEMPORARY', 'RATE_LIMITED'],
    [answered(429, 'TooManyRequestsError', 'Exceeded send limits (sms: 250000) for today'), 'TEMPORARY', 'RATE_LIMITED'],
    [answered(500, 'Exception', 'Internal server error'), 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
    [{ isAxiosError: true, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'TEMPORARY', 'PROVIDER_UNAVAILABLE'],
    [{ isAxiosError: true, code: 'ECONNABORTED', message: 'timeout' }, 'TEMPORARY', 'TIMEOUT'],
  ])('%o is %s (%s)', (error, kind, reason) => {
    expect(notifyFailure(error)).toMatchObject({ kind, reason, channel: 'notify' });
  });

  it("Notify's own 500 was not processed; a gateway's 502 or a dropped connection may hide a success", () => {
    expect(notifyFailure(answered(500, 'Exception', 'Internal server error'))).toMatchObject({ outcomeUnknown: false });
    expect(notifyFailure(answered(502, 'Exception', 'Bad gateway'))).toMatchObject({ outcomeUnknown: true });
    expect(notifyFailure({ isAxiosError: true, code: 'ECONNRESET' })).toMatchObject({ outcomeUnknown: true });
    expect(notifyFailure({ isAxiosError: true, code: 'ECONNREFUSED' })).toMatchObject({ outcomeUnknown: false });
  });
});

describe('withoutContacts', () => {
  it('masks email addresses and phone numbers but leaves dates, times and codes', () => {
    expect(withoutContacts('550 <a.b@c.org>, +44 7700 900123 or 07911 123456 at 2026-03-03 10:00, code 5.1.1')).toBe(
      '550 <a***@c***.org>, +44*******123 or +44*******456 at 2026-03-03 10:00, code 5.1.1',
    );
  });
});
