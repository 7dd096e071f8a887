// Every page, in kk, ru and en, on a 360 px phone and on a desktop (issue 22): no horizontal
// scrolling, the header's menu reaching the language switch and sign-in on the phone, and axe-core
// (the npm package, injected into the page) with no serious or critical violation. Each page's
// screenshot at both sizes goes to test-results/sweep/. Run after the walk of run.mjs, whose
// applications give the clerks' inboxes and application pages something to show.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkAxe } from './axe.mjs';

const PASSWORD = 'kazgov-demo-2026';
export const SIZES = [
  { name: 'phone', width: 360, height: 780 },
  { name: 'desktop', width: 1280, height: 900 },
];
export const LANGUAGES = ['kk', 'ru', 'en'];

/** The staff whose pages are swept, each with the pages only they see. */
const STAFF = [
  { login: 'clerk.astana', extra: ['/desk/vehicles'] },
  { login: 'clerk.weapons.astana', extra: ['/desk/weapons'] },
  { login: 'clerk.migration.astana', extra: [] },
  { login: 'clerk.migration.almaty', extra: [] },
  { login: 'clerk.address.astana', extra: ['/desk/address-bureau'] },
  { login: 'admin', extra: ['/desk/admin/clients'] },
  // issue 21: the unit head's dashboard and the ministry's view, only those (the rest is the clerks')
  { login: 'head.astana', extra: ['/desk/dashboard'], only: true },
  { login: 'auditor', extra: ['/desk/ministry'], only: true },
];
const PUBLIC = ['/catalogue', '/catalogue/driver-licence', '/catalogue/temporary-registration', '/offices', '/status', '/sign-in', '/no-such-page'];

async function token(base, login) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: login, password: PASSWORD }),
    });
    // The walk before signs in often too: over the sign-in limit, wait as the host says, as a client should.
    if (response.status === 429 && attempt < 3) {
      const seconds = Number(response.headers.get('retry-after')) || 10;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    if (!response.ok) throw new Error(`sign-in of ${login}: ${response.status}`);
    return response.json();
  }
}

/** The pages a clerk's session opens: the desk, the inbox, an intake form per service, an application. */
async function staffPages(base, login, extra, only) {
  const signedIn = await token(base, login);
  if (only) return { signedIn, pages: extra };
  const headers = { Authorization: `Bearer ${signedIn.access_token}`, 'Accept-Language': 'en' };
  const list = await (await fetch(`${base}/api/v1/applications?status=all&limit=1`, { headers })).json();
  const pages = ['/desk', '/desk/inbox', ...signedIn.actor.services.map((code) => `/desk/intake/${code}`), ...extra];
  if (list.items?.[0]) pages.push(`/desk/applications/${list.items[0].id}`);
  return { signedIn, pages };
}

const slug = (path) => path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').slice(0, 60) || 'root';

/**
 * Sweeps the pages; answers { passed, failed }, one count per page, language and size, and prints
 * each failure with what failed.
 */
export async function sweep({ base, now, results, chromiumPath }) {
  const dir = join(results, 'sweep');
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const counts = { passed: 0, failed: 0 };
  const sessions = [{ login: null, pages: PUBLIC, signedIn: null }];
  for (const { login, extra, only } of STAFF) sessions.push({ login, ...(await staffPages(base, login, extra, only)) });

  try {
    // The two sizes side by side, each in its own contexts: the pages wait on the API and on
    // timers as much as on the CPU, so two at once take well under twice the time of one.
    await Promise.all(SIZES.map((size) => sweepSize({ browser, size, sessions, base, now, dir, counts })));
  } finally {
    await browser.close();
  }
  return counts;
}

/** One size: every language, every session's pages; counts each page into counts. */
async function sweepSize({ browser, size, sessions, base, now, dir, counts }) {
  for (const language of LANGUAGES) {
    // A page two clerks both open (the inbox) is swept once per language and size.
    const swept = new Set();
    for (const { login, pages: all, signedIn } of sessions) {
      const pages = all.filter((path) => !swept.has(path));
      pages.forEach((path) => swept.add(path));
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        locale: 'en-US',
        timezoneId: 'Europe/London',
        // The menu then opens without sliding in, so it is measured where it stays (measured
        // while sliding, it was "off screen" whenever the machine was slow to start the slide).
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(10_000);
      // The language as the switch keeps it; the session as sign-in keeps it (once: the app
      // rotates the refresh token, and its own copy must win afterwards).
      await context.addInitScript(({ language, session }) => {
        localStorage.setItem('kazgov.language', language);
        if (session && !sessionStorage.getItem('kazgov.session')) sessionStorage.setItem('kazgov.session', JSON.stringify(session));
      }, {
        language,
        session: signedIn && { status: 'signed-in', accessToken: signedIn.access_token, refreshToken: signedIn.refresh_token ?? null, actor: signedIn.actor },
      });
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(now));
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      let first = true;
      for (const path of pages) {
        const name = `${size.name}-${language}-${login ?? 'public'}-${slug(path)}`;
        // KAZGOV_SWEEP_ONLY (a regular expression of names) sweeps some pages, when fixing one.
        if (process.env.KAZGOV_SWEEP_ONLY && !new RegExp(process.env.KAZGOV_SWEEP_ONLY).test(name)) continue;
        const problems = [];
        const t = { start: Date.now() };
        try {
          await page.goto(`${base}${path}`);
          await page.locator('h1').first().waitFor();
          // Loaded: no spinner left (a page without one waits for nothing).
          await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'), null, { timeout: 10_000 });
          t.loaded = Date.now();
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== language) problems.push(`html lang is ${lang}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > size.width) problems.push(`scrollWidth ${width} > ${size.width}`);
          if (size.name === 'phone') problems.push(...await checkMenu(page, size, first, !!signedIn));
          first = false;
          t.checked = Date.now();
          problems.push(...await checkAxe(page));
          t.axe = Date.now();
          await page.evaluate(() => window.scrollTo(0, 0));
          // JPEG: a hundred and more full pages in PNG cost the run minutes.
          // A long page while both sizes share two cores took more than the default 10 s once.
          await page.screenshot({ path: join(dir, `${name}.jpeg`), fullPage: true, type: 'jpeg', quality: 70, timeout: 30_000 });
          if (process.env.KAZGOV_SWEEP_TIMING) {
            console.log(`    ${name}: load ${t.loaded - t.start} ms, checks ${t.checked - t.loaded} ms, axe ${t.axe - t.checked} ms, screenshot ${Date.now() - t.axe} ms`);
          }
        } catch (error) {
          problems.push(String(error?.message ?? error).split('\n')[0]);
          await page.screenshot({ path: join(dir, `${name}-FAILED.png`), fullPage: true }).catch(() => {});
        }
        problems.push(...errors.splice(0));
        if (problems.length === 0) {
          counts.passed += 1;
        } else {
          counts.failed += 1;
          console.log(`  ✗ sweep ${name}\n${problems.map((p) => `      ${p}`).join('\n')}`);
        }
      }
      await context.close();
    }
    console.log(`  ✓ sweep ${size.name} ${language}: ${counts.passed} pages clean so far (both sizes), ${counts.failed} not`);
  }
}

/**
 * On a phone the header holds the title and the menu button; the menu (opened on the first page of
 * each session) holds the language switch, sign-in or sign-out, and the links, all inside the screen.
 */
async function checkMenu(page, size, open, signedIn) {
  const problems = [];
  const inside = async (locator, what) => {
    const box = await locator.boundingBox();
    if (!box) problems.push(`${what} is not shown`);
    else if (box.x < 0 || box.x + box.width > size.width + 0.5) problems.push(`${what} is off screen (${box.x}…${box.x + box.width})`);
  };
  const button = page.getByTestId('menu-button');
  await inside(button, 'the menu button');
  if (!open) return problems;
  await button.click();
  const menu = page.getByTestId('menu');
  await menu.waitFor();
  await inside(menu.getByRole('radiogroup').or(menu.locator('.mantine-SegmentedControl-root')).first(), 'the language switch');
  await inside(menu.getByRole('navigation', { name: 'main' }), 'the links');
  await inside(signedIn ? menu.getByTestId('signed-in-as') : menu.locator('a[href^="/sign-in"]'), signedIn ? 'the signed-in name' : 'sign-in');
  if (await button.getAttribute('aria-expanded') !== 'true') problems.push('the menu button does not say the menu is open');
  // Axe sees the open menu too; then it is closed again.
  problems.push(...(await checkAxe(page)).map((p) => `menu open: ${p}`));
  await button.click();
  return problems;
}
