// Builds the basemap's admin labels:
//   ../shared/data/geonames/{ML,BF,NE,MR,SN}.txt (GeoNames, CC-BY 4.0)
//   → web/public/basemap/admin-labels.geojson
//
// Why: no admin polygons are available offline, so regions (ADM1) and
// cercles/provinces/departments (ADM2) are shown as name labels at their
// GeoNames points. We keep the name as a reader expects it on a map
// ("Kidal", not "Kidal Region"; "Yatenga", not "Province du Yatenga") and
// the GeoNames id so every label can be traced to its source row.
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir, basemapOut } from './paths.mjs';

const COUNTRIES = ['ML', 'BF', 'NE', 'MR', 'SN'];
// Generic words GeoNames keeps in admin names; a map label drops them.
const PREFIXES = [
  /^Province (du|de la|de l['’]|des|de) ?/i,
  /^Département (du|de la|de l['’]|des|de) ?/i,
  /^Cercle (du|de la|de l['’]|des|de) ?/i,
  /^Région (du|de la|de l['’]|des|de) ?/i,
  /^Wilaya (du|de la|de l['’]|des|de) ?/i,
];
const SUFFIXES = [/ Region$/i, / Cercle$/i, / Province$/i, / Department$/i, / Département$/i, / Prefecture$/i];

export function labelName(name) {
  let n = name.trim();
  for (const re of PREFIXES) n = n.replace(re, '');
  for (const re of SUFFIXES) n = n.replace(re, '');
  return n.trim() || name.trim();
}

const features = [];
for (const cc of COUNTRIES) {
  const file = path.join(sharedDir, 'data', 'geonames', `${cc}.txt`);
  const rows = fs.readFileSync(file, 'utf8').split('\n');
  for (const row of rows) {
    const c = row.split('\t');
    if (c.length < 19) continue;
    const code = c[7];
    if (code !== 'ADM1' && code !== 'ADM2') continue;
    const lat = Number(c[4]);
    const lon = Number(c[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    features.push({
      type: 'Feature',
      properties: {
        name: labelName(c[1]),
        level: code === 'ADM1' ? 1 : 2,
        country: c[8],
        geonameid: Number(c[0]),
      },
      geometry: { type: 'Point', coordinates: [Math.round(lon * 1e4) / 1e4, Math.round(lat * 1e4) / 1e4] },
    });
  }
}
features.sort((a, b) => a.properties.country.localeCompare(b.properties.country)
  || a.properties.level - b.properties.level
  || a.properties.geonameid - b.properties.geonameid);
fs.mkdirSync(basemapOut, { recursive: true });
const out = {
  type: 'FeatureCollection',
  attribution: 'Admin names and points: GeoNames, geonames.org (CC-BY 4.0)',
  features,
};
fs.writeFileSync(path.join(basemapOut, 'admin-labels.geojson'), JSON.stringify(out, null, 0).replace(/\},\{"type"/g, '},\n{"type"') + '\n');
console.log(`admin-labels.geojson: ${features.length} labels`);
