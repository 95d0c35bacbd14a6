// Full stack: the overlay keeps the show state across a reload. It follows the simulator's scripted
// meeting live; mid-meeting the story is held, the page reloads (as OBS does when a scene becomes
// active) and shows the same roster, sharing, chat line and badge from the bridge.snapshot it gets
// first; once the meeting ends nothing of it stays on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, overlayContext, ensureAuthorized, screenshot } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const QUERY = '/overlay?show=joins,chat,badge,roster&hold=60&chat=300';

async function until(what, check, timeout = 90000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function meetings(context) {
  return (await (await context.request.get('/api/meetings')).json()).meetings;
}

async function story(context, paused) {
  const response = await context.request.post(`/simulator/control/ws/story?paused=${paused}`);
  assert.equal(response.status(), 200, 'the simulator holds or resumes its story');
}

async function onScreen(page) {
  return page.evaluate(() => {
    const visible = (id) => !document.getElementById(id).hidden;
    const text = (id) => document.getElementById(id).textContent.trim();
    return {
      badge: visible('badge') ? text('badge-topic') : null,
      roster: visible('roster') ? Array.from(document.querySelectorAll('#roster-list li')).map((li) => li.textContent) : null,
      sharing: visible('sharing') ? text('sharing') : null,
      chat: visible('ticker') ? text('ticker-text') : null,
      lowerThird: visible('lower-third') ? text('lt-name') : null,
    };
  });
}

async function open(context) {
  const page = await context.newPage();
  await page.goto(QUERY);
  await page.waitForFunction(() => document.body.dataset.feed === 'open', null, { timeout: 15000 });
  return page;
}

test('a reload mid-meeting shows the same state, and nothing stays up after meeting.ended', async () => {
  const admin = await adminContext(browser);
  await ensureAuthorized(admin);
  const context = await overlayContext(browser);
  const page = await open(context);
  try {
    // Follow the meeting live until everyone is in and someone shares, then hold the story there.
    const full = await until('a meeting with four people in it and a screen share',
      async () => (await meetings(admin)).find((m) => m.participants.length === 4 && m.sharing));
    await story(admin, true);
    const [truth] = (await meetings(admin)).filter((m) => m.id === full.id);
    const names = truth.participants.map((p) => p.name);
    await until('the overlay to show the roster of the API', async () =>
      JSON.stringify((await onScreen(page)).roster) === JSON.stringify(names));
    const before = await onScreen(page);
    assert.equal(before.badge, truth.topic);
    assert.equal(before.sharing, truth.sharing ? `${truth.sharing.name} is sharing` : null);
    const lastChat = truth.chat[truth.chat.length - 1];
    assert.match(before.chat, new RegExp(`^${lastChat.sender}\\s+`));
    await screenshot(page, 'overlay-before-reload.png', { omitBackground: true, animations: 'disabled' });

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.feed === 'open', null, { timeout: 15000 });
    await until('the roster after the reload', async () => (await onScreen(page)).roster !== null, 10000);
    const after = await onScreen(page);
    assert.deepEqual({ ...after, lowerThird: undefined }, { ...before, lowerThird: undefined },
      'the same roster, sharing, chat line and badge after the reload');
    // The lower third is the latest join's while its hold lasts.
    const newest = truth.participants.reduce((a, p) => (Date.parse(p.joinedAt) >= Date.parse(a.joinedAt) ? p : a));
    assert.equal(after.lowerThird, newest.name);
    await screenshot(page, 'overlay-after-reload.png', { omitBackground: true, animations: 'disabled' });

    // Let the meeting run to its end, and hold the story before the next one starts.
    await story(admin, false);
    await until('the meeting to end', async () => !(await meetings(admin)).some((m) => m.id === truth.id));
    await story(admin, true);
    await until('the overlay to clear', async () => {
      const s = await onScreen(page);
      const live = await meetings(admin);
      return live.length === 0 && s.roster === null && s.badge === null && s.chat === null && s.lowerThird === null;
    }, 10000);
    await screenshot(page, 'overlay-after-end.png', { omitBackground: true, animations: 'disabled' });
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.feed === 'open', null, { timeout: 15000 });
    assert.deepEqual(await onScreen(page), { badge: null, roster: null, sharing: null, chat: null, lowerThird: null },
      'a reload after the end shows nothing of the ended meeting');
  } finally {
    await story(admin, false);
    await context.close();
    await admin.close();
  }
});
