// The electronic queue and applicant feedback (issue 21) in the browser: a ticket from the kiosk to
// a window on the hall display and served at the clerk's panel, at a phone's width (360 px), and one
// feedback through the link the applicant's SMS carried. Called from run.mjs with its helpers.
import assert from 'node:assert/strict';

const OFFICE = 'road-police-astana-671c3429';

/** The token of the first feedback link the fake SMS gateway received (the host's outbox delivers it on its own). */
async function feedbackToken(page, base, password) {
  return page.evaluate(async ({ base, password }) => {
    const tokenResponse = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password }),
    });
    const { access_token: token } = await tokenResponse.json();
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const messages = await (await fetch(`${base}/dev/fake-gateway/messages`, { headers: { Authorization: `Bearer ${token}` } })).json();
      const found = messages.map((m) => JSON.stringify(m).match(/feedback\?token=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/)).find(Boolean);
      if (found) return found[1];
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return null;
  }, { base, password });
}

export async function queueScenario({ page, step, base, text, password, signInAgainInEnglish }) {
  let number;
  // The header's language switch and sign-out need the desktop width; the queue's pages are used at 360 px.
  const desktop = () => page.setViewportSize({ width: 1280, height: 900 });
  const phone = () => page.setViewportSize({ width: 360, height: 800 });
  const fitsPhone = async (locator) => {
    const box = await locator.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `fits 360 px: ${JSON.stringify(box)}`);
  };

  await step('queue-kiosk-kk-360', async () => {
    await page.goto(`${base}/queue/${OFFICE}/kiosk`);
    await desktop();
    await page.getByText('Қазақша', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Электрондық кезек' }).waitFor();
    await phone();
    await fitsPhone(page.getByTestId('kiosk-service-driver-licence'));
    await page.getByTestId('kiosk-take-driver-licence-submission').click();
    number = await text(page.getByTestId('kiosk-ticket-number'));
    assert.match(number, /^DT-\d{3}$/);
    assert.equal(await text(page.getByTestId('kiosk-ahead')), 'Алдыңызда: 0');
    await fitsPhone(page.getByTestId('kiosk-ticket-number'));
  });

  await step('queue-desk-call-en-360', async () => {
    await desktop();
    // The header's account area follows the resize a render later: wait for it before asking who is signed in.
    const signOut = page.getByRole('button', { name: 'Шығу', exact: true });
    await signOut.or(page.getByRole('link', { name: 'Кіру', exact: true })).first().waitFor();
    if (await signOut.count() > 0) {
      await signInAgainInEnglish('clerk.astana');
    } else {
      await page.getByText('English', { exact: true }).click();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Login').fill('clerk.astana');
      await page.getByRole('textbox', { name: 'Password' }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await page.waitForURL(`${base}/desk/inbox`);
    }
    await phone();
    await page.goto(`${base}/desk/queue`);
    await page.getByRole('heading', { level: 1, name: 'Queue: the desk' }).waitFor();
    await page.locator(`[data-testid="queue-waiting"] tr[data-number="${number}"]`).waitFor();
    await page.getByTestId('queue-window').fill('4');
    await page.getByTestId('queue-call-next').click();
    const called = page.locator(`[data-testid="queue-called"][data-number="${number}"]`);
    await called.waitFor();
    assert.match(await text(called), new RegExp(`^${number} → 4`));
    await fitsPhone(called.getByTestId('queue-served'));
  });

  await step('queue-display-kk-ru', async () => {
    await page.goto(`${base}/queue/${OFFICE}/display`);
    const row = page.locator(`[data-testid="hall-display-row"][data-number="${number}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-window'), '4');
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Шақырылған талондар / Вызванные талоны');
    assert.equal(await text(page.getByTestId('hall-display-office')), 'Астана қаласы ІІД ЖПБ ЕТБ / РЭО УДП ДВД г. Астаны');
  });

  await step('queue-served-en', async () => {
    await page.goto(`${base}/desk/queue`);
    const called = page.locator(`[data-testid="queue-called"][data-number="${number}"]`);
    await called.getByTestId('queue-served').click();
    await called.waitFor({ state: 'detached' });
    await page.goto(`${base}/queue/${OFFICE}/display`);
    await page.getByTestId('hall-display').waitFor();
    assert.equal(await page.locator(`[data-testid="hall-display-row"][data-number="${number}"]`).count(), 0, 'a served ticket leaves the display');
  });

  await step('feedback-link-ru', async () => {
    const token = await feedbackToken(page, base, password);
    assert.ok(token, 'the SMS of a decided application carries a feedback link');
    await desktop();
    await page.goto(`${base}/feedback?token=${token}`);
    await page.getByText('Русский', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Оценка обслуживания' }).waitFor();
    await phone();
    await fitsPhone(page.getByTestId('feedback-submit'));
    for (const [question, score] of [['quality', 5], ['information', 4], ['courtesy', 5]]) {
      await page.getByTestId(`feedback-${question}`).locator('label').nth(score - 1).click();
    }
    await page.getByTestId('feedback-submit').click();
    assert.equal(await text(page.getByTestId('feedback-thanks')), 'Спасибо! Ваша оценка принята.');
    // The same link again: one answer per application.
    await page.goto(`${base}/feedback?token=${token}`);
    await page.locator('[data-problem-code="feedback-already-given"]').waitFor();
  });

  await desktop();
}
