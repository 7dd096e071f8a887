// The contract (api/openapi/v1.json) as the fuzzer uses it: its operations, a fast-check arbitrary
// for a valid value of each schema, Ajv validators for the declared responses, and the table of
// problem codes and their statuses from the ProblemDetails schema's description.
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Pick, validIin, validBin } from './inputs.mjs';

export function loadContract(document) {
  const schemas = document.components.schemas;
  const resolve = (schema) => {
    let s = schema;
    for (let i = 0; s && s.$ref && i < 20; i++) s = schemas[s.$ref.split('/').pop()];
    return s ?? {};
  };

  const operations = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => ({ ...p, schema: resolve(p.schema) }));
      const content = op.requestBody?.content ?? {};
      operations.push({
        id: op.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path, parameters,
        bodyTypes: Object.keys(content), bodySchema: content['application/json']?.schema ?? Object.values(content)[0]?.schema,
        bodyRequired: op.requestBody?.required ?? false, responses: op.responses, secured: (op.security ?? []).length > 0,
        policy: op['x-kazgov-policy'],
      });
    }
  }

  // code → statuses, from the markdown table in the ProblemDetails description.
  const problemCodes = new Map();
  for (const [, code, status] of (schemas.ProblemDetails.description ?? '').matchAll(/^\| `([a-z0-9-]+)` \| (\d{3}) \|/gm)) {
    if (!problemCodes.has(code)) problemCodes.set(code, new Set());
    problemCodes.get(code).add(Number(status));
  }

  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'double', 'float', 'binary', 'byte']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'contract', components: { schemas } });
  const validators = new Map();
  const validatorFor = (schema) => {
    const key = JSON.stringify(schema);
    if (!validators.has(key)) {
      const rewritten = JSON.parse(key.replaceAll('"#/components/schemas/', '"contract#/components/schemas/'));
      validators.set(key, ajv.compile(rewritten));
    }
    return validators.get(key);
  };

  return { operations, problemCodes, validatorFor, resolve, schemas };
}

// --- Valid values. The contract's schemas are loose (nullable strings), so names decide much:
// known ids and codes come from what the API answered (Pick), identifiers get their check digit.
const today = new Date();
const isoDate = (d) => d.toISOString().slice(0, 10);
const nearDate = fc.integer({ min: -400, max: 400 }).map((days) => isoDate(new Date(today.getTime() + days * 86_400_000)));
const birthDate = fc.integer({ min: 18 * 365, max: 80 * 365 }).map((days) => isoDate(new Date(today.getTime() - days * 86_400_000)));
const dateTime = fc.integer({ min: -400, max: 400 }).map((days) => new Date(today.getTime() + days * 86_400_000).toISOString());
const uuid = fc.uuid({ version: 4 });
const pick = (key, fallback) => fc.tuple(fc.nat(), fallback).map(([i, f]) => new Pick(key, i, f));

/** The pool a field or parameter draws known values from, by its name. */
export function poolKey(name) {
  const n = name.toLowerCase();
  if (n === 'iin' || n.endsWith('iin')) return 'iin';
  if (n === 'bin' || n.endsWith('bin')) return 'bin';
  if (n === 'service' || n === 'servicecode') return 'service';
  if (n === 'officeid' || n === 'office') return 'officeId';
  if (n === 'login' || n === 'username') return 'login';
  if (n === 'region' || n === 'regioncode') return 'region';
  if (n === 'number' || n.endsWith('number')) return 'number';
  if (n === 'id' || n.endsWith('id')) return 'id';
  if (n === 'code') return 'code';
  if (n === 'effectivefrom' || n === 'date') return 'date';
  if (n === 'ground') return 'ground';
  return null;
}

const byName = (name) => {
  const n = (name ?? '').toLowerCase();
  if (n === 'iin' || n.endsWith('iin')) return pick('iin', validIin);
  if (n === 'bin' || n.endsWith('bin')) return validBin;
  if (n.includes('email')) return fc.constantFrom('aigerim@example.kz', 'test@example.org');
  if (n.includes('phone')) return fc.constantFrom('+77011234567', '+77771234567');
  if (n === 'url' || n.endsWith('url')) return fc.constantFrom('https://example.org/hooks/kazgov', 'https://hooks.example.kz/in');
  if (n.includes('birth')) return birthDate;
  // Untyped query strings named for a date or a moment: most take ISO dates or instants.
  if (['from', 'to', 'since', 'until', 'date', 'day', 'on'].includes(n) || n.endsWith('date')) return nearDate;
  if (n.endsWith('at') && n.length > 2 && !n.endsWith('format')) return dateTime;
  if (n === 'service' || n === 'servicecode') return pick('service', fc.constantFrom('driver-licence', 'vehicle-registration'));
  if (n === 'officeid') return pick('officeId', fc.constant('unknown-office'));
  if (n === 'channel') return fc.constantFrom('office', 'portal', 'e-gov', 'con');
  if (n === 'applicanttype') return fc.constantFrom('individual', 'legal-entity', 'foreigner');
  if (n === 'grant_type') return fc.constantFrom('password', 'client_credentials', 'refresh_token', 'authorization_code');
  if (n === 'username' || n === 'login') return pick('login', fc.constantFrom('no.such.user', 'clerk.astana'));
  if (n === 'password') return fc.constantFrom('kazgov-demo-2026', 'wrong');
  if (n === 'client_id') return fc.constantFrom('egov-portal', 'police-astana', 'nobody');
  if (n === 'client_secret') return fc.constantFrom('egov-portal-demo-secret', 'police-astana-demo-secret', 'nope');
  if (n === 'region' || n === 'regioncode') return pick('region', fc.constantFrom('ast', 'ala', '01'));
  if (n.endsWith('id') && n !== 'id') return pick('id', uuid);
  if (n === 'number' || n.endsWith('number')) return pick('number', fc.string({ minLength: 1, maxLength: 12 }));
  return null;
};

/** An arbitrary of a value valid for `schema` (as far as the schema says), named `name`. */
export function arbitraryFor(contract, schema, name, depth = 0) {
  const s = contract.resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    const nonNull = variants.filter((v) => contract.resolve(v).type !== 'null');
    const arbs = (nonNull.length ? nonNull : variants).map((v) => arbitraryFor(contract, v, name, depth));
    return depth > 3 ? fc.constant(null) : fc.oneof({ weight: 9, arbitrary: fc.oneof(...arbs) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  if (s.allOf) return arbitraryFor(contract, s.allOf[0], name, depth);
  const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'string')];
  const nonNull = types.filter((t) => t !== 'null');
  const type = nonNull[0] ?? 'null';
  const named = type === 'string' || (nonNull.includes('string') && s.pattern) ? byName(name) : null;
  let arb;
  if (named) arb = named;
  else if (type === 'integer' || (nonNull.includes('integer'))) {
    const min = s.minimum ?? (s.format === 'int64' ? -1e6 : -5);
    const max = s.maximum ?? (name && /page|limit|size|count|days|years/i.test(name) ? 100 : 10_000);
    arb = fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) });
  } else if (type === 'number' || nonNull.includes('number')) arb = fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
  else if (type === 'boolean') arb = fc.boolean();
  else if (type === 'array') {
    arb = depth > 3 ? fc.constant([]) : fc.array(arbitraryFor(contract, s.items ?? {}, singular(name), depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3), minLength: s.minItems ?? 0 });
  } else if (type === 'object') {
    const props = Object.entries(s.properties ?? {});
    if (!props.length || depth > 4) arb = fc.constant({});
    else {
      const required = new Set(s.required ?? []);
      const record = {};
      for (const [key, sub] of props) record[key] = arbitraryFor(contract, sub, key, depth + 1);
      // Loose schemas mark nothing required; most fields present gives the validators something to pass.
      arb = fc.tuple(fc.record(record), fc.array(fc.boolean(), { minLength: props.length, maxLength: props.length })).map(([full, keep]) =>
        Object.fromEntries(props.map(([k], i) => [k, full[k]]).filter(([k], i) => required.has(k) || keep[i] || keep[(i + 1) % keep.length])));
    }
  } else if (type === 'null') arb = fc.constant(null);
  else if (s.format === 'uuid') arb = pick('id', uuid);
  else if (s.format === 'date') arb = name && /effectivefrom|^date$/i.test(name) ? pick('date', nearDate) : (/birth/i.test(name ?? '') ? birthDate : nearDate);
  else if (s.format === 'date-time') arb = dateTime;
  else if (s.pattern === '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$') arb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  else if (s.examples?.length) arb = fc.constantFrom(...s.examples);
  else arb = fc.oneof({ weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) });
  if (types.includes('null') && depth > 0 && type !== 'null') return fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
  return arb;
}

const singular = (name) => (name && name.endsWith('s') ? name.slice(0, -1) : name);
