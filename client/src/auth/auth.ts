import { useSyncExternalStore } from 'react';
import { api, call } from '../api/client';
import { drafts } from '../forms/drafts';
import { session, type SessionState } from './session';

const SIGNED_OUT: SessionState = { status: 'signed-out' };

export function useSession(): SessionState {
  // Drawn at build time (src/prerender), the page is the signed-out one: a signed-in tab never shows it.
  return useSyncExternalStore(session.subscribe, session.get, () => SIGNED_OUT);
}

/** Password sign-in of a staff member; throws the API's problem (e.g. invalid-credentials). */
export async function signIn(username: string, password: string): Promise<void> {
  const token = await call(api.POST('/api/v1/auth/token', {
    body: { grant_type: 'password', username, password },
  }));
  drafts.claim(token.actor.id);
  session.start(token.access_token, token.refresh_token ?? null, token.actor);
}

/** Ends the session on the server too (its refresh tokens stop working) and forgets the drafts. */
export async function signOut(): Promise<void> {
  const refreshToken = session.refreshToken();
  session.clear();
  drafts.clearAll();
  if (refreshToken) {
    try {
      await call(api.POST('/api/v1/auth/revoke', { body: { refresh_token: refreshToken } }));
    } catch {
      // Signed out here either way; the refresh token runs out on its own.
    }
  }
}
