// --simulate with nothing configured: once Zoom is connected, the console's delivery table fills with the
// demo's live targets (signed webhooks and the graphics fakes), with deliveries, and the flaky receiver's
// dead letters show with a Replay button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, ensureAuthorized, screenshot } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

function delivered(rows) {
  return rows.filter((r) => Number(r.delivered) > 0);
}

test('the delivery table shows live targets with deliveries', async () => {
  const context = await adminContext(browser);
  await ensureAuthorized(context);
  const page = await context.newPage();
  await page.goto('/');
  const read = () => page.$$eval('#targets tbody tr', (trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    return { name: tr.dataset.target, delivered: cells[1], deadLetters: cells[3] };
  }));
  await page.waitForFunction(() => {
    const live = [...document.querySelectorAll('#targets tbody tr')]
      .filter((tr) => Number(tr.querySelectorAll('td')[1]?.textContent) > 0);
    return live.length >= 2;
  }, null, { timeout: 90000, polling: 250 });
  const rows = await read();
  const live = delivered(rows).map((r) => r.name);
  assert.ok(live.length >= 2, `at least two targets delivered: ${JSON.stringify(rows)}`);
  assert.ok(rows.some((r) => r.name === 'studio-vmix'), `the vMix target is listed: ${JSON.stringify(rows)}`);
  await page.waitForFunction(() => [...document.querySelectorAll('#targets tbody tr')]
    .some((tr) => Number(tr.querySelectorAll('td')[3]?.textContent) > 0), null, { timeout: 120000, polling: 250 });
  assert.ok(await page.locator('#targets button.replay').count() > 0, 'a dead letter can be replayed from the table');
  await screenshot(page, 'console-simulate-demo.png', { fullPage: true });
  await context.close();
});
