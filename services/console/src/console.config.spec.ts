import { loadConfig } from '@cpc/config';
import { ConsoleConfig, LOCAL_ISSUER, LOCAL_SESSION_KEYS } from './console.config';

/** What production needs besides the console's own settings (the services' identity provider). */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://login.council.example/jwks',
  AUTH_AUDIENCE: 'urn:cpc:api',
  KAFKA_SSL: 'true',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'cpc-console',
  KAFKA_SASL_PASSWORD: 'a-password',
};

describe('console sign-in settings', () => {
  it('outside production signs in at the local provider with its client and a local session key', () => {
    const config = loadConfig(ConsoleConfig, {});
    expect(config.signInIssuer()).toBe(LOCAL_ISSUER);
    expect(config.CONSOLE_OIDC_CLIENT_ID).toBe('cpc-console');
    expect(config.signInClientSecret()).toBe('local-console-client-secret');
    expect(config.CONSOLE_BASE_URL).toBe('http://127.0.0.1:3005');
    expect(config.sessionKeys()).toEqual([LOCAL_SESSION_KEYS]);
    expect(config.developmentTokensAccepted()).toBe(true);
  });

  it('reads rotated session keys, and refuses a key shorter than 32 characters naming the setting', () => {
    const keys = `${'a'.repeat(32)},${'b'.repeat(40)}`;
    expect(loadConfig(ConsoleConfig, { CONSOLE_SESSION_KEYS: keys }).sessionKeys()).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(() => loadConfig(ConsoleConfig, { CONSOLE_SESSION_KEYS: 'short' })).toThrow(/CONSOLE_SESSION_KEYS/);
    expect(() => loadConfig(ConsoleConfig, { CONSOLE_BASE_URL: 'not a url' })).toThrow(/CONSOLE_BASE_URL/);
  });

  it('production has no local default: issuer, client secret and session keys are required, the address is https', () => {
    let error: Error | undefined;
    try {
      loadConfig(ConsoleConfig, PRODUCTION);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/AUTH_ISSUER/);
    expect(error?.message).toMatch(/CONSOLE_OIDC_CLIENT_SECRET/);
    expect(error?.message).toMatch(/CONSOLE_SESSION_KEYS: the local development default/);
    expect(error?.message).toMatch(/CONSOLE_BASE_URL: must be https/);
    const config = loadConfig(ConsoleConfig, {
      ...PRODUCTION,
      AUTH_ISSUER: 'https://login.council.example',
      CONSOLE_OIDC_CLIENT_SECRET: 'from-the-council-identity-provider',
      CONSOLE_SESSION_KEYS: 'k'.repeat(48),
      CONSOLE_BASE_URL: 'https://console.cpc.council.example',
    });
    expect(config.signInIssuer()).toBe('https://login.council.example');
    expect(config.developmentTokensAccepted()).toBe(false);
  });
});
