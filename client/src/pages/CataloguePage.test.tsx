import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TestApp } from '../App';

const summary = {
  items: [{
    code: 'driver-licence',
    name: { kk: 'Жүргізуші куәліктерін беру', ru: 'Выдача водительских удостоверений', en: 'Issuing driving licences' },
    term: { term: 'PT6H', clock: 'working-time' }, free: false, hasFeeItems: true,
  }],
  nextCursor: null,
};

describe('the catalogue drawn with its page (issue 22, 4G)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.getElementById('kazgov-services-summary')?.remove();
  });

  it('renders its cards from the summary in the page at once, and asks only for the fees', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      asked.push(new URL(request.url).pathname);
      return new Promise<Response>(() => {}); // the fees stay on their way
    });
    const embedded = document.createElement('script');
    embedded.type = 'application/json';
    embedded.id = 'kazgov-services-summary';
    embedded.textContent = JSON.stringify(summary);
    document.body.appendChild(embedded);

    render(<TestApp path="/catalogue" language="ru" />);

    // The first render already has the card: no loading state in between (the page drawn at build
    // time is replaced by this one in a single commit).
    expect(screen.getByText('Выдача водительских удостоверений')).toBeTruthy();
    expect(screen.getByTestId('fee-loading')).toBeTruthy();
    await vi.waitFor(() => expect(asked).toContain('/api/v1/fees/quote'));
    expect(asked).not.toContain('/api/v1/services/summary');
  });
});
