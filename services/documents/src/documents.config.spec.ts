import { ConfigError, loadConfig } from '@cpc/config';
import { availableParallelism } from 'node:os';
import { DocumentsConfig } from './documents.config';

const key = Buffer.alloc(32, 7).toString('base64');
const production = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' };

describe('DocumentsConfig', () => {
  it('starts with nothing configured (local development keys)', () => {
    expect(loadConfig(DocumentsConfig, {}).DOCUMENTS_ACTIVE_KEY_ID).toBe('local');
  });

  it('sizes the worker pool from the cores (one left for the event loop, at least one) unless DOCUMENT_WORKERS says otherwise', () => {
    const defaults = loadConfig(DocumentsConfig, {});
    expect(defaults.DOCUMENT_WORKERS).toBe(Math.max(1, availableParallelism() - 1));
    expect(defaults.DOCUMENT_WORKER_QUEUE).toBe(64);
    expect(loadConfig(DocumentsConfig, { DOCUMENT_WORKERS: '3', DOCUMENT_WORKER_QUEUE: '0' })).toMatchObject({
      DOCUMENT_WORKERS: 3,
      DOCUMENT_WORKER_QUEUE: 0,
    });
    expect(() => loadConfig(DocumentsConfig, { DOCUMENT_WORKERS: '0' })).toThrow(/DOCUMENT_WORKERS/);
    expect(() => loadConfig(DocumentsConfig, { DOCUMENT_WORKER_QUEUE: 'lots' })).toThrow(/DOCUMENT_WORKER_QUEUE/);
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
