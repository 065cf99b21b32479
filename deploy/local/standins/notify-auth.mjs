// GOV.UK Notify's API authentication, as notifications-api checks it (app/authentication/auth.py,
// with notifications-python-client's decode_jwt_token): a bearer JWT signed HS256 with the secret
// half of an API key, `iss` = service id, `iat` within 30 seconds of the server's clock.
// Messages and status codes are Notify's own, so a client sees the same failure here as live.
import { createHmac, timingSafeEqual } from 'node:crypto';

const CLOCK_BOUND_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENERAL_TOKEN_ERROR =
  'Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header';

export class NotifyAuthError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  toResponse() {
    return { status_code: this.status, errors: [{ error: 'AuthError', message: this.message }] };
  }
}

export const isUuid = (value) => typeof value === 'string' && UUID.test(value);

/**
 * Splits an API key the way the client does: the last 36 characters are the secret, the 36
 * before them (and a hyphen) the service id, anything in front is the key's name.
 */
export function parseApiKey(apiKey) {
  const key = String(apiKey).trim();
  const secret = key.slice(-36);
  const serviceId = key.slice(-73, -37);
  if (!isUuid(secret) || !isUuid(serviceId) || key.at(-37) !== '-') {
    throw new Error('an API key looks like <key name>-<service id uuid>-<secret uuid>');
  }
  return { name: key.slice(0, -74) || 'unnamed', serviceId: serviceId.toLowerCase(), secret };
}

/** Service id -> its keys, from full API keys. */
export function keyring(apiKeys) {
  const services = new Map();
  for (const apiKey of apiKeys) {
    const key = parseApiKey(apiKey);
    services.set(key.serviceId, [...(services.get(key.serviceId) ?? []), key]);
  }
  return services;
}

function base64UrlJson(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Decodes without verifying, as get_token_issuer does; throws the general error on junk. */
function decodeUnverified(token) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new NotifyAuthError(GENERAL_TOKEN_ERROR, 403);
  try {
    const header = base64UrlJson(parts[0]);
    const payload = base64UrlJson(parts[1]);
    if (typeof payload !== 'object' || payload === null) throw new Error('payload is not an object');
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] };
  } catch {
    throw new NotifyAuthError(GENERAL_TOKEN_ERROR, 403);
  }
}

function signedWith(decoded, secret) {
  const expected = createHmac('sha256', secret).update(decoded.signingInput).digest();
  const given = Buffer.from(decoded.signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Checks an Authorization header against the keyring. Returns the service id and key name, or
 * throws NotifyAuthError with Notify's message and status (401 or 403).
 */
export function authenticate(authorization, services, nowSeconds = Math.floor(Date.now() / 1000)) {
  if (!authorization) throw new NotifyAuthError('Unauthorized: authentication token must be provided', 401);
  const scheme = authorization.slice(0, 7);
  if (scheme.charAt(0).toUpperCase() + scheme.slice(1).toLowerCase() !== 'Bearer ') {
    throw new NotifyAuthError('Unauthorized: authentication bearer scheme must be used', 401);
  }
  const decoded = decodeUnverified(authorization.slice(7));
  if (!('iss' in decoded.payload)) throw new NotifyAuthError('Invalid token: iss field not provided', 403);
  if (!isUuid(decoded.payload.iss)) throw new NotifyAuthError('Invalid token: service id is not the right data type', 403);
  const keys = services.get(decoded.payload.iss.toLowerCase());
  if (!keys || keys.length === 0) throw new NotifyAuthError('Invalid token: service not found', 403);

  for (const key of keys) {
    // PyJWT refuses a foreign algorithm before it looks at the signature.
    if (decoded.header.alg !== 'HS256') throw new NotifyAuthError('Invalid token: algorithm used is not HS256', 403);
    // A token without iat, or signed with another key, is "not this key": try the next one.
    if (!signedWith(decoded, key.secret) || !('iat' in decoded.payload)) continue;
    const iat = Math.trunc(Number(decoded.payload.iat));
    if (!Number.isFinite(iat)) throw new NotifyAuthError(GENERAL_TOKEN_ERROR, 403);
    if (nowSeconds > iat + CLOCK_BOUND_SECONDS || iat > nowSeconds + CLOCK_BOUND_SECONDS) {
      throw new NotifyAuthError('Error: Your system clock must be accurate to within 30 seconds', 403);
    }
    if (typeof decoded.payload.exp === 'number' && nowSeconds > decoded.payload.exp + CLOCK_BOUND_SECONDS) {
      throw new NotifyAuthError(GENERAL_TOKEN_ERROR, 403);
    }
    return { serviceId: key.serviceId, keyName: key.name };
  }
  throw new NotifyAuthError('Invalid token: API key not found', 403);
}
