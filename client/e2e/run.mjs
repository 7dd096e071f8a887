// End-to-end run of the front-office app in a real browser (Debian's Chromium, driven by
// playwright-core) against the real API and database. scripts/test.sh starts the API with the
// built client, demo data and Testing:FixedClock, then runs this; by hand:
//   KAZGOV_E2E_URL=http://127.0.0.1:8181 node e2e/run.mjs
// The browser's clock is fixed to the API's (KAZGOV_E2E_NOW) so "today" is the same day for both.
// Each step writes a screenshot of its page to test-results/ (and a failing step one too).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const BASE = (process.env.KAZGOV_E2E_URL ?? 'http://127.0.0.1:8181').replace(/\/$/, '');
const NOW = process.env.KAZGOV_E2E_NOW ?? '2026-11-27T05:30:00Z';
const CHROMIUM = process.env.KAZGOV_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const NBSP = '\u00a0';
const PASSWORD = 'kazgov-demo-2026';

mkdirSync(RESULTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'kazgov-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  locale: 'en-US',
  timezoneId: 'Europe/London', // Not Almaty: the app must show Almaty time whatever the machine's zone.
});
context.setDefaultTimeout(10_000);
const page = context.pages()[0] ?? await context.newPage();
await page.clock.setFixedTime(new Date(NOW));
const consoleErrors = [];
page.on('pageerror', (error) => consoleErrors.push(String(error)));

let passed = 0;
let failed = 0;
const started = Date.now();

async function step(name, body) {
  const file = join(RESULTS, `${String(passed + failed + 1).padStart(2, '0')}-${name}.png`);
  try {
    await body();
    await page.screenshot({ path: file, fullPage: true });
    passed += 1;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`  ✗ ${name}\n${String(error?.stack ?? error).split('\n').map((l) => `      ${l}`).join('\n')}`);
    await page.screenshot({ path: file.replace('.png', '-FAILED.png'), fullPage: true }).catch(() => {});
    throw error;
  }
}

const text = (locator) => locator.innerText().then((value) => value.trim());
const heading = (name) => page.getByRole('heading', { level: 1, name });
const session = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('kazgov.session') ?? 'null'));
const setSession = (value) => page.evaluate((v) => sessionStorage.setItem('kazgov.session', JSON.stringify(v)), value);
const nav = (name) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name, exact: true });

try {
  await step('catalogue-kk', async () => {
    await page.goto(`${BASE}/`);
    await heading('Мемлекеттік қызметтер').waitFor();
    await page.waitForURL(`${BASE}/catalogue`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk');
    const cards = page.locator('[data-service]');
    await page.locator('[data-service="driver-licence"] [data-testid="fee-today"]').waitFor();
    assert.equal(await cards.count(), 9);
    // 125% of the 2026 MCI (4 325 ₸) = 5 406,25 ₸ (driver-licence §8), quoted for today in Almaty.
    assert.equal(await text(page.locator('[data-service="driver-licence"] [data-testid="fee-today"]')),
      `Бүгінгі баж: 5${NBSP}406,25${NBSP}₸`);
    await page.locator('[data-service="address-certificate"]').getByText('Тегін', { exact: true }).waitFor();
  });

  await step('catalogue-ru', async () => {
    await page.getByText('Русский', { exact: true }).click();
    await heading('Государственные услуги').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
    await page.getByRole('link', { name: /^Выдача водительских удостоверений/ }).first().waitFor();
    assert.equal(await text(page.locator('[data-service="driver-licence"] [data-testid="fee-today"]')),
      `Пошлина на сегодня: 5${NBSP}406,25${NBSP}₸`);
    await page.locator('[data-service="driver-licence"]').getByText('Срок: 6 часов · рабочее время').waitFor();
  });

  await step('service-ru', async () => {
    await page.locator('[data-service="driver-licence"]').getByRole('link', { name: 'Подробнее' }).click();
    await page.waitForURL(`${BASE}/catalogue/driver-licence`);
    await heading(/^Выдача водительских удостоверений/).waitFor();
    assert.equal(await text(page.getByTestId('fee-amount')), `5${NBSP}406,25${NBSP}₸`);
    await page.getByText(`При оплате 27 ноября 2026 г. (МРП 4${NBSP}325${NBSP}₸ с 1 января 2026 г.)`).waitFor();
    assert.equal(await page.getByTestId('refusal-grounds').locator('li').count(), 6);
  });

  await step('problem-ru', async () => {
    await page.goto(`${BASE}/catalogue/no-such-service`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-problem-code'), 'unknown-service');
    assert.match(await text(alert), /Такой государственной услуги нет в каталоге/);
    assert.match(await text(alert), /Государственной услуги с кодом «no-such-service» нет в каталоге/);
  });

  await step('offices-ru', async () => {
    await nav('Подразделения').click();
    await heading('Справочник подразделений').waitFor();
    await page.getByTestId('offices-shown').waitFor();
    await page.getByRole('combobox', { name: 'Регион' }).click();
    await page.getByRole('option', { name: 'город Астана' }).click();
    await page.waitForURL(/region=astana/);
    await page.getByTestId('offices-shown').filter({ hasText: 'Показано: 9' }).waitFor();
    const offices = page.locator('[data-office]');
    assert.equal(await offices.count(), 9);
    for (const office of await offices.all()) assert.match(await text(office), /город Астана/);
    await page.getByLabel('Название, город или улица').fill('Манас');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/q=%D0%9C%D0%B0%D0%BD%D0%B0%D1%81|q=Манас/);
    await page.getByTestId('offices-shown').filter({ hasText: 'Показано: 2' }).waitFor();
    assert.deepEqual(await offices.evaluateAll((cards) => cards.map((c) => c.querySelector('p')?.textContent)),
      ['Астана қаласы ТБ', 'Астана қаласы ЕБ']);
  });

  await step('sign-in-required', async () => {
    await page.goto(`${BASE}/desk`);
    await page.waitForURL(`${BASE}/sign-in?next=%2Fdesk&reason=required`);
    await page.getByText('Войдите, чтобы открыть эту страницу.').waitFor();
  });

  await step('desk-ru', async () => {
    await page.getByLabel('Логин').fill('clerk.astana');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL(`${BASE}/desk`);
    await heading('Добро пожаловать, Айгерім Болатқызы Сейітова').waitFor();
    assert.match(await text(page.getByTestId('desk-office')), /Астана қаласы ІІД ЖПБ ЕТБ/);
    const modules = page.getByTestId('desk-modules').locator('[data-module]');
    assert.deepEqual(await modules.evaluateAll((items) => items.map((i) => i.getAttribute('data-module'))),
      ['driver-licence', 'proxy-driver-registration', 'vehicle-registration']);
    assert.match(await text(modules.first()), /^Выдача водительских удостоверений/);
    assert.equal(await text(page.getByTestId('desk-mci').locator('p').last()), `4${NBSP}325${NBSP}₸ с 1 января 2026 г.`);
    assert.equal(await text(page.getByTestId('signed-in-as')), 'Айгерім Болатқызы Сейітова');
  });

  await step('deadline-ru', async () => {
    const form = page.getByTestId('deadline-calculator');
    // Accepted on Friday 27 November at 16:45 Almaty: 1 h 15 min that day, the weekend skipped,
    // 4 h 45 min on Monday → due Monday 30 November 13:45 (driver-licence §7.1, 6 working hours).
    await form.getByLabel('Дата и время приёма').fill('2026-11-27T16:45');
    await form.getByRole('button', { name: 'Рассчитать' }).click();
    const result = page.getByTestId('deadline-result');
    await result.waitFor();
    assert.equal(await text(result.locator('p').first()), 'Срок: 30 нояб. 2026 г., 13:45');
  });

  await step('token-refreshed-silently', async () => {
    const before = await session();
    await setSession({ ...before, accessToken: 'not-a-token' });
    await nav('Услуги').click();
    await heading('Государственные услуги').waitFor();
    await nav('Рабочее место').click();
    await page.getByTestId('desk-mci').waitFor();
    const after = await session();
    assert.equal(after.status, 'signed-in');
    assert.notEqual(after.accessToken, 'not-a-token');
    assert.notEqual(after.refreshToken, before.refreshToken, 'a refresh token is used once and replaced');
  });

  await step('session-expired-keeps-input', async () => {
    const form = page.getByTestId('deadline-calculator');
    await form.getByLabel('Дата и время приёма').fill('2026-11-30T10:05');
    await setSession({ ...(await session()), accessToken: 'expired', refreshToken: 'expired' });
    await nav('Услуги').click();
    await heading('Государственные услуги').waitFor();
    await nav('Рабочее место').click();
    await page.waitForURL(`${BASE}/sign-in?next=%2Fdesk&reason=expired`);
    assert.equal(await text(page.getByTestId('session-expired')), 'Сеанс истёк. Войдите снова: введённые данные сохранены.');
    assert.equal(await page.getByLabel('Логин').inputValue(), 'clerk.astana');
  });

  await step('back-at-the-form', async () => {
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL(`${BASE}/desk`);
    const form = page.getByTestId('deadline-calculator');
    await form.waitFor();
    assert.equal(await form.getByLabel('Дата и время приёма').inputValue(), '2026-11-30T10:05');
    await form.getByRole('button', { name: 'Рассчитать' }).click();
    // Monday 10:05 + 6 working hours (lunch is not excluded by §7.1) → 16:05 the same day.
    assert.equal(await text(page.getByTestId('deadline-result').locator('p').first()), 'Срок: 30 нояб. 2026 г., 16:05');
  });

  await step('signed-out', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByTestId('signed-out').waitFor();
    assert.equal(await nav('Рабочее место').count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('kazgov.drafts')), null);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('kazgov.session')), null);
  });

  await step('catalogue-en', async () => {
    await page.getByText('English', { exact: true }).click();
    await nav('Services').click();
    await heading('Public services').waitFor();
    await page.locator('[data-service="driver-licence"] [data-testid="fee-today"]').filter({ hasText: '₸5,406.25' }).waitFor();
    assert.equal(await text(page.locator('[data-service="driver-licence"] [data-testid="fee-today"]')), 'Fee today: ₸5,406.25');
  });
} catch {
  // The failing step has reported itself; the rest depend on it.
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (consoleErrors.length > 0) {
  failed += 1;
  console.log(`  ✗ script errors in the page:\n      ${consoleErrors.join('\n      ')}`);
}
console.log(`  screenshots: ${RESULTS} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
