// The signed-in session, kept in sessionStorage (one browser tab, gone when it closes). The API
// client reads the tokens from storage on every call, so a token that expired, or was replaced
// in storage, is noticed by the next call. An expired session keeps the actor, so the sign-in
// page can offer the same login and the drafts stay theirs.
import type { components } from '../api/schema';

export type ActorProfile = components['schemas']['ActorProfile'];

export type SessionState =
  | { status: 'signed-out' }
  | { status: 'signed-in'; accessToken: string; refreshToken: string | null; actor: ActorProfile }
  | { status: 'expired'; actor: ActorProfile };

const STORAGE_KEY = 'kazgov.session';
const SIGNED_OUT: SessionState = { status: 'signed-out' };

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedState: SessionState = SIGNED_OUT;

function read(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function parse(raw: string | null): SessionState {
  if (!raw) return SIGNED_OUT;
  try {
    const value = JSON.parse(raw) as Partial<SessionState> & Record<string, unknown>;
    if (value.status === 'signed-in' && typeof value.accessToken === 'string' && value.actor) {
      return value as SessionState;
    }
    if (value.status === 'expired' && value.actor) return value as SessionState;
  } catch {
    // A damaged entry is a signed-out session.
  }
  return SIGNED_OUT;
}

function write(state: SessionState) {
  try {
    if (state.status === 'signed-out') sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage refused (a private mode at its quota): the session cannot be kept.
  }
  listeners.forEach((listener) => listener());
}

export const session = {
  /** The current state; the same object while nothing changed (for useSyncExternalStore). */
  get(): SessionState {
    const raw = read();
    if (raw !== cachedRaw) {
      cachedRaw = raw;
      cachedState = parse(raw);
    }
    return cachedState;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  accessToken(): string | null {
    const state = session.get();
    return state.status === 'signed-in' ? state.accessToken : null;
  },
  refreshToken(): string | null {
    const state = session.get();
    return state.status === 'signed-in' ? state.refreshToken : null;
  },
  start(accessToken: string, refreshToken: string | null, actor: ActorProfile) {
    write({ status: 'signed-in', accessToken, refreshToken, actor });
  },
  /** The tokens no longer work: forget them, remember whose session it was. */
  expire() {
    const state = session.get();
    if (state.status === 'signed-in') write({ status: 'expired', actor: state.actor });
  },
  clear() {
    write(SIGNED_OUT);
  },
};

/** The login of a staff actor id (staff:clerk.astana → clerk.astana). */
export function loginOf(actor: ActorProfile): string {
  return actor.id.startsWith('staff:') ? actor.id.slice('staff:'.length) : actor.id;
}
