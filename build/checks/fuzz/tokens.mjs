// Real access tokens for demo staff roles and integrator clients, and the bad ones made from them:
// expired, not yet valid, forged (another key), unsigned (alg none), tampered, of another issuer.
import crypto from 'node:crypto';

export const STAFF = ['clerk.astana', 'head.astana', 'clerk.migration.astana', 'head.migration.astana', 'clerk.weapons.astana',
  'head.weapons.astana', 'clerk.address.astana', 'head.address.astana', 'auditor', 'admin'];
export const CLIENTS = { 'egov-portal': 'egov-portal-demo-secret', 'police-astana': 'police-astana-demo-secret' };
const PASSWORD = 'kazgov-demo-2026';

/** Tokens for every demo actor; `previous` fills in for one that cannot log in any more (a soak may change a password or lock an account). */
export async function fetchTokens(base, previous = null) {
  const tokens = { ...(previous ?? {}) };
  const ask = async (form) => {
    const response = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) throw new Error(`no token for ${form.username ?? form.client_id}: ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  };
  const get = async (name, form) => {
    try {
      tokens[name] = await ask(form);
    } catch (error) {
      if (!previous) throw error;
    }
  };
  for (const login of STAFF) await get(login, { grant_type: 'password', username: login, password: PASSWORD });
  for (const [id, secret] of Object.entries(CLIENTS)) await get(`client:${id}`, { grant_type: 'client_credentials', client_id: id, client_secret: secret });
  return tokens;
}

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (header, payload, key) => {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${crypto.createHmac('sha256', key).update(head).digest('base64url')}`;
};

/** The bad tokens, built from a real one; `key` is the host's signing key (so "expired" is only expired). */
export function badTokens(real, key) {
  const [h, p] = real.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const payload = JSON.parse(Buffer.from(p, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  return {
    expired: sign(header, { ...payload, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }, key),
    'not-yet-valid': sign(header, { ...payload, iat: now + 3600, nbf: now + 3600, exp: now + 7200 }, key),
    forged: sign(header, { ...payload, role: 'admin' }, 'another-signing-key-0123456789abcdef-0123'),
    'alg-none': `${b64({ ...header, alg: 'none' })}.${b64({ ...payload, role: 'admin' })}.`,
    tampered: `${h}.${b64({ ...payload, role: 'admin', exp: now + 86400 })}.${real.split('.')[2]}`,
    'other-issuer': sign(header, { ...payload, iss: 'https://evil.example' }, key),
    'other-audience': sign(header, { ...payload, aud: 'someone-else' }, key),
    'unknown-kid': sign({ ...header, kid: 'no-such-key' }, payload, key),
    garbage: 'abc.def.ghi',
    truncated: real.slice(0, real.length - 7),
    empty: '',
    long: 'A'.repeat(6000),
  };
}
