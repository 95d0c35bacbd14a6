// Another site's page, opened in the admin's browser (logged in to the console): it cannot show the
// console inside a frame of its own, cannot make the browser replay dead letters, and Zoom's
// redirect back from its own site still completes a login (the state cookie is SameSite=Lax).
// The foreign site is a Node server on 127.0.0.1, a different site from the bridge's localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, foreignSite, screenshot, BASE_URL } from '../lib/harness.mjs';

let browser;
let site;
const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

before(async () => {
  browser = await launch();
  site = await foreignSite({
    // Both pages side by side: the overlay (which must stay embeddable) shows that framing works at all.
    '/frames': `<!doctype html><title>foreign</title>
      <iframe id="console" src="${BASE_URL}/" width="700" height="500"></iframe>
      <iframe id="overlay" src="${BASE_URL}/overlay?debug=1" width="700" height="500"></iframe>`,
    '/replay': `<!doctype html><title>foreign</title>
      <form id="f" method="post" enctype="text/plain" action="${BASE_URL}/admin/dead-letters/replay">
      <input name="x" value="y"><button id="go">win a prize</button></form>`,
    // Zoom's consent page lives on Zoom's site: the user's click there sends the browser back to the callback.
    '/consent': (url) => `<!doctype html><title>consent</title><a id="allow" href="${escape(url.searchParams.get('next'))}">Allow</a>`,
  });
});
after(async () => {
  await browser.close();
  await site.close();
});

async function refusedCount(context, reason) {
  const text = await (await context.request.get('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`admin_requests_refused_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('another site cannot frame the console, while the overlay stays embeddable', async () => {
  const context = await adminContext(browser);
  const page = await context.newPage();
  // Chromium reports the refusal on the framing page's console: the positive signal to wait for.
  const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 30000 })
    .catch(() => null);
  await page.goto(site.origin + '/frames');

  const overlay = await (await page.waitForSelector('#overlay')).contentFrame();
  await overlay.waitForSelector('#lower-third', { state: 'attached', timeout: 20000 });
  const message = await refused;
  assert.ok(message, 'Chromium never said it refused to frame the console');
  assert.match(message.text(), new RegExp(`Framing '${BASE_URL}/'.*frame-ancestors 'none'.*blocked`));

  const frame = await (await page.$('#console')).contentFrame();
  assert.equal(await frame.$('#connect'), null, 'the console rendered inside a foreign frame');
  assert.equal(await frame.$('#zoom-card'), null, 'the console rendered inside a foreign frame');
  await screenshot(page, 'foreign-frame.png');
  await context.close();
});

test("another site's form post cannot make the admin's browser replay dead letters", async () => {
  const context = await adminContext(browser);
  const before = await refusedCount(context, 'cross_site');
  const page = await context.newPage();
  await page.goto(site.origin + '/replay');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(BASE_URL + '/admin/dead-letters/replay') && r.status() !== 401),
    page.click('#go'),
  ]);
  // 403, not 401: the browser did attach the admin's credentials (without them the answer is 401).
  assert.equal(answer.status(), 403);
  assert.match(await answer.text(), /"error":"cross_origin"/);
  assert.equal(await refusedCount(context, 'cross_site'), before + 1);
  await context.close();
});

test("Zoom's redirect back from its own site still completes the login started by the console's button", async () => {
  const context = await adminContext(browser);
  const page = await context.newPage();
  // Zoom's authorize page is on Zoom's site. The login start's redirect is pointed at a consent page
  // on the foreign site, whose Allow link leads to the (simulated) authorize URL and from there to
  // the callback: a top-level navigation another site starts, as Zoom's is.
  await page.route((url) => url.pathname === '/oauth/login', async (route) => {
    const started = await route.fetch({ maxRedirects: 0 });
    const authorize = started.headers().location;
    assert.match(authorize || '', /\/oauth\/authorize\?/, `the login start answered ${started.status()}`);
    await route.fulfill({ response: started, headers: { ...started.headers(),
      location: `${site.origin}/consent?next=${encodeURIComponent(authorize)}` } });
  });
  await page.goto('/');
  await page.waitForSelector('#connect');
  await Promise.all([page.waitForURL(/\/consent\?/), page.click('#connect')]);
  const [callback] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(BASE_URL + '/oauth/callback')),
    page.click('#allow'),
  ]);
  assert.equal((await callback.request().allHeaders())['sec-fetch-site'], 'cross-site', 'the callback came from another site');
  assert.equal(callback.status(), 200, `callback answered ${callback.status()}: ${await callback.text()}`);
  assert.match(await page.textContent('body'), /Zoom connected/);
  await context.close();
});
