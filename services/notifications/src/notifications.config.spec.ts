import { ConfigError, loadConfig } from '@cpc/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationsConfig } from './notifications.config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(NotificationsConfig, env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('NotificationsConfig: its own client credentials for documents', () => {
  it('in production, no AUTH_CLIENT_ID or secret is a start-up error naming both settings', () => {
    const problems = problemsOf({ NODE_ENV: 'production', AUTH_ISSUER: 'https://login.council.example', AUTH_AUDIENCE: 'urn:cpc:api' });
    expect(problems).toEqual(
      expect.arrayContaining([
        "AUTH_CLIENT_ID: required: production refuses HS256 development tokens, so documents are fetched with this service's own client credentials",
        "AUTH_CLIENT_SECRET: required (or AUTH_CLIENT_SECRET_FILE): production refuses HS256 development tokens, so documents are fetched with this service's own client credentials",
      ]),
    );
  });

  it('outside production, none set is the development token; a half-set client is refused', () => {
    expect(problemsOf({ NODE_ENV: 'test' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'test', AUTH_CLIENT_ID: 'cpc-notifications' })).toEqual([
      "AUTH_CLIENT_SECRET: required (or AUTH_CLIENT_SECRET_FILE): documents are fetched with this service's own client credentials",
      'AUTH_CLIENT_TOKEN_URL: required when AUTH_ISSUER is not set (the token endpoint is discovered from the issuer)',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'test',
        AUTH_CLIENT_ID: 'cpc-notifications',
        AUTH_CLIENT_SECRET: 's',
        AUTH_CLIENT_TOKEN_URL: 'http://127.0.0.1:9400/token',
      }),
    ).toEqual([]);
  });

  it('reads the secret from AUTH_CLIENT_SECRET_FILE (trailing newline dropped), and names a file it cannot read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cpc-client-secret-')), 'secret');
    writeFileSync(file, 'from-a-mounted-secret\n');
    const env = { NODE_ENV: 'test', AUTH_CLIENT_ID: 'cpc-notifications', AUTH_ISSUER: 'http://127.0.0.1:9400' };
    expect(loadConfig(NotificationsConfig, { ...env, AUTH_CLIENT_SECRET_FILE: file }).clientSecret()).toBe('from-a-mounted-secret');
    expect(problemsOf({ ...env, AUTH_CLIENT_SECRET_FILE: `${file}.missing` })).toEqual([
      `AUTH_CLIENT_SECRET_FILE=${JSON.stringify(`${file}.missing`)}: cannot be read (ENOENT)`,
    ]);
    expect(problemsOf({ ...env, AUTH_CLIENT_SECRET_FILE: file, AUTH_CLIENT_SECRET: 'also' })).toEqual([
      'AUTH_CLIENT_SECRET_FILE: set together with AUTH_CLIENT_SECRET; give the secret one way only',
    ]);
  });
});
