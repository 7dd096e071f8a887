// The signed-in session, kept in sessionStorage (one browser tab, gone when it closes). The API
// client reads the tokens from storage on every call, so a token that expired, or was replaced
// in storage, is noticed by the next call. An expired session keeps the actor, so the sign-in
// page can offer the same login and the drafts stay theirs.
//
// Across tabs (connectTabs): a clerk who opens an application in a new tab stays signed in. The
// tokens never go to localStorage (it outlives the browser session and every tab would read
// it); instead a new tab asks the open tabs of the same origin over a BroadcastChannel, and
// one that is signed in hands over its session, which the new tab keeps in its own
// sessionStorage like one it signed in itself. The channel carries nothing off the origin and
// nothing to disk. A refresh in one tab (refresh tokens work once) is handed to the tabs of the
// same actor, and signing out in one tab signs that actor out in all of them.
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

/**
 * Set while a clerk is signed in in this browser (no token, only "1"): the catalogue drawn at build
 * time has the citizen's header, so a browser where staff work skips it (scripts/prerender.mjs), also
 * in a new tab that has not been handed the session yet.
 */
export const STAFF_HINT_KEY = 'kazgov.staff';

function write(state: SessionState, share = true) {
  try {
    if (state.status === 'signed-out') sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage refused (a private mode at its quota): the session cannot be kept.
  }
  try {
    if (state.status === 'signed-in') localStorage.setItem(STAFF_HINT_KEY, '1');
    else if (state.status === 'signed-out') localStorage.removeItem(STAFF_HINT_KEY);
  } catch {
    // Without storage the drawn catalogue is simply replaced by the clerk's page a moment later.
  }
  listeners.forEach((listener) => listener());
  if (share) tell(state);
}

type TabMessage =
  | { type: 'ask' }
  | { type: 'session'; state: SessionState }
  | { type: 'signed-out'; actorId: string };

const CHANNEL = 'kazgov.session';
/** How long a new tab waits for an open one to answer before it shows the sign-in page. */
export const ASK_TIMEOUT_MS = 400;
let channel: BroadcastChannel | null = null;
let asking = false;
let lastActorId: string | null = null;
const askingListeners = new Set<() => void>();

function setAsking(value: boolean) {
  if (asking === value) return;
  asking = value;
  askingListeners.forEach((listener) => listener());
}

function tell(state: SessionState) {
  if (!channel) return;
  if (state.status === 'signed-in') {
    lastActorId = state.actor.id;
    channel.postMessage({ type: 'session', state } satisfies TabMessage);
  } else if (state.status === 'signed-out' && lastActorId) {
    channel.postMessage({ type: 'signed-out', actorId: lastActorId } satisfies TabMessage);
    lastActorId = null;
  }
}

function hear(message: TabMessage) {
  const current = session.get();
  if (message?.type === 'ask') {
    if (current.status === 'signed-in') channel?.postMessage({ type: 'session', state: current } satisfies TabMessage);
    return;
  }
  if (message?.type === 'session') {
    const offered = parse(JSON.stringify(message.state));
    if (offered.status !== 'signed-in') return;
    // A tab signed in as someone else keeps its own session; a new token of the same actor replaces
    // the used-up one (another tab refreshed); a tab without a session takes it.
    if (current.status !== 'signed-in' || current.actor.id === offered.actor.id) {
      lastActorId = offered.actor.id;
      if (current.status !== 'signed-in' || current.accessToken !== offered.accessToken) write(offered, false);
    }
    setAsking(false);
    return;
  }
  if (message?.type === 'signed-out') {
    if (current.status !== 'signed-out' && current.actor.id === message.actorId) {
      lastActorId = null;
      write(SIGNED_OUT, false);
    }
  }
}

/**
 * Joins the other tabs of this origin (once, at start-up): answers their questions, hears their
 * refreshes and sign-outs, and, without a session of its own, asks them for theirs.
 */
export function connectTabs(): () => void {
  if (channel || typeof BroadcastChannel === 'undefined') return () => {};
  const own = new BroadcastChannel(CHANNEL);
  channel = own;
  own.onmessage = (event: MessageEvent<TabMessage>) => hear(event.data);
  const state = session.get();
  if (state.status === 'signed-in') lastActorId = state.actor.id;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (state.status !== 'signed-in') {
    setAsking(true);
    own.postMessage({ type: 'ask' } satisfies TabMessage);
    timer = setTimeout(() => setAsking(false), ASK_TIMEOUT_MS);
  }
  return () => {
    clearTimeout(timer);
    setAsking(false);
    own.close();
    if (channel === own) channel = null;
  };
}

/** Whether this tab is still waiting for another tab's answer (the desk's gate waits with it). */
export const tabs = {
  asking: () => asking,
  subscribe(listener: () => void): () => void {
    askingListeners.add(listener);
    return () => askingListeners.delete(listener);
  },
};

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
