// Issue 22, data part: offices in the page's language (and found by Latin letters), and the unit
// head's workload page with reassignment. Called from run.mjs with its helpers, after the walk.
import assert from 'node:assert/strict';

export async function issue22DataSteps({ page, step, BASE, heading, signInAgainInEnglish, sessionApi }) {
  await step('offices-one-language-per-page', async () => {
    await page.goto(`${BASE}/offices?q=Astana&service=driver-licence`);
    await page.getByText('Русский', { exact: true }).click();
    // "Astana" in Latin letters finds the Astana road police; the names come in Russian.
    await page.getByText('РЭО УДП ДВД г. Астаны', { exact: true }).waitFor();
    assert.equal(await page.getByText('Астана қаласы ІІД ЖПБ ЕТБ', { exact: true }).count(), 0, 'no Kazakh office name on a Russian page');
    await page.getByText('English', { exact: true }).click();
    await page.getByText('REO UDP DVD g. Astany', { exact: true }).waitFor();
    await page.getByText('Қазақша', { exact: true }).click();
    await page.getByText('Астана қаласы ІІД ЖПБ ЕТБ', { exact: true }).waitFor();
  });

  let application;
  await step('workload-unit-head', async () => {
    await signInAgainInEnglish('head.astana');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Workload', exact: true }).click();
    await heading('Office workload').waitFor();
    const row = page.locator('[data-clerk="clerk.astana"]');
    await row.waitFor();
    assert.match(await page.getByTestId('workload-total').innerText(), /^Open applications: \d+, overdue: \d+$/);

    // Hand one of the office's open applications to the office's clerk: recorded in its history.
    const list = await sessionApi('GET', '/api/v1/applications?limit=1');
    assert.equal(list.status, 200);
    application = list.body.items[0];
    assert.ok(application, 'the walk left an open application at the Astana office');
    await page.goto(`${BASE}/desk/workload?application=${application.id}`);
    await page.getByTestId('reassign').waitFor();
    await page.getByRole('combobox', { name: 'To' }).click();
    await page.getByRole('option', { name: /clerk\.astana/ }).click();
    await page.getByRole('button', { name: 'Hand over', exact: true }).click();
    assert.match(await page.getByTestId('reassigned').innerText(), /was handed to Айгерім Болатқызы Сейітова/);
    const history = await sessionApi('GET', `/api/v1/applications/${application.id}/history`);
    assert.equal(history.status, 200);
    assert.ok(JSON.stringify(history.body).includes('"reassign"'), 'the reassignment is in the history');

    // A unit head is not a clerk: the API refuses to hand an application to one.
    const refused = await sessionApi('POST', `/api/v1/applications/${application.id}/reassign`, null, { clerk: 'head.astana' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'not-a-clerk-of-office');
  });

  await step('person-page', async () => {
    // From the application page, the applicant's IIN opens the person page: the same application is listed there.
    await page.goto(`${BASE}/desk/applications/${application.id}`);
    const link = page.getByTestId('person-link');
    await link.waitFor();
    const iin = (await link.innerText()).trim();
    await link.click();
    await heading(`Person: ${iin}`).waitFor();
    await page.getByTestId('person-applications').getByText(application.registrationNumber, { exact: true }).waitFor();
    // The inbox search by IIN offers the same page.
    await page.goto(`${BASE}/desk/inbox?q=${iin}`);
    await page.getByTestId('inbox-person-link').click();
    await heading(`Person: ${iin}`).waitFor();
  });

  await step('person-page-migration-register', async () => {
    // The walk registered Каримов Бахтиёр (UZ) at the address of the host 850315300128: the migration
    // clerk finds the temporary registration on the host's page (the Migration module's own register).
    await signInAgainInEnglish('clerk.migration.astana');
    await page.goto(`${BASE}/desk/people/850315300128`);
    await heading('Person: 850315300128').waitFor();
    const row = page.getByTestId('person-records').locator('tr').filter({ hasText: 'Каримов Бахтиёр' });
    await row.waitFor();
    assert.match(await row.innerText(), /TR26\d{7}/);
    assert.match(await row.innerText(), /Каримов Бахтиёр · UZ FA1234567 · Астана, Бейбітшілік к-сі, 10, 5-пәтер/);
  });
}
