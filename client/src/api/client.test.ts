import { beforeEach, describe, expect, it } from 'vitest';
import { call, createApiClient, setApiLanguage } from './client';
import { ApiProblem, NETWORK_ERROR } from './problem';
import { session, type ActorProfile } from '../auth/session';
import { drafts } from '../forms/drafts';

const BASE = 'http://api.test';
const clerk: ActorProfile = {
  id: 'staff:clerk.astana', kind: 'staff', displayName: 'Айгерім Болатқызы Сейітова', position: null,
  role: 'clerk', officeId: 'road-police-astana-671c3429', services: ['driver-licence'], scopes: [],
};

interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  language: string | null;
  body: string;
}

/** A stand-in for the network: answers by path, records what was sent. */
function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const entry: Seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      language: request.headers.get('Accept-Language'),
      body: request.body ? await request.clone().text() : '',
    };
    seen.push(entry);
    return answer(entry);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const unauthenticated = () => new Response(JSON.stringify({
  type: 'urn:kazgov:problem:unauthenticated', code: 'unauthenticated', title: 'Authentication is required', status: 401,
}), { status: 401, headers: { 'Content-Type': 'application/problem+json', 'Content-Language': 'en' } });

const tokens = (access: string, refresh: string) => ({
  access_token: access, token_type: 'Bearer', expires_in: 900, refresh_token: refresh, scope: null, actor: clerk,
});

describe('api client', () => {
  beforeEach(() => {
    setApiLanguage('kk');
  });

  it('sends the UI language and the access token', async () => {
    session.start('access-1', 'refresh-1', clerk);
    setApiLanguage('ru');
    const { fetch, seen } = fakeFetch(() => json(clerk));
    const api = createApiClient({ baseUrl: BASE, fetch });

    const me = await call(api.GET('/api/v1/auth/me'));

    expect(me.displayName).toBe('Айгерім Болатқызы Сейітова');
    expect(seen).toEqual([{ method: 'GET', path: '/api/v1/auth/me', authorization: 'Bearer access-1', language: 'ru', body: '' }]);
  });

  it('never sends the access token to the token endpoint', async () => {
    session.start('access-1', 'refresh-1', clerk);
    const { fetch, seen } = fakeFetch(() => json(tokens('a', 'r')));
    const api = createApiClient({ baseUrl: BASE, fetch });

    await call(api.POST('/api/v1/auth/token', { body: { grant_type: 'password', username: 'clerk.astana', password: 'x' } }));

    expect(seen[0]!.authorization).toBeNull();
  });

  it('refreshes once on 401 and repeats the call with the new token', async () => {
    session.start('stale', 'refresh-1', clerk);
    const { fetch, seen } = fakeFetch(({ path, authorization }) => {
      if (path === '/api/v1/auth/token') return json(tokens('access-2', 'refresh-2'));
      return authorization === 'Bearer access-2' ? json({ items: [] }) : unauthenticated();
    });
    const api = createApiClient({ baseUrl: BASE, fetch });

    const mci = await call(api.GET('/api/v1/reference/mci'));

    expect(mci.items).toEqual([]);
    expect(seen.map((s) => `${s.method} ${s.path} ${s.authorization ?? '-'}`)).toEqual([
      'GET /api/v1/reference/mci Bearer stale',
      'POST /api/v1/auth/token -',
      'GET /api/v1/reference/mci Bearer access-2',
    ]);
    expect(JSON.parse(seen[1]!.body)).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
    expect(session.get()).toEqual({ status: 'signed-in', accessToken: 'access-2', refreshToken: 'refresh-2', actor: clerk });
  });

  it('calls that fail together share one refresh (a refresh token works once)', async () => {
    session.start('stale', 'refresh-1', clerk);
    const { fetch, seen } = fakeFetch(({ path, authorization }) => {
      if (path === '/api/v1/auth/token') return json(tokens('access-2', 'refresh-2'));
      return authorization === 'Bearer access-2' ? json(clerk) : unauthenticated();
    });
    const api = createApiClient({ baseUrl: BASE, fetch });

    await Promise.all([call(api.GET('/api/v1/auth/me')), call(api.GET('/api/v1/auth/me'))]);

    expect(seen.filter((s) => s.path === '/api/v1/auth/token')).toHaveLength(1);
  });

  it('marks the session expired when the refresh fails too, keeping the actor and the drafts', async () => {
    session.start('stale', 'used-up', clerk);
    drafts.claim(clerk.id);
    drafts.set('desk:deadline', { acceptedAt: '2026-11-27T16:45' });
    const { fetch } = fakeFetch(({ path }) => path === '/api/v1/auth/token'
      ? json({ code: 'invalid-grant', title: 'The refresh token is not valid', status: 400 }, 400)
      : unauthenticated());
    const api = createApiClient({ baseUrl: BASE, fetch });

    const failure = await call(api.GET('/api/v1/reference/mci')).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiProblem);
    expect((failure as ApiProblem).problem.code).toBe('unauthenticated');
    expect(session.get()).toEqual({ status: 'expired', actor: clerk });
    expect(session.accessToken()).toBeNull();
    expect(drafts.get('desk:deadline')).toEqual({ acceptedAt: '2026-11-27T16:45' });
  });

  it('does not try to refresh a call made without a session', async () => {
    const { fetch, seen } = fakeFetch(() => unauthenticated());
    const api = createApiClient({ baseUrl: BASE, fetch });

    await expect(call(api.GET('/api/v1/auth/me'))).rejects.toBeInstanceOf(ApiProblem);
    expect(seen).toHaveLength(1);
    expect(session.get()).toEqual({ status: 'signed-out' });
  });

  it('turns a problem document into an ApiProblem with its fields and language', async () => {
    const { fetch } = fakeFetch(() => new Response(JSON.stringify({
      type: 'urn:kazgov:problem:validation-failed', title: 'Сұрау деректері қате', status: 400,
      detail: 'Сұрау деректері қате', code: 'validation-failed', correlationId: 'c0ffee',
      errors: { paymentDate: ['Міндетті өріс толтырылмаған'] },
    }), { status: 400, headers: { 'Content-Type': 'application/problem+json', 'Content-Language': 'kk' } }));
    const api = createApiClient({ baseUrl: BASE, fetch });

    const failure = await call(api.GET('/api/v1/fees/quote', { params: { query: { service: 'driver-licence' } } }))
      .then(() => undefined, (error: unknown) => error as ApiProblem);

    expect(failure?.problem).toMatchObject({
      code: 'validation-failed', status: 400, title: 'Сұрау деректері қате', correlationId: 'c0ffee', language: 'kk',
      errors: { paymentDate: ['Міндетті өріс толтырылмаған'] },
    });
  });

  it('reports a failed network as the client’s own network-error problem', async () => {
    const api = createApiClient({ baseUrl: BASE, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    const failure = await call(api.GET('/api/v1/regions')).then(() => undefined, (error: unknown) => error as ApiProblem);

    expect(failure?.problem.code).toBe(NETWORK_ERROR);
    expect(failure?.problem.status).toBe(0);
  });
});
