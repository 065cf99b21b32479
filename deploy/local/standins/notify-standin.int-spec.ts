// The Notify stand-in is only useful if it refuses what GOV.UK Notify refuses: these cases follow
// notifications-api app/authentication/auth.py and the v2 schema errors, request by request.
import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { startStandins, type RunningStandins } from './standins-process';

describe('GOV.UK Notify stand-in: authentication and checks as Notify makes them', () => {
  let standins: RunningStandins;
  let serviceId: string;
  let secret: string;
  const templateId = randomUUID();

  const post = (path: string, body: unknown, authorization?: string) =>
    fetch(`${standins.notify.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
  // jsonwebtoken adds iat unless told not to; the "no iat" case needs it absent.
  const token = (claims: Record<string, unknown>, key = secret, algorithm: 'HS256' | 'HS512' = 'HS256') =>
    `Bearer ${sign(claims, key, { algorithm, noTimestamp: !('iat' in claims), header: { typ: 'JWT', alg: algorithm } })}`;
  const now = () => Math.floor(Date.now() / 1000);
  const sms = { phone_number: '07700900123', template_id: templateId, personalisation: { body: 'hello' } };

  beforeAll(async () => {
    standins = await startStandins();
    secret = standins.notify.apiKey.slice(-36);
    serviceId = standins.notify.apiKey.slice(-73, -37);
  });
  afterAll(() => standins?.stop());

  it.each([
    ['no Authorization header', () => undefined, 401, 'Unauthorized: authentication token must be provided'],
    ['another scheme', () => 'Basic abc', 401, 'Unauthorized: authentication bearer scheme must be used'],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt', 403, 'Invalid token: make sure your API token matches the example'],
    ['no iss', () => token({ iat: now() }), 403, 'Invalid token: iss field not provided'],
    [
      'an iss that is not a service id',
      () => token({ iss: 'council', iat: now() }),
      403,
      'Invalid token: service id is not the right data type',
    ],
    ['an unknown service', () => token({ iss: randomUUID(), iat: now() }), 403, 'Invalid token: service not found'],
    ['another key', () => token({ iss: serviceId, iat: now() }, randomUUID()), 403, 'Invalid token: API key not found'],
    ['no iat', () => token({ iss: serviceId }), 403, 'Invalid token: API key not found'],
    [
      'an iat 31 seconds old',
      () => token({ iss: serviceId, iat: now() - 31 }),
      403,
      'Error: Your system clock must be accurate to within 30 seconds',
    ],
    [
      'an iat 31 seconds ahead',
      () => token({ iss: serviceId, iat: now() + 31 }),
      403,
      'Error: Your system clock must be accurate to within 30 seconds',
    ],
    ['HS512', () => token({ iss: serviceId, iat: now() }, secret, 'HS512'), 403, 'Invalid token: algorithm used is not HS256'],
  ])('refuses %s', async (_case, authorization, status, message) => {
    const response = await post('/v2/notifications/sms', sms, authorization());
    expect(response.status).toBe(status);
    const body = (await response.json()) as { status_code: number; errors: { error: string; message: string }[] };
    expect(body.status_code).toBe(status);
    expect(body.errors).toEqual([{ error: 'AuthError', message: expect.stringContaining(message) }]);
  });

  it('accepts a token signed with the key secret, iss = service id, iat now (what notifications-node-client sends)', async () => {
    const response = await post('/v2/notifications/sms', sms, token({ iss: serviceId, iat: now() }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ content: { body: 'hello' }, template: { id: templateId, version: 1 } });
  });

  it.each([
    ['a missing recipient', { template_id: templateId }, 'ValidationError', 'phone_number is a required property'],
    ['a template id that is not a UUID', { ...sms, template_id: 'welcome' }, 'ValidationError', 'template_id is not a valid UUID'],
    ['an unknown field', { ...sms, colour: 'red' }, 'ValidationError', 'Additional properties are not allowed (colour was unexpected)'],
    ['a landline', { ...sms, phone_number: '020 7946 0000' }, 'ValidationError', 'phone_number Not a UK mobile number'],
    [
      'letters in the number',
      { ...sms, phone_number: '07700 9OO123' },
      'ValidationError',
      'phone_number Must not contain letters or symbols',
    ],
    ['a missing placeholder value', { ...sms, personalisation: {} }, 'BadRequestError', 'Missing personalisation: body'],
    [
      'a file sent by text',
      { ...sms, personalisation: { body: 'x', f: { file: 'YWJj' } } },
      'BadRequestError',
      'Can only send a file by email',
    ],
    [
      'a text over 918 characters',
      { ...sms, personalisation: { body: 'x'.repeat(919) } },
      'BadRequestError',
      'Text messages cannot be longer than 918 characters',
    ],
  ])('answers 400 for %s', async (_case, body, error, message) => {
    const response = await post('/v2/notifications/sms', body, token({ iss: serviceId, iat: now() }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toContainEqual({ error, message: expect.stringContaining(message) });
  });

  it('answers 400 for a file with a type Notify does not send', async () => {
    const email = {
      email_address: 'parent@example.org',
      template_id: templateId,
      personalisation: { subject: 's', body: 'b', link: { file: 'YWJj', filename: 'run.exe' } },
    };
    const response = await post('/v2/notifications/email', email, token({ iss: serviceId, iat: now() }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ error: 'BadRequestError', message: expect.stringContaining("Unsupported file type 'exe'") }],
    });
  });

  it('answers 404 NoResultFound for a notification it does not have', async () => {
    const response = await fetch(`${standins.notify.baseUrl}/v2/notifications/${randomUUID()}`, {
      headers: { authorization: token({ iss: serviceId, iat: now() }) },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] });
  });
});
