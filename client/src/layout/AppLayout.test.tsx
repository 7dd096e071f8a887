import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestApp } from '../App';

const narrow = (query: string) => ({
  matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {},
  addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
});

describe('the header', () => {
  const wide = window.matchMedia;
  afterEach(() => {
    window.matchMedia = wide;
    vi.unstubAllGlobals();
  });

  it('on a desktop shows the links, the language switch and sign-in, and a skip link to the content', () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    render(<TestApp path="/offices" language="ru" />);
    expect(screen.queryByTestId('menu-button')).toBeNull();
    expect(screen.getByRole('navigation', { name: 'main' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Войти' })).toBeTruthy();
    expect(screen.getByText('English')).toBeTruthy();
    expect(screen.getByTestId('skip-link').getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')).toBeTruthy();
  });

  it('on a phone puts them behind the menu button, which says when it is open', () => {
    window.matchMedia = narrow as unknown as typeof window.matchMedia;
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    render(<TestApp path="/offices" language="ru" />);
    const button = screen.getByTestId('menu-button');
    expect(button.getAttribute('aria-label')).toBe('Меню');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    // The closed menu is hidden, and the header has no links of its own.
    expect(screen.queryAllByRole('navigation', { name: 'main' })).toHaveLength(0);
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('navigation', { name: 'main' })).toHaveLength(1);
    const menu = screen.getByTestId('menu');
    expect(within(menu).getByRole('link', { name: 'Войти' })).toBeTruthy();
    expect(within(menu).getByText('English')).toBeTruthy();
    fireEvent.click(within(menu).getByText('English'));
    expect(document.documentElement.lang).toBe('en');
  });
});
