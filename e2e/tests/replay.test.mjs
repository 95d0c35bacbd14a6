// Full stack: the webhook receiver (run by PagesBrowserIT) refuses deliveries, so events end up as
// dead letters; the receiver is fixed, the operator clicks Replay, and the dead letters are gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, ensureAuthorized, waitForText } from '../lib/harness.mjs';

const RECEIVER = process.env.RECEIVER_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('a dead letter is replayed from the console once the target works again', { skip: !RECEIVER && 'RECEIVER_URL not set' }, async () => {
  const context = await adminContext(browser);
  await ensureAuthorized(context);
  for (const endpoint of ['/admin/delivery/status', '/admin/dead-letters']) {
    const answer = await context.request.get(endpoint);
    assert.ok(answer.ok(), `${endpoint} answers HTTP ${answer.status()}: the console has nothing to replay from`);
  }
  const page = await context.newPage();
  await page.goto('/');
  await waitForText(page, '#problem-list', /dead letter/, 60000);
  await page.waitForSelector('#dead-letters button.replay', { timeout: 10000 });

  const healed = await fetch(RECEIVER + '/control/accept', { method: 'POST' });
  assert.equal(healed.status, 204);
  const before = await (await fetch(RECEIVER + '/control/stats')).json();
  await page.click('#replay-all');
  await waitForText(page, '#replay-result', /Replay requested/);
  await page.waitForFunction(async (url) => {
    const stats = await fetch(url + '/control/stats').then((r) => r.json()).catch(() => null);
    return stats && stats.accepted > 0;
  }, RECEIVER, { timeout: 30000, polling: 250 }).catch(() => {
    throw new Error(`the receiver got no delivery after Replay (before: ${JSON.stringify(before)})`);
  });
  await waitForText(page, '#dead-letters', /^none$/, 30000);
  await context.close();
});
