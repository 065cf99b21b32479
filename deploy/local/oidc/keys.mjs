// The local identity provider's RS256 signing key and cookie keys, made once per machine and kept in
// $CPC_CACHE_DIR/oidc (default ~/.cache/cpc-platform/oidc, beside the stand-ins' certificate), so a
// restarted stack still verifies the tokens it gave out and a second checkout shares them.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultKeysDir(env = process.env) {
  const cache = env.CPC_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cpc-platform');
  return join(cache, 'oidc');
}

/** Reads the keys file, or writes a new one (private, mode 0600) when there is none. */
export function loadOrCreateKeys(dir = defaultKeysDir()) {
  const file = join(dir, 'local-identity-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signing = { ...privateKey.export({ format: 'jwk' }), kid: `local-${randomUUID().slice(0, 8)}`, alg: 'RS256', use: 'sig' };
    const keys = { created: new Date().toISOString(), signing: [signing], cookies: [randomBytes(32).toString('base64url')] };
    // Written aside and renamed, so two first starts at once never leave half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }
  chmodSync(file, 0o600);
  const { signing, cookies } = JSON.parse(readFileSync(file, 'utf8'));
  return { file, signing, cookies };
}
