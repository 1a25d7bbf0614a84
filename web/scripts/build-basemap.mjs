// Builds the offline basemap's country outlines:
//   ../shared/data/boundaries/countries-50m.json (world-atlas 2.0.2, Natural Earth, public domain)
//   → web/public/basemap/countries.geojson
//
// Why: the dashboard must work with no network, so the basemap is a small
// GeoJSON served by vigie itself. We keep the countries whose outline touches
// the Sahel and its neighbours (Africa north of the equator and the
// Mediterranean rim) at 1:50m, round coordinates to 3 decimals (~100 m, far
// finer than the zoom levels we show) and write a deterministic file, so a
// rebuild on the same input gives the same bytes (CI checks it is current).
import fs from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import { sharedDir, basemapOut } from './paths.mjs';

const src = path.join(sharedDir, 'data', 'boundaries', 'countries-50m.json');
// west, south, east, north
const REGION = [-26, -6, 44, 40];

function bbox(geom) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]);
      s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else c.forEach(visit);
  };
  visit(geom.coordinates);
  return [w, s, e, n];
}

const round = (c) => (typeof c[0] === 'number'
  ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000]
  : c.map(round));

function dedupe(ring) {
  const out = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}

function simplifyCoords(geom) {
  if (geom.type === 'Polygon') return geom.coordinates.map((r) => dedupe(r)).filter((r) => r.length >= 4);
  return geom.coordinates.map((poly) => poly.map((r) => dedupe(r)).filter((r) => r.length >= 4)).filter((p) => p.length);
}

const topo = JSON.parse(fs.readFileSync(src, 'utf8'));
const world = feature(topo, topo.objects.countries);
const features = [];
for (const f of world.features) {
  if (!f.geometry) continue;
  const [w, s, e, n] = bbox(f.geometry);
  if (e < REGION[0] || w > REGION[2] || n < REGION[1] || s > REGION[3]) continue;
  const geometry = { type: f.geometry.type, coordinates: round(f.geometry.coordinates) };
  geometry.coordinates = simplifyCoords(geometry);
  features.push({
    type: 'Feature',
    id: String(f.id ?? ''),
    properties: { name: f.properties?.name ?? '' },
    geometry,
  });
}
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en'));
fs.mkdirSync(basemapOut, { recursive: true });
const out = {
  type: 'FeatureCollection',
  attribution: 'Country outlines: Natural Earth (public domain) via world-atlas 2.0.2 (ISC)',
  features,
};
fs.writeFileSync(path.join(basemapOut, 'countries.geojson'), JSON.stringify(out) + '\n');
console.log(`countries.geojson: ${features.length} countries`);
