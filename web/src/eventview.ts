// One event: its fields with their evidence in the original text, the claims
// (who says it, how), the other reports merged into it with their differing
// figures, the merge history, and analysts' corrections.
import { api, token, type EventDetail, type SourceReport } from './api';
import { clear, el, safeHref, setStatus } from './dom';
import { evidencePanel } from './eventfields';

export async function renderEvent(root: HTMLElement, id: string): Promise<void> {
  clear(root);
  root.append(el('p', {}, 'Loading event…'));
  let detail: EventDetail;
  try {
    detail = await api.event(id);
  } catch (err) {
    clear(root);
    root.append(el('p', { class: 'error' }, `Could not load event ${id}: ${(err as Error).message}`), el('a', { href: '#/' }, '← back to the dashboard'));
    return;
  }
  draw(root, detail);
}

function draw(root: HTMLElement, d: EventDetail): void {
  clear(root);
  const s = d.summary;
  const sourceBox = el('div', { id: 'source-view' });
  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  const showSource = (i: number): void => {
    clear(sourceBox);
    const src = d.sources[i];
    tabs.querySelectorAll('button').forEach((b, j) => b.classList.toggle('active', j === i));
    if (!src) {
      sourceBox.append(evidencePanel(d.event, null));
      return;
    }
    sourceBox.append(
      el('p', { class: 'source-meta' }, sourceLine(src), ' ',
        src.url ? el('a', { href: safeHref(src.url), title: src.url }, 'original URL') : null),
      evidencePanel(src.event, src.text));
  };
  d.sources.forEach((src, i) => {
    tabs.append(el('button', { type: 'button', role: 'tab', on: { click: () => showSource(i) } }, src.source ?? src.doc_id));
  });

  root.append(
    el('a', { href: '#/' }, '← dashboard'),
    el('h2', { id: 'event-title' }, `${s.sub_event_type} — ${s.location ?? 'unknown place'}, ${s.event_date ?? 'date unknown'}`),
    el('p', { class: 'summary-line' },
      `${s.event_type} · ${adminPath([s.location, s.admin2, s.admin1, s.country])} · fatalities ${s.fatalities} (ACLED’s conservative figure) · ${s.corroboration} source${s.corroboration === 1 ? '' : 's'} · ${d.corrections.length ? `version ${d.corrections.length + 1} (${d.corrections.length} correction${d.corrections.length === 1 ? '' : 's'}: ${d.corrected_fields.join(', ')})` : 'as extracted'}`),
    el('p', { class: 'notes' }, s.notes),
    el('h3', {}, 'Reports merged into this event'),
    figuresTable(d),
    tabs,
    sourceBox,
    el('h3', {}, 'Claims'),
    claimsList(d),
    el('h3', {}, 'Merge history'),
    d.merge_history.length
      ? el('ol', { class: 'history' }, ...d.merge_history.map((m) => el('li', {}, `${when(m.at_ms)} — ${m.action} — ${reportName(d, m.document_id)}${m.score !== null ? ` (score ${m.score.toFixed(2)})` : ''} — ${m.reason}`)))
      : el('p', {}, 'No merge: one report.'),
    d.mentions.length ? el('h3', {}, 'Background mentions in the same report (not events)') : '',
    d.mentions.length ? el('ul', { class: 'mentions' }, ...d.mentions.map((m) => el('li', {}, el('span', { class: 'kind' }, m.kind.replace(/_/g, ' ')), ' ', el('q', {}, m.evidence.text), ` — ${m.reason}`))) : '',
    el('h3', {}, 'Corrections'),
    correctionsBlock(d, (nd) => draw(root, nd)),
  );
  showSource(0);
}

/** "Kidal, Kidal, Kidal, Mali" reads as "Kidal, Mali": drop repeated names. */
function adminPath(parts: (string | null)[]): string {
  const names = parts.filter((x): x is string => !!x);
  return names.filter((x, i) => i === 0 || x !== names[i - 1]).join(', ');
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function reportName(d: EventDetail, documentId: number | null): string {
  const src = d.sources.find((x) => x.document_id === documentId);
  return src ? `${src.source ?? 'report'} (${src.doc_id})` : `document ${documentId ?? '?'}`;
}

function sourceLine(src: SourceReport): string {
  return [src.source ?? 'unknown source', src.published_at ? `published ${src.published_at}` : 'no publication date', src.title ? `“${src.title}”` : null, `document ${src.doc_id}`]
    .filter(Boolean).join(' · ');
}

/** Every source's figures side by side: corroboration and conflicts at a glance. */
function figuresTable(d: EventDetail): HTMLElement {
  const rows = d.sources.map((src) => {
    const figs = d.figures.filter((f) => f.document_id === src.document_id)
      .map((f) => `${f.what}: ${f.approximate ? '≈' : ''}${f.value}${f.high !== null ? `–${f.high}` : ''}${f.victims ? ` (${f.victims})` : ''} — ${f.modality}${f.claimant ? `, ${f.claimant}` : ''}`);
    return el('tr', { dataset: { documentId: String(src.document_id) } },
      el('td', {}, src.source ?? src.doc_id),
      el('td', {}, src.published_at ?? '—'),
      el('td', {}, src.event.event_date.value ?? '—'),
      el('td', {}, src.event.place.value?.written ?? '—'),
      el('td', { class: 'num' }, reportsFatalities(src) ? src.event.fatalities.value : 'none reported'),
      el('td', {}, figs.join('; ') || '—'),
      el('td', {}, `${src.event.claim.modality}${src.event.claim.source ? ` — ${src.event.claim.source}` : ''}`));
  });
  const given = d.sources.filter(reportsFatalities);
  const silent = d.sources.filter((x) => !reportsFatalities(x));
  const figures = [...new Set(given.map((x) => x.event.fatalities.value))].sort((a, b) => a - b);
  const notes: string[] = [];
  if (figures.length > 1) notes.push(`The reports disagree on fatalities (${figures.join(' vs ')}).`);
  if (silent.length && given.length) notes.push(`${silent.map((x) => x.source ?? x.doc_id).join(', ')} give${silent.length === 1 ? 's' : ''} no figure.`);
  if (notes.length) notes.push(`The event keeps ${d.summary.fatalities}: the lowest figure reported, as ACLED codes it.`);
  return el('div', {},
    el('table', { class: 'figures', id: 'figures-table' },
      el('thead', {}, el('tr', {}, ...['Report', 'Published', 'Event date', 'Place as written', 'Fatalities', 'Figures (who says)', 'Claim'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows)),
    notes.length ? el('p', { class: d.conflicting_fatalities || figures.length > 1 ? 'conflict' : 'note' }, notes.join(' ')) : '');
}

/** Whether a report gives a death toll at all (0 with no evidence means "none reported"). */
function reportsFatalities(src: SourceReport): boolean {
  return src.event.fatalities.evidence.length > 0 || src.event.figures.some((f) => f.what === 'killed');
}

function claimsList(d: EventDetail): HTMLElement {
  return el('ul', { class: 'claims' }, ...d.sources.map((src) => {
    const c = src.event.claim;
    return el('li', {},
      el('strong', {}, c.modality), ' ',
      c.source ? `— ${c.source}` : '— stated by the report itself',
      c.source_cue ? el('span', {}, ' · words: ', el('q', {}, c.source_cue.text)) : null,
      c.modality_cue ? el('span', {}, ' · modality cue: ', el('q', {}, c.modality_cue.text)) : null,
      ` (${src.source ?? src.doc_id})`);
  }));
}

const CORRECTABLE = ['event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'location', 'admin1', 'admin2', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'civilian_targeting', 'notes'];
const NUMERIC = ['fatalities', 'latitude', 'longitude', 'time_precision', 'geo_precision'];

function correctionsBlock(d: EventDetail, redraw: (d: EventDetail) => void): HTMLElement {
  const history = d.corrections.length
    ? el('table', { class: 'corrections' },
      el('thead', {}, el('tr', {}, ...['Version', 'When', 'Who', 'Field', 'Was', 'Now', 'Why'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...d.corrections.map((c) => el('tr', {},
        el('td', {}, d.corrections.indexOf(c) + 2), el('td', {}, when(c.created_at_ms)), el('td', {}, c.analyst), el('td', {}, c.field),
        el('td', {}, JSON.stringify(c.previous)), el('td', {}, JSON.stringify(c.value)), el('td', {}, c.reason ?? '')))))
    : el('p', {}, 'No correction: every value is as extracted.');
  const field = el('select', { name: 'field' }, ...CORRECTABLE.map((f) => el('option', { value: f }, f)));
  const value = el('input', { name: 'value', placeholder: 'new value' });
  const analyst = el('input', { name: 'analyst', placeholder: 'your name' });
  const reason = el('input', { name: 'reason', placeholder: 'why (optional)' });
  const tok = el('input', { name: 'token', type: 'password', placeholder: 'API token', value: token.get() });
  const form = el('form', { class: 'correct-form' }, field, value, analyst, reason, tok, el('button', { type: 'submit' }, 'Save as a new version'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    token.set(tok.value);
    const raw = value.value.trim();
    let v: unknown = raw;
    if (NUMERIC.includes(field.value)) v = Number(raw);
    if (field.value === 'civilian_targeting') v = raw === 'true' || raw === 'yes';
    try {
      const nd = await api.correct(d.summary.id, { field: field.value, value: v, analyst: analyst.value.trim(), reason: reason.value.trim() || undefined }, tok.value);
      setStatus('Correction saved as a new version.');
      redraw(nd);
    } catch (err) {
      setStatus(`Correction refused: ${(err as Error).message}`, 'error');
    }
  });
  return el('div', {}, history, form);
}
