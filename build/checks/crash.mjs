// Crash safety (issue: reliability, part 1), run by build/crash-check on its throwaway cluster.
// Workers submit vehicle registrations and take each through start-review and refuse (the refusal
// writes an SMS to the outbox), every POST with its own Idempotency-Key, as fast as the host answers.
//   - KAZGOV_CRASH_KILLS times (3): the host is SIGKILLed mid-load and started again;
//   - once: PostgreSQL is stopped with pg_ctl -m immediate under load and started again; the host is
//     not restarted: it answers 503 problems meanwhile and recovers on its own.
// After each restart: every acknowledged (2xx) request is in the database with its history, its
// idempotency record and (for a refusal) its outbox row; nothing is half-written; each request that
// got no answer, sent again with its key, succeeds once (replayed if it had committed); acknowledged
// requests sent again replay the stored answer byte for byte. Prints sent/acknowledged/found/lost.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  basePort, call, check, finish, kill9, pg, query, refusal, scalar, signIn, startHost, stopHost, vehicleRegistration, waitReady,
} from './crash-lib.mjs';

const db = 'kazgov_crash';
const kills = Number(process.env.KAZGOV_CRASH_KILLS ?? 3);
const workerCount = Number(process.env.KAZGOV_CRASH_WORKERS ?? 8);
const requests = [];
const totals = { sent: 0, acknowledged: 0, found: 0, lost: 0, unanswered: 0, replayedAfterRetry: 0, ranAfterRetry: 0 };
let nextSerial = 1;

pg('recreate', db);
// The outbox's delivery is part 2's business: here the rows only have to be written.
const quiet = { Notifications__DispatcherEnabled: 'false' };
let host = startHost('crash', basePort, db, quiet);
await waitReady(host);
const token = await signIn(host.url, 'clerk.astana');
const demoApplications = Number(scalar(db, 'SELECT count(*) FROM platform.applications'));

/** The next request of a chain: submit, then start-review, then refuse. */
function nextRequest(chain) {
  const key = randomUUID();
  if (!chain.id) return { kind: 'submit', path: '/api/v1/applications', body: vehicleRegistration(chain.serial), key, chain };
  if (chain.status === 'submitted') return { kind: 'start-review', path: `/api/v1/applications/${chain.id}/start-review`, key, ifMatch: chain.etag, chain };
  return { kind: 'refuse', path: `/api/v1/applications/${chain.id}/refuse`, body: refusal, key, ifMatch: chain.etag, chain };
}

function recordAnswer(request, response) {
  const view = request.kind === 'submit' ? response.json.application : response.json;
  request.id = view.id;
  request.registrationNumber = view.registrationNumber;
  request.answer = { status: response.status, text: response.text };
  request.chain.id = view.id;
  request.chain.status = view.status;
  request.chain.etag = response.headers.get('etag');
}

/** Load until phase.stop: each worker walks chains; a request without a 2xx ends its chain (it is retried later). */
function startLoad(name) {
  const phase = { name, stop: false, statuses: {}, sent: 0, acknowledged: 0 };
  const worker = async () => {
    let chain = null;
    while (!phase.stop) {
      chain ??= { serial: nextSerial++ };
      const request = nextRequest(chain);
      request.phase = name;
      const response = await call(host.url, 'POST', request.path, { token, body: request.body, key: request.key, ifMatch: request.ifMatch });
      requests.push(request);
      phase.sent++;
      phase.statuses[response.status] = (phase.statuses[response.status] ?? 0) + 1;
      if (response.status >= 200 && response.status < 300) {
        request.acknowledged = true;
        phase.acknowledged++;
        recordAnswer(request, response);
        if (request.kind === 'refuse') chain = null;
      } else {
        request.firstAnswer = response.status || response.error;
        chain = null;
        await sleep(200);
      }
    }
  };
  phase.done = Promise.all(Array.from({ length: workerCount }, worker));
  return phase;
}

const ids = (rows) => new Set(rows.map((r) => r.join('/')));

/** Every acknowledged request is in the database with its history, idempotency record and outbox row; nothing half-written. */
function verify(label, acknowledged) {
  const applications = ids(query(db, 'SELECT id FROM platform.applications'));
  const events = ids(query(db, 'SELECT application_id, action FROM platform.application_events'));
  const outbox = ids(query(db, 'SELECT reference FROM platform.outbox_messages WHERE reference IS NOT NULL'));
  const keys = ids(query(db, 'SELECT key FROM platform.idempotency_records'));
  let found = 0;
  const missing = [];
  const missingKeys = new Set();
  for (const r of acknowledged) {
    const whole = applications.has(r.id) && events.has(`${r.id}/${r.kind}`) && keys.has(r.key) && (r.kind !== 'refuse' || outbox.has(r.registrationNumber));
    if (whole) found++; else { missing.push(`${r.kind} ${r.id} (${r.key})`); missingKeys.add(r.key); }
  }
  const lost = acknowledged.length - found;
  check(lost === 0, `${label}: ${acknowledged.length} acknowledged, ${found} found with history, idempotency record${lost ? `; lost: ${missing.slice(0, 5).join(', ')}` : ''} and outbox row, 0 lost`);

  const halfWritten = {
    'applications without their submit event': `SELECT count(*) FROM platform.applications a
      WHERE NOT EXISTS (SELECT 1 FROM platform.application_events e WHERE e.application_id = a.id AND e.action = 'submit')`,
    'applications whose status is not their last event\'s': `SELECT count(*) FROM platform.applications a
      WHERE a.status <> (SELECT e.to_status FROM platform.application_events e WHERE e.application_id = a.id ORDER BY e.id DESC LIMIT 1)`,
    'refused applications without their outbox message': `SELECT count(*) FROM platform.applications a
      WHERE a.status = 'refused' AND NOT EXISTS (SELECT 1 FROM platform.outbox_messages m WHERE m.reference = a.registration_number)`,
    'an action recorded twice on one application': `SELECT count(*) FROM (SELECT 1 FROM platform.application_events
      GROUP BY application_id, action HAVING count(*) > 1) d`,
    'outbox messages twice for one refusal': `SELECT count(*) FROM (SELECT 1 FROM platform.outbox_messages
      WHERE reference IS NOT NULL GROUP BY reference HAVING count(*) > 1) d`,
    'stored submissions whose application does not exist': `SELECT count(*) FROM platform.idempotency_records r
      WHERE r.path = '/api/v1/applications' AND NOT EXISTS (SELECT 1 FROM platform.applications a WHERE r.location = '/api/v1/applications/' || a.id)`,
    'stored transitions whose event does not exist': `SELECT count(*) FROM platform.idempotency_records r
      WHERE r.path LIKE '/api/v1/applications/%/%' AND NOT EXISTS (SELECT 1 FROM platform.application_events e
        WHERE e.application_id::text = split_part(r.path, '/', 5) AND e.action = split_part(r.path, '/', 6))`,
    'one applicant submitted twice': `SELECT count(*) FROM (SELECT 1 FROM platform.applications
      WHERE module_data -> 'vehicle' ->> 'vin' LIKE 'XTA2117%' GROUP BY subject_id HAVING count(*) > 1) d`,
  };
  const broken = Object.entries(halfWritten).map(([what, sql]) => [what, Number(scalar(db, sql))]).filter(([, n]) => n > 0);
  check(broken.length === 0, `${label}: nothing half-written (applications, history, outbox, idempotency records)${broken.length ? `: ${broken.map(([w, n]) => `${n} ${w}`).join('; ')}` : ''}`);
  return missingKeys;
}

/** The requests that got no 2xx, sent again with the same key, body and If-Match: each must now succeed. */
async function retryUnanswered(label) {
  const open = requests.filter((r) => !r.acknowledged && !r.retried);
  let replayed = 0;
  let ran = 0;
  const failures = [];
  const queue = [...open];
  await Promise.all(Array.from({ length: workerCount }, async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      r.retried = true;
      const response = await call(host.url, 'POST', r.path, { token, body: r.body, key: r.key, ifMatch: r.ifMatch });
      if (response.status >= 200 && response.status < 300) {
        r.acknowledged = true;
        r.acknowledgedOnRetry = true;
        recordAnswer(r, response);
        if (response.headers.get('idempotent-replayed') === 'true') replayed++; else ran++;
      } else {
        failures.push(`${r.kind} ${r.key}: ${response.status} ${response.json?.code ?? response.error ?? ''}`);
      }
    }
  }));
  totals.unanswered += open.length;
  totals.replayedAfterRetry += replayed;
  totals.ranAfterRetry += ran;
  check(failures.length === 0, `${label}: ${open.length} requests without an answer sent again with their keys: ${replayed} replayed (they had committed), ${ran} ran now${failures.length ? `; failed: ${failures.slice(0, 5).join(', ')}` : ''}`);
}

/** Acknowledged requests sent again replay the stored answer: same status, same bytes, Idempotent-Replayed. */
async function replayAcknowledged(label, sample) {
  const mismatches = [];
  for (const r of sample) {
    const response = await call(host.url, 'POST', r.path, { token, body: r.body, key: r.key, ifMatch: r.ifMatch });
    if (response.status !== r.answer.status || response.text !== r.answer.text || response.headers.get('idempotent-replayed') !== 'true') {
      mismatches.push(`${r.kind} ${r.key}: ${response.status}`);
    }
  }
  check(sample.length > 0 && mismatches.length === 0, `${label}: ${sample.length} acknowledged requests sent again replay their stored answers byte for byte${mismatches.length ? `; not: ${mismatches.slice(0, 5).join(', ')}` : ''}`);
}

function sampleOf(list, n) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [copy[i], copy[j]] = [copy[j], copy[i]]; }
  return copy.slice(0, n);
}

async function afterRestart(label, phase) {
  const missing = verify(label, requests.filter((r) => r.acknowledged));
  // The counts are of the load's own answers: what was acknowledged the first time it was sent.
  const acknowledged = requests.filter((r) => r.phase === phase.name && r.acknowledged && !r.acknowledgedOnRetry);
  const found = acknowledged.filter((r) => !missing.has(r.key)).length;
  totals.sent += requests.filter((r) => r.phase === phase.name).length;
  totals.acknowledged += acknowledged.length;
  totals.found += found;
  totals.lost += acknowledged.length - found;
  await retryUnanswered(label);
  verify(`${label}, after the retries`, requests.filter((r) => r.acknowledged));
  const fromThisPhase = requests.filter((r) => r.phase === phase.name && r.acknowledged);
  await replayAcknowledged(label, [...sampleOf(acknowledged, 20), ...fromThisPhase.filter((r) => r.acknowledgedOnRetry).slice(0, 20)]);
}

// 1. SIGKILL mid-load, several times.
for (let round = 1; round <= kills; round++) {
  const phase = startLoad(`kill-${round}`);
  const after = 1500 + Math.floor(Math.random() * 2000);
  await sleep(after);
  phase.stop = true; // what is in flight now is cut off by the kill; nothing more is sent to a dead host
  await kill9(host);
  await phase.done;
  console.log(`     kill ${round}: SIGKILL after ${after} ms of load; ${phase.sent} requests sent, ${phase.acknowledged} acknowledged, answers ${JSON.stringify(phase.statuses)}`);
  check(Object.keys(phase.statuses).every((s) => s === '0' || s.startsWith('2')), `kill ${round}: every request was answered 2xx until the kill, none with an error`);
  host = startHost('crash', basePort, db, quiet);
  await waitReady(host);
  await afterRestart(`kill ${round}`, phase);
}

// 2. PostgreSQL stopped immediately under load and started again; the host keeps running.
{
  const phase = startLoad('postgres');
  await sleep(2000);
  const before = phase.acknowledged;
  pg('stop-immediate');
  const downAt = Date.now();
  await sleep(800);
  const someId = requests.find((r) => r.acknowledged)?.id;
  const read = await call(host.url, 'GET', `/api/v1/applications/${someId}`, { token });
  const probe = { kind: 'submit', path: '/api/v1/applications', body: vehicleRegistration(nextSerial++), key: randomUUID(), chain: {}, phase: 'postgres' };
  const write = await call(host.url, 'POST', probe.path, { token, body: probe.body, key: probe.key });
  requests.push(probe);
  for (const [what, r] of [['a read', read], ['a submission', write]]) {
    check(r.status === 503 && /application\/problem\+json/.test(r.headers?.get('content-type') ?? '') && r.json?.code === 'service-unavailable' && Number(r.headers.get('retry-after')) > 0,
      `database down: ${what} is answered 503 service-unavailable problem with Retry-After (${r.status} ${r.json?.code ?? r.error ?? ''}, ${Math.round(r.ms)} ms)`);
  }
  const ready = await call(host.url, 'GET', '/health/ready');
  check(ready.status === 503, `database down: /health/ready answers 503 (${ready.status})`);
  await sleep(Math.max(0, 3000 - (Date.now() - downAt)));
  pg('start');
  const upAt = Date.now();
  let recovered = null;
  while (Date.now() - upAt < 30000) {
    const r = await call(host.url, 'GET', `/api/v1/applications/${someId}`, { token, timeoutMs: 5000 });
    if (r.status === 200) { recovered = Date.now() - upAt; break; }
    await sleep(200);
  }
  check(recovered !== null && !host.exited, `database back: the same host process answers 200 again ${recovered} ms after PostgreSQL started, without a restart`);
  const acknowledgedBeforeRecovery = phase.acknowledged;
  await sleep(2000);
  phase.stop = true;
  await phase.done;
  console.log(`     postgres: down ${upAt - downAt} ms under load; ${phase.sent} requests sent, ${phase.acknowledged} acknowledged, answers ${JSON.stringify(phase.statuses)}`);
  check(before > 0 && phase.acknowledged > acknowledgedBeforeRecovery, `postgres: the load was served before the stop (${before}) and after the recovery (${phase.acknowledged - acknowledgedBeforeRecovery})`);
  check(Object.keys(phase.statuses).every((s) => s === '503' || s.startsWith('2')), 'postgres: every request was answered 2xx or 503, none 500 nor left without an answer');
  await afterRestart('postgres', phase);
}

await stopHost(host);
const applications = Number(scalar(db, 'SELECT count(*) FROM platform.applications')) - demoApplications;
console.log(`     totals: ${totals.sent} sent, ${totals.acknowledged} acknowledged, ${totals.found} found, ${totals.lost} lost; `
  + `${totals.unanswered} without an answer were sent again: ${totals.replayedAfterRetry} replayed, ${totals.ranAfterRetry} ran then; ${applications} applications created`);
console.log(`CRASH-COUNTS sent=${totals.sent} acknowledged=${totals.acknowledged} found=${totals.found} lost=${totals.lost} unanswered=${totals.unanswered} replayed=${totals.replayedAfterRetry} ran-on-retry=${totals.ranAfterRetry}`);
check(totals.lost === 0, `lost: ${totals.lost}`);
finish('crash check');
