// Checks of ./build/cluster: two hosts behind HAProxy and a streaming replica serve one consistent
// API. Every check names the property; the first failure stops the run with a non-zero exit.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

const env = process.env;
const lb = env.KAZGOV_CLUSTER_URL;
const hosts = env.KAZGOV_CLUSTER_HOSTS.split(',');
const recorder = env.KAZGOV_CLUSTER_RECORDER;
const office = 'road-police-astana-671c3429';
const password = 'kazgov-demo-2026';
let failures = 0;

function sql(query, port = env.KAZGOV_CLUSTER_PRIMARY_PORT) {
  return execFileSync(env.KAZGOV_CLUSTER_PSQL, ['-X', '-At', '-q', '-v', 'ON_ERROR_STOP=1', '-h', env.KAZGOV_CLUSTER_PG_HOST, '-p', port, '-U', 'postgres', '-d', env.KAZGOV_CLUSTER_DB, '-c', query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
const replicaSql = (query) => sql(query, env.KAZGOV_CLUSTER_REPLICA_PORT);

async function check(name, body) {
  const started = Date.now();
  try {
    const detail = await body();
    console.log(`ok   ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - started} ms)`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function eventually(read, done, seconds = 10) {
  const until = Date.now() + seconds * 1000;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

async function token(base, body) {
  const response = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const staff = async (base, username) => (await token(base, { grant_type: 'password', username, password })).body.access_token;

function iin(serial) {
  // Born 1 April 1990 (digit 7 = 3), a 4-digit serial and the check digit of the two weight rows.
  for (let s = serial; ; s += 7919) {
    const base = `9004013${String(s % 10000).padStart(4, '0')}`;
    const digits = [...base].map(Number);
    const weighted = (offset) => digits.reduce((sum, d, i) => sum + d * (((i + offset) % 11) + 1), 0) % 11;
    let check = weighted(0);
    if (check === 10) check = weighted(2);
    if (check !== 10) return base + check;
  }
}

function intake(serial) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
  return {
    officeId: office,
    applicant: { kind: 'individual', iin: iin(serial), lastName: 'Ахметов', firstName: 'Серік', citizenship: 'KZ', phone: '+77017654321', language: 'kk' },
    categories: ['B'],
    documents: ['application-form', 'identity-document', 'driving-school-certificate', 'medical-certificate', 'driver-personal-card', 'state-duty-receipt'],
    receipts: [{ item: 'licence', bank: 'Kaspi Bank', receiptNumber: `CL-${randomUUID().slice(0, 12)}`, paidOn: today, amount: 5406.25 }],
  };
}

await check('both hosts are ready, and HAProxy spreads requests over both', async () => {
  for (const host of hosts) expect((await fetch(`${host}/health/ready`)).status === 200, `${host} not ready`);
  const backends = new Set();
  for (let i = 0; i < 10; i++) backends.add((await fetch(`${lb}/api/v1/offices/${office}`)).headers.get('x-kazgov-backend'));
  expect(backends.has('host0') && backends.has('host1'), `backends seen: ${[...backends]}`);
  return `backends ${[...backends].join(', ')}`;
});

await check('a token issued by one host is accepted by the other', async () => {
  const clerk = await staff(hosts[0], 'clerk.astana');
  const response = await fetch(`${hosts[1]}/api/v1/applications`, { headers: { authorization: `Bearer ${clerk}` } });
  expect(response.status === 200, `host1 answered ${response.status}`);
});

await check('idempotency: one key sent to both hosts at once makes one application', async () => {
  const clerks = await Promise.all(hosts.map((host) => staff(host, 'clerk.astana')));
  const keys = [];
  for (let i = 0; i < 10; i++) {
    const key = `cluster-${randomUUID()}`;
    keys.push(key);
    const body = JSON.stringify(intake(i));
    const answers = await Promise.all(hosts.map((host, h) => fetch(`${host}/api/v1/driver-licences/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerks[h]}`, 'idempotency-key': key },
      body,
    }).then(async (r) => ({ status: r.status, body: await r.json() }))));
    expect(answers.every((a) => a.status === 201), `statuses ${answers.map((a) => a.status)}: ${JSON.stringify(answers[0].body).slice(0, 300)}`);
    const ids = new Set(answers.map((a) => a.body.application.id));
    expect(ids.size === 1, `two applications for one key: ${[...ids]}`);
  }
  const list = keys.map((k) => `'${k}'`).join(',');
  const records = Number(sql(`SELECT count(*) FROM platform.idempotency_records WHERE key IN (${list})`));
  expect(records === 10, `${records} idempotency records for 10 keys`);
  return '10 keys, 20 requests, 10 applications';
});

await check('rate limits: each host allows its share, so the caller gets the configured 20 in all', async () => {
  let allowed = 0;
  let limited = 0;
  for (let i = 0; i < 30; i++) {
    const status = (await fetch(`${lb}/api/v1/driver-licences/KZ26${String(i).padStart(7, '0')}/verification?birthDate=1990-04-01`)).status;
    if (status === 429) limited++;
    else allowed++;
  }
  expect(allowed === 20 && limited === 10, `${allowed} allowed, ${limited} limited`);
  return `${allowed} allowed, ${limited} limited`;
});

await check('login lockout holds across hosts: five wrong passwords spread over both lock the account', async () => {
  for (let i = 0; i < 5; i++) {
    const { status } = await token(hosts[i % 2], { grant_type: 'password', username: 'head.almaty', password: 'wrong-password' });
    expect(status === 400 || status === 401 || status === 423, `attempt ${i + 1}: ${status}`);
  }
  for (const host of hosts) {
    const { status, body } = await token(host, { grant_type: 'password', username: 'head.almaty', password });
    expect(status === 423 && body.code === 'account-locked', `${host}: ${status} ${body.code}`);
  }
});

await check('outbox: 200 messages, both hosts dispatching, each delivered exactly once', async () => {
  await fetch(`${recorder}/messages`, { method: 'DELETE' });
  sql(`INSERT INTO platform.outbox_messages (id, channel, recipient, language, subject, body, reference, created_at, next_attempt_at)
       SELECT gen_random_uuid(), 'sms', '+7701' || lpad(n::text, 7, '0'), 'kk', '', 'cluster check', 'cluster-' || n, now(), now()
       FROM generate_series(1, 200) n`);
  const left = await eventually(() => Number(sql(`SELECT count(*) FROM platform.outbox_messages WHERE reference LIKE 'cluster-%' AND delivered_at IS NULL`)), (n) => n === 0, 60);
  expect(left === 0, `${left} not delivered after 60 s`);
  const received = (await (await fetch(`${recorder}/messages`)).json()).filter((m) => m.reference?.startsWith('cluster-'));
  const distinct = new Set(received.map((m) => m.reference));
  expect(received.length === 200 && distinct.size === 200, `gateway got ${received.length} sends of ${distinct.size} messages`);
  const attempts = sql(`SELECT count(*) FROM platform.outbox_attempts a JOIN platform.outbox_messages m ON m.id = a.message_id WHERE m.reference LIKE 'cluster-%' AND a.succeeded`);
  expect(attempts === '200', `${attempts} successful attempts`);
  return '200 sends of 200 distinct messages, one successful attempt each';
});

await check('a reference-data change through one host shows on the other at once', async () => {
  const admin = await staff(hosts[0], 'admin');
  const date = '2031-06-10';
  const kind = async (host) => (await (await fetch(`${host}/api/v1/calendar/days?from=${date}&to=${date}`)).json()).days[0].kind;
  expect((await kind(hosts[1])) === 'working-day', 'not a working day before');
  const put = await fetch(`${hosts[0]}/api/v1/calendar/overrides/${date}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ working: false, reason: { kk: 'Сынақ', ru: 'Тест', en: 'Test' } }),
  });
  expect(put.status === 201, `PUT ${put.status}`);
  const started = Date.now();
  const after = await eventually(() => kind(hosts[1]), (k) => k === 'override-day-off', 5);
  const waited = Date.now() - started;
  await fetch(`${hosts[0]}/api/v1/calendar/overrides/${date}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
  expect(after === 'override-day-off', `host1 still says ${after}`);
  return `host1 saw it after ${waited} ms`;
});

await check('the replica streams: what the primary committed is on the replica, which refuses writes', async () => {
  const primary = sql('SELECT count(*) FROM platform.applications');
  const onReplica = await eventually(() => sql('SELECT count(*) FROM platform.applications', env.KAZGOV_CLUSTER_REPLICA_PORT), (n) => n === primary, 10);
  expect(onReplica === primary, `primary ${primary}, replica ${onReplica}`);
  expect(sql('SELECT pg_is_in_recovery()', env.KAZGOV_CLUSTER_REPLICA_PORT) === 't', 'the replica is not in recovery');
  let refused = false;
  try { sql("INSERT INTO platform.registration_counters (office_id, year, last) VALUES ('x', 1, 1)", env.KAZGOV_CLUSTER_REPLICA_PORT); } catch { refused = true; }
  expect(refused, 'the replica took a write');
  return `${primary} applications on both`;
});

const search = async (host) => {
  const response = await fetch(`${host}/api/v1/offices?service=driver-licence&region=astana`);
  const body = await response.json();
  return { source: response.headers.get('kazgov-read-source'), names: body.items.filter((o) => o.id === office).map((o) => o.name) };
};

await check('the office search is answered by the replica while it keeps up', async () => {
  const answer = await eventually(() => search(hosts[1]), (a) => a.source === 'replica', 5);
  expect(answer.source === 'replica', `answered by ${answer.source}`);
});

await check('a delayed replica: reads of a changed application go to the primary; the search never shows data older than the bound', async () => {
  // The replica applies commits 4 s late; the hosts set it aside beyond 2 s of lag (Database:Replica:MaxLagSeconds).
  replicaSql("ALTER SYSTEM SET recovery_min_apply_delay = '4s'");
  replicaSql('SELECT pg_reload_conf()');
  try {
    const clerk = await staff(hosts[0], 'clerk.astana');
    const submitted = await fetch(`${hosts[0]}/api/v1/driver-licences/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(intake(77)),
    });
    expect(submitted.status === 201, `submit ${submitted.status}`);
    const { application } = await submitted.json();
    const review = await fetch(`${hosts[0]}/api/v1/applications/${application.id}/start-review`, {
      method: 'POST', headers: { authorization: `Bearer ${clerk}`, 'if-match': submitted.headers.get('etag') },
    });
    expect(review.ok, `start-review ${review.status}`);
    const read = await (await fetch(`${hosts[1]}/api/v1/applications/${application.id}`, { headers: { authorization: `Bearer ${clerk}` } })).json();
    expect(read.status === 'in-review', `the other host read ${read.status} right after the change`);

    const before = (await search(hosts[1])).names[0];
    sql(`UPDATE platform.offices SET name = name || ' (moved)' WHERE id = '${office}'`);
    const changedAt = Date.now();
    const sources = new Set();
    let staleAfter = 0;
    while (Date.now() - changedAt < 6000) {
      const answer = await search(hosts[1]);
      sources.add(answer.source);
      if (answer.names[0] === before) staleAfter = Date.now() - changedAt;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const finalAnswer = await search(hosts[1]);
    sql(`UPDATE platform.offices SET name = '${before.replace(/'/g, "''")}' WHERE id = '${office}'`);
    // The bound (2 s) plus one lag check (0.5 s) and a request's time.
    expect(staleAfter <= 3000, `the old name was served ${staleAfter} ms after the change`);
    expect(sources.has('primary'), 'the replica was never set aside');
    expect(finalAnswer.names[0] === `${before} (moved)`, `after catching up: ${finalAnswer.names[0]} from ${finalAnswer.source}`);
    return `old name last seen ${staleAfter} ms after the change; sources ${[...sources].join(', ')}; then ${finalAnswer.source}`;
  } finally {
    replicaSql('ALTER SYSTEM RESET recovery_min_apply_delay');
    replicaSql('SELECT pg_reload_conf()');
  }
});

if (failures > 0) {
  console.log(`cluster: ${failures} check(s) failed`);
  process.exit(1);
}
console.log('cluster: every check held');
