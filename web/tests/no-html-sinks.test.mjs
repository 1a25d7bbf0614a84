// The dashboard's own code never turns a string into markup: every value
// from a report goes into the page as a text node (src/dom.ts). This test
// fails if an HTML sink appears in web/src.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const SINKS = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /DOMParser/, /createContextualFragment/, /\beval\s*\(/, /new Function\s*\(/];

test('no HTML sink in the dashboard sources', () => {
  const files = fs.readdirSync(src).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 5, 'sources found');
  for (const f of files) {
    const text = fs.readFileSync(path.join(src, f), 'utf8');
    for (const re of SINKS) assert.ok(!re.test(text), `${f} uses ${re}`);
  }
});

test('Leaflet gets elements, not HTML strings, for markers, labels and popups', () => {
  const map = fs.readFileSync(path.join(src, 'map.ts'), 'utf8');
  for (const m of map.matchAll(/html:\s*([^,}]+)/g)) {
    assert.ok(!/['"`]/.test(m[1]), `divIcon html must be an element: ${m[0]}`);
  }
  const popups = [...map.matchAll(/bindPopup\(/g)];
  assert.ok(popups.length >= 1);
  for (const m of popups) {
    const rest = map.slice(m.index + m[0].length, m.index + m[0].length + 40);
    assert.match(rest, /^\s*\(\)\s*=>/, `popups are built by a function returning an element: ${rest}`);
  }
});
