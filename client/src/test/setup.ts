import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
// Tests translate in any language synchronously: the three catalogues up front.
import '../i18n/all';

// Mantine reads these browser APIs, which jsdom lacks.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    // A desktop: min-width queries hold (the header shows its links, not the phone's menu).
    value: (query: string) => ({
      matches: /min-width/.test(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}
if (!('ResizeObserver' in window)) {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserver });
}
window.HTMLElement.prototype.scrollIntoView ??= () => {};
// Textarea's autosize listens for web fonts loading (document.fonts).
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() } });
}

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});

// A lazy route renders a tick later than an imported one; on a loaded machine the first render of
// a page can take longer than testing-library's 1 s default, so find* waits up to 5 s.
configure({ asyncUtilTimeout: 5000 });

// The desk's pages are lazy routes (routes.tsx); in tests they are loaded up front, so a page
// renders as soon as its data is there, as before the split.
await Promise.all([
  import('../pages/DeskPage'), import('../pages/InboxPage'), import('../pages/IntakePage'), import('../pages/ApplicationPage'),
  import('../desk/WorkloadPage'), import('../desk/PersonPage'), import('../weapons/WeaponRegisterPage'),
  import('../vehicles/VehicleRegisterPage'), import('../addressBureau/AddressBureauDeskPage'),
]);
