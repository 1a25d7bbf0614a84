// Browser tests of the dashboard served by a real `vigie serve`.
//
// Run by .ci/browser.sh, which starts the server on loopback with a fresh
// database and passes: VIGIE_URL (http://127.0.0.1:PORT), VIGIE_TOKEN (an
// API token), VIGIE_SHARED (../shared), ARTEFACTS (screenshot folder).
// Chromium is Debian's (/usr/bin/chromium), driven by playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = process.env.VIGIE_URL ?? 'http://127.0.0.1:8080';
const TOKEN = process.env.VIGIE_TOKEN ?? '';
const SHARED = process.env.VIGIE_SHARED ?? path.resolve(here, '..', '..', '..', 'shared');
const ARTEFACTS = process.env.ARTEFACTS ?? path.resolve(here, '..', '..', 'tests', 'artifacts', 'browser');
const FIXTURES = path.resolve(here, '..', '..', 'crates', 'server', 'tests', 'fixtures');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const KIDAL_PATH = path.join(SHARED, 'examples', 'kidal-drone-strike.fr.txt');

let context;
let page;
const consoleProblems = [];

async function shot(name) {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });
}

async function store(body, query) {
  const res = await fetch(`${BASE}/api/documents?${new URLSearchParams(query)}`, {
    method: 'POST', body, headers: { 'content-type': 'text/plain; charset=utf-8', authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.text();
  assert.ok(res.status === 200 || res.status === 201, `store: ${res.status} ${text}`);
  return JSON.parse(text);
}

before(async () => {
  assert.ok(TOKEN, 'VIGIE_TOKEN is set');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleProblems.push(m.text()); });
  page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { consoleProblems.push(`dialog opened: ${d.message()}`); void d.dismiss(); });
});

after(async () => {
  await context?.close();
});

test('the reference report pasted in the page is extracted at once with its evidence', { skip: !fs.existsSync(KIDAL_PATH) && 'no ../shared' }, async () => {
  const report = fs.readFileSync(KIDAL_PATH, 'utf8');
  await page.goto(`${BASE}/#/submit`);
  await page.fill('#report-text', report);
  await page.fill('#report-published', '2025-10-25');
  await page.fill('#report-source', 'Reference report');
  await page.click('#extract-btn');
  await page.waitForSelector('.event-card');
  assert.equal(await page.locator('.event-card').count(), 1, 'one event in the reference report');
  const loc = page.locator('.event-card mark[data-fields~="location"]').first();
  assert.equal((await loc.textContent()).trim(), 'Kidal');
  const date = await page.locator('.event-card mark[data-fields~="event_date"]').first().textContent();
  assert.match(date, /24 octobre 2025/);
  // Hovering a field lights up its words.
  await page.hover('.event-card tr[data-field="location"]');
  assert.equal(await page.locator('.event-card mark.active').first().textContent(), 'Kidal');
  await shot('01-paste-preview-kidal');

  // Store it through the page, with the token.
  await page.fill('#report-token', TOKEN);
  await page.click('#store-btn');
  await page.waitForSelector('#store-result');
  assert.match(await page.textContent('#store-result'), /Stored as document|Already stored/);
});

test('the map shows the Kidal event and the timeline filters it', { skip: !fs.existsSync(KIDAL_PATH) && 'no ../shared' }, async () => {
  // A second source of the same strike, with other figures, and an earlier event elsewhere.
  await store(fs.readFileSync(path.join(FIXTURES, 'kidal-strike-second-source.en.txt')), { published_at: '2025-10-25', source: 'Second source' });
  await store(fs.readFileSync(path.join(FIXTURES, 'menaka-clash.fr.txt')), { published_at: '2025-03-04', source: 'Studio (fixture)' });

  await page.goto(`${BASE}/#/`);
  await page.waitForSelector('#events-table tbody tr');
  const kidalMarker = page.locator('.leaflet-marker-icon[title^="Kidal"]');
  await kidalMarker.first().waitFor();
  assert.ok(await kidalMarker.count() >= 1, 'a marker for Kidal');
  assert.ok(await page.locator('#events-table tbody tr', { hasText: 'Kidal' }).count() >= 1, 'a table row for Kidal');
  assert.ok(await page.locator('.admin-label.adm1', { hasText: 'Kidal' }).count() >= 1, 'the Kidal region label is on the basemap');
  assert.ok(await page.locator('.leaflet-overlay-pane path').count() > 10, 'country outlines are drawn');
  await shot('02-dashboard');

  // Brush over the first weeks only (March): the Kidal event (October) leaves the map and the table.
  const svg = page.locator('.timeline-svg');
  const box = await svg.boundingBox();
  const bars = await page.$$eval('.timeline-svg rect.bar', (rs) => rs.map((r) => ({ from: r.dataset.from, x: r.getBoundingClientRect().x, w: r.getBoundingClientRect().width })));
  assert.ok(bars.length >= 2, `bars: ${JSON.stringify(bars)}`);
  bars.sort((a, b) => a.x - b.x);
  const first = bars[0];
  const last = bars[bars.length - 1];
  const y = box.y + box.height / 2;
  await page.mouse.move(first.x - 2, y);
  await page.mouse.down();
  await page.mouse.move(first.x + first.w + 2, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes('from='));
  await page.waitForFunction(() => !document.querySelector('.leaflet-marker-icon[title^="Kidal"]'));
  assert.equal(await page.locator('#events-table tbody tr', { hasText: 'Kidal' }).count(), 0, 'Kidal filtered out of the table');
  await shot('03-timeline-brushed-march');

  // Brush over the last bar (October): Kidal is back, alone.
  await page.mouse.move(last.x - 2, y);
  await page.mouse.down();
  await page.mouse.move(last.x + last.w + 2, y, { steps: 5 });
  await page.mouse.up();
  await kidalMarker.first().waitFor();
  assert.ok(await page.locator('#events-table tbody tr', { hasText: 'Kidal' }).count() >= 1);
  assert.equal(await page.locator('#events-table tbody tr', { hasText: 'Ménaka' }).count(), 0, 'Ménaka filtered out');
  await shot('04-timeline-brushed-october');
});

test('the event view highlights each field on the right words, with claims and merged reports', { skip: !fs.existsSync(KIDAL_PATH) && 'no ../shared' }, async () => {
  await page.goto(`${BASE}/#/?q=Kidal`);
  await page.locator('#events-table tbody tr', { hasText: 'Kidal' }).first().click();
  await page.waitForSelector('#event-title');
  assert.match(await page.textContent('#event-title'), /Kidal/);
  // Pick the reference report's tab and check its highlights.
  const tab = page.locator('.tabs button', { hasText: 'Reference report' });
  if (await tab.count()) await tab.click();
  const loc = page.locator('#source-view mark[data-fields~="location"]');
  assert.equal((await loc.first().textContent()).trim(), 'Kidal');
  const date = await page.locator('#source-view mark[data-fields~="event_date"]').first().textContent();
  assert.match(date, /24 octobre 2025/);
  const text = await page.textContent('#source-view .original-text');
  assert.ok(text.startsWith('La Journée du 24 octobre 2025'), 'the original text is shown');
  await page.click('#source-view tr[data-field="location"]');
  assert.equal((await page.locator('#source-view mark.active').first().textContent()).trim(), 'Kidal');
  assert.match(await page.textContent('.claims'), /conditional/);
  assert.ok(await page.locator('#figures-table tbody tr').count() >= 1);
  await shot('05-event-view-kidal');

  // An analyst's correction becomes a new version, with who and when; the extracted value stays.
  await page.selectOption('.correct-form select[name="field"]', 'notes');
  await page.fill('.correct-form input[name="value"]', 'Drone strike on the former MINUSMA camp in Kidal (checked against two reports).');
  await page.fill('.correct-form input[name="analyst"]', 'Desk analyst');
  await page.fill('.correct-form input[name="reason"]', 'clearer summary');
  await page.fill('.correct-form input[name="token"]', TOKEN);
  await page.click('.correct-form button[type="submit"]');
  await page.waitForSelector('table.corrections');
  const row = await page.textContent('table.corrections tbody tr');
  assert.match(row, /Desk analyst/);
  assert.match(row, /notes/);
  assert.match(await page.textContent('.summary-line'), /version 2/);
  assert.match(await page.textContent('p.notes'), /checked against two reports/);
  await shot('06-event-corrected');
});

test('report text with <script> and <img onerror> is shown as text, never run', async () => {
  const hostile = fs.readFileSync(path.join(FIXTURES, 'hostile-markup.en.txt'), 'utf8');
  await page.goto(`${BASE}/#/submit`);
  await page.fill('#report-text', hostile);
  await page.fill('#report-published', '2025-05-13');
  await page.fill('#report-source', '<img src=x onerror="window.__vigieXss=\'source\'">');
  await page.click('#extract-btn');
  await page.waitForSelector('#extraction .original-text');
  const shown = await page.textContent('#extraction .original-text');
  assert.ok(shown.includes("<script>window.__vigieXss = 'script ran';</script>"), 'the script tag is shown as text');
  assert.ok(shown.includes('<img src=x onerror='), 'the img tag is shown as text');
  assert.equal(await page.evaluate(() => window.__vigieXss), undefined, 'nothing ran');
  assert.equal(await page.locator('#app img, #app script').count(), 0, 'no element was created from the text');
  await shot('07-hostile-preview');

  // Stored and shown in the dashboard and the event view: still text.
  await page.fill('#report-token', TOKEN);
  await page.click('#store-btn');
  await page.waitForSelector('#store-result');
  const link = page.locator('#extraction a[href^="#/event/"]').first();
  if (await link.count()) {
    await link.click();
    await page.waitForSelector('#source-view .original-text');
    assert.ok((await page.textContent('#source-view .original-text')).includes('<script>window.__vigieXss'));
    assert.equal(await page.evaluate(() => window.__vigieXss), undefined);
    assert.equal(await page.locator('#app img, #app script').count(), 0);
    await shot('08-hostile-event-view');
  }
  await page.goto(`${BASE}/#/`);
  await page.waitForSelector('#events-table tbody tr');
  assert.equal(await page.evaluate(() => window.__vigieXss), undefined);
  assert.deepEqual(consoleProblems.filter((m) => !/favicon/.test(m)), [], 'no console error, CSP violation or dialog');
});
