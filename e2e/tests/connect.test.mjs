// Full stack: the console's Connect Zoom button runs the real OAuth flow against the built-in
// simulator (authorize → callback), and the console then shows the bridge authorized.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, screenshot, waitForText } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('Connect Zoom → simulator authorize → callback → console shows authorized', async () => {
  const context = await adminContext(browser);
  const page = await context.newPage();
  await page.goto('/');
  await waitForText(page, '#auth-state', /Not connected/);
  await waitForText(page, '#problem-list', /not connected yet/);

  await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.click('#connect')]);
  assert.match(await page.textContent('body'), /connected|authorized/i, 'the callback page says the login worked');

  await page.goto('/');
  await waitForText(page, '#auth-state', /^Authorized$/);
  await waitForText(page, '#connect', /Reconnect Zoom/);
  await waitForText(page, '#auth-expiry', /^in \d+m/);
  // live-feed.test.mjs replaces this picture with one that has events in it.
  await screenshot(page, 'console.png', { fullPage: true });
  await context.close();
});
