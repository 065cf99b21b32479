import { ConfigError, loadConfig } from '@cpc/config';
import { DocumentsConfig } from './documents.config';

const key = Buffer.alloc(32, 7).toString('base64');
const production = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' };

describe('DocumentsConfig', () => {
  it('starts with nothing configured (local development keys)', () => {
    expect(loadConfig(DocumentsConfig, {}).DOCUMENTS_ACTIVE_KEY_ID).toBe('local');
  });

  it('refuses the local keys in production', () => {
    expect(() => loadConfig(DocumentsConfig, production)).toThrow(ConfigError);
    expect(() => loadConfig(DocumentsConfig, production)).toThrow(/DOCUMENTS_ENCRYPTION_KEYS[\s\S]*DELIVERY_PUBLIC_KEY/);
  });

  it('refuses an active key id that is not listed, or a key of the wrong size', () => {
    expect(() => loadConfig(DocumentsConfig, { DOCUMENTS_ENCRYPTION_KEYS: `k1:${key}`, DOCUMENTS_ACTIVE_KEY_ID: 'k2' })).toThrow(
      /DOCUMENTS_ACTIVE_KEY_ID/,
    );
    expect(() => loadConfig(DocumentsConfig, { DOCUMENTS_ENCRYPTION_KEYS: 'k1:c2hvcnQ=', DOCUMENTS_ACTIVE_KEY_ID: 'k1' })).toThrow(
      /32 bytes/,
    );
    expect(
      loadConfig(DocumentsConfig, { DOCUMENTS_ENCRYPTION_KEYS: `k1:${key}`, DOCUMENTS_ACTIVE_KEY_ID: 'k1' }).DOCUMENTS_ACTIVE_KEY_ID,
    ).toBe('k1');
  });
});
