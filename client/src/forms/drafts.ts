// What a clerk has typed into a form, kept in sessionStorage until the form is done with it.
// It outlives an expired token (the sign-in page sends them back to the same form, filled in),
// a reload and a change of language; it does not outlive signing out, and a different person
// signing in on the same tab starts with empty forms.
import { useCallback, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'kazgov.drafts';

interface DraftBook {
  owner: string | null;
  forms: Record<string, unknown>;
}

const EMPTY: DraftBook = { owner: null, forms: {} };
const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedBook: DraftBook = EMPTY;

function load(): DraftBook {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      const parsed = raw ? (JSON.parse(raw) as DraftBook) : EMPTY;
      cachedBook = parsed && typeof parsed.forms === 'object' && parsed.forms !== null ? parsed : EMPTY;
    } catch {
      cachedBook = EMPTY;
    }
  }
  return cachedBook;
}

function save(book: DraftBook) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(book));
  } catch {
    // Storage refused: the draft lives only as long as the form's own state.
  }
  listeners.forEach((listener) => listener());
}

export const drafts = {
  get<T>(key: string): T | undefined {
    return load().forms[key] as T | undefined;
  },
  set<T>(key: string, value: T) {
    const book = load();
    save({ ...book, forms: { ...book.forms, [key]: value } });
  },
  remove(key: string) {
    const book = load();
    if (!(key in book.forms)) return;
    const forms = { ...book.forms };
    delete forms[key];
    save({ ...book, forms });
  },
  /** Called at sign-in: the drafts stay when the same actor comes back, and go for anyone else. */
  claim(actorId: string) {
    const book = load();
    if (book.owner === actorId) return;
    save({ owner: actorId, forms: {} });
  },
  /** Called at sign-out. */
  clearAll() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/**
 * Form state that lives in the draft store: [value, setValue, clear]. Use one key per form
 * (and per record, e.g. `intake:driver-licence` or `application:42:decision`).
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (update: Partial<T>) => void, () => void] {
  const stored = useSyncExternalStore(drafts.subscribe, () => drafts.get<T>(key));
  const value = stored === undefined ? initial : { ...initial, ...stored };
  const update = useCallback((patch: Partial<T>) => {
    drafts.set(key, { ...initial, ...drafts.get<T>(key), ...patch });
  }, [key]);
  const clear = useCallback(() => drafts.remove(key), [key]);
  return [value, update, clear];
}
