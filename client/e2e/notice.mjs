// The printed refusal notice (issue 22): shown in the application page and printed from it with the
// browser's print dialog, like the slip: no new tab, window.print called once, and what print media
// shows of the page is the notice on screen, word for word, with its QR code of the status page.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const words = (value) => value.replace(/\s+/g, ' ').trim();

export async function checkPrintedNotice(page, { results, base, number, name }) {
  const section = page.getByTestId('refusal');
  const paper = section.getByTestId('notice-paper');
  await paper.waitFor();
  const qr = paper.getByTestId('notice-qr');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('data-url'), `${base}/status?number=${encodeURIComponent(number)}`);

  const tabs = page.context().pages().length;
  await page.evaluate(() => {
    window.__kazgovPrints = 0;
    window.print = () => { window.__kazgovPrints += 1; };
  });
  await section.getByTestId('notice-print').click();
  assert.equal(await page.evaluate(() => window.__kazgovPrints), 1, 'Print calls window.print once');
  // A new tab would open asynchronously: give it the time it would take before counting.
  await page.waitForTimeout(500);
  assert.equal(page.context().pages().length, tabs, 'Print opens no tab');

  const screen = words(await paper.innerText());
  await page.emulateMedia({ media: 'print' });
  try {
    const printed = words(await page.evaluate(() => document.body.innerText));
    assert.equal(printed, screen, 'the printed page carries the same words as the notice on screen');
    assert.equal(await section.getByTestId('notice-print').isVisible(), false, 'the buttons are not printed');
    await page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
  } finally {
    await page.emulateMedia({ media: null });
  }
  return { text: screen };
}
