import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { drafts, useDraft } from './drafts';

describe('drafts', () => {
  it('keep a form’s values across a new mount (a reload, a return from sign-in)', () => {
    drafts.claim('staff:clerk.astana');
    const first = renderHook(() => useDraft('desk:deadline', { service: 'driver-licence', acceptedAt: '' }));
    act(() => first.result.current[1]({ acceptedAt: '2026-11-27T16:45' }));
    first.unmount();

    const second = renderHook(() => useDraft('desk:deadline', { service: 'driver-licence', acceptedAt: '' }));

    expect(second.result.current[0]).toEqual({ service: 'driver-licence', acceptedAt: '2026-11-27T16:45' });
  });

  it('stay when the same person signs in again and go when someone else does', () => {
    drafts.claim('staff:clerk.astana');
    drafts.set('intake:driver-licence', { surname: 'Сейітова' });

    drafts.claim('staff:clerk.astana');
    expect(drafts.get('intake:driver-licence')).toEqual({ surname: 'Сейітова' });

    drafts.claim('staff:clerk.almaty');
    expect(drafts.get('intake:driver-licence')).toBeUndefined();
  });

  it('go at sign-out, and one form can be cleared alone', () => {
    drafts.claim('staff:clerk.astana');
    drafts.set('a', { x: 1 });
    drafts.set('b', { y: 2 });
    drafts.remove('a');
    expect(drafts.get('a')).toBeUndefined();
    expect(drafts.get('b')).toEqual({ y: 2 });

    drafts.clearAll();
    expect(drafts.get('b')).toBeUndefined();
  });
});
