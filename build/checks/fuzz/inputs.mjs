// Generators for the fuzzer: values from the contract's JSON schemas (valid ones, with domain
// knowledge where the schemas are loose: IINs and BINs with their check digit, known ids, service
// codes and dates near today), and the hostile values the invalid requests are made of.
import fc from 'fast-check';

/** A value taken at send time from what the API has answered so far (ids, numbers, codes), else the fallback. */
export class Pick {
  constructor(key, index, fallback) { this.key = key; this.index = index; this.fallback = fallback; }
}

// --- Kazakh identifiers: 11 digits and a check digit (weights 1..11, then 3..11,1,2; 10 twice: unusable).
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
export function checkDigit(eleven) {
  const sum = (w) => [...eleven].reduce((s, d, i) => s + Number(d) * w[i], 0);
  const first = sum(W1) % 11;
  if (first !== 10) return first;
  const second = sum(W2) % 11;
  return second === 10 ? null : second;
}
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A valid IIN: born 1940..2009, the century/sex digit, four serial digits and the check digit. */
export const validIin = fc.tuple(fc.integer({ min: 1940, max: 2009 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
  fc.boolean(), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9 })).map(([y, m, d, male, serial, bump]) => {
  const century = y >= 2000 ? (male ? 5 : 6) : (male ? 3 : 4);
  for (let k = 0; k < 10; k++) {
    const eleven = `${pad(y % 100)}${pad(m)}${pad(d)}${century}${pad((serial + k * 1013 + bump) % 10000, 4)}`;
    const c = checkDigit(eleven);
    if (c !== null) return eleven + c;
  }
  return '900101300019';
});

/** A valid BIN: year and month of registration, type 4..6, a sign digit, five serial digits and the check digit. */
export const validBin = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 4, max: 6 }),
  fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99999 })).map(([y, m, type, sign, serial]) => {
  for (let k = 0; k < 10; k++) {
    const eleven = `${pad(y)}${pad(m)}${type}${sign}${pad((serial + k * 7919) % 100000, 5)}`;
    const c = checkDigit(eleven);
    if (c !== null) return eleven + c;
  }
  return '010140000043';
});

/** An IIN or BIN that is wrong in one way: the check digit, the length, a letter, the century digit or the date. */
export const badIdentifier = fc.tuple(fc.oneof(validIin, validBin), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 9 }))
  .map(([good, how, n]) => {
    switch (how) {
      case 0: return good.slice(0, 11) + ((Number(good[11]) + n) % 10); // wrong check digit
      case 1: return good.slice(0, 11); // too short
      case 2: return good + n; // too long
      case 3: return good.slice(0, 5) + 'A' + good.slice(6);
      case 4: return good.slice(0, 6) + (n > 6 ? 0 : 7 + (n % 3)) + good.slice(7); // no such century digit
      default: return '99' + '13' + '32' + good.slice(6); // no such date
    }
  });

// --- Hostile strings and values.
export const sqlFragments = ["' OR '1'='1", "'; DROP TABLE platform.staff_users; --", '1; SELECT pg_sleep(5)--', "\\'; --",
  "' UNION SELECT NULL,NULL--", '%27%20OR%201%3D1', "admin'--", '$1', '::text', 'E\'\\x00\''];
export const htmlFragments = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<svg/onload=alert(1)>',
  '&lt;b&gt;', ']]><!--', '{{7*7}}', '${jndi:ldap://x/a}', 'javascript:alert(1)'];
export const oddStrings = ['', ' ', '\u0000', 'a\u0000b', '\u202e\u0041', '\ud83d\ude00', 'Қазақстан', '\uFEFF', '\t\r\n',
  'null', 'undefined', 'NaN', '-0', '1e999', '0x10', '..', '../../etc/passwd', '%00', '%', '%zz', '\\', '"', "'"];
export const boundaryNumbers = [0, -1, 1, -0, 2147483647, 2147483648, -2147483648, -2147483649, 9007199254740991,
  9007199254740993, -9007199254740993, 1e308, -1e308, 5e-324, 0.1, 1.5, 1e21, 12345678901234567890];
export const boundaryNumberTexts = ['1e400', '-1e400', '00', '01', '1.0', '+1', '0.0000000000000000000001', '99999999999999999999999999'];
export const boundaryDates = ['0001-01-01', '9999-12-31', '1900-02-29', '2024-02-29', '2025-02-29', '2026-02-30', '2026-13-01',
  '2026-00-10', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', '10000-01-01', '-0001-01-01', '1969-12-31', '2038-01-19',
  '2026-03-10T25:00:00Z', '2026-03-10T07:30:00+14:00', '2026-03-10T07:30:00.1234567891Z', '2026-03-10 07:30'];

const hugeString = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'Ж'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(2_100_000)) }, // over the 1 MB body limit: 413
);

/** JSON nested `depth` deep (arrays or objects), as text: JSON.stringify of that deep a value is fine, parsing it is the test. */
export const deepJson = fc.tuple(fc.integer({ min: 40, max: 400 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

export const hostileString = fc.oneof(
  fc.constantFrom(...sqlFragments), fc.constantFrom(...htmlFragments), fc.constantFrom(...oddStrings),
  fc.constantFrom(...boundaryDates), fc.constantFrom(...boundaryNumberTexts), badIdentifier,
  fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** A JSON value of a type the schema does not allow. */
export function wrongTypeFor(schema) {
  const types = typesOf(schema);
  const all = [
    ['string', fc.constantFrom('x', '', '12', 'true')], ['integer', fc.constantFrom(...boundaryNumbers.filter(Number.isInteger))],
    ['number', fc.constantFrom(0.5, -1.25, 1e308)], ['boolean', fc.boolean()], ['array', fc.constantFrom([], [1, 'a'], [[[]]])],
    ['object', fc.constantFrom({}, { a: 1 }, { '': null })], ['null', fc.constant(null)],
  ];
  const allowed = new Set(types.flatMap((t) => (t === 'number' ? ['number', 'integer'] : [t])));
  const options = all.filter(([t]) => !allowed.has(t)).map(([, a]) => a);
  return options.length ? fc.oneof(...options) : fc.constant({ unexpected: true });
}

export function typesOf(schema) {
  if (!schema) return [];
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.oneOf || schema.anyOf) return (schema.oneOf ?? schema.anyOf).flatMap((s) => typesOf(s));
  return ['object'];
}

export const HOSTILE = { hugeString, deepJson, hostileString, badIdentifier };
