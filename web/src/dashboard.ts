// The dashboard: filters, timeline, map and table, all showing the same
// filtered events. Filters live in the URL hash so a view can be shared.
import { api, type EventQuery, type EventSummary, type Stats } from './api';
import { clear, el, setStatus } from './dom';
import { createMap, type EventsMap } from './map';
import { colourOf, EVENT_TYPES } from './palette';
import { createTimeline, type DateRange } from './timeline';

/** How many events the map and table show at most (the API's page limit); the count says when there are more. */
const MAP_LIMIT = 1000;

interface Filters { event_type: string; actor: string; region: string; q: string; min_corroboration: string; from: string; to: string }

function readFilters(params: URLSearchParams): Filters {
  const g = (k: string) => params.get(k) ?? '';
  return { event_type: g('event_type'), actor: g('actor'), region: g('region'), q: g('q'), min_corroboration: g('min_corroboration'), from: g('from'), to: g('to') };
}

function writeFilters(f: Filters): void {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  history.replaceState(null, '', `#/${s ? `?${s}` : ''}`);
}

export function renderDashboard(root: HTMLElement, params: URLSearchParams): void {
  clear(root);
  const f = readFilters(params);
  let current: EventSummary[] = [];
  let onlyInView = false;
  let framed = false;

  const typeSel = el('select', { name: 'event_type', id: 'f-type' }, el('option', { value: '' }, 'All event types'), ...EVENT_TYPES.map((t) => el('option', { value: t }, t)));
  typeSel.value = f.event_type;
  const actorIn = el('input', { name: 'actor', id: 'f-actor', placeholder: 'Actor (any spelling of the canonical name)', value: f.actor });
  actorIn.setAttribute('list', 'actor-list');
  const actorList = el('datalist', { id: 'actor-list' });
  const regionSel = el('select', { name: 'region', id: 'f-region' }, el('option', { value: '' }, 'All regions'));
  const qIn = el('input', { name: 'q', id: 'f-q', type: 'search', placeholder: 'Search notes', value: f.q });
  const corrSel = el('select', { name: 'min_corroboration', id: 'f-corr' },
    el('option', { value: '' }, 'Any number of sources'), el('option', { value: '2' }, '≥ 2 sources'), el('option', { value: '3' }, '≥ 3 sources'));
  corrSel.value = f.min_corroboration;
  const viewChk = el('input', { type: 'checkbox', id: 'f-inview' });
  const count = el('span', { class: 'count', id: 'event-count' });

  const apply = () => {
    f.event_type = typeSel.value; f.actor = actorIn.value.trim(); f.region = regionSel.value;
    f.q = qIn.value.trim(); f.min_corroboration = corrSel.value;
    writeFilters(f);
    void refresh();
  };
  for (const c of [typeSel, regionSel, corrSel]) c.addEventListener('change', apply);
  for (const c of [actorIn, qIn]) c.addEventListener('change', apply);
  viewChk.addEventListener('change', () => { onlyInView = viewChk.checked; renderTable(); });

  const timeline = createTimeline((range: DateRange | null) => {
    f.from = range?.from ?? ''; f.to = range?.to ?? '';
    writeFilters(f);
    void refresh();
  });

  const mapBox = el('div', { class: 'map', id: 'map' });
  const tbody = el('tbody', {});
  const table = el('table', { class: 'events', id: 'events-table' },
    el('thead', {}, el('tr', {}, ...['Date', 'Type', 'Sub-event', 'Actor 1', 'Actor 2', 'Location', 'Region', 'Fat.', 'Reports', 'Sources'].map((h) => el('th', {}, h)))),
    tbody);

  root.append(
    el('section', { class: 'filters' }, typeSel, actorIn, actorList, regionSel, qIn, corrSel,
      el('label', { for: 'f-inview', class: 'inview' }, viewChk, ' table: only events in map view'), count),
    timeline.element,
    el('section', { class: 'split' }, mapBox, el('div', { class: 'table-wrap' }, table)),
  );

  const map: EventsMap = createMap(mapBox, (id) => { location.hash = `#/event/${id}`; });
  map.map.on('moveend', () => { if (onlyInView) renderTable(); });

  function renderTable(): void {
    clear(tbody);
    const b = map.bounds();
    const rows = onlyInView ? current.filter((e) => e.latitude !== null && e.longitude !== null && b.contains([e.latitude, e.longitude])) : current;
    for (const e of rows) {
      const tr = el('tr', { dataset: { eventId: String(e.id) }, title: e.notes },
        el('td', {}, e.event_date ?? '—'),
        el('td', {}, el('span', { class: 'event-dot', style: { backgroundColor: colourOf(e.event_type) } }), ' ', e.event_type),
        el('td', {}, e.sub_event_type),
        el('td', {}, e.actor1 ?? ''),
        el('td', {}, e.actor2 ?? ''),
        el('td', {}, e.location ?? ''),
        el('td', {}, e.admin1 ?? ''),
        el('td', { class: 'num' }, e.fatalities),
        el('td', { class: 'num' }, e.corroboration),
        el('td', {}, e.sources));
      tr.addEventListener('click', () => { location.hash = `#/event/${e.id}`; });
      tr.addEventListener('mouseenter', () => tr.classList.add('hover'));
      tr.addEventListener('mouseleave', () => tr.classList.remove('hover'));
      const locate = el('button', { type: 'button', class: 'link', title: 'Show on map' }, '◎');
      locate.addEventListener('click', (ev) => { ev.stopPropagation(); map.focus(e.id); });
      tr.cells[5].append(' ', locate);
      tbody.appendChild(tr);
    }
  }

  function fillOptions(stats: Stats): void {
    const keep = regionSel.value || f.region;
    clear(regionSel);
    regionSel.append(el('option', { value: '' }, 'All regions'), ...stats.by_region.map((s) => el('option', { value: s.key }, `${s.key} (${s.events})`)));
    if (keep && !stats.by_region.some((s) => s.key === keep)) regionSel.append(el('option', { value: keep }, keep));
    regionSel.value = keep;
  }

  /** Actor suggestions: the canonical names of the events on screen, most frequent first. */
  function fillActors(events: EventSummary[]): void {
    const n = new Map<string, number>();
    for (const e of events) for (const a of [e.actor1, e.actor2]) if (a) n.set(a, (n.get(a) ?? 0) + 1);
    clear(actorList);
    actorList.append(...[...n.entries()].sort((a, b) => b[1] - a[1]).slice(0, 100).map(([a]) => el('option', { value: a })));
  }

  async function refresh(): Promise<void> {
    // Regions are keyed "Country / Admin1" by the stats.
    const [country, admin1] = f.region.includes(' / ') ? f.region.split(' / ', 2) : ['', f.region];
    const base: EventQuery = {
      event_type: f.event_type || undefined, actor: f.actor || undefined,
      country: country || undefined, admin1: admin1 || undefined,
      q: f.q || undefined, min_corroboration: f.min_corroboration ? Number(f.min_corroboration) : undefined,
    };
    setStatus('Loading…');
    try {
      const [stats, page] = await Promise.all([
        api.stats(base),
        api.events({ ...base, from: f.from || undefined, to: f.to || undefined, limit: MAP_LIMIT }),
      ]);
      current = page.items;
      fillOptions(stats);
      fillActors(current);
      timeline.update(stats.by_week, f.from && f.to ? { from: f.from, to: f.to } : null);
      map.show(current);
      if (!framed && current.length) { map.fit(); framed = true; }
      renderTable();
      count.textContent = page.total > page.items.length
        ? `${page.items.length} of ${page.total} events shown — narrow the filters to see the rest`
        : `${page.total} event${page.total === 1 ? '' : 's'}`;
      setStatus('');
    } catch (err) {
      setStatus(`Could not load events: ${(err as Error).message}`, 'error');
    }
  }

  void refresh();
}
