// The console's own logic against the contract's JSON, with the status endpoints answered by the
// test (page.route / routeWebSocket): passes whatever parts of the bridge are built yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, adminContext, screenshot, waitForText } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const minutesFromNow = (m) => new Date(Date.now() + m * 60000).toISOString();

async function consoleWith(answers, frames = []) {
  const context = await adminContext(browser);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const posts = [];
  for (const [path, answer] of Object.entries(answers)) {
    await page.route((url) => url.pathname === path, async (route) => {
      if (route.request().method() === 'POST') posts.push({ url: route.request().url(), body: route.request().postData() });
      const value = typeof answer === 'function' ? answer() : answer;
      if (typeof value === 'number') return route.fulfill({ status: value, json: { error: 'not_found', message: 'No such resource.' } });
      if (typeof value === 'string') return route.fulfill({ status: 200, contentType: 'text/plain', body: value });
      return route.fulfill({ status: 200, json: value });
    });
  }
  await page.routeWebSocket(/\/overlay\/events/, (ws) => frames.forEach((f) => ws.send(JSON.stringify(f))));
  await page.goto('/');
  return { context, page, errors, posts };
}

test('every card says unavailable when its endpoint is missing, and the page keeps working', async () => {
  const missing = { '/oauth/status': 404, '/ws/status': 404, '/admin/delivery/status': 404, '/admin/dead-letters': 404, '/metrics': 404 };
  const { context, page, errors } = await consoleWith(missing);
  await waitForText(page, '#auth-state', /unavailable \(HTTP 404\)/);
  await waitForText(page, '#ws-state', /unavailable/);
  await waitForText(page, '#delivery-note', /unavailable/);
  await waitForText(page, '#dead-letters', /unavailable/);
  await waitForText(page, '#rates-note', /unavailable/);
  await waitForText(page, '#problem-list', /authorization status is unavailable/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('not yet connected: the banner says so and the button is Connect Zoom', async () => {
  const { context, page } = await consoleWith({
    '/oauth/status': { authorized: false, expiresAt: null, scopes: [], lastRefreshAt: null, reauthorizationRequired: false },
    '/ws/status': { connected: false, state: 'waiting_for_token', reconnects: 0 },
  });
  await waitForText(page, '#auth-state', /Not connected/);
  await waitForText(page, '#connect', /^Connect Zoom$/);
  await waitForText(page, '#problem-list', /not connected yet/);
  // A form post: the browser sends Origin with it, which the login start requires (docs/security.md).
  assert.equal(await page.getAttribute('#connect-form', 'action'), '/oauth/login');
  assert.equal(await page.getAttribute('#connect-form', 'method'), 'post');
  await context.close();
});

test('re-authorization required: banner and Reconnect Zoom', async () => {
  const { context, page } = await consoleWith({
    '/oauth/status': { authorized: false, expiresAt: minutesFromNow(-5), scopes: ['meeting:read'], lastRefreshAt: minutesFromNow(-65),
      reauthorizationRequired: true, missingScopes: [] },
  });
  await waitForText(page, '#auth-state', /Re-authorization required/);
  await waitForText(page, '#connect', /Reconnect Zoom/);
  await waitForText(page, '#problem-list', /needs a new login/);
  await context.close();
});

test('a failing target with dead letters is flagged, its Replay posts the target, error rates count up', async () => {
  let scrapes = 0;
  const { context, page, posts } = await consoleWith({
    '/oauth/status': { authorized: true, expiresAt: minutesFromNow(48), scopes: ['meeting:read', 'websocket'], lastRefreshAt: minutesFromNow(-12), reauthorizationRequired: false, missingScopes: [] },
    '/ws/status': { connected: true, state: 'connected', connectedSince: minutesFromNow(-95), reconnects: 2, lastEventAt: minutesFromNow(0), lastError: null },
    '/admin/delivery/status': { targets: [
      { name: 'webhook', delivered: 412, retrying: 3, deadLetters: 2, outboxDepth: 5, lastError: 'HTTP 503 from receiver', lastDeliveredAt: minutesFromNow(-3) },
      { name: 'overlay', delivered: 530, retrying: 0, deadLetters: 0, outboxDepth: 0, lastError: null, lastDeliveredAt: minutesFromNow(0) }] },
    // the shape DeadLetterRoutes.json answers (pinned in WebhookDeliveryTest)
    '/admin/dead-letters': { deadLetters: [
      { id: 1, target: 'webhook', eventType: 'meeting.participant_joined', webhookId: 'msg_1', attempts: 8, reason: 'rejected',
        lastError: 'HTTP 410 from receiver', createdAt: minutesFromNow(-5), deadLetteredAt: minutesFromNow(-4) },
      { id: 2, target: 'webhook', eventType: 'meeting.chat_message_sent', webhookId: 'msg_2', attempts: 1, reason: 'expired',
        lastError: null, createdAt: minutesFromNow(-3), deadLetteredAt: null }] },
    '/admin/dead-letters/replay': { replayed: 2 },
    '/metrics': () => {
      scrapes += 1;
      return `# TYPE delivery_failed_total counter\ndelivery_failed_total{target="webhook",event_type="meeting.chat_message_sent"} ${10 + scrapes * 3}\n`
        + `zoom_ws_disconnects_total{code="1006"} 2\nhttp_server_requests_seconds_count{method="GET",route="/health",status="2xx"} ${scrapes}\n`;
    },
  }, [{ event: 'meeting.participant_joined', event_ts: Date.now(), payload: { object: { participant: { user_name: 'Ada Lovelace' } } } },
    { event: 'meeting.chat_message_sent', event_ts: Date.now(), payload: { object: { chat_message: { sender_name: 'Grace Hopper', message: 'Hello from the back row' } } } }]);

  await waitForText(page, '#auth-state', /^Authorized$/);
  await waitForText(page, '#ws-state', /^Connected$/);
  await waitForText(page, '#ws-uptime', /^1h 3[45]m$/);
  await waitForText(page, '#problem-list', /Target "webhook" is failing: HTTP 503 from receiver/);
  await waitForText(page, '#problem-list', /2 dead letter/);
  await waitForText(page, '#dead-letters', /webhook · meeting.participant_joined · rejected \(HTTP 410 from receiver\)/);
  await waitForText(page, '#dead-letters', /meeting.chat_message_sent · expired/);
  await waitForText(page, '#targets tbody', /overlay/);
  await waitForText(page, '#feed', /Ada Lovelace joined/);
  await waitForText(page, '#feed', /Grace Hopper: Hello from the back row/);
  await waitForText(page, '#feed-state', /live/);
  await waitForText(page, '#rates', /delivery failed \(target=webhook\)/, 10000);
  await screenshot(page, 'console-render.png', { fullPage: true });

  await page.click('#targets tr[data-target="webhook"] button.replay');
  await waitForText(page, '#replay-result', /2 replayed/);
  const replay = posts.find((p) => p.url.includes('/admin/dead-letters/replay'));
  assert.ok(replay, 'Replay posted to /admin/dead-letters/replay');
  assert.match(replay.url, /target=webhook/);
  assert.deepEqual(JSON.parse(replay.body), { target: 'webhook' });
  await context.close();
});
