// What build/checks/crash.mjs and build/checks/outbox-faults.mjs share: host processes of the Debug
// build on the throwaway cluster of build/crash-check, HTTP calls that never throw, and psql.
// The environment comes from build/crash-check (KAZGOV_CRASH_*).
import { spawn, spawnSync } from 'node:child_process';
import { openSync, writeFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
export const work = env.KAZGOV_CRASH_WORK;
export const basePort = Number(env.KAZGOV_CRASH_PORT);

const failures = [];
export const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};
export const failed = () => failures.length > 0;
export function finish(name) {
  if (failures.length) {
    console.log(`${name}: ${failures.length} expectation(s) failed`);
    process.exit(1);
  }
  console.log(`${name}: every expectation held`);
}

/** The cluster's control script written by build/crash-check: stop-immediate | start | recreate DB | psql DB SQL. */
export function pg(...args) {
  const r = spawnSync(env.KAZGOV_CRASH_PG, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pg ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/** Rows of a query as arrays of strings (tab-separated psql output). */
export const query = (db, sql) => pg('psql', db, sql).split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
export const scalar = (db, sql) => query(db, sql)[0]?.[0];

/** A host process on a port; its output goes to <work>/host-<name>.log (appended across restarts). */
export function startHost(name, port, db, extra = {}) {
  const log = openSync(`${work}/host-${name}.log`, 'a');
  const child = spawn('dotnet', [env.KAZGOV_CRASH_DLL, '--urls', `http://127.0.0.1:${port}`, '--contentRoot', env.KAZGOV_CRASH_CONTENT_ROOT], {
    env: { ...env, ConnectionStrings__Kazgov: `${env.KAZGOV_CRASH_CONNECTION};Database=${db}`, ...extra },
    stdio: ['ignore', log, log],
  });
  writeFileSync(`${work}/host-${name}.pid`, String(child.pid));
  const host = { name, port, url: `http://127.0.0.1:${port}`, child, exited: false };
  child.on('exit', () => { host.exited = true; });
  return host;
}

export async function waitReady(host, timeoutMs = 120000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (host.exited) throw new Error(`host ${host.name} exited at start (see host-${host.name}.log)`);
    const r = await call(host.url, 'GET', '/health/ready', { timeoutMs: 3000 });
    if (r.status === 200) return;
    await sleep(300);
  }
  throw new Error(`host ${host.name} was not ready within ${timeoutMs} ms`);
}

export async function kill9(host) {
  if (host.exited) return;
  const gone = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGKILL');
  await gone;
  rmSync(`${work}/host-${host.name}.pid`, { force: true });
}

export async function stopHost(host) {
  if (host.exited) return;
  const gone = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGTERM');
  await Promise.race([gone, sleep(30000)]);
  if (!host.exited) await kill9(host);
  rmSync(`${work}/host-${host.name}.pid`, { force: true });
}

/**
 * One HTTP call; never throws. { status, headers, text, json, ms } or { status: 0, error, ms } when
 * no answer came (refused, reset, timed out).
 */
export async function call(base, method, path, { token, body, key, ifMatch, timeoutMs = 20000, form } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  if (ifMatch) headers['if-match'] = ifMatch;
  let payload;
  if (form) { headers['content-type'] = 'application/x-www-form-urlencoded'; payload = new URLSearchParams(form).toString(); }
  else if (body !== undefined) { headers['content-type'] = 'application/json'; payload = typeof body === 'string' ? body : JSON.stringify(body); }
  const started = performance.now();
  try {
    const response = await fetch(base + path, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, headers: response.headers, text, json, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, error: String(error?.cause?.code ?? error?.name ?? error), ms: performance.now() - started };
  }
}

export async function signIn(base, username) {
  const r = await call(base, 'POST', '/api/v1/auth/token', { form: { grant_type: 'password', username, password: 'kazgov-demo-2026' } });
  if (r.status !== 200) throw new Error(`${username} could not sign in: ${r.status} ${r.text ?? r.error}`);
  return r.json.access_token;
}

/** A valid IIN (check digit per the standard's two passes) of a man born in 1985, unique per serial (< 1 680 000). */
export function iin(serial) {
  const month = String(1 + (serial % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(serial / 12) % 28)).padStart(2, '0');
  const number = Math.floor(serial / 336) % 5000;
  // A number whose check digit comes out 10 twice is never issued: the same serial takes number + 5000 then.
  for (const n of [number, number + 5000]) {
    const eleven = `85${month}${day}3${String(n).padStart(4, '0')}`;
    const weighted = (weights) => [...eleven].reduce((sum, d, i) => sum + Number(d) * weights[i], 0) % 11;
    let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if (check === 10) check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (check !== 10) return eleven + check;
  }
  throw new Error(`no IIN for serial ${serial}`);
}

/** A vehicle registration at the Astana road police, as the clerk submits it (a new IIN and VIN each time). */
export function vehicleRegistration(serial, phone = '+77011234567') {
  return {
    service: 'vehicle-registration',
    subType: 'registration',
    officeId: 'road-police-astana-671c3429',
    applicantType: 'individual',
    applicant: { kind: 'individual', iin: iin(serial), lastName: 'Ахметов', firstName: 'Серік', phone, language: 'kk' },
    documents: ['application-form', 'identity-document', 'duty-and-payment-receipts', 'vehicle', 'ownership-documents'],
    feeItems: ['registration-certificate', 'plate-car', 'registration'],
    moduleData: { vehicle: { vin: `XTA2117${String(serial).padStart(10, '0')}`, make: 'Lada', model: 'Kalina', year: 2015, category: 'car' } },
  };
}

export const refusal = { grounds: ['documents-missing'], explanation: 'Не представлены документы пунктов 12 и 13 стандарта.' };

export const percentile = (values, p) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
