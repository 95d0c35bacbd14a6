// The overlay's own logic, fed frames by the test (routeWebSocket): lower third, ticker, badge,
// show= and theme= parameters, and reconnecting when the feed drops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, overlayContext, screenshot, waitForText } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const join = (name) => ({ event: 'meeting.participant_joined', event_ts: Date.now(), payload: { object: { participant: { user_name: name } } } });
const chat = (sender, message) => ({ event: 'meeting.chat_message_sent', event_ts: Date.now(), payload: { object: { chat_message: { sender_name: sender, message } } } });
const started = (topic) => ({ event: 'meeting.started', event_ts: Date.now(), payload: { object: { topic } } });

async function overlay(query) {
  const context = await overlayContext(browser);
  const page = await context.newPage();
  const sockets = [];
  await page.routeWebSocket(/\/overlay\/events/, (ws) => sockets.push(ws));
  await page.goto('/overlay' + query);
  await page.waitForFunction(() => document.body.dataset.feed === 'open');
  const send = (frame) => sockets[sockets.length - 1].send(JSON.stringify(frame));
  return { context, page, sockets, send };
}

test('a join shows a lower third, chat the ticker, meeting.started the badge, on a transparent page', async () => {
  const { context, page, send } = await overlay('?hold=30');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgba(0, 0, 0, 0)');
  send(started('Quarterly all-hands'));
  send(join('Ada Lovelace'));
  send(chat('Grace Hopper', 'Great talk, thanks!'));
  await waitForText(page, '#lt-name', /^Ada Lovelace$/);
  await waitForText(page, '#ticker-text', /Grace Hopper\s+Great talk, thanks!/);
  await waitForText(page, '#badge-topic', /Quarterly all-hands/);
  assert.equal(await page.isVisible('#lower-third'), true);
  assert.equal(await page.isVisible('#badge'), true);
  await screenshot(page, 'overlay-render.png', { omitBackground: true, animations: 'disabled' });
  await context.close();
});

test('show= picks the elements and theme= the colours', async () => {
  const { context, page, send } = await overlay('?show=chat&theme=light');
  assert.equal(await page.getAttribute('body', 'data-theme'), 'light');
  send(started('Hidden badge'));
  send(join('Nobody shown'));
  send(chat('Linus', 'only chat here'));
  await waitForText(page, '#ticker-text', /only chat here/);
  assert.equal(await page.isVisible('#lower-third'), false);
  assert.equal(await page.isVisible('#badge'), false);
  await context.close();
});

test('meeting.ended takes the badge down', async () => {
  const { context, page, send } = await overlay('?show=badge');
  send(started('Town hall'));
  await page.waitForSelector('#badge', { state: 'visible' });
  send({ event: 'meeting.ended', event_ts: Date.now(), payload: { object: { topic: 'Town hall' } } });
  await page.waitForSelector('#badge', { state: 'hidden' });
  await context.close();
});

test('the overlay reconnects by itself when the feed drops and passes its token on', async () => {
  const { context, page, sockets, send } = await overlay('?token=tok-123&debug=1');
  assert.match(sockets[0].url(), /\/overlay\/events\?token=tok-123$/);
  sockets[0].close({ code: 1012, reason: 'bridge restarting' });
  await page.waitForFunction(() => document.body.dataset.feed === 'reconnecting');
  await page.waitForFunction(() => document.body.dataset.feed === 'open', null, { timeout: 15000 });
  assert.equal(sockets.length, 2);
  send(join('Back Again'));
  await waitForText(page, '#lt-name', /^Back Again$/);
  await context.close();
});
