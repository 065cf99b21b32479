import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHIPPED = join(__dirname, '..', '..', 'libs', 'calendar', 'src', 'data', 'bank-holidays.json');
const TOOL = join(__dirname, 'refresh-bank-holidays.mjs');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TOOL], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Issue 4: the command that refreshes the shipped bank holiday list, against a local server in
// GOV.UK's format (no internet here); it writes to a copy, never to the shipped file.
describe('calendar:refresh (deploy/tools/refresh-bank-holidays.mjs)', () => {
  let server: Server;
  let body = '';
  let url = '';
  const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'bank-holidays.json');

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bank-holidays.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => copyFileSync(SHIPPED, file));

  it('merges the official list: keeps past years, takes every listed year from GOV.UK', async () => {
    body = JSON.stringify({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'New Year’s Day', date: '2029-01-01', notes: '', bunting: true },
          { title: 'Christmas Day', date: '2028-12-25', notes: '', bunting: true },
        ],
      },
      scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2029-11-30', notes: '', bunting: true }] },
    });
    const { code, output } = await run({ BANK_HOLIDAYS_URL: url, BANK_HOLIDAYS_FILE: file });
    expect(output).toContain('written');
    expect(code).toBe(0);
    const dates = (JSON.parse(readFileSync(file, 'utf8')) as { 'england-and-wales': { events: { date: string }[] } })[
      'england-and-wales'
    ].events.map((e) => e.date);
    expect(dates).toContain('2018-01-01'); // a past year GOV.UK no longer lists is kept
    expect(dates).toContain('2029-01-01');
    expect(dates.filter((d) => d.startsWith('2028-'))).toEqual(['2028-12-25']); // GOV.UK is the authority for 2028
    expect(dates).not.toContain('2029-11-30'); // Scotland's is not ours
  });

  it('refuses a malformed list and leaves the file as it was', async () => {
    body = JSON.stringify({ 'england-and-wales': { events: [{ title: 'x', date: '2029-13-45' }] } });
    const { code, output } = await run({ BANK_HOLIDAYS_URL: url, BANK_HOLIDAYS_FILE: file });
    expect(code).toBe(1);
    expect(output).toContain('unexpected entry');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SHIPPED, 'utf8'));
  });

  it('says clearly when GOV.UK cannot be reached', async () => {
    const { code, output } = await run({ BANK_HOLIDAYS_URL: 'http://127.0.0.1:1/bank-holidays.json', BANK_HOLIDAYS_FILE: file });
    expect(code).toBe(1);
    expect(output).toContain('could not fetch');
  });
});
