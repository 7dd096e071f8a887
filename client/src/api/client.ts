// The one way the app talks to the API: openapi-fetch over the generated types (schema.d.ts),
// with Accept-Language from the UI language (so problems come back in it), the bearer token
// from the session, and one silent refresh when a call answers 401. When the refresh fails
// too, the session is marked expired and the app sends the clerk to sign in (drafts stay).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiProblem, networkProblem, toProblem } from './problem';
import { session } from '../auth/session';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/messages';

export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

const TOKEN_PATH = '/api/v1/auth/token';

let language: Language = DEFAULT_LANGUAGE;

export function setApiLanguage(next: Language) {
  language = next;
}

export function apiLanguage(): Language {
  return language;
}

type TokenResponse = Schemas['TokenResponse'];

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? (typeof window === 'undefined' ? '' : window.location.origin);
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  // A copy of each authenticated request, to send again after a refresh (the original's body is spent).
  const pending = new Map<string, Request>();
  let refreshing: Promise<string | null> | null = null;

  async function refresh(): Promise<string | null> {
    const refreshToken = session.refreshToken();
    if (!refreshToken) return null;
    try {
      const response = await fetchImpl(new Request(baseUrl + TOKEN_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      }));
      if (!response.ok) {
        // Another tab of the same clerk may have used this refresh token a moment earlier; its new
        // tokens come over the tab channel (auth/session.ts): take them rather than give up.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return session.refreshToken() !== refreshToken ? session.accessToken() : null;
      }
      const token = (await response.json()) as TokenResponse;
      session.start(token.access_token, token.refresh_token ?? null, token.actor);
      return token.access_token;
    } catch {
      return null;
    }
  }

  const middleware: Middleware = {
    onRequest({ request, id }) {
      request.headers.set('Accept-Language', language);
      const token = session.accessToken();
      if (token && !new URL(request.url).pathname.startsWith(TOKEN_PATH)) {
        request.headers.set('Authorization', `Bearer ${token}`);
        pending.set(id, request.clone());
      }
      return request;
    },
    async onResponse({ response, id }) {
      const original = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || !original) return response;
      // Calls that fail together share one refresh: a refresh token works only once.
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      const renewed = await refreshing;
      if (!renewed) {
        session.expire();
        return response;
      }
      const retry = new Request(original, { headers: new Headers(original.headers) });
      retry.headers.set('Authorization', `Bearer ${renewed}`);
      return fetchImpl(retry);
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
  client.use(middleware);
  return client;
}

export const api = createApiClient();

/**
 * The data of an openapi-fetch call, or an ApiProblem: the API's problem document, or the
 * client's network-error problem when there was no answer at all.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  return (await callWithResponse(request)).data;
}

/** Like call, with the response too (for its headers: ETag, Location). */
export async function callWithResponse<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem(networkProblem(error));
  }
  if (result.response.ok) return { data: result.data as T, response: result.response };
  throw new ApiProblem(toProblem(result.error, result.response));
}
