// The catalogue on emulated 4G (issue 22, speed): opens /catalogue in Debian's Chromium with a
// cold cache and the network throttled through the DevTools protocol
// (Network.emulateNetworkConditions: 9 Mbit/s down, 1.5 Mbit/s up, 170 ms round trip), and times
// how long until all nine service cards are visible. Fails above the budget (1.5 s by default).
//   KAZGOV_E2E_URL=http://127.0.0.1:8181 node scripts/measure-4g.mjs
// Settings: KAZGOV_4G_BUDGET_MS (1500), KAZGOV_4G_RUNS (3: the median counts), KAZGOV_CHROMIUM.
import { chromium } from 'playwright-core';

const BASE = (process.env.KAZGOV_E2E_URL ?? 'http://127.0.0.1:8181').replace(/\/$/, '');
const BUDGET = Number(process.env.KAZGOV_4G_BUDGET_MS ?? 1500);
const RUNS = Number(process.env.KAZGOV_4G_RUNS ?? 3);
const CHROMIUM = process.env.KAZGOV_CHROMIUM ?? '/usr/bin/chromium';
const CARDS = 9;
const FOUR_G = {
  offline: false,
  latency: 170,
  downloadThroughput: (9 * 1024 * 1024) / 8,
  uploadThroughput: (1.5 * 1024 * 1024) / 8,
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const timings = [];
let bytes = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    // A new context each time: no cache, no service worker, nothing kept from the run before.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'kk-KZ' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FOUR_G);
    let transferred = 0;
    cdp.on('Network.loadingFinished', (event) => { transferred += event.encodedDataLength; });
    const started = Date.now();
    await page.goto(`${BASE}/catalogue`, { waitUntil: 'commit' });
    await page.locator('[data-service]').nth(CARDS - 1).waitFor({ state: 'visible', timeout: 30_000 });
    const elapsed = Date.now() - started;
    const count = await page.locator('[data-service]').count();
    if (count !== CARDS) throw new Error(`the catalogue shows ${count} cards, not ${CARDS}`);
    timings.push(elapsed);
    bytes = transferred;
    console.log(`  run ${run + 1}: ${elapsed} ms, ${(transferred / 1024).toFixed(0)} KB transferred`);
    await context.close();
  }
} finally {
  await browser.close();
}

const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)];
console.log(`catalogue on 4G: median ${median} ms of ${timings.length} runs (budget ${BUDGET} ms), ${(bytes / 1024).toFixed(0)} KB`);
if (median > BUDGET) {
  console.log(`4g: the catalogue took ${median} ms, over the budget of ${BUDGET} ms`);
  process.exit(1);
}
