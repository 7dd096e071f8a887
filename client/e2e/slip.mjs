// The printed slip (issue 22): Print opens the browser's print dialog on the same page (no new tab),
// and the paper printed is the slip on screen, word for word: titles of documents rather than their
// codes, the due time with its hour, the acceptance time formatted, two signature lines and a QR
// code of the public status page for the slip's number. The print is rendered with the print
// media emulated (a screenshot) and as a PDF, both kept in test-results/.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const words = (value) => value.replace(/\s+/g, ' ').trim();

export async function checkPrintedSlip(page, { results, base, name }) {
  const slip = page.getByTestId('slip');
  const paper = page.getByTestId('slip-paper');
  await paper.waitFor();
  const number = words(await page.getByTestId('slip-number').innerText());

  // The QR code names the public status page of this number.
  const qr = paper.getByTestId('slip-qr');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('data-url'), `${base}/status?number=${encodeURIComponent(number)}`);
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/);
  assert.ok((await qr.getAttribute('alt'))?.length > 0, 'the QR code has a text alternative');

  // Documents by their titles, never by their codes.
  for (const item of await paper.getByTestId('slip-documents').locator('[data-document]').all()) {
    const code = await item.getAttribute('data-document');
    const title = words(await item.innerText());
    assert.notEqual(title, code, `the document ${code} is printed by its title`);
    assert.doesNotMatch(title, /^[a-z]+(-[a-z]+)+$/, `the document ${code} is printed by its title, not ${title}`);
  }
  // The times as on screen: a date with its hour, never the raw "(Asia/Almaty)" form.
  assert.match(words(await paper.getByTestId('slip-due').innerText()), /\d{1,2}:\d{2}$/);
  assert.match(words(await paper.getByTestId('slip-accepted').innerText()), /\d{1,2}:\d{2}$/);
  assert.doesNotMatch(await paper.innerText(), /Asia\/Almaty/);
  assert.equal(await paper.getByTestId('signature-line').count(), 2, 'the clerk\'s and the applicant\'s signature lines');

  // Print: the print dialog of this page, not a new tab.
  const tabs = page.context().pages().length;
  await page.evaluate(() => {
    window.__kazgovPrints = 0;
    window.print = () => { window.__kazgovPrints += 1; };
  });
  await slip.getByTestId('slip-print').click();
  assert.equal(await page.evaluate(() => window.__kazgovPrints), 1, 'Print calls window.print once');
  assert.equal(page.context().pages().length, tabs, 'Print opens no tab');

  // The paper: what print media shows of the whole page is the slip on screen, and nothing else.
  const screen = words(await paper.innerText());
  await page.emulateMedia({ media: 'print' });
  try {
    const printed = words(await page.evaluate(() => document.body.innerText));
    assert.equal(printed, screen, 'the printed page carries the same words as the slip on screen');
    assert.equal(await slip.getByTestId('slip-print').isVisible(), false, 'the buttons are not printed');
    assert.equal(await page.getByTestId('skip-link').isVisible(), false);
    await page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
    await page.pdf({ path: join(results, `${name}.pdf`), format: 'A4', printBackground: true });
  } finally {
    await page.emulateMedia({ media: null });
  }
  return { number, text: screen };
}
