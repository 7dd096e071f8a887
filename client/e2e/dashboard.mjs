// The unit head's dashboard and the ministry's view (issue 21) in the browser, after the queue
// scenario: the Astana road police's head sees today's queue with the ticket that scenario served,
// the clerks' applications, this month's indicators with a measured value (the walk decided
// applications and the applicant gave feedback in this office), and downloads the table as CSV; the
// auditor ranks the regions and drills down from Astana to the office's indicators. Desktop and
// 360 px. Called from run.mjs with its helpers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const OFFICE = 'road-police-astana-671c3429';
const REGION = 'astana';
// The clock of the run (2026-03-10) is in March: this month's table is March's.
const MONTH = '2026-03-01';

export async function dashboardScenario({ page, step, base, text, signInAgainInEnglish }) {
  const desktop = () => page.setViewportSize({ width: 1280, height: 900 });
  const phone = () => page.setViewportSize({ width: 360, height: 800 });
  const heading = (name) => page.getByRole('heading', { level: 1, name });
  const noSideScroll = async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
  };
  const percent = (value) => Number(value.replace('%', '').replace(',', '.').trim());

  await step('dashboard-unit-head-en', async () => {
    await desktop();
    await signInAgainInEnglish('head.astana');
    // A unit head lands on the dashboard, first of the desk's links; the workload stays in the menu.
    await page.waitForURL(`${base}/desk/dashboard`);
    await heading('Office dashboard').waitFor();
    const links = await page.getByRole('navigation', { name: 'main' }).getByRole('link').allInnerTexts();
    assert.ok(links.indexOf('Dashboard') >= 0 && links.indexOf('Dashboard') < links.indexOf('Inbox'), `nav: ${links.join(' | ')}`);
    assert.ok(links.includes('Workload'), 'the workload page stays reachable');

    // Today's queue: the queue scenario's ticket was served at this office.
    await page.getByTestId('dash-today').waitFor();
    const served = Number(await text(page.getByTestId('today-served-value')));
    assert.ok(served >= 1, `served today: ${served}`);
    await page.locator('[data-testid="today-by-service"] tr[data-service="driver-licence"][data-purpose="submission"]').waitFor();

    // The clerks' applications, from the workload: the office's clerk is listed.
    const clerk = page.locator('[data-testid="clerks-table"] tr[data-clerk="clerk.astana"]');
    await clerk.waitFor();
    assert.match(await text(page.getByTestId('clerks-open-value')), /^\d+$/);
    assert.match(await text(clerk.getByTestId('clerk-overdue')), /^\d+$/);
    assert.match(await text(clerk.getByTestId('clerk-due-today')), /^\d+$/);

    // This month's indicators: at least one measured value above zero; a missing one in words, never 0 or 100.
    const table = page.getByTestId('indicator-table');
    await table.waitFor();
    assert.equal(await page.getByTestId('period-start').inputValue(), 'March 2026');
    const values = await table.getByTestId('indicator-value').allInnerTexts();
    assert.ok(values.some((value) => percent(value) > 0), `values: ${values.join(', ')}`);
    const noData = table.getByTestId('indicator-no-data');
    assert.ok(await noData.count() > 0, 'an indicator the platform cannot compute says so');
    assert.match(await text(noData.first()), /^No data/);
    await page.getByTestId('indicator-chart').waitFor();
  });

  await step('dashboard-export-csv', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('office-export').getByTestId('export-csv').click(),
    ]);
    assert.equal(download.suggestedFilename(), `indicators-office-month-${MONTH}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.split('\r\n').filter(Boolean);
    assert.equal(header, 'Office id,Office,Region id,Region,Service,Indicator,Group,Text,"Value, %",Numerator,Denominator,'
      + '"Normative, %","Next year\'s target, %",Meets the normative,No data reason,Seed line');
    assert.ok(lines.length > 0 && lines.every((line) => line.startsWith(`${OFFICE},`)), 'only the own office\'s rows');
  });

  await step('dashboard-unit-head-360', async () => {
    await phone();
    await page.getByTestId('indicator-table').waitFor();
    await noSideScroll();
    // The year's table: the switch reloads it for 2026.
    await page.getByTestId('period-kind').click();
    await page.getByRole('option', { name: 'Year', exact: true }).click();
    await page.waitForURL(/period=year&start=2026-01-01/);
    await page.getByTestId('indicator-table').waitFor();
    await noSideScroll();
  });

  await step('ministry-auditor-en', async () => {
    await desktop();
    await signInAgainInEnglish('auditor');
    await page.waitForURL(`${base}/desk/ministry`);
    await heading('Ministry: quality indicators').waitFor();
    // Regions ranked by 1.1 (the share decided within the term); Astana has decided applications.
    const astana = page.locator(`[data-testid="regions-table"] tr[data-key="${REGION}"]`);
    await astana.waitFor();
    assert.equal(await text(astana.getByTestId('drill')), 'Astana city');
    await page.locator('[data-testid="services-table"] tr[data-service="driver-licence"]').waitFor();

    // Drill down: the region's offices, then the office's indicator table.
    await astana.getByTestId('drill').click();
    const office = page.locator(`[data-testid="offices-table"] tr[data-key="${OFFICE}"]`);
    await office.waitFor();
    assert.equal(await text(page.getByTestId('crumb-region')), 'Astana city');
    await office.getByTestId('drill').click();
    await page.getByTestId('ministry-office').getByTestId('indicator-table').waitFor();
    assert.match(page.url(), new RegExp(`region=${REGION}.*office=${OFFICE}|office=${OFFICE}.*region=${REGION}`));
    const values = await page.getByTestId('indicator-table').getByTestId('indicator-value').allInnerTexts();
    assert.ok(values.some((value) => percent(value) > 0), `the office's values: ${values.join(', ')}`);
  });

  await step('ministry-auditor-360', async () => {
    await phone();
    await noSideScroll();
    await page.getByTestId('crumb-all').click();
    await page.getByTestId('regions-table').waitFor();
    await noSideScroll();
  });

  await desktop();
}
