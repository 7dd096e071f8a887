// The header at 1280 px for the users with the most links (issue 22): the unit head (dashboard,
// workload, registers) and the auditor (ministry view, registers), in Russian (the longest texts)
// and Kazakh. Every item inside the window, none over another, no link cut, wrapped or scrolled
// out of the nav. Then the desk names the clerk's office in the page's language (the directory
// answers in Accept-Language), switching with it. Called from run.mjs with its page and helpers.
import assert from 'node:assert/strict';

// The links each of them has: a change of the nav should be a change of this check too.
const USERS = [
  { login: 'head.astana', links: 9 },
  { login: 'auditor', links: 8 },
];
const LANGUAGES = [
  { code: 'ru', label: 'Русский', signOut: 'Выйти' },
  { code: 'kk', label: 'Қазақша', signOut: 'Шығу' },
];

/** What is wrong with the header as laid out now (nothing: an empty list). */
export function headerProblems() {
  const problems = [];
  const header = document.querySelector('header');
  const nav = header?.querySelector('nav[aria-label="main"]');
  if (!header || !nav) return ['no header with its main nav'];
  const name = (el) => (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().replace(/\s+/g, ' ');
  const items = [
    header.querySelector('a[href="/catalogue"]:not(nav a)'),
    ...nav.querySelectorAll('a'),
    header.querySelector('.mantine-SegmentedControl-root'),
    header.querySelector('[data-testid="signed-in-as"]'),
    ...[...header.querySelectorAll('button')].filter((b) => !b.closest('.mantine-SegmentedControl-root')),
  ].filter(Boolean);
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  if (nav.scrollWidth > nav.clientWidth + 1) problems.push(`the nav needs ${nav.scrollWidth} px of its ${nav.clientWidth}`);
  const headerBox = header.getBoundingClientRect();
  const boxes = items.map((el) => ({ el, box: el.getBoundingClientRect() }));
  for (const { el, box } of boxes) {
    if (box.width === 0 || box.height === 0) problems.push(`«${name(el)}» is not shown`);
    if (box.left < 0 || box.right > width + 0.5) problems.push(`«${name(el)}» is outside the window (${Math.round(box.left)}–${Math.round(box.right)})`);
    if (box.top < headerBox.top - 0.5 || box.bottom > headerBox.bottom + 0.5) problems.push(`«${name(el)}» sticks out of the header`);
    if (el.tagName === 'A' && el.closest('nav')) {
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.55;
      if (el.getClientRects().length > 1 || box.height > lineHeight * 1.5) problems.push(`«${name(el)}» wraps`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') problems.push(`«${name(el)}» is cut`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box;
      const b = boxes[j].box;
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      if (overlap) problems.push(`«${name(boxes[i].el)}» and «${name(boxes[j].el)}» overlap`);
    }
  }
  return problems;
}

/** Whatever the step before left (a phone-sized page, another user): desktop size, English, signed out. */
export async function signOutAtDesktop(page, BASE) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE}/catalogue`);
  await page.getByText('English', { exact: true }).click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count() > 0) {
    await signOut.click();
    await page.getByTestId('signed-out').waitFor();
  }
}

/** Whatever the step before left: desktop size, English, signed in as login. */
export async function signInAtDesktop(page, BASE, PASSWORD, login) {
  await signOutAtDesktop(page, BASE);
  await page.goto(`${BASE}/sign-in`);
  // The header may not have shown the session yet when signOutAtDesktop looked: a page that is still
  // signed in sends /sign-in on to the desk. Sign out there, then come back.
  const loginField = page.getByLabel('Login');
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await loginField.or(signOut).first().waitFor();
  if (await loginField.count() === 0) {
    await signOut.click();
    await page.getByTestId('signed-out').waitFor();
    await page.goto(`${BASE}/sign-in`);
  }
  await loginField.fill(login);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

async function signIn(page, BASE, PASSWORD, login) {
  await signInAtDesktop(page, BASE, PASSWORD, login);
  await page.waitForURL(/\/desk\/(inbox|dashboard|ministry)$/);
}

export async function headerFit({ page, step, BASE, PASSWORD }) {
  await step('desk-office-in-page-language', async () => {
    await signIn(page, BASE, PASSWORD, 'clerk.astana');
    await page.goto(`${BASE}/desk`);
    const office = page.getByTestId('desk-office');
    // reference/office-names.json: road-police-astana-671c3429 in kk, ru, and ru in Latin letters (en).
    await office.getByText('REO UDP DVD g. Astany', { exact: true }).waitFor();
    // The clerk's post too (GET /auth/me positions, Offices/Data/position-names.json).
    await page.getByText('Inspector of the registration and examination office', { exact: false }).waitFor();
    await page.getByText('Русский', { exact: true }).click();
    await office.getByText('РЭО УДП ДВД г. Астаны', { exact: true }).waitFor();
    await page.getByText('Инспектор регистрационно-экзаменационного отделения', { exact: false }).waitFor();
    assert.equal(await page.getByText('Тіркеу-емтихан бөлімшесінің инспекторы').count(), 0, 'no Kazakh post on a Russian page');
    assert.equal(await office.getByText('Астана қаласы ІІД ЖПБ ЕТБ').count(), 0, 'no Kazakh name on a Russian page');
    await page.getByText('Қазақша', { exact: true }).click();
    await office.getByText('Астана қаласы ІІД ЖПБ ЕТБ', { exact: true }).waitFor();
  });

  for (const user of USERS) {
    await step(`header-fit-${user.login}`, async () => {
      await signIn(page, BASE, PASSWORD, user.login);
      const nav = page.getByRole('navigation', { name: 'main' });
      for (const language of LANGUAGES) {
        await page.getByText(language.label, { exact: true }).click();
        await page.getByRole('button', { name: language.signOut }).waitFor();
        for (const width of [1280, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForFunction((count) => document.querySelectorAll('header nav[aria-label="main"] a').length === count, user.links);
          assert.equal(await nav.getByRole('link').count(), user.links, `${user.login}: the nav's links`);
          const problems = await page.evaluate(headerProblems);
          assert.deepEqual(problems, [], `${user.login}, ${language.code}, ${width} px: ${problems.join('; ')}`);
        }
      }
      // A phone: the links are behind the menu button, and the page does not scroll sideways.
      await page.setViewportSize({ width: 360, height: 800 });
      await page.getByTestId('menu-button').waitFor();
      assert.equal(await page.getByTestId('header-nav').count(), 0, 'no header nav at 360 px');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  }

  // The phone's menu slides in (0.2 s), unless the system asks for less motion: then it is there at once.
  await step('menu-reduced-motion', async () => {
    await signOutAtDesktop(page, BASE);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByTestId('menu-button').waitFor();
    const panel = page.getByTestId('menu');
    // The shell drops its transitions while the window is being resized, so each state is waited for.
    const slides = (duration) => page.waitForFunction(
      (expected) => getComputedStyle(document.querySelector('[data-testid="menu"]')).transitionDuration === expected, duration, { timeout: 5_000 });
    try {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await slides('0.2s');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await slides('0s');
      await page.getByTestId('menu-button').click();
      await panel.waitFor();
      const box = await panel.boundingBox();
      assert.equal(box?.x, 0, 'the menu in place at once');
      await page.getByTestId('menu-button').click();
    } finally {
      await page.emulateMedia({ reducedMotion: null });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
}
