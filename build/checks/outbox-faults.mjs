// The outbox under faults (issue: reliability, part 2), run by build/crash-check on its throwaway cluster.
// Two host processes share one database; their SMS/e-mail gateway URLs point at a fault server here
// (/a/… for one host, /b/… for the other; build/checks/fault-gateway.mjs in a worker thread, so that
// this script's own waiting never delays it) that fails as real gateways do, by plan per message:
//   500, 429 with Retry-After, a connection closed without an answer, a hang until the caller gives
//   up, and "slow": the message is taken (an SMS goes out) but the answer comes after the caller's
//   timeout — the one fault after which a second delivery is unavoidable.
// The server logs every call: the message id (the Idempotency-Key header the dispatcher sends), the
// host, the time window from arrival to answer or closed connection, what it did.
// Expectations: every message delivered at least once; at most one extra delivery per "slow" fault;
// a poisoned message (always 500) becomes a dead letter after Notifications:MaxAttempts calls, is
// listed to an administrator and delivered after a replay; while every gateway call hangs, both hosts
// keep serving requests fast; no message is ever in two calls at once (no overlapping windows).
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  basePort, work, call, check, finish, pg, percentile, query, refusal, scalar, signIn, startHost, stopHost, vehicleRegistration, waitReady,
} from './crash-lib.mjs';

const db = 'kazgov_outbox';
const faultPort = basePort + 2;
const maxAttempts = 5;
const gatewayTimeoutMs = 2000;
const poisonPhone = '+77000000013';

// ---- the fault server (build/checks/fault-gateway.mjs, in a worker thread) ----
const gateway = new Worker(new URL('./fault-gateway.mjs', import.meta.url));
let seq = 0;
const waiting = new Map();
gateway.on('message', ({ seq: answered, value }) => { waiting.get(answered)?.(value); waiting.delete(answered); });
gateway.on('error', (error) => { console.error('fault gateway:', error); process.exit(1); });
const control = (op, args = {}) => new Promise((resolve) => { const s = ++seq; waiting.set(s, resolve); gateway.postMessage({ seq: s, op, args }); });
await control('listen', { port: faultPort, slowMs: gatewayTimeoutMs * 2 });

// ---- two hosts on one database ----
pg('recreate', db);
const dispatcher = (name) => ({
  Notifications__SmsGatewayUrl: `http://127.0.0.1:${faultPort}/${name}/sms`,
  Notifications__EmailGatewayUrl: `http://127.0.0.1:${faultPort}/${name}/email`,
  Notifications__PollInterval: '00:00:00.300',
  Notifications__RetriesPerDispatch: '2',
  Notifications__RetryDelay: '00:00:00.200',
  Notifications__GatewayTimeout: `00:00:0${gatewayTimeoutMs / 1000}`,
  Notifications__RedeliveryDelay: '00:00:01',
  Notifications__MaxRedeliveryDelay: '00:00:02',
  Notifications__MaxAttempts: String(maxAttempts),
  Notifications__BatchSize: '4',
  Notifications__LeaseDuration: '00:00:30',
});
// Side by side: the migrator's advisory lock lets one migrate while the other waits.
const a = startHost('a', basePort, db, dispatcher('a'));
const b = startHost('b', basePort + 1, db, dispatcher('b'));
await Promise.all([waitReady(a), waitReady(b)]);
const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
const hosts = [a, b];
const token = await signIn(a.url, 'clerk.astana');
const admin = await signIn(b.url, 'admin');
let serial = 1;

/** Submits on one host and refuses on the other; the refusal's SMS enters the outbox. The plan is set before it exists. */
async function refusedApplication(i, plan, phone) {
  const on = hosts[i % 2];
  const submitted = await call(on.url, 'POST', '/api/v1/applications', { token, body: vehicleRegistration(serial++, phone), key: randomUUID() });
  if (submitted.status !== 201) throw new Error(`submission answered ${submitted.status}: ${submitted.text}`);
  const { registrationNumber, id } = submitted.json.application;
  if (plan === 'poison') await control('poison', { reference: registrationNumber, on: true });
  else if (plan) await control('plan', { reference: registrationNumber, plan });
  const other = hosts[(i + 1) % 2];
  const refused = await call(other.url, 'POST', `/api/v1/applications/${id}/refuse`, { token, body: refusal, key: randomUUID(), ifMatch: submitted.headers.get('etag') });
  if (refused.status !== 200) throw new Error(`refusal answered ${refused.status}: ${refused.text}`);
  return { registrationNumber, id, ms: submitted.ms + refused.ms };
}

const undelivered = () => Number(scalar(db, 'SELECT count(*) FROM platform.outbox_messages WHERE delivered_at IS NULL AND dead_at IS NULL'));
async function waitFor(what, condition, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) return true;
    await sleep(250);
  }
  return check(false, `${what} within ${timeoutMs / 1000} s`);
}

// 1. A mix of faults: every plan several times, spread over both hosts, and one poisoned message.
const faultPlans = [['ok'], ['500'], ['429'], ['close'], ['hang'], ['slow'], ['500', '429', 'close'], ['slow', '500'], ['hang', 'close'], ['429', 'slow']];
const mixed = [];
for (let i = 0; i < 3 * faultPlans.length; i++) mixed.push(await refusedApplication(i, faultPlans[i % faultPlans.length]));
const poison = await refusedApplication(0, 'poison', poisonPhone);
console.log(`     ${mixed.length + 1} messages queued with their faults (${elapsed()})`);
const poisonId = scalar(db, `SELECT id FROM platform.outbox_messages WHERE reference = '${poison.registrationNumber}'`);
await waitFor('the mixed messages delivered and the poisoned one dead', () => undelivered() === 0, 90000);
console.log(`     all delivered but the poisoned one, which is dead (${elapsed()})`);
const poisonRow = query(db, `SELECT attempts, dead_at IS NOT NULL, delivered_at IS NOT NULL FROM platform.outbox_messages WHERE id = '${poisonId}'`)[0];
check(poisonRow?.[0] === String(maxAttempts) && poisonRow?.[1] === 't' && poisonRow?.[2] === 'f',
  `the poisoned message is a dead letter after ${maxAttempts} attempts (attempts ${poisonRow?.[0]}, dead ${poisonRow?.[1]})`);
const deadLetters = await call(b.url, 'GET', '/api/v1/admin/outbox/dead-letters', { token: admin });
const listed = deadLetters.json?.items?.find((m) => m.id === poisonId);
check(deadLetters.status === 200 && listed?.status === 'dead' && listed?.attempts === maxAttempts && listed?.recipient !== poisonPhone,
  `GET /api/v1/admin/outbox/dead-letters lists it for an administrator, recipient masked (${deadLetters.status}, ${listed?.status}, ${listed?.recipient})`);
const byClerk = await call(a.url, 'GET', '/api/v1/admin/outbox/dead-letters', { token });
check(byClerk.status === 403, `a clerk may not list dead letters (${byClerk.status})`);
await control('poison', { reference: poison.registrationNumber, on: false }); // the gateway is fixed
const replayed = await call(a.url, 'POST', `/api/v1/admin/outbox/${poisonId}/replay`, { token: admin });
check(replayed.status === 200 && replayed.json?.status === 'pending', `POST /api/v1/admin/outbox/{id}/replay queues it again (${replayed.status} ${replayed.json?.status})`);
await waitFor('the replayed message delivered', () => scalar(db, `SELECT delivered_at IS NOT NULL FROM platform.outbox_messages WHERE id = '${poisonId}'`) === 't', 30000);
check(scalar(db, `SELECT delivered_at IS NOT NULL FROM platform.outbox_messages WHERE id = '${poisonId}'`) === 't', 'the replayed dead letter is delivered');

// 2. The gateway hangs: requests are served as fast as before.
async function measure(ids, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const host = hosts[i % 2];
    const r = await call(host.url, 'GET', `/api/v1/applications/${ids[i % ids.length]}`, { token, timeoutMs: 10000 });
    if (r.status !== 200) times.push(Infinity); else times.push(r.ms);
  }
  return times;
}
const ids = mixed.map((m) => m.id);
await measure(ids, 10); // warm
const baseline = await measure(ids, 40);
await control('hang-all', { on: true });
const hangStarted = Date.now();
const during = [];
const hungMessages = [];
for (let i = 0; i < 6; i++) { const m = await refusedApplication(i, null); hungMessages.push(m); during.push(m.ms / 2); }
const hangingNow = async () => (await control('calls')).filter((c) => c.fault === 'hang' && c.end === null).length;
await waitFor('the dispatchers calling the hanging gateway', async () => (await hangingNow()) > 0, 10000);
const hangingAtStart = await hangingNow();
during.push(...await measure(ids, 40));
const hangingAtEnd = await hangingNow();
await sleep(Math.max(0, 5000 - (Date.now() - hangStarted)));
await control('hang-all', { on: false });
const fmt = (xs) => `p50 ${Math.round(percentile(xs, 50))} ms, p95 ${Math.round(percentile(xs, 95))} ms, max ${Math.round(Math.max(...xs))} ms`;
console.log(`     latency before: ${fmt(baseline)}; while the gateway hangs (${hangingAtStart}…${hangingAtEnd} calls hanging): ${fmt(during)}`);
check(hangingAtStart > 0 && Math.max(...during) < gatewayTimeoutMs * 0.75 && percentile(during, 50) < Math.max(250, 3 * percentile(baseline, 50)),
  `while the dispatchers' gateway calls hang, both hosts answer every request well within the gateway timeout (max ${Math.round(Math.max(...during))} ms < ${gatewayTimeoutMs * 0.75} ms)`);
await waitFor('the messages queued during the hang delivered after it', () => undelivered() === 0, 60000);
console.log(`     the messages queued during the hang delivered (${elapsed()})`);

// 3. What the gateway saw.
await stopHost(a);
await stopHost(b);
const calls = await control('calls');
const messages = query(db, 'SELECT id, reference, delivered_at IS NOT NULL, dead_at IS NOT NULL, attempts FROM platform.outbox_messages');
const byId = new Map();
for (const c of calls) { if (!byId.has(c.id)) byId.set(c.id, []); byId.get(c.id).push(c); }
const neverDelivered = messages.filter(([id, , delivered]) => delivered !== 't' || !byId.get(id)?.some((c) => c.accepted));
check(messages.length === mixed.length + 1 + hungMessages.length && neverDelivered.length === 0,
  `every message was delivered at least once: ${messages.length} messages, all delivered per the database and taken by the gateway${neverDelivered.length ? `; not: ${neverDelivered.map((m) => m[0]).join(', ')}` : ''}`);
const countedAttempts = messages.reduce((sum, m) => sum + Number(m[4]), 0);
check(countedAttempts === calls.length, `the database counted every gateway call (${countedAttempts} attempts recorded, ${calls.length} calls seen)`);
let duplicates = 0;
const overBound = [];
for (const [id, list] of byId) {
  const accepted = list.filter((c) => c.accepted).length;
  const slow = list.filter((c) => c.fault === 'slow').length;
  duplicates += Math.max(0, accepted - 1);
  if (accepted > 1 + slow) overBound.push(`${id}: ${accepted} deliveries, ${slow} slow`);
}
const slowFaults = calls.filter((c) => c.fault === 'slow').length;
check(overBound.length === 0 && duplicates <= slowFaults,
  `duplicates are bounded: ${duplicates} extra deliveries, each after a "slow" answer (${slowFaults} injected), none otherwise${overBound.length ? `; over: ${overBound.join(', ')}` : ''}`);
const overlaps = [];
for (const [id, list] of byId) {
  const sorted = [...list].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    if (previous.end === null || sorted[i].start < previous.end) overlaps.push(`${id}: ${previous.host}#${previous.attempt} until ${previous.end?.toFixed(0)} and ${sorted[i].host}#${sorted[i].attempt} from ${sorted[i].start.toFixed(0)}`);
  }
}
// A 429 says when to come back (Retry-After: 1): the same message is not called again sooner, by either host.
const early = [];
let rateLimited = 0;
for (const list of byId.values()) {
  const sorted = [...list].sort((x, y) => x.start - y.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (sorted[i].fault !== '429') continue;
    rateLimited++;
    const wait = sorted[i + 1].start - sorted[i].end;
    if (wait < 950) early.push(`${sorted[i].id}: called again ${Math.round(wait)} ms after a 429`);
  }
}
check(rateLimited > 0 && early.length === 0, `after a 429 with Retry-After: 1 the message was not called again within the second (${rateLimited} times)${early.length ? `; ${early.join('; ')}` : ''}`);
const perHost = Object.fromEntries(['a', 'b'].map((h) => [h, calls.filter((c) => c.host === h && c.accepted).length]));
const switched = [...byId.values()].filter((list) => new Set(list.map((c) => c.host)).size > 1).length;
check(overlaps.length === 0 && perHost.a > 0 && perHost.b > 0,
  `no message was in two gateway calls at once: both hosts delivered (a ${perHost.a}, b ${perHost.b}; ${switched} messages were tried by both), no two windows of one message overlap${overlaps.length ? `; overlaps: ${overlaps.slice(0, 5).join('; ')}` : ''}`);
writeFileSync(`${work}/gateway-calls.json`, JSON.stringify(calls, null, 1));
const faults = {};
for (const c of calls) faults[c.fault] = (faults[c.fault] ?? 0) + 1;
console.log(`OUTBOX-COUNTS messages=${messages.length} calls=${calls.length} deliveries=${calls.filter((c) => c.accepted).length} duplicates=${duplicates} faults=${JSON.stringify(faults)} dead-lettered=1 replayed=1`);

await control('close');
await gateway.terminate();
finish('outbox faults check');
