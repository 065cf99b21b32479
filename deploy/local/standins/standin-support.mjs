// What both stand-ins share: where their state lives, a self-signed certificate, and a small
// JSON-over-HTTP toolkit. Plain Node so the stand-ins run with no build step.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, from this file's own place (deploy/local/standins). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Where the stand-ins' self-signed key and certificate live: one absolute directory for the whole
 * machine (CPC_STANDINS_DIR, else ~/.cache/cpc-platform/standins), outside every checkout, so any
 * checkout trusts stand-ins that another started (issue 13) and no key is ever committed. An image
 * running as a non-root user sets CPC_STANDINS_DIR under /tmp.
 */
export const STATE_DIR = resolve(
  process.env.CPC_STANDINS_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cpc-platform', 'standins'),
);

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl) {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(process.argv[1]).href;
}

export function envNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function envString(name, fallback) {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/**
 * A self-signed certificate for localhost, made once with openssl and reused. Its subject
 * alternative names let clients verify it at 127.0.0.1 as well as at localhost.
 */
export function ensureSelfSignedCertificate(dir = STATE_DIR, name = 'smtp-standin') {
  const keyFile = join(dir, `${name}.key.pem`);
  const certFile = join(dir, `${name}.cert.pem`);
  // The key is renamed into place last, so its presence means the pair is complete.
  const ready = () => existsSync(keyFile) && existsSync(certFile);
  if (ready()) return { keyFile, certFile };
  mkdirSync(dir, { recursive: true });
  // Tests and `infra.sh up` may start stand-ins at the same moment: one makes the pair (mkdir is
  // the atomic lock), the others wait for it, so nobody serves a key that does not match the cert.
  const lock = join(dir, `${name}.lock`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (ready()) return { keyFile, certFile };
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true }); // left by a crashed run
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  const tmpKey = `${keyFile}.${process.pid}`;
  const tmpCert = `${certFile}.${process.pid}`;
  try {
    if (ready()) return { keyFile, certFile };
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=localhost'],
        // Node checks an IP address only against IP SANs, never against the CN.
        ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'],
        ...['-keyout', tmpKey, '-out', tmpCert],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    chmodSync(tmpKey, 0o600);
    renameSync(tmpCert, certFile);
    renameSync(tmpKey, keyFile);
  } catch (error) {
    const detail = error.stderr ? String(error.stderr).trim() : error.message;
    throw new Error(`could not create the stand-in's self-signed certificate with openssl: ${detail}`);
  } finally {
    rmSync(tmpKey, { force: true });
    rmSync(tmpCert, { force: true });
    rmSync(lock, { recursive: true, force: true });
  }
  return { keyFile, certFile };
}

export function sendJson(res, status, body, headers = {}) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(payload);
}

/** Reads a request body up to `limit` bytes; larger bodies are refused rather than buffered. */
export function readBody(req, limit = 10 * 1024 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON body; `undefined` for an empty one, an error with status 400 for bad JSON. */
export async function readJson(req, limit) {
  const raw = await readBody(req, limit);
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw Object.assign(new Error('body is not valid JSON'), { status: 400 });
  }
}

/** Listens and resolves with the port actually bound (port 0 asks the system for a free one). */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve(server.address().port);
    });
  });
}

export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** A list that keeps only the newest `limit` entries, so a long-running stand-in stays small. */
export class BoundedLog {
  constructor(limit) {
    this.limit = limit;
    this.items = [];
  }
  add(item) {
    this.items.push(item);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    return item;
  }
  clear() {
    this.items = [];
  }
}

/** Logs one line to stderr, so stdout stays free for the ready line that tests read. */
export function say(component, line) {
  process.stderr.write(`[${component}] ${new Date().toISOString()} ${line}\n`);
}
