// Integrator clients (issue 20), by the administrator: create one (the secret is shown once), see
// a field error at its field, get a token with the secret, see the usage, disable it (its token
// stops at once), delete it. Called from run.mjs with its page and helpers.
import assert from 'node:assert/strict';
import { signInAtDesktop } from './header-fit.mjs';

export async function integratorClients({ page, step, BASE, PASSWORD }) {
  const callApi = (path, init) => page.evaluate(async ({ path, init }) => {
    const response = await fetch(path, init);
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { path, init });
  let secret;

  await step('clients-create-en', async () => {
    // An administrator sees no applications: signing in lands on the integrator clients, and the
    // menu has no inbox, desk or registers.
    await signInAtDesktop(page, BASE, PASSWORD, 'admin');
    await page.waitForURL(`${BASE}/desk/admin/clients`);
    await page.getByRole('heading', { level: 1, name: 'Integrator clients' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'main' });
    await menu.getByRole('link', { name: 'Integrators', exact: true }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Inbox', exact: true }).count(), 0);
    await page.getByTestId('client-egov-portal').waitFor();

    const form = page.getByTestId('create-client-form');
    await form.getByLabel('Client id').fill('e2e-agency');
    await form.getByLabel('Organisation').fill('Агенттік (e2e)');
    await form.getByLabel('Scopes').fill('driver-licence:read driver-licence:fly');
    await form.getByRole('button', { name: 'Create client' }).click();
    // The error names the scope as typed, at its field, not a JSON path.
    await form.getByText("driver-licence:fly: 'service:operation', operations: submit, read, verify, events, webhooks").waitFor();
    assert.equal(await form.getByText('scopes[1]').count(), 0);

    await form.getByLabel('Scopes').fill('driver-licence:read');
    await form.getByRole('button', { name: 'Create client' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('The secret is shown only now').waitFor();
    secret = (await dialog.getByTestId('client-secret').innerText()).trim();
    assert.match(secret, /^kzs_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'I saved it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('client-e2e-agency').waitFor();
  });

  await step('clients-usage-and-disable-en', async () => {
    const token = await callApi('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=e2e-agency&client_secret=${encodeURIComponent(secret)}`,
    });
    assert.equal(token.status, 200);
    const asClient = { headers: { Authorization: `Bearer ${token.body.access_token}` } };
    assert.equal((await callApi('/api/v1/clients/me', asClient)).status, 200);

    const row = page.getByTestId('client-e2e-agency');
    await row.getByRole('button', { name: 'Usage' }).click();
    const usage = page.getByTestId('client-usage');
    // The token and the one call: this host saves its counts before it answers.
    assert.equal((await usage.getByTestId('usage-requests').innerText()).trim(), 'Requests: 2');
    await usage.getByText('GetOwnClient').waitFor();
    await page.keyboard.press('Escape');
    await usage.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByTestId('client-disabled').waitFor();
    assert.equal((await callApi('/api/v1/clients/me', asClient)).status, 401, 'a disabled client\'s token stops at once');
  });

  await step('clients-delete-en', async () => {
    const row = page.getByTestId('client-e2e-agency');
    await row.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This cannot be undone.').waitFor();
    await dialog.getByTestId('confirm-delete').click();
    await row.waitFor({ state: 'detached' });
  });
}
