// The fields of one extracted event, each with its evidence, rendered as a
// list beside the original text; hovering or clicking a field lights up the
// words it was read from.
import type { CoreEvent, Evidence, OriginalText } from './api';
import { el, type Child } from './dom';
import { focusField, renderHighlighted, type Highlight } from './highlight';
import { colourOf } from './palette';

export interface FieldRow { field: string; label: string; value: string; confidence: number | null; evidence: Evidence[] }

const TIME_PRECISION: Record<number, string> = { 1: 'day', 2: 'week', 3: 'month' };
const GEO_PRECISION: Record<number, string> = { 1: 'the town itself', 2: 'near a town / part of a region', 3: 'region only' };

export function fieldRows(ev: CoreEvent): FieldRow[] {
  const place = ev.place.value;
  const best = place?.resolution.best?.place;
  const rows: FieldRow[] = [
    { field: 'event_date', label: 'Date', value: `${ev.event_date.value ?? 'unknown'} (precision: ${TIME_PRECISION[ev.time_precision] ?? ev.time_precision})`, confidence: ev.event_date.confidence, evidence: ev.event_date.evidence },
    { field: 'event_type', label: 'Type', value: `${ev.disorder_type} › ${ev.event_type}`, confidence: null, evidence: [] },
    { field: 'sub_event_type', label: 'Sub-event type', value: ev.sub_event_type.value, confidence: ev.sub_event_type.confidence, evidence: ev.sub_event_type.evidence },
    { field: 'actor1', label: 'Actor 1', value: actorLabel(ev.actor1.value), confidence: ev.actor1.confidence, evidence: ev.actor1.evidence },
    { field: 'actor2', label: 'Actor 2', value: actorLabel(ev.actor2.value), confidence: ev.actor2.confidence, evidence: ev.actor2.evidence },
    { field: 'location', label: 'Location', value: place ? locationLabel(place.written, best) : '—', confidence: ev.place.confidence, evidence: ev.place.evidence },
    { field: 'geo_precision', label: 'Geo precision', value: ev.geo_precision ? `${ev.geo_precision} (${GEO_PRECISION[ev.geo_precision] ?? ''})` : '—', confidence: null, evidence: [] },
    { field: 'fatalities', label: 'Fatalities', value: String(ev.fatalities.value), confidence: ev.fatalities.confidence, evidence: ev.fatalities.evidence },
    { field: 'civilian_targeting', label: 'Civilian targeting', value: ev.civilian_targeting.value ? 'yes' : 'no', confidence: ev.civilian_targeting.confidence, evidence: ev.civilian_targeting.evidence },
    { field: 'claim', label: 'Claim', value: claimLabel(ev), confidence: null, evidence: [ev.claim.source_cue, ev.claim.modality_cue].filter((e): e is Evidence => !!e) },
  ];
  ev.figures.forEach((f, i) => rows.push({
    field: `figure_${i}`,
    label: `Figure: ${f.what}`,
    value: `${f.approximate ? '≈' : ''}${f.value}${f.high !== null ? `–${f.high}` : ''}${f.victims ? ` ${f.victims}` : ''} (${f.claim.modality}${f.claim.source ? `, ${f.claim.source}` : ''})`,
    confidence: null,
    evidence: [f.evidence],
  }));
  rows.push({ field: 'trigger', label: 'Read from', value: 'the sentence(s) the event was read from', confidence: ev.confidence, evidence: [ev.trigger] });
  return rows;
}

export function highlightsOf(rows: FieldRow[]): Highlight[] {
  return rows.flatMap((r) => r.evidence.map((evidence) => ({ field: r.field, evidence })));
}

function actorLabel(a: { canonical: string; inter: number | null } | null): string {
  if (!a) return '—';
  return a.inter !== null ? `${a.canonical} (inter ${a.inter})` : a.canonical;
}

function locationLabel(written: string, best: { name: string; admin1: string | null; admin2: string | null; country: string; latitude: number; longitude: number } | undefined): string {
  if (!best) return `${written} (not resolved)`;
  const parts = [best.name, best.admin2, best.admin1, best.country].filter((x): x is string => !!x);
  const path = parts.filter((x, i) => i === 0 || x !== parts[i - 1]).join(', ');
  return `${path} — ${best.latitude.toFixed(4)}, ${best.longitude.toFixed(4)}${written && written !== best.name ? ` (written “${written}”)` : ''}`;
}

function claimLabel(ev: CoreEvent): string {
  const c = ev.claim;
  return `${c.modality}${c.source ? ` — ${c.source}` : ''}`;
}

/** The event's fields on the left, the original text with highlights on the right. */
export function evidencePanel(ev: CoreEvent, text: OriginalText | null, extra: Child = null): HTMLElement {
  const rows = fieldRows(ev);
  const textBox = text
    ? renderHighlighted(text, highlightsOf(rows))
    : el('div', { class: 'original-text missing' }, 'The original text of this report is not available.');
  const list = el('table', { class: 'fields' });
  for (const r of rows) {
    const tr = el('tr', { class: r.evidence.length ? 'has-evidence' : '', dataset: { field: r.field } },
      el('th', {}, r.label),
      el('td', {},
        el('div', { class: 'value' }, r.value),
        r.evidence.length
          ? el('div', { class: 'quotes' }, ...r.evidence.map((e) => el('q', { title: `bytes ${e.span.start}–${e.span.end}` }, e.text)))
          : el('div', { class: 'quotes none' }, 'no evidence in the text (default or inferred)')),
      el('td', { class: 'conf' }, r.confidence !== null ? `${Math.round(r.confidence * 100)}%` : ''),
    );
    tr.addEventListener('mouseenter', () => focusField(textBox, r.field));
    tr.addEventListener('mouseleave', () => focusField(textBox, null));
    tr.addEventListener('click', () => focusField(textBox, r.field, true));
    list.appendChild(tr);
  }
  return el('div', { class: 'evidence-panel' },
    el('div', { class: 'fields-col' },
      el('div', { class: 'type-badge', style: { backgroundColor: colourOf(ev.event_type) } }, ev.event_type),
      el('p', { class: 'notes' }, ev.notes),
      list, extra),
    el('div', { class: 'text-col' }, el('h3', {}, 'Original report'), textBox));
}
