// Full stack: once authorized, the simulator's scripted meeting reaches the console's live feed
// through the bridge (Zoom WebSocket → routes → /overlay/events), and the feed keeps updating.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, ensureAuthorized, screenshot, waitForText } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the live feed shows the meeting as it happens', async () => {
  const context = await adminContext(browser);
  await ensureAuthorized(context);
  const page = await context.newPage();
  await page.goto('/');
  await waitForText(page, '#feed-state', /live/);
  await waitForText(page, '#ws-state', /^Connected$/, 30000);
  await page.waitForSelector('#feed li[data-event]', { timeout: 30000 });
  const first = await page.locator('#feed li[data-event]').count();
  await page.waitForFunction((n) => document.querySelectorAll('#feed li[data-event]').length > n, first, { timeout: 30000 });
  const types = await page.locator('#feed li[data-event] code').allTextContents();
  assert.ok(types.every((t) => /^[a-z_]+\.[a-z_]+$/.test(t)), `event types look like Zoom's: ${types}`);
  await screenshot(page, 'console.png', { fullPage: true });
  await context.close();
});
