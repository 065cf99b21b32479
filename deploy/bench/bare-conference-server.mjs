// The bare baseline of conference-create.bench.mjs, in a process of its own like the service: a plain
// node:http server that, for POST /api/v1/conferences, reads and parses the JSON body and commits the
// same two rows the service writes (the conference and its ConferenceScheduled outbox event) with
// `pg`, then answers 201 with the id; nothing else (no auth, validation, idempotency or audit).
// GET /health/ready answers 200 once listening. Settings: PORT, DATABASE_URL.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
const require = createRequire(import.meta.url);
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 }); // the service's pool size

async function insert(body) {
  const id = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO conferences (id, local_authority, kind, status, scheduled_start, duration_minutes, participation_option, children, warnings, created_by, version, participants)
       VALUES ($1, $2, $3, 'SCHEDULED', $4, $5, $6, $7, '[]', 'bench', 1, $8)`,
      [
        id,
        body.localAuthority,
        body.kind,
        body.scheduledStart,
        body.durationMinutes,
        body.participationOption,
        JSON.stringify(body.children),
        JSON.stringify(body.participants),
      ],
    );
    await client.query(
      // Marked sent: no relay publishes the baseline's rows.
      `INSERT INTO outbox (event_id, topic, message_key, type, envelope, sent_at) VALUES ($1, 'conference.events', $2, 'ConferenceScheduled', $3, now())`,
      [randomUUID(), id, JSON.stringify({ data: body })],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return id;
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health/ready') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (request.method !== 'POST' || request.url !== '/api/v1/conferences') {
    response.writeHead(404).end();
    request.resume();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400).end();
      return;
    }
    insert(body).then(
      (id) => response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id })),
      (error) => {
        process.stderr.write(`${error.message}\n`);
        response.writeHead(500).end();
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
