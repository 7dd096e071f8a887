// Where the catalogue's time goes on emulated 4G (issue 22): the same conditions as measure-4g.mjs,
// one cold run, every request with its start, first byte and end (ms from navigation), and when the
// nine cards were visible.   KAZGOV_E2E_URL=http://127.0.0.1:8181 node scripts/profile-4g.mjs
import { chromium } from 'playwright-core';

const BASE = (process.env.KAZGOV_E2E_URL ?? 'http://127.0.0.1:8181').replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.KAZGOV_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'kk-KZ' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 170, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (1.5 * 1024 * 1024) / 8 });
  const requests = new Map();
  let origin;
  cdp.on('Network.requestWillBeSent', (e) => { origin ??= e.timestamp; requests.set(e.requestId, { url: e.request.url.replace(BASE, ''), start: e.timestamp }); });
  cdp.on('Network.responseReceived', (e) => { const r = requests.get(e.requestId); if (r) { r.firstByte = e.timestamp; r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '-'; } });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; } });
  const started = Date.now();
  await page.goto(`${BASE}/catalogue`, { waitUntil: 'commit' });
  await page.locator('[data-service]').nth(8).waitFor({ state: 'visible', timeout: 30_000 });
  const visible = Date.now() - started;
  const ms = (t) => (t === undefined ? '-' : Math.round((t - origin) * 1000));
  for (const r of requests.values()) {
    console.log(`${String(ms(r.start)).padStart(5)} ${String(ms(r.firstByte)).padStart(5)} ${String(ms(r.end)).padStart(5)} ms  ${String(((r.bytes ?? 0) / 1024).toFixed(1)).padStart(6)} KB ${(r.encoding ?? '?').padEnd(4)} ${r.url}`);
  }
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { domInteractive: Math.round(nav.domInteractive), domContentLoaded: Math.round(nav.domContentLoadedEventEnd) };
  });
  console.log(`cards visible after ${visible} ms; domInteractive ${timing.domInteractive} ms, DOMContentLoaded ${timing.domContentLoaded} ms`);
  await context.close();
} finally {
  await browser.close();
}
