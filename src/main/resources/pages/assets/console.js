'use strict';
/*
 * The console: polls the bridge's status endpoints, shows each card, and lists in one banner what
 * needs a person. An endpoint that is missing or failing shows "unavailable" on its own card and
 * never stops the others. All text is set with textContent: nothing from the server becomes markup.
 */
(() => {
  const POLL_MS = 2000;
  const RATE_WINDOW_MS = 5 * 60 * 1000;
  const FEED_LIMIT = 50;
  const $ = (id) => document.getElementById(id);
  const problems = {};
  const rates = window.ConsoleRates.tracker(RATE_WINDOW_MS);
  const wsHistory = { connected: null, reconnects: null, disconnects: [] };

  /** GET a JSON status; statuses in `readable` (e.g. /health's 503 for DOWN) still carry a body to show. */
  async function getJson(path, readable = []) {
    try {
      const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok && !readable.includes(response.status)) return { ok: false, why: 'HTTP ' + response.status };
      return { ok: true, body: await response.json() };
    } catch (e) {
      return { ok: false, why: 'no answer' };
    }
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function pill(id, status, text) {
    $(id).dataset.status = status;
    $(id).textContent = text;
  }

  function when(iso) {
    if (!iso) return '–';
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return '–';
    const delta = at.getTime() - Date.now();
    const rel = delta >= 0 ? 'in ' + duration(delta) : duration(-delta) + ' ago';
    return rel + ' (' + at.toLocaleTimeString() + ')';
  }

  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + (s % 60) + 's';
    const h = Math.floor(m / 60);
    return h < 48 ? h + 'h ' + (m % 60) + 'm' : Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  function setProblems(area, list) {
    problems[area] = list;
    const all = Object.values(problems).flat();
    const ul = $('problem-list');
    ul.replaceChildren(...all.map((p) => el('li', p)));
    $('problems').hidden = all.length === 0;
  }

  async function pollAuth() {
    const r = await getJson('/oauth/status');
    const button = $('connect');
    if (!r.ok) {
      pill('auth-state', 'unknown', 'unavailable (' + r.why + ')');
      setProblems('auth', ['Zoom authorization status is unavailable (' + r.why + ').']);
      return null;
    }
    const s = r.body;
    const found = [];
    if (s.reauthorizationRequired) {
      pill('auth-state', 'bad', 'Re-authorization required');
      found.push('Zoom needs a new login: press "Reconnect Zoom".');
    } else if (s.authorized) {
      pill('auth-state', 'ok', 'Authorized');
    } else {
      pill('auth-state', 'warn', 'Not connected');
      found.push('Zoom is not connected yet: press "Connect Zoom".');
    }
    const missing = Array.isArray(s.missingScopes) ? s.missingScopes : [];
    if (missing.length) found.push('The Zoom app lacks scopes: ' + missing.join(', ') + '. Add them in the Zoom app, then reconnect.');
    const expired = s.expiresAt && new Date(s.expiresAt).getTime() < Date.now() - 60000;
    if (s.authorized && expired) found.push('The Zoom access token expired and was not refreshed.');
    // Server-to-Server apps authorize themselves: there is no login to start (/oauth/login answers 409).
    $('connect-form').hidden = s.mode === 'server_to_server';
    button.textContent = s.authorized || s.reauthorizationRequired ? 'Reconnect Zoom' : 'Connect Zoom';
    button.dataset.primary = String(!s.authorized);
    $('auth-expiry').textContent = when(s.expiresAt);
    $('auth-refresh').textContent = when(s.lastRefreshAt);
    $('auth-scopes').textContent = Array.isArray(s.scopes) && s.scopes.length ? s.scopes.join(', ') : '–';
    setProblems('auth', found);
    return s;
  }

  async function pollWebSocket(auth) {
    const r = await getJson('/ws/status');
    if (!r.ok) {
      pill('ws-state', 'unknown', 'unavailable (' + r.why + ')');
      setProblems('ws', auth && auth.authorized ? ['Zoom WebSocket status is unavailable (' + r.why + ').'] : []);
      return;
    }
    const s = r.body;
    noteDisconnects(s);
    const state = s.state ? String(s.state) : (s.connected ? 'connected' : 'disconnected');
    pill('ws-state', s.connected ? 'ok' : (auth && auth.authorized ? 'bad' : 'warn'), s.connected ? 'Connected' : state);
    $('ws-uptime').textContent = s.connected && s.connectedSince
      ? duration(Math.max(0, Date.now() - new Date(s.connectedSince).getTime())) : '–';
    $('ws-reconnects').textContent = s.reconnects === undefined ? '–' : String(s.reconnects);
    $('ws-last-event').textContent = when(s.lastEventAt);
    $('ws-last-error').textContent = s.lastError ? String(s.lastError) : '–';
    const found = [];
    // Without a grant the socket cannot connect; the authorization problem already says what to do.
    if (!s.connected && auth && auth.authorized) {
      found.push('Zoom is disconnected (' + state + ')' + (s.lastError ? ': ' + s.lastError : '') + '. The bridge keeps reconnecting.');
    }
    setProblems('ws', found);
  }

  function noteDisconnects(s) {
    const dropped = wsHistory.connected === true && !s.connected;
    const reconnected = wsHistory.reconnects !== null && s.reconnects > wsHistory.reconnects;
    if (dropped || reconnected) {
      wsHistory.disconnects.unshift({ at: new Date(), why: s.lastError || s.state || 'disconnected' });
      wsHistory.disconnects.length = Math.min(wsHistory.disconnects.length, 10);
      $('ws-disconnects').replaceChildren(...wsHistory.disconnects.map(
        (d) => el('li', d.at.toLocaleTimeString() + ' – ' + d.why)));
    }
    wsHistory.connected = !!s.connected;
    wsHistory.reconnects = typeof s.reconnects === 'number' ? s.reconnects : null;
  }

  async function pollDelivery() {
    const r = await getJson('/admin/delivery/status');
    const tbody = $('targets').querySelector('tbody');
    const note = $('delivery-note');
    if (!r.ok) {
      tbody.replaceChildren();
      note.hidden = false;
      note.textContent = 'Delivery status unavailable (' + r.why + ').';
      setProblems('delivery', []);
      return;
    }
    const targets = Array.isArray(r.body.targets) ? r.body.targets : [];
    note.hidden = targets.length > 0;
    note.textContent = 'No delivery targets configured.';
    tbody.replaceChildren(...targets.map(targetRow));
    const found = [];
    for (const t of targets) {
      if (t.retrying > 0 && t.lastError) found.push('Target "' + t.name + '" is failing: ' + t.lastError + ' (' + t.retrying + ' retrying).');
      if (t.deadLetters > 0) found.push('Target "' + t.name + '" has ' + t.deadLetters + ' dead letter(s): fix the target, then Replay.');
    }
    setProblems('delivery', found);
  }

  function targetRow(t) {
    const row = el('tr');
    row.dataset.target = t.name;
    const cells = [t.name, t.delivered, t.retrying, t.deadLetters, t.outboxDepth,
      t.lastDeliveredAt ? when(t.lastDeliveredAt) : '–', t.lastError || '–'];
    cells.forEach((value, i) => {
      const td = el('td', value === undefined || value === null ? '–' : String(value));
      if (i === 3 && value > 0) td.className = 'bad';
      row.append(td);
    });
    const action = el('td');
    if (t.deadLetters > 0) {
      const button = el('button', 'Replay', 'replay');
      button.type = 'button';
      button.addEventListener('click', () => replay({ target: t.name }, button));
      action.append(button);
    }
    row.append(action);
    return row;
  }

  async function pollDeadLetters() {
    const r = await getJson('/admin/dead-letters');
    const list = $('dead-letters');
    if (!r.ok) {
      list.replaceChildren(el('li', 'unavailable (' + r.why + ')', 'muted'));
      $('replay-all').disabled = true;
      return;
    }
    // the shape is fixed by DeadLetterRoutes.json and pinned by a test: {"deadLetters":[{id,target,eventType,reason,lastError,deadLetteredAt,...}]}
    const items = r.body.deadLetters || [];
    $('replay-all').disabled = items.length === 0;
    list.replaceChildren(...(items.length ? items.slice(0, 20).map(deadLetterItem) : [el('li', 'none', 'muted')]));
  }

  function deadLetterItem(d) {
    const li = el('li');
    const why = d.lastError ? d.reason + ' (' + d.lastError + ')' : d.reason;
    const text = [d.target, d.eventType, why, d.deadLetteredAt ? when(d.deadLetteredAt) : null]
      .filter((x) => x).join(' · ');
    li.append(el('span', text || String(d.id)));
    if (d.id !== undefined) {
      const button = el('button', 'Replay', 'replay');
      button.type = 'button';
      button.addEventListener('click', () => replay({ id: d.id }, button));
      li.append(button);
    }
    return li;
  }

  /** POST /admin/dead-letters/replay: all, one target, or one dead letter (as query and JSON body). */
  async function replay(which, button) {
    if (button) button.disabled = true;
    const query = new URLSearchParams(which).toString();
    const result = $('replay-result');
    try {
      // Same-origin only: the bridge refuses a state change from any other origin (docs/security.md).
      const response = await fetch('/admin/dead-letters/replay' + (query ? '?' + query : ''), {
        method: 'POST',
        mode: 'same-origin',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(which),
      });
      const body = await response.json().catch(() => ({}));
      result.textContent = response.ok
        ? 'Replay requested' + (body.replayed !== undefined ? ': ' + body.replayed + ' replayed.' : '.')
        : 'Replay failed: ' + (body.message || 'HTTP ' + response.status);
    } catch (e) {
      result.textContent = 'Replay failed: no answer from the bridge.';
    }
    await Promise.all([pollDelivery(), pollDeadLetters()]);
  }

  async function pollHealth() {
    const r = await getJson('/health', [503]);
    const report = r.ok ? r.body : null;
    if (!report || !report.status) {
      pill('health', 'unknown', 'health: unavailable');
      $('checks').replaceChildren(el('li', 'unavailable', 'muted'));
      setProblems('health', ['The bridge does not answer /health.']);
      return;
    }
    const status = String(report.status);
    pill('health', status === 'UP' ? 'ok' : status === 'DOWN' ? 'bad' : 'warn', 'health: ' + status);
    const checks = report.checks || {};
    $('checks').replaceChildren(...Object.keys(checks).sort().map((name) => {
      const c = checks[name] || {};
      const li = el('li');
      const badge = el('span', c.status || '?', 'pill');
      badge.dataset.status = c.status === 'UP' ? 'ok' : c.status === 'DOWN' ? 'bad' : 'warn';
      li.append(badge, el('span', ' ' + name));
      return li;
    }));
    const down = Object.keys(checks).filter((n) => checks[n] && checks[n].status === 'DOWN');
    setProblems('health', down.map((n) => 'Health check "' + n + '" is DOWN: the bridge cannot work until it recovers.'));
  }

  async function pollRates() {
    let text;
    try {
      const response = await fetch('/metrics', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      text = await response.text();
    } catch (e) {
      $('rates-note').textContent = 'unavailable (' + e.message + ')';
      return;
    }
    rates.add(Date.now(), window.ConsoleRates.errorCounters(window.ConsoleRates.parse(text)));
    const { spanMs, rows } = rates.rates();
    $('rates-note').textContent = spanMs === 0 ? 'collecting…'
      : rows.length === 0 ? 'No errors in the last ' + duration(spanMs) + '.' : 'Over the last ' + duration(spanMs) + ':';
    $('rates').querySelector('tbody').replaceChildren(...rows.slice(0, 12).map((row) => {
      const tr = el('tr');
      // A per-minute rate from a few seconds of data would be noise: shown once a minute is seen.
      tr.append(el('td', row.key), el('td', String(Math.round(row.delta)), 'bad'),
        el('td', spanMs >= 60000 ? row.perMinute.toFixed(1) + '/min' : ''));
      return tr;
    }));
  }

  function startFeed() {
    const token = new URLSearchParams(location.search).get('token');
    const feed = $('feed');
    let first = true;
    window.BridgeFeed.connect({
      token,
      onState(state, delay) {
        pill('feed-state', state === 'open' ? 'ok' : 'warn',
          state === 'open' ? 'live' : 'reconnecting in ' + Math.ceil(delay / 1000) + 's');
      },
      onEvent(event) {
        // The first frame of every connection is the show state, not something that happened.
        if (event.event === 'bridge.snapshot') return;
        if (first) {
          feed.replaceChildren();
          first = false;
        }
        const li = el('li');
        li.dataset.event = event.event;
        const at = event.event_ts ? new Date(Number(event.event_ts)) : new Date();
        li.append(el('time', at.toLocaleTimeString()), el('code', event.event), el('span', window.BridgeFeed.describe(event)));
        feed.prepend(li);
        while (feed.children.length > FEED_LIMIT) feed.lastElementChild.remove();
      },
    });
  }

  let polling = false;
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const auth = await pollAuth();
      await Promise.all([pollWebSocket(auth), pollDelivery(), pollDeadLetters(), pollHealth(), pollRates()]);
    } finally {
      polling = false;
      document.body.dataset.polled = String(Date.now());
    }
  }

  $('replay-all').addEventListener('click', (e) => replay({}, e.target));
  startFeed();
  poll();
  setInterval(poll, POLL_MS);
})();
