import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from './auth';

/**
 * The gate of the desk's pages. Without a session, or when the API said the session is over
 * (the client then marks it expired), it sends the clerk to sign in with the way back in
 * ?next=; the page's drafts stay in the draft store and fill the form again on return.
 */
export function RequireStaff() {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'signed-in') return <Outlet />;
  const next = encodeURIComponent(location.pathname + location.search);
  const reason = state.status === 'expired' ? 'expired' : 'required';
  return <Navigate to={`/sign-in?next=${next}&reason=${reason}`} replace />;
}
