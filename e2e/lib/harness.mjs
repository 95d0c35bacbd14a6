// Shared set-up for the browser tests: Debian's chromium driven by playwright-core (no browser download),
// the bridge under test given by BASE_URL and ADMIN_TOKEN (PagesBrowserIT starts it in-process).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = required('BASE_URL');
export const ADMIN_TOKEN = required('ADMIN_TOKEN');
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '../target/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (PagesBrowserIT sets it; see e2e/README.md)`);
  return value;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A browser context logged in as the admin, as a person answering the Basic prompt would be. */
export async function adminContext(browser) {
  return browser.newContext({
    baseURL: BASE_URL,
    httpCredentials: { username: 'admin', password: ADMIN_TOKEN },
    viewport: { width: 1440, height: 1000 },
  });
}

/** A context for the overlay as OBS/vMix opens it: 1920x1080, nothing else. */
export async function overlayContext(browser) {
  return browser.newContext({ baseURL: BASE_URL, viewport: { width: 1920, height: 1080 } });
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await page.screenshot({ path, ...options });
  console.log(`screenshot ${path}`);
}

/** Waits until the element's text matches; the error names what was expected and what was there. */
export async function waitForText(page, selector, pattern, timeout = 20000) {
  try {
    await page.waitForFunction(([s, source, flags]) => {
      const node = document.querySelector(s);
      return node && new RegExp(source, flags).test(node.textContent);
    }, [selector, pattern.source, pattern.flags], { timeout, polling: 100 });
  } catch (e) {
    const actual = await page.locator(selector).first().textContent().catch(() => '(missing)');
    throw new Error(`${selector} never matched ${pattern} within ${timeout} ms; it shows "${actual}"`);
  }
}

/** Logs the bridge in to the simulated Zoom (the same redirects a person's browser follows) unless it already is. */
export async function ensureAuthorized(context) {
  const status = await context.request.get('/oauth/status');
  if (status.ok() && (await status.json()).authorized) return;
  const page = await context.newPage();
  const response = await page.goto('/oauth/login');
  if (!response || !response.ok()) throw new Error(`the login flow ended at ${page.url()} with HTTP ${response && response.status()}`);
  await page.close();
  const after = await (await context.request.get('/oauth/status')).json();
  if (!after.authorized) throw new Error(`still not authorized after the login flow: ${JSON.stringify(after)}`);
}

/**
 * Another site's web server, on 127.0.0.1 (a different site from the bridge's localhost): serves
 * `pages` ({ path: html }) and answers 404 otherwise. Resolves to { origin, close }.
 */
export async function foreignSite(pages) {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const page = pages[path];
    const html = typeof page === 'function' ? page(new URL(req.url, 'http://x')) : page;
    res.writeHead(html === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html === undefined ? 'not here' : html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
