import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import './styles.css';
import { App } from './App';
import { connectTabs } from './auth/session';
import { storedLanguage } from './i18n/I18nProvider';
import { loadCatalogue } from './i18n/messages';

connectTabs();

// The page's language only (issue 22, 4G): index.html preloads its chunk alongside this one.
loadCatalogue(storedLanguage()).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
