#!/usr/bin/env node
// Records every platform-specific optional dependency in package-lock.json.
//
// The package registry this project installs from serves only some platforms' native
// binaries (@swc/core-*, @nx/nx-*, @unrs/resolver-binding-*, ...). `npm install` then writes a
// lockfile without the others, and `npm ci` refuses that lockfile as "Missing: ... from lock
// file". Each missing optional dependency is recorded here with the version its parent asks for
// and the os/cpu its name states, so `npm ci` skips it on every other platform exactly as it
// would with a lockfile written against the full registry.
//
// Run after any `npm install` that changes the lockfile:  node deploy/tools/complete-lockfile.mjs
import fs from 'node:fs';
import path from 'node:path';

const lockPath = path.resolve(import.meta.dirname, '../../package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'netbsd', 'openbsd', 'aix'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform binary: leave npm's decision alone
    lock.packages[`node_modules/${name}`] = { version: range, optional: true, ...platform };
    added += 1;
  }
}

const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: recorded ${added} platform-specific optional dependencies`);
