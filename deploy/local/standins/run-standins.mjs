// Both delivery stand-ins in one process: the SMTP server (STARTTLS required) with its read-back
// API, and the GOV.UK Notify stand-in.
//
//   node deploy/local/standins/run-standins.mjs [--smtp-port N] [--smtp-http-port N] [--notify-port N] [--cert-dir DIR] [--exit-with-parent]
//
// Flags win over the environment (see smtp-standin.mjs and notify-standin.mjs); port 0 picks a free
// port. When both listen, one line goes to stdout, `STANDINS_READY {json}`, with the ports bound,
// the certificate to trust and the credentials, so a test that spawned this process can read them.
// Logs go to stderr. --exit-with-parent stops the process when its stdin closes, so stand-ins a
// test run spawned die with it even if the run is killed.
import { parseArgs } from 'node:util';
import { startNotifyStandin } from './notify-standin.mjs';
import { startSmtpStandin } from './smtp-standin.mjs';
import { say } from './standin-support.mjs';

const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string' },
    'smtp-http-port': { type: 'string' },
    'notify-port': { type: 'string' },
    'exit-with-parent': { type: 'boolean' },
    'cert-dir': { type: 'string' },
  },
});
const port = (flag) => (values[flag] === undefined ? undefined : Number(values[flag]));
const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

let smtp;
let notify;
try {
  smtp = await startSmtpStandin(defined({ port: port('smtp-port'), httpPort: port('smtp-http-port'), certDir: values['cert-dir'] }));
  notify = await startNotifyStandin(defined({ port: port('notify-port') }));
} catch (error) {
  const unwritable = ['EACCES', 'EROFS', 'EPERM'].includes(error.code);
  const hint = unwritable ? ' (set CPC_STANDINS_DIR to a directory this user may write, e.g. /tmp/cpc-standins)' : '';
  say('standins', `could not start: ${error.message}${hint}`);
  await smtp?.close();
  process.exit(1);
}

process.stdout.write(
  `STANDINS_READY ${JSON.stringify({
    pid: process.pid,
    smtp: {
      host: smtp.host,
      port: smtp.smtpPort,
      httpUrl: `http://${smtp.host}:${smtp.httpPort}`,
      caFile: smtp.certFile,
      user: smtp.user,
      password: smtp.password,
      rejectDomain: smtp.rejectDomain,
    },
    notify: { baseUrl: notify.baseUrl, apiKey: notify.apiKey },
  })}\n`,
);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  say('standins', `${signal}: stopping`);
  await Promise.allSettled([smtp.close(), notify.close()]);
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
if (values['exit-with-parent']) {
  process.stdin.on('end', () => stop('parent gone'));
  process.stdin.resume();
}
