// Fuzzing the API from its contract (api/openapi/v1.json) with fast-check, against a real host.
// Run by build/fuzz-check, which starts the host on a fresh database with demo data and rate
// limits lifted. Every operation is called with generated valid requests (real tokens of staff
// roles and integrator clients, known ids) and invalid ones (wrong types, missing and extra fields,
// huge strings, deep JSON, invalid UTF-8, NUL bytes, SQL and HTML, boundary numbers and dates, bad
// IIN/BIN check digits, absent/expired/forged tokens, wrong Content-Type). Properties:
//   - no 5xx, ever;
//   - a 4xx is an RFC 9457 problem (application/problem+json; type, title, status, code), its type
//     is urn:kazgov:problem:<code>, the code is one the contract's table lists with that status, and
//     the operation declares that status (or it is one any operation may give: 401, 405, 406, 413,
//     415, 429, 400 bad-request/malformed-json) with a problem schema the body matches;
//   - a 2xx is declared by the operation and its body validates against the declared schema;
//   - a batch in which every request was rejected changes no table's row count.
// Environment: KAZGOV_FUZZ_URL, KAZGOV_FUZZ_DB (a connection string), KAZGOV_FUZZ_SIGNING_KEY,
// KAZGOV_FUZZ_SEED (default 20261202; "random" for a new one), KAZGOV_FUZZ_RUNS (requests, default
// 10 000), KAZGOV_FUZZ_KEEP_GOING=1 (collect every finding instead of stopping at the first batch).
import fc from 'fast-check';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract, arbitraryFor, poolKey } from './fuzz/contract.mjs';
import { Pick, HOSTILE, sqlFragments, htmlFragments, boundaryNumbers, boundaryDates, oddStrings, validIin } from './fuzz/inputs.mjs';
import { fetchTokens, badTokens } from './fuzz/tokens.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = (process.env.KAZGOV_FUZZ_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const REQUESTS = Number(process.env.KAZGOV_FUZZ_RUNS ?? 10_000);
const SEED = process.env.KAZGOV_FUZZ_SEED === 'random' ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0
  : Number(process.env.KAZGOV_FUZZ_SEED ?? 20261202);
const KEEP_GOING = process.env.KAZGOV_FUZZ_KEEP_GOING === '1';
const BATCH = 40;
const CONCURRENCY = Number(process.env.KAZGOV_FUZZ_CONCURRENCY ?? 6);
const SIGNING_KEY = process.env.KAZGOV_FUZZ_SIGNING_KEY ?? '';

const contract = loadContract(JSON.parse(readFileSync(join(ROOT, 'api', 'openapi', 'v1.json'), 'utf8')));
const { operations, problemCodes, validatorFor } = contract;

// Tables whose rows change without a request of this batch: the dispatchers work through what
// earlier, accepted requests left (outbox, integration events, webhook deliveries), and the
// idempotency records expire. Everything else must keep its row count across a rejected batch.
// api_client_usage counts every client request, refused ones too, and hosts add to it in the background.
const BACKGROUND_TABLES = [/outbox/, /integration_event/, /webhook_deliver/, /idempotency/, /dead_letter/, /api_client_usage/];
const READ_AUDIT_TABLES = [/audit/];
/** The longest prefix of the text whose URL encoding fits in the given bytes. */
const underEncoded = (text, bytes) => { let v = text; while (encodeURIComponent(v).length > bytes) v = v.slice(0, Math.floor(v.length / 2)); return v; };
// The audit trail records who asked about whom even when the answer is a refusal: an address lookup
// that finds nobody (404 «жоқ»), a wrong agency password (403) and a citizen's status lookup that
// misses (404: guessing is watched) are audited by design. Rows a rejected batch adds to
// platform.audit_log must be of these operations, nothing else.
const AUDITED_REFUSALS = /^(address-lookup-|address-certificate-lookup$|agency-password-refused$|agency-password-rate-limited$|application\.status-lookup\.miss$)/;

// Answers any operation may give whatever it declares: the body's size, type and shape (413, 415,
// 400 malformed-json), the method and representation (405, 406), and a token (401) or rate (429).
const GENERIC_STATUSES = new Set([401, 405, 406, 413, 415, 429]);
// …and a request that cannot be read at all (a NUL in a query value, a form the reader refuses,
// JSON that does not parse), even sent to an operation that takes no parameters.
const GENERIC_400_CODES = new Set(['bad-request', 'malformed-json']);

// --- What the API answered so far: ids, numbers, codes and ETags to aim the next requests at.
const pools = new Map();
const etags = new Map();
const remember = (key, value) => {
  if (value === null || value === undefined || typeof value === 'object') return;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = []));
  if (pool.length < 400 && !pool.includes(value)) pool.push(value);
};
function harvest(value, depth = 0) {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) { value.slice(0, 50).forEach((v) => harvest(v, depth + 1)); return; }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'object') { harvest(v, depth + 1); continue; }
    const key = poolKey(k);
    if (key) remember(key, v);
    if (k === 'etag' || k === 'version') remember('etag', v);
    if (k === 'code' && typeof v === 'string') remember('code', v);
  }
}

// --- Requests: generated as plain data, resolved against the pools when sent.
const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);
const authArb = (op, valid) => {
  const real = fc.constantFrom(...Object.keys(TOKENS));
  if (!valid) return fc.oneof(real.map((n) => ({ token: n })), fc.constantFrom('none', 'expired', 'not-yet-valid', 'forged', 'alg-none', 'tampered',
    'other-issuer', 'other-audience', 'unknown-kid', 'garbage', 'truncated', 'empty', 'long', 'basic', 'scheme-only').map((bad) => ({ bad })));
  // Valid requests mostly carry a token this operation already accepted (learned as the run goes).
  const learned = fc.tuple(fc.nat(), real).map(([i, n]) => ({ token: new Pick(`token:${op.id}`, i, n) }));
  return op.secured ? fc.oneof({ weight: 12, arbitrary: learned }, { weight: 6, arbitrary: real.map((n) => ({ token: n })) }, { weight: 1, arbitrary: fc.constant({ bad: 'none' }) })
    : fc.oneof({ weight: 3, arbitrary: fc.constant({ bad: 'none' }) }, { weight: 1, arbitrary: real.map((n) => ({ token: n })) });
};

// Where the loose schemas leave a valid submission to chance, a recipe: the generic part of a
// submission of two services of the demo Astana office (as the .NET lifecycle tests send), so that
// valid runs get past the generic checks into the modules' own.
const ASTANA_OFFICE = 'road-police-astana-671c3429';
const RECIPES = {
  SubmitApplication: fc.tuple(validIin, fc.constantFrom('Ахметов', 'Сейітова', 'Ким', "O'Brien"), fc.constantFrom('Серік', 'Айгерім', 'Nurlan'),
    fc.constantFrom('kk', 'ru', 'en'), fc.boolean()).map(([iin, lastName, firstName, language, vehicle]) => ({
    service: vehicle ? 'vehicle-registration' : 'proxy-driver-registration', ...(vehicle ? { subType: 'registration' } : {}), officeId: ASTANA_OFFICE, applicantType: 'individual',
    applicant: { kind: 'individual', iin, lastName, firstName, phone: '+77011234567', language },
    documents: vehicle ? ['application-form', 'identity-document', 'duty-and-payment-receipts', 'vehicle', 'ownership-documents']
      : ['vehicle-registration-certificate', 'power-of-attorney', 'identity-document'],
    ...(vehicle ? { feeItems: ['registration-certificate', 'registration'] } : {}),
  })),
};

function requestArb(op, valid) {
  const path = {};
  const query = {};
  for (const p of op.parameters) {
    const arb = arbitraryFor(contract, p.schema, p.name);
    const key = p.name === 'code' && op.path.startsWith('/api/v1/services') ? 'service' : poolKey(p.name);
    const value = key ? fc.tuple(fc.nat(), arb).map(([i, f]) => new Pick(key, i, f instanceof Pick ? f.fallback : f)) : arb;
    if (p.in === 'path') path[p.name] = value;
    else if (p.in === 'query') query[p.name] = p.required ? value : fc.option(value, { freq: 2, nil: undefined });
  }
  const generated = op.bodySchema ? arbitraryFor(contract, op.bodySchema, null) : fc.constant(undefined);
  const body = RECIPES[op.id] ? fc.oneof(RECIPES[op.id], generated) : generated;
  const bodyType = op.bodyTypes.length ? fc.constantFrom(...op.bodyTypes) : fc.constant(undefined);
  return fc.record({
    op: fc.constant(op), auth: authArb(op, valid), path: fc.record(path), query: fc.record(query), body, bodyType,
    ifMatch: fc.oneof({ weight: 8, arbitrary: fc.constant('known') }, { weight: 1, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('*', '"0"', 'W/"x"', 'garbage') }),
    idempotencyKey: fc.option(fc.uuid(), { freq: 3, nil: undefined }),
    mutation: valid ? fc.constant(null) : mutationArb,
  });
}

const slotValue = fc.oneof(
  fc.constantFrom(...sqlFragments).map((v) => ({ kind: 'sql', v })), fc.constantFrom(...htmlFragments).map((v) => ({ kind: 'html', v })),
  fc.constantFrom(...boundaryNumbers).map((v) => ({ kind: 'number', v })), fc.constantFrom(...boundaryDates).map((v) => ({ kind: 'date', v })),
  HOSTILE.badIdentifier.map((v) => ({ kind: 'bad-iin', v })), fc.constantFrom(...oddStrings).map((v) => ({ kind: 'odd', v })),
  fc.constantFrom('a\u0000b', '\u0000', 'x\u0000'.repeat(3)).map((v) => ({ kind: 'nul', v })),
);
const wrongTypes = [null, 0, -1, 1.5, true, false, '', 'x', '2026-01-01', [], [1, 'a'], {}, { a: { b: [] } }];
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('wrong-type'), at: fc.nat(), v: fc.constantFrom(...wrongTypes) }),
  fc.record({ kind: fc.constant('missing'), at: fc.nat() }),
  fc.record({ kind: fc.constant('extra'), at: fc.nat(), key: fc.constantFrom('extra', '__proto__', 'constructor', '$type', 'id', 'Iin', ''), v: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('value'), at: fc.nat(), v: slotValue }),
  fc.record({ kind: fc.constant('huge'), at: fc.nat(), v: HOSTILE.hugeString }),
  fc.record({ kind: fc.constant('deep'), at: fc.nat(), v: HOSTILE.deepJson, whole: fc.boolean() }),
  fc.record({ kind: fc.constant('invalid-utf8'), at: fc.nat(), bytes: fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c, 0x28], [0xe2, 0x82], [0xc0, 0xaf]) }),
  fc.record({ kind: fc.constant('content-type'), v: fc.constantFrom(null, 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded',
    'application/json; charset=utf-16', 'application/*', ';;', 'application/json-patch+json', 'text/json') }),
  fc.record({ kind: fc.constant('body-shape'), v: fc.constantFrom('[]', 'null', '42', '"text"', '', '{"a":', 'not json', '{}{}', '\ufeff{}', '{"a":1,"a":2}', 'true', '[{}]') }),
  fc.record({ kind: fc.constant('header'), name: fc.constantFrom('If-Match', 'Idempotency-Key', 'Accept', 'Accept-Language', 'If-None-Match', 'X-Request-Id'),
    v: fc.constantFrom('', 'garbage', 'x'.repeat(3000), '"', 'application/xml', 'zz-ZZ;q=abc', '*/*;q=0', 'text/html', '\t', 'W/') }),
  fc.record({ kind: fc.constant('path'), at: fc.nat(), v: fc.constantFrom('..', '%2e%2e', ' ', '%00', '%FF', '%', 'a%2Fb', 'x'.repeat(1500), '-1', '0', '00000000-0000-0000-0000-000000000000', 'null', '.json', '~') }),
);

const opIndex = fc.noBias(fc.integer({ min: 0, max: operations.length - 1 }));
const arbs = new Map();
const cachedRequestArb = (i, valid) => {
  const key = `${i}:${valid}`;
  if (!arbs.has(key)) arbs.set(key, requestArb(operations[i], valid));
  return arbs.get(key);
};
const batchArb = fc.oneof(
  fc.array(opIndex.chain((i) => cachedRequestArb(i, true)), { minLength: BATCH, maxLength: BATCH }).map((requests) => ({ valid: true, requests })),
  fc.array(opIndex.chain((i) => cachedRequestArb(i, false)), { minLength: BATCH, maxLength: BATCH }).map((requests) => ({ valid: false, requests })),
);

// --- Turning a generated request into bytes on the wire.
const resolve = (value) => {
  if (value instanceof Pick) {
    const pool = pools.get(value.key);
    return pool?.length ? pool[value.index % pool.length] : value.fallback;
  }
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
};

/** Every place a value sits in the request: body fields (any depth), query and path parameters. */
function slots(wire) {
  const found = [];
  const walk = (holder, depth) => {
    if (!holder || typeof holder !== 'object' || depth > 5) return;
    for (const key of Object.keys(holder)) {
      found.push({ holder, key, where: 'body' });
      walk(holder[key], depth + 1);
    }
  };
  if (wire.body && typeof wire.body === 'object') walk(wire.body, 0);
  for (const key of Object.keys(wire.query)) found.push({ holder: wire.query, key, where: 'query' });
  for (const key of Object.keys(wire.path)) found.push({ holder: wire.path, key, where: 'path' });
  return found;
}

const MARK = '\u0001fuzz-raw\u0001';
function build(request) {
  const { op, mutation } = request;
  const wire = {
    method: op.method, path: resolve(request.path), query: Object.fromEntries(Object.entries(resolve(request.query)).filter(([, v]) => v !== undefined)),
    body: resolve(request.body), contentType: request.bodyType, headers: {}, rawPath: {}, rawQuery: '', raw: null, splice: null,
  };
  if (!methodsWithBody.has(op.method)) wire.body = undefined;
  if (op.bodyTypes.length && wire.body === undefined && methodsWithBody.has(op.method)) wire.body = {};
  const auth = resolve(request.auth);
  wire.token = auth.token;
  if (auth.token) wire.headers.Authorization = `Bearer ${TOKENS[auth.token]}`;
  else if (auth.bad === 'basic') wire.headers.Authorization = 'Basic Y2xlcmsuYXN0YW5hOmthemdvdi1kZW1vLTIwMjY=';
  else if (auth.bad === 'scheme-only') wire.headers.Authorization = 'Bearer';
  else if (auth.bad !== 'none') wire.headers.Authorization = `Bearer ${BAD_TOKENS[auth.bad]}`;
  const id = wire.path.id ?? Object.values(wire.path)[0];
  if (op.method !== 'GET' && id !== undefined) {
    if (request.ifMatch === 'known' && etags.has(String(id))) wire.headers['If-Match'] = etags.get(String(id));
    else if (request.ifMatch !== 'known' && request.ifMatch !== 'none') wire.headers['If-Match'] = request.ifMatch;
  }
  if (request.idempotencyKey && op.method === 'POST') wire.headers['Idempotency-Key'] = request.idempotencyKey;

  if (mutation) {
    const all = slots(wire);
    const slot = all.length ? all[(mutation.at ?? 0) % all.length] : null;
    const set = (v) => {
      if (!slot) { wire.query.fuzz = v; return; }
      if (slot.where === 'body') slot.holder[slot.key] = v;
      else slot.holder[slot.key] = typeof v === 'string' ? v : JSON.stringify(v);
    };
    switch (mutation.kind) {
      case 'wrong-type': set(mutation.v); break;
      case 'missing':
        if (slot && slot.where !== 'path') delete slot.holder[slot.key];
        else wire.body = undefined;
        break;
      case 'extra':
        if (wire.body && typeof wire.body === 'object' && !Array.isArray(wire.body)) Object.defineProperty(wire.body, mutation.key, { value: mutation.v, enumerable: true, writable: true, configurable: true });
        else wire.query[mutation.key || 'extra'] = JSON.stringify(mutation.v);
        break;
      case 'value': set(mutation.v.v); break;
      case 'huge':
        if (slot && slot.where === 'body') slot.holder[slot.key] = mutation.v;
        else if (wire.body !== undefined) wire.body = { huge: mutation.v, ...(typeof wire.body === 'object' ? wire.body : {}) };
        // The request line stays under Kestrel's 8 KB, counted encoded (a Cyrillic letter is 6 bytes): its 414 is not the app's.
        else set(underEncoded(mutation.v.slice(0, 700), 3000));
        break;
      case 'deep':
        if (op.method === 'GET') wire.query.deep = mutation.v.slice(0, 1500);
        else if (mutation.whole || !slot || slot.where !== 'body') wire.raw = mutation.v;
        else { slot.holder[slot.key] = MARK; wire.splice = mutation.v; }
        break;
      case 'invalid-utf8':
        if (slot && slot.where === 'body') { slot.holder[slot.key] = MARK; wire.splice = Buffer.from(['"'.charCodeAt(0), 0x61, ...mutation.bytes, 0x62, '"'.charCodeAt(0)]); }
        else if (slot) wire.rawPath[slot.key] = mutation.bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
        else wire.rawQuery = mutation.bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
        break;
      case 'content-type': wire.contentType = mutation.v; if (wire.body === undefined && op.method !== 'GET') wire.body = {}; break;
      case 'body-shape': if (op.method !== 'GET') wire.raw = mutation.v; break;
      case 'header': wire.headers[mutation.name] = mutation.v; break;
      case 'path': {
        const keys = Object.keys(wire.path);
        if (keys.length) wire.rawPath[keys[mutation.at % keys.length]] = mutation.v;
        else wire.query[`p${mutation.at % 3}`] = mutation.v;
        break;
      }
      default: break;
    }
  }

  // An empty segment, a dot segment or an encoded slash can route the request to another operation
  // (GET /services/ is ListServices): its 2xx is then not judged against this operation's contract.
  const shifted = Object.keys(wire.path).some((k) => {
    const v = wire.rawPath[k] ?? String(wire.path[k] ?? '');
    return v === '' || /^(\.|%2e){1,2}$/i.test(v) || /%2f|\//i.test(v) || v.trim() === '';
  });
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name) => wire.rawPath[name] ?? encodeURIComponent(String(wire.path[name] ?? '')));
  const q = Object.entries(wire.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
  if (wire.rawQuery) q.push(`q=${wire.rawQuery}`);
  if (q.length) url += `?${q.join('&')}`;

  let body;
  if (wire.raw !== null) body = wire.raw;
  else if (wire.body !== undefined) {
    if (wire.contentType === 'application/x-www-form-urlencoded' && wire.body && typeof wire.body === 'object') {
      body = new URLSearchParams(Object.entries(wire.body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
    } else {
      const text = JSON.stringify(wire.body) ?? 'null';
      if (wire.splice) {
        const [before, after] = text.split(JSON.stringify(MARK));
        body = Buffer.concat([Buffer.from(before ?? ''), Buffer.from(wire.splice), Buffer.from(after ?? '')]);
      } else body = text;
    }
  }
  const headers = { ...wire.headers };
  if (body !== undefined && wire.contentType) headers['Content-Type'] = wire.contentType;
  if (body !== undefined && !wire.contentType && mutation?.kind !== 'content-type') headers['Content-Type'] = 'application/json';
  return { method: op.method, url, headers, body, token: wire.token, shifted };
}

const describe = (r) => {
  const body = r.body === undefined ? '' : ` ${typeof r.body === 'string' ? r.body : `<${r.body.length} bytes: ${r.body.toString('latin1')}>`}`.slice(0, 600);
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${k === 'Authorization' ? `${v.slice(0, 30)}…` : v.slice(0, 80)}`).join('; ');
  return `${r.method} ${r.url.slice(0, 300)} [${headers}]${body}`;
};

// --- Sending and judging.
async function send(wire) {
  const started = Date.now();
  try {
    const response = await fetch(BASE + wire.url, { method: wire.method, headers: wire.headers, body: wire.body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return { status: response.status, type, text, etag: response.headers.get('etag'), ms: Date.now() - started };
  } catch (error) {
    return { status: 0, type: '', text: String(error?.cause ?? error), ms: Date.now() - started };
  }
}

function judge(request, wire, res) {
  const { op } = request;
  const problems = [];
  const json = (() => { try { return JSON.parse(res.text); } catch { return undefined; } })();
  // Kestrel refuses a NUL in the path before the application runs: a bare 400 with no body, like its
  // 414 and 431. That is the server's protocol layer, not an answer of the API's.
  const kestrel = res.status === 400 && res.text === '' && /%00/.test(wire.url.split('?')[0]);
  if (kestrel) stats.kestrel += 1;
  else if (res.status === 0) problems.push(`no answer: ${res.text}`);
  else if (res.status >= 500) problems.push(`${res.status} (no 5xx, ever)`);
  else if (res.status >= 400) {
    if (!res.type.startsWith('application/problem+json')) problems.push(`${res.status} is not application/problem+json (${res.type || 'no Content-Type'})`);
    if (!json || typeof json !== 'object') problems.push(`${res.status} body is not a JSON object`);
    else {
      for (const field of ['type', 'title', 'code']) if (typeof json[field] !== 'string' || !json[field]) problems.push(`${res.status} problem has no ${field}`);
      if (json.status !== res.status) problems.push(`${res.status} problem says status ${json.status}`);
      if (json.type !== `urn:kazgov:problem:${json.code}`) problems.push(`${res.status} problem type ${json.type} is not urn:kazgov:problem:${json.code}`);
      else if (!problemCodes.get(json.code)?.has(res.status)) problems.push(`${res.status} problem code ${json.code} is not in the contract's table with status ${res.status}`);
      const unreadable = res.status === 400 && GENERIC_400_CODES.has(json.code);
      if (!op.responses[String(res.status)] && !GENERIC_STATUSES.has(res.status) && !unreadable && !wire.shifted) {
        problems.push(`${res.status} ${json.code} is not a declared answer of ${op.id} (declared: ${Object.keys(op.responses).join(', ')})`);
      }
      const declared = op.responses[String(res.status)]?.content?.['application/problem+json']?.schema;
      if (declared && !validatorFor(declared)(json)) problems.push(`${res.status} problem does not match its declared schema: ${JSON.stringify(validatorFor(declared).errors).slice(0, 300)}`);
    }
  } else if (res.status >= 200 && res.status < 300) {
    const declared = op.responses[String(res.status)];
    if (wire.shifted) { /* another operation answered: not judged against this one's contract */ } else if (!declared) problems.push(`${res.status} is not a declared response of ${op.id} (declared: ${Object.keys(op.responses).join(', ')})`);
    else if (declared.content) {
      const mediaType = res.type.split(';')[0].trim();
      const media = declared.content[mediaType];
      if (!media) problems.push(`${res.status} ${mediaType} is not a declared content type (${Object.keys(declared.content).join(', ')})`);
      else if (media.schema && mediaType.includes('json')) {
        if (json === undefined) problems.push(`${res.status} ${mediaType} body is not JSON`);
        else if (!validatorFor(media.schema)(json)) problems.push(`${res.status} body does not match the declared schema: ${JSON.stringify(validatorFor(media.schema).errors).slice(0, 400)}`);
      }
    }
  } else if (res.status !== 304) problems.push(`unexpected ${res.status}`);
  if (wire.token && res.status !== 401 && res.status !== 403) remember(`token:${op.id}`, wire.token);
  if (res.status >= 200 && res.status < 300) {
    harvest(json);
    const id = json && typeof json === 'object' ? (json.id ?? json.application?.id) : undefined;
    if (res.etag) {
      const pathId = wire.url.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0];
      if (pathId) etags.set(pathId, res.etag);
      if (id) etags.set(String(id), res.etag);
    }
  }
  return problems;
}

// --- Row counts of every writable table, read in one statement.
const db = new pg.Client({ connectionString: process.env.KAZGOV_FUZZ_DB });
let countSql = '';
async function counts() {
  const { rows } = await db.query(countSql);
  return new Map(rows.map((r) => [r.t, Number(r.c)]));
}

// --- The run.
let TOKENS = {};
let BAD_TOKENS = {};
const stats = { auditedRefusals: 0, kestrel: 0, requests: 0, byStatus: new Map(), byOp: new Map(), rejectedBatches: 0, countedBatches: 0, mutations: new Map(), findings: new Map(), ms: 0 };

let tokensAt = Date.now();
async function runBatch(batch) {
  // Access tokens live an hour at most: a soak renews them every half hour.
  if (Date.now() - tokensAt > 30 * 60_000) {
    TOKENS = await fetchTokens(BASE, TOKENS);
    BAD_TOKENS = badTokens(TOKENS.admin, SIGNING_KEY);
    tokensAt = Date.now();
  }
  const wires = batch.requests.map(build);
  const before = batch.valid ? null : await counts();
  const results = new Array(wires.length);
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < wires.length) {
      const i = next++;
      results[i] = await send(wires[i]);
    }
  }));
  const failures = [];
  wires.forEach((wire, i) => {
    const request = batch.requests[i];
    const res = results[i];
    stats.requests += 1;
    stats.ms += res.ms;
    stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
    const perOp = stats.byOp.get(request.op.id) ?? { calls: 0, ok: 0 };
    perOp.calls += 1; if (res.status >= 200 && res.status < 300) perOp.ok += 1;
    stats.byOp.set(request.op.id, perOp);
    const kind = request.mutation?.kind ?? (request.auth.bad && request.auth.bad !== 'none' ? `token:${request.auth.bad}` : 'valid');
    stats.mutations.set(kind, (stats.mutations.get(kind) ?? 0) + 1);
    for (const problem of judge(request, wire, res)) {
      const key = `${request.op.method} ${request.op.path}: ${problem.replace(/\d{2,}/g, 'N').slice(0, 120)}`;
      const finding = { key, problem, request: describe(wire), answer: `${res.status} ${res.type} ${res.text.slice(0, 500)}`, mutation: kind };
      failures.push(finding);
      if (!stats.findings.has(key)) stats.findings.set(key, { ...finding, times: 0 });
      stats.findings.get(key).times += 1;
    }
  });
  // Only reads may have been accepted (a read of personal data is audited): every write was refused.
  const writesAccepted = results.some((r, i) => r.status < 400 && wires[i].method !== 'GET');
  if (!batch.valid && !writesAccepted) {
    const readsAccepted = results.some((r) => r.status < 400);
    const after = await counts();
    const auditAdded = (after.get('platform.audit_log') ?? 0) - (before.get('platform.audit_log') ?? 0);
    const audited = auditAdded > 0 ? (await db.query('SELECT operation, actor_id FROM platform.audit_log ORDER BY id DESC LIMIT $1', [auditAdded])).rows : [];
    const auditedRefusals = auditAdded > 0 && !readsAccepted && audited.every((r) => AUDITED_REFUSALS.test(r.operation));
    if (auditedRefusals) stats.auditedRefusals += auditAdded;
    const changed = [...after].filter(([t, c]) => before.get(t) !== c && !BACKGROUND_TABLES.some((re) => re.test(t))
      && !(readsAccepted && READ_AUDIT_TABLES.some((re) => re.test(t))) && !(auditedRefusals && t === 'platform.audit_log'));
    if (changed.length) {
      stats.countedBatches += 1;
      const finding = { key: `rows written by rejected requests: ${changed.map(([t]) => t).join(', ')}`, problem: changed.map(([t, c]) => `${t}: ${before.get(t)} → ${c}`).join(', ') + (audited.length ? ` (audit: ${audited.map((r) => `${r.operation} by ${r.actor_id}`).join(', ')})` : ''),
        request: wires.map(describe).join('\n      '), answer: results.map((r) => r.status).join(' '), mutation: 'batch' };
      failures.push(finding);
      if (!stats.findings.has(finding.key)) stats.findings.set(finding.key, { ...finding, times: 0 });
      stats.findings.get(finding.key).times += 1;
    } else stats.countedBatches += 1;
  }
  return failures;
}

async function main() {
  await db.connect();
  const { rows: tables } = await db.query(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
  stats.tables = tables.length;
  countSql = tables.map(({ t }) => `SELECT '${t}' AS t, count(*) AS c FROM ${t.split('.').map((p) => `"${p}"`).join('.')}`).join(' UNION ALL ');

  TOKENS = await fetchTokens(BASE);
  tokensAt = Date.now();
  BAD_TOKENS = badTokens(TOKENS.admin, SIGNING_KEY);
  // Known values to aim at: the catalogue, the offices, the regions.
  for (const path of ['/api/v1/services', '/api/v1/offices', '/api/v1/regions']) {
    const res = await fetch(BASE + path).then((r) => r.json()).catch(() => null);
    harvest(res);
    for (const item of Array.isArray(res) ? res : res?.items ?? []) {
      if (path.endsWith('services') && item.code) remember('service', item.code);
      if (path.endsWith('offices') && item.id) remember('officeId', item.id);
      if (path.endsWith('regions') && item.code) remember('region', item.code);
    }
  }
  remember('iin', '900101300019');
  fc.sample(validIin, { numRuns: 5, seed: SEED }).forEach((iin) => remember('iin', iin));

  const numRuns = Math.ceil(REQUESTS / BATCH);
  console.log(`fuzz: ${operations.length} operations, ${numRuns} batches of ${BATCH} requests (${numRuns * BATCH}), seed ${SEED}, ${CONCURRENCY} in flight`);
  const started = Date.now();
  let lastFailures = [];
  let error = null;
  try {
    await fc.assert(fc.asyncProperty(batchArb, async (batch) => {
      const failures = await runBatch(batch);
      if (stats.requests % 2000 === 0) console.log(`  ${stats.requests} requests, ${Math.round((Date.now() - started) / 1000)} s, ${stats.findings.size} distinct findings`);
      lastFailures = failures;
      return KEEP_GOING || failures.length === 0;
    }), { seed: SEED, numRuns, endOnFailure: process.env.KAZGOV_FUZZ_SHRINK !== '1', verbose: 0 });
  } catch (e) {
    error = e;
  }
  const seconds = (Date.now() - started) / 1000;
  const statuses = [...stats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  const reached = [...stats.byOp.values()].filter((o) => o.calls > 0).length;
  const deep = [...stats.byOp.values()].filter((o) => o.ok > 0).length;
  console.log(`fuzz: ${stats.requests} requests in ${seconds.toFixed(1)} s (${Math.round(stats.requests / seconds)}/s); statuses ${statuses}`);
  console.log(`fuzz: ${reached}/${operations.length} operations called, ${deep} answered 2xx at least once; ${stats.countedBatches} batches of refused writes had the row counts of ${stats.tables} tables compared (${stats.auditedRefusals} audited refusals); ${stats.kestrel} bare 400s from Kestrel (NUL in the path)`);
  console.log(`fuzz: inputs ${[...stats.mutations].sort(([, a], [, b]) => b - a).map(([k, n]) => `${k}×${n}`).join(' ')}`);
  if (process.env.KAZGOV_FUZZ_VERBOSE === '1') {
    for (const [id, o] of [...stats.byOp].sort()) console.log(`  ${String(o.ok).padStart(4)}/${String(o.calls).padEnd(4)} ${id}`);
    console.log(`  never called: ${operations.filter((o) => !stats.byOp.has(o.id)).map((o) => o.id).join(', ') || 'none'}`);
  }
  await db.end();
  if (stats.findings.size || error) {
    const shown = KEEP_GOING ? [...stats.findings.values()] : lastFailures;
    for (const f of shown) {
      console.log(`\nFAIL ${f.key}${f.times ? ` (${f.times}×)` : ''}\n  ${f.problem}\n  request: ${f.request}\n  answer:  ${f.answer}`);
    }
    if (error && !KEEP_GOING) console.log(`\n${String(error.message).split('\n').slice(0, 4).join('\n')}`);
    console.log(`\nfuzz: FAILED with seed ${SEED}; replay with KAZGOV_FUZZ_SEED=${SEED} (KAZGOV_FUZZ_KEEP_GOING=1 lists every finding)`);
    process.exit(1);
  }
  if (stats.requests < REQUESTS) { console.log(`fuzz: only ${stats.requests} of ${REQUESTS} requests ran`); process.exit(1); }
  if (reached < operations.length) { console.log(`fuzz: ${operations.length - reached} operations were never called (more requests)`); process.exit(1); }
  if (stats.countedBatches === 0) { console.log('fuzz: no batch was rejected whole: the row-count property was never tried'); process.exit(1); }
  console.log(`fuzz: every property held (seed ${SEED})`);
}

await main();
