// The events map: an offline basemap (country outlines from Natural Earth,
// region and cercle names at their GeoNames points) and clustered markers
// coloured by event type. No tile server: vigie works with no network.
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { EventSummary } from './api';
import { el } from './dom';
import { colourOf, EVENT_TYPES } from './palette';

export interface EventsMap {
  map: L.Map;
  show(events: EventSummary[]): void;
  focus(id: number): void;
  bounds(): L.LatLngBounds;
  /** Frames the events shown (used once, when the dashboard opens). */
  fit(): void;
}

/** ADM2 labels (cercles, provinces) appear from this zoom on; ADM1 always. */
const ADM2_MIN_ZOOM = 7;

export function createMap(container: HTMLElement, onOpen: (id: number) => void): EventsMap {
  const map = L.map(container, { center: [16.5, -2], zoom: 5, minZoom: 3, maxZoom: 12, attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth · Names: GeoNames (CC-BY 4.0)');
  loadBasemap(map);

  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    iconCreateFunction: (c) => clusterIcon(c.getAllChildMarkers()),
  });
  map.addLayer(cluster);
  const markers = new Map<number, L.Marker>();
  addLegend(map);

  return {
    map,
    show(events) {
      cluster.clearLayers();
      markers.clear();
      const layers: L.Marker[] = [];
      for (const e of events) {
        if (e.latitude === null || e.longitude === null) continue;
        const dot = el('span', { class: 'event-dot', style: { backgroundColor: colourOf(e.event_type) } });
        dot.dataset.eventId = String(e.id);
        const m = L.marker([e.latitude, e.longitude], {
          icon: L.divIcon({ html: dot, className: 'event-marker', iconSize: [14, 14] }),
          title: `${e.location ?? ''} — ${e.sub_event_type}`,
          keyboard: true,
        });
        (m as L.Marker & { eventType?: string }).eventType = e.event_type;
        m.bindPopup(() => popup(e, onOpen));
        markers.set(e.id, m);
        layers.push(m);
      }
      cluster.addLayers(layers);
    },
    focus(id) {
      const m = markers.get(id);
      if (m) cluster.zoomToShowLayer(m, () => m.openPopup());
    },
    bounds: () => map.getBounds(),
    fit() {
      const b = cluster.getBounds();
      if (b.isValid()) map.fitBounds(b.pad(0.3), { maxZoom: 6 });
    },
  };
}

function popup(e: EventSummary, onOpen: (id: number) => void): HTMLElement {
  return el('div', { class: 'popup' },
    el('strong', {}, e.sub_event_type),
    el('div', {}, [e.event_date ?? 'date unknown', e.location, e.admin1].filter(Boolean).join(' · ')),
    el('div', {}, [e.actor1, e.actor2].filter(Boolean).join(' vs ')),
    el('div', {}, `fatalities ${e.fatalities}${e.fatalities_max > e.fatalities ? ` (up to ${e.fatalities_max} reported)` : ''} · ${e.corroboration} source${e.corroboration === 1 ? '' : 's'}`),
    el('p', { class: 'popup-notes' }, e.notes),
    el('a', { href: `#/event/${e.id}`, on: { click: (ev) => { ev.preventDefault(); onOpen(e.id); } } }, 'Open event and evidence →'));
}

/** A cluster badge whose ring shows the share of each event type. */
function clusterIcon(children: L.Marker[]): L.DivIcon {
  const counts = new Map<string, number>();
  for (const m of children) {
    const t = (m as L.Marker & { eventType?: string }).eventType ?? '';
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let acc = 0;
  const stops: string[] = [];
  for (const [t, n] of counts) {
    const from = (acc / children.length) * 360;
    acc += n;
    const to = (acc / children.length) * 360;
    stops.push(`${colourOf(t)} ${from}deg ${to}deg`);
  }
  const size = children.length < 10 ? 30 : children.length < 100 ? 38 : 46;
  const ring = el('div', { class: 'cluster-ring', style: { background: `conic-gradient(${stops.join(', ')})`, width: `${size}px`, height: `${size}px` } },
    el('span', { class: 'cluster-count' }, children.length));
  return L.divIcon({ html: ring, className: 'event-cluster', iconSize: [size, size] });
}

function addLegend(map: L.Map): void {
  const Legend = L.Control.extend({
    onAdd: () => el('div', { class: 'legend' },
      ...EVENT_TYPES.map((t) => el('div', {}, el('span', { class: 'event-dot', style: { backgroundColor: colourOf(t) } }), ` ${t}`))),
  });
  new Legend({ position: 'bottomleft' }).addTo(map);
}

interface LabelFeature { properties: { name: string; level: number }; geometry: { coordinates: [number, number] } }

async function loadBasemap(map: L.Map): Promise<void> {
  try {
    const [countries, labels] = await Promise.all([
      fetch('/basemap/countries.geojson').then((r) => r.json()),
      fetch('/basemap/admin-labels.geojson').then((r) => r.json()),
    ]);
    L.geoJSON(countries, {
      style: () => ({ color: '#8a8f98', weight: 1, fillColor: '#f4f1ea', fillOpacity: 1 }),
      interactive: false,
    }).addTo(map).bringToBack();
    const labels_ = (labels.features as LabelFeature[]).map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const node = el('span', { class: `admin-label adm${f.properties.level}` }, f.properties.name);
      const marker = L.marker([lat, lon], { icon: L.divIcon({ html: node, className: 'admin-label-icon', iconSize: undefined }), interactive: false, keyboard: false });
      return { marker, level: f.properties.level, name: f.properties.name, latlng: L.latLng(lat, lon) };
    });
    const layer = L.layerGroup().addTo(map);
    // Greedy decluttering: regions first, then cercles from ADM2_MIN_ZOOM on;
    // a label whose box would overlap one already placed is left out.
    const place = () => {
      layer.clearLayers();
      const zoom = map.getZoom();
      const taken: L.Bounds[] = [];
      const view = map.getBounds().pad(0.1);
      for (const l of labels_) {
        if (l.level === 2 && zoom < ADM2_MIN_ZOOM) continue;
        if (!view.contains(l.latlng)) continue;
        const p = map.latLngToLayerPoint(l.latlng);
        const half = (l.name.length * (l.level === 1 ? 8 : 6)) / 2 + 4;
        const box = L.bounds([p.x - half, p.y - 9], [p.x + half, p.y + 9]);
        if (taken.some((b) => b.intersects(box))) continue;
        taken.push(box);
        layer.addLayer(l.marker);
      }
    };
    labels_.sort((a, b) => a.level - b.level);
    map.on('zoomend moveend', place);
    place();
  } catch (err) {
    console.error('basemap', err);
  }
}
