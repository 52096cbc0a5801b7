// The demo page works against the test server: it connects, echoes, and its
// black-hole button shows Tether detecting the dead connection and recovering.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, chromiumAvailable } from './helpers.mjs';

describe('demo page', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('connects, echoes, and recovers from a black hole', { timeout: 30_000 }, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/web/demo/index.html`);
    await page.waitForFunction(() => document.getElementById('st-state').textContent === 'open', null, { timeout: 10_000 });
    await page.click('#send');
    await page.waitForFunction(() => document.getElementById('st-count').textContent === '1 / 1', null, { timeout: 5_000 });
    await page.waitForFunction(() => document.getElementById('st-rtt').textContent !== '–', null, { timeout: 5_000 });
    await page.click('button[data-chaos^="blackhole_after"]');
    await page.waitForFunction(() => document.getElementById('events').textContent.includes('lost with 4000 "heartbeat timeout"'),
      null, { timeout: 10_000 });
    await page.waitForFunction(() => Number(document.getElementById('st-reconnects').textContent) >= 1, null, { timeout: 10_000 });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
