// Full stack: the overlay page, opened as OBS would open it, shows a lower third when the
// simulator's scripted meeting has a participant join.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, overlayContext, ensureAuthorized, screenshot } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the overlay shows a lower third for a participant who joins', async () => {
  const admin = await adminContext(browser);
  await ensureAuthorized(admin);
  await admin.close();
  const context = await overlayContext(browser);
  const page = await context.newPage();
  await page.goto('/overlay?show=joins,chat,badge&hold=20');
  await page.waitForFunction(() => document.body.dataset.feed === 'open', null, { timeout: 15000 })
    .catch(() => { throw new Error('the overlay never connected to WS /overlay/events'); });
  await page.waitForSelector('#lower-third', { state: 'visible', timeout: 60000 })
    .catch(() => { throw new Error('no lower third within 60 s: no participant_joined event reached the overlay'); });
  const name = (await page.textContent('#lt-name')).trim();
  assert.ok(name.length > 0, 'the lower third names the participant');
  await screenshot(page, 'overlay.png', { omitBackground: true, animations: 'disabled' });
  await context.close();
});
