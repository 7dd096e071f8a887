// The catalogue page drawn at build time (scripts/prerender.mjs; issue 22, 4G): a citizen's phone
// paints the nine cards with the HTML and the CSS, before the app's code is in. The same components
// draw it as in the browser, so the app's first render replaces it with the same page.
import { renderToString } from 'react-dom/server';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { Providers } from '../App';
import { routes } from '../routes';
import { PrerenderWidth } from '../layout/AppLayout';
import { loadCatalogue, type Language } from '../i18n/messages';
import { provideServiceSummaries, type ServiceSummary } from '../pages/catalogue';

/** The /catalogue page in one language at one width (the layout's wide header, or the phone's). */
export async function renderCatalogue(language: Language, wide: boolean, summaries: ServiceSummary[]): Promise<string> {
  await loadCatalogue(language);
  provideServiceSummaries(summaries);
  const router = createMemoryRouter(routes, { initialEntries: ['/catalogue'] });
  return renderToString(
    <PrerenderWidth.Provider value={wide}>
      <Providers language={language}>
        <RouterProvider router={router} />
      </Providers>
    </PrerenderWidth.Provider>,
  );
}
