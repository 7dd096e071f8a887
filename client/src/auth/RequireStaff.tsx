import { useSyncExternalStore } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useSession } from './auth';
import { tabs } from './session';

/**
 * The gate of the desk's pages. Without a session, or when the API said the session is over
 * (the client then marks it expired), it sends the clerk to sign in with the way back in
 * ?next=; the page's drafts stay in the draft store and fill the form again on return.
 */
export function RequireStaff() {
  const state = useSession();
  const location = useLocation();
  // A new tab may get the session from an open one (session.ts, connectTabs): wait for the answer.
  const asking = useSyncExternalStore(tabs.subscribe, tabs.asking);
  if (state.status === 'signed-in') return <Outlet />;
  if (asking) return <Loading />;
  const next = encodeURIComponent(location.pathname + location.search);
  const reason = state.status === 'expired' ? 'expired' : 'required';
  return <Navigate to={`/sign-in?next=${next}&reason=${reason}`} replace />;
}
