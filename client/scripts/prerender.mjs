// Draws the catalogue page into dist/catalogue.html at build time (issue 22: the nine cards visible
// in under 1.5 s on 4G). On a phone most of that time went to running the app's code before the
// first card; now the cards come with the HTML and paint with the CSS, and the app's first render
// replaces them with the same page (its summary is in the HTML too, so it needs no request).
//
// The page is rendered by the app's own components (src/prerender/catalogue.tsx, built for Node) in
// each language at both of the layout's widths, from api/openapi/services-summary.json (a test keeps
// it equal to GET /services/summary). Each is a <template>; a small script picks the one for the
// stored language and the screen before anything paints, and none where a clerk is signed in,
// whose header differs. The host sends this file for / and /catalogue (api/Hosting/ClientHosting.cs).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const client = fileURLToPath(new URL('..', import.meta.url));
const out = `${client}.prerender`;
await build({
  root: client,
  logLevel: 'warn',
  build: { ssr: 'src/prerender/catalogue.tsx', outDir: out, emptyOutDir: true, minify: false },
});
const { renderCatalogue } = await import(pathToFileURL(`${out}/catalogue.js`).href);

const summary = JSON.parse(readFileSync(`${client}../api/openapi/services-summary.json`, 'utf8'));
const WIDE = '(min-width: 75em)'; // AppLayout's WIDE
const templates = [];
for (const language of ['kk', 'ru', 'en']) {
  for (const wide of [false, true]) {
    const html = await renderCatalogue(language, wide, summary.items);
    const cards = html.match(/data-service="/g)?.length ?? 0;
    if (cards !== summary.items.length) throw new Error(`prerender: ${language} shows ${cards} cards, not ${summary.items.length}`);
    const title = html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];
    if (!title) throw new Error(`prerender: the ${language} page has no heading`);
    templates.push(`<template data-prerender="${language} ${wide ? 'wide' : 'narrow'}" data-title="${title} · Kazgov">${html}</template>`);
  }
}
rmSync(out, { recursive: true, force: true });

// The same page on every load: no request of its own, no language but the stored one, nothing for
// a signed-in session. / becomes /catalogue here, as the app's router would make it a render later.
const choose = `<script>
      (function () {
        var language, session, staff;
        try { language = localStorage.getItem('kazgov.language'); staff = localStorage.getItem('kazgov.staff'); } catch (e) {}
        if (['kk', 'ru', 'en'].indexOf(language) < 0) language = 'kk';
        try { session = JSON.parse(sessionStorage.getItem('kazgov.session') || 'null'); } catch (e) {}
        if (location.pathname === '/') history.replaceState(history.state, '', '/catalogue' + location.search + location.hash);
        var width = window.matchMedia(${JSON.stringify(WIDE)}).matches ? 'wide' : 'narrow';
        // A clerk's header is not the one drawn: nothing for a signed-in tab, or a browser where staff
        // are signed in (src/auth/session.ts), whose new tab is handed the session a moment later.
        var chosen = staff || (session && session.status === 'signed-in') ? null
          : document.querySelector('template[data-prerender="' + language + ' ' + width + '"]');
        if (chosen) {
          document.getElementById('root').appendChild(chosen.content);
          document.documentElement.lang = language;
          document.title = chosen.getAttribute('data-title');
        }
        document.querySelectorAll('template[data-prerender]').forEach(function (t) { t.remove(); });
      })();
    </script>`;
const index = readFileSync(`${client}dist/index.html`, 'utf8');

// The app's code starts after the first paint: its module evaluates for a few hundred milliseconds
// on a phone, and run before the paint it held the drawn cards back. It still downloads with the
// page (modulepreload); a hidden tab, which gets no frames, starts it on a timer.
const entryTag = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
const entry = index.match(entryTag)?.[1];
if (!entry) throw new Error('prerender: dist/index.html has no entry script');
const start = `<script>
      (function () {
        var started = false;
        function start() {
          if (started) return;
          started = true;
          var script = document.createElement('script');
          script.type = 'module';
          script.crossOrigin = '';
          script.src = ${JSON.stringify(entry)};
          document.body.appendChild(script);
        }
        requestAnimationFrame(function () { setTimeout(start, 0); });
        setTimeout(start, 250);
      })();
    </script>`;
const json = JSON.stringify(summary).replace(/</g, '\\u003c');
const early = /\n\s*\/\/ The catalogue's cards come from one small request:[^\n]*\n[^\n]*\n\s*if \(\/\^[^\n]*__kazgovSummary[^\n]*\n/;
if (!early.test(index) || !index.includes('<div id="root"></div>')) throw new Error('prerender: dist/index.html is not the expected page');
const page = index
  .replace(early, '\n') // the summary is in the page: no early request for it
  .replace(entryTag, `<link rel="modulepreload" crossorigin href="${entry}">`)
  .replace('<div id="root"></div>', `<div id="root"></div>\n    ${templates.join('\n    ')}\n    `
    + `<script type="application/json" id="kazgov-services-summary">${json}</script>\n    ${choose}\n    ${start}`);
writeFileSync(`${client}dist/catalogue.html`, page);
console.error(`client: prerendered the catalogue (${templates.length} pages, ${(page.length / 1024).toFixed(0)} KB)`);
