// The catalogue drawn at build time (issue 22, 4G; scripts/prerender.mjs): its cards are on screen
// before any of the app's code runs, in the stored language and at the screen's width, and the
// app's first render puts the same cards in the same places. A signed-in tab never gets it. Called
// from run.mjs with its page and helpers; the other pages share its context (localStorage).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { signInAtDesktop, signOutAtDesktop } from './header-fit.mjs';

const NO_CODE = /\/assets\/.+\.js$/;

/** Where the heading, the first and the last card and the menu or the language switch are drawn. */
async function layout(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round);
    };
    const cards = document.querySelectorAll('[data-service]');
    return {
      heading: box(document.querySelector('h1')),
      first: box(cards[0]),
      last: box(cards[cards.length - 1]),
      menu: box(document.querySelector('[data-testid="menu-button"]')),
      languages: box(document.querySelector('header .mantine-SegmentedControl-root')),
    };
  });
}

export async function catalogueDrawn({ page, step, BASE, PASSWORD, RESULTS }) {
  // Signed out first: a new tab would be handed the main tab's session (src/auth/session.ts), and
  // a signed-in header is not the one drawn at build time.
  await signOutAtDesktop(page, BASE);

  await step('catalogue-drawn-html', async () => {
    const html = await (await fetch(`${BASE}/catalogue`)).text();
    const templates = [...html.matchAll(/<template data-prerender="([a-z]+ (?:wide|narrow))"[^>]*>([\s\S]*?)<\/template>/g)];
    assert.deepEqual(templates.map((t) => t[1]), ['kk narrow', 'kk wide', 'ru narrow', 'ru wide', 'en narrow', 'en wide']);
    for (const [, name, body] of templates) {
      assert.equal(body.match(/data-service="/g)?.length, 9, `${name}: nine cards`);
    }
    assert.ok(templates[0][2].includes('Мемлекеттік қызметтер'), 'the Kazakh heading');
    assert.ok(templates[2][2].includes('Выдача водительских удостоверений'), 'a Russian card');
    assert.ok(html.includes('id="kazgov-services-summary"'), 'the summary is in the page');
    assert.ok(!html.includes('__kazgovSummary'), 'no request of its own for the summary');
    // Every other route gets the app's plain page.
    assert.ok(!(await (await fetch(`${BASE}/offices`)).text()).includes('data-prerender'), '/offices is not drawn');
  });

  const cases = [
    { language: 'ru', width: 360, height: 800, heading: 'Государственные услуги', wide: false },
    { language: 'kk', width: 1280, height: 900, heading: 'Мемлекеттік қызметтер', wide: true },
    { language: 'en', width: 390, height: 844, heading: 'Public services', wide: false },
  ];
  for (const c of cases) {
    await step(`catalogue-drawn-${c.language}-${c.width}`, async () => {
      await page.evaluate((language) => localStorage.setItem('kazgov.language', language), c.language);
      const drawn = await page.context().newPage();
      const app = await page.context().newPage();
      try {
        for (const p of [drawn, app]) await p.setViewportSize({ width: c.width, height: c.height });
        // Without the app's code: the page as the HTML and the CSS draw it.
        await drawn.route(NO_CODE, (route) => route.abort());
        await drawn.goto(`${BASE}/catalogue`);
        await drawn.getByRole('heading', { level: 1, name: c.heading }).waitFor();
        await drawn.locator('[data-service]').nth(8).waitFor({ state: 'visible' });
        assert.equal(await drawn.locator('[data-service]').count(), 9);
        assert.equal(await drawn.evaluate(() => document.documentElement.lang), c.language);
        assert.equal(await drawn.title(), `${c.heading} · Kazgov`);
        assert.equal(await drawn.locator('template').count(), 0, 'the other drawings are gone');
        await drawn.screenshot({ path: join(RESULTS, `catalogue-drawn-${c.language}-${c.width}-before-code.png`), fullPage: true });
        const before = await layout(drawn);
        assert.equal(before.menu !== null, !c.wide, 'the phone menu button on a phone only');
        assert.equal(before.languages !== null, c.wide, 'the language switch in the header on a wide screen only');

        // With it: the app asks for today's fees once it has drawn the page (held here, so that the
        // cards keep their placeholders, as drawn); the same cards in the same places.
        const errors = [];
        app.on('pageerror', (error) => errors.push(String(error)));
        await app.route(/\/api\/v1\/fees\/quote/, () => {});
        const quoted = app.waitForRequest(/\/api\/v1\/fees\/quote/);
        await app.goto(`${BASE}/catalogue`);
        await quoted;
        assert.equal(await app.locator('[data-testid="fee-loading"]').count(), await drawn.locator('[data-testid="fee-loading"]').count());
        assert.equal(await app.locator('[data-service]').count(), 9);
        assert.equal(await app.locator('h1').count(), 1);
        const after = await layout(app);
        for (const part of ['heading', 'first', 'last', 'menu']) {
          assert.deepEqual(before[part], after[part], `${part} moved when the app took over`);
        }
        // The switch's highlight is placed by the app, so only where the switch is counts.
        assert.deepEqual(before.languages?.slice(0, 2), after.languages?.slice(0, 2), 'the language switch moved');
        assert.deepEqual(errors, [], 'no errors in the app taking over');
      } finally {
        await drawn.close();
        await app.close();
      }
    });
  }

  await step('catalogue-drawn-root-and-signed-in', async () => {
    await page.evaluate(() => localStorage.setItem('kazgov.language', 'kk'));
    const drawn = await page.context().newPage();
    try {
      await drawn.route(NO_CODE, (route) => route.abort());
      // The root is the catalogue's address before the app's router would make it so.
      await drawn.goto(`${BASE}/`);
      await drawn.locator('[data-service]').nth(8).waitFor({ state: 'visible' });
      assert.equal(new URL(drawn.url()).pathname, '/catalogue');
    } finally {
      await drawn.close();
    }
    // Signed in: the header is the clerk's, so nothing is drawn before the app's code, not even in
    // a new tab, which is handed the session a moment later.
    await signInAtDesktop(page, BASE, PASSWORD, 'clerk.astana');
    await page.waitForURL(/\/desk\/inbox$/);
    const tab = await page.context().newPage();
    try {
      await tab.route(NO_CODE, (route) => route.abort());
      await tab.goto(`${BASE}/catalogue`);
      await tab.waitForLoadState('load');
      assert.equal(await tab.locator('[data-service]').count(), 0, 'no drawn catalogue where a clerk is signed in');
      await tab.unroute(NO_CODE);
      await tab.goto(`${BASE}/catalogue`);
      await tab.getByTestId('signed-in-as').waitFor();
      await tab.locator('[data-service]').nth(8).waitFor({ state: 'visible' });
    } finally {
      await tab.close();
    }
    // Signed out, the browser is a citizen's again.
    await signOutAtDesktop(page, BASE);
    const after = await page.context().newPage();
    try {
      await after.route(NO_CODE, (route) => route.abort());
      await after.goto(`${BASE}/catalogue`);
      await after.locator('[data-service]').nth(8).waitFor({ state: 'visible' });
    } finally {
      await after.close();
    }
  });
}
