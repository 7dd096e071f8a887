import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectTabs, session, tabs, type ActorProfile } from './session';

const clerk: ActorProfile = {
  id: 'staff:clerk.astana', kind: 'staff', displayName: 'Айгерім Болатқызы Сейітова', position: null,
  role: 'clerk', officeId: 'road-police-astana-671c3429', services: ['driver-licence'], scopes: [],
};
const other: ActorProfile = { ...clerk, id: 'staff:clerk.almaty' };

/** Another tab of the same origin: a second channel of the same name (Node's BroadcastChannel). */
function otherTab() {
  const channel = new BroadcastChannel('kazgov.session');
  const heard: unknown[] = [];
  channel.onmessage = (event) => heard.push(event.data);
  return { channel, heard };
}

describe('the session across tabs', () => {
  let disconnect = () => {};
  afterEach(() => {
    disconnect();
    session.clear();
    sessionStorage.clear();
    localStorage.clear();
  });

  it('a new tab asks the open ones and keeps the session it is handed, never in localStorage', async () => {
    const peer = otherTab();
    peer.channel.onmessage = (event) => {
      if (event.data?.type === 'ask') peer.channel.postMessage({ type: 'session', state: { status: 'signed-in', accessToken: 'a1', refreshToken: 'r1', actor: clerk } });
    };
    disconnect = connectTabs();
    expect(tabs.asking()).toBe(true);

    await vi.waitFor(() => expect(session.get().status).toBe('signed-in'));
    expect(session.accessToken()).toBe('a1');
    expect(tabs.asking()).toBe(false);
    expect(JSON.parse(sessionStorage.getItem('kazgov.session')!).accessToken).toBe('a1');
    // Only the hint that staff work in this browser (no token), which keeps the drawn catalogue away.
    expect(Object.keys(localStorage)).toEqual(['kazgov.staff']);
    expect(localStorage.getItem('kazgov.staff')).toBe('1');
    peer.channel.close();
  });

  it('without an open tab it stops waiting and stays signed out', async () => {
    disconnect = connectTabs();
    expect(tabs.asking()).toBe(true);
    await vi.waitFor(() => expect(tabs.asking()).toBe(false), { timeout: 2000 });
    expect(session.get().status).toBe('signed-out');
  });

  it('answers another tab, takes a refreshed token of the same clerk, ignores another clerk, and signs out with them', async () => {
    session.start('a1', 'r1', clerk);
    disconnect = connectTabs();
    const peer = otherTab();

    peer.channel.postMessage({ type: 'ask' });
    await vi.waitFor(() => expect(peer.heard).toContainEqual({ type: 'session', state: { status: 'signed-in', accessToken: 'a1', refreshToken: 'r1', actor: clerk } }));

    peer.channel.postMessage({ type: 'session', state: { status: 'signed-in', accessToken: 'a2', refreshToken: 'r2', actor: clerk } });
    await vi.waitFor(() => expect(session.refreshToken()).toBe('r2'));

    peer.channel.postMessage({ type: 'session', state: { status: 'signed-in', accessToken: 'x', refreshToken: 'x', actor: other } });
    peer.channel.postMessage({ type: 'signed-out', actorId: other.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.accessToken()).toBe('a2');

    peer.channel.postMessage({ type: 'signed-out', actorId: clerk.id });
    await vi.waitFor(() => expect(session.get().status).toBe('signed-out'));
    peer.channel.close();
  });

  it('tells the other tabs when this one signs in and out', async () => {
    disconnect = connectTabs();
    const peer = otherTab();
    session.start('a3', 'r3', clerk);
    expect(localStorage.getItem('kazgov.staff')).toBe('1');
    session.clear();
    expect(localStorage.getItem('kazgov.staff')).toBeNull();
    await vi.waitFor(() => expect(peer.heard).toEqual([
      { type: 'session', state: { status: 'signed-in', accessToken: 'a3', refreshToken: 'r3', actor: clerk } },
      { type: 'signed-out', actorId: clerk.id },
    ]));
    peer.channel.close();
  });
});
