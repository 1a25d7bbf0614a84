// Shows a report's original text with each field's evidence highlighted.
//
// Evidence spans are byte offsets into the ORIGINAL input; the API sends the
// decoded text with anchors mapping bytes to UTF-16 offsets (what JS strings
// index). Marks are built as DOM nodes around text nodes: the report is never
// parsed as HTML.
import type { Evidence, OriginalText } from './api';
import { el } from './dom';

export interface Highlight { field: string; evidence: Evidence }

/** Byte offset in the original input → UTF-16 offset in `text.text`. */
export function byteToUtf16(text: OriginalText, byte: number): number {
  const a = text.anchors;
  let lo = 0;
  let hi = a.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid][0] <= byte) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const [b0, u0] = best >= 0 ? a[best] : [0, 0];
  let u = u0 + (byte - b0);
  if (best + 1 < a.length) u = Math.min(u, a[best + 1][1]);
  return Math.max(0, Math.min(u, text.text.length));
}

/** Renders the text with <mark data-fields="…"> around evidence. */
export function renderHighlighted(text: OriginalText, highlights: Highlight[]): HTMLElement {
  const ranges = highlights
    .map((h) => ({
      field: h.field,
      start: byteToUtf16(text, h.evidence.span.start),
      end: byteToUtf16(text, h.evidence.span.end),
    }))
    .filter((r) => r.end > r.start);
  const cuts = new Set<number>([0, text.text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((x, y) => x - y);
  const box = el('div', { class: 'original-text' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = text.text.slice(s, e);
    const fields = [...new Set(ranges.filter((r) => r.start <= s && e <= r.end).map((r) => r.field))];
    if (fields.length === 0) {
      box.appendChild(document.createTextNode(piece));
    } else {
      const mark = el('mark', { class: `ev ev-${fields.length > 1 ? 'multi' : fieldClass(fields[0])}`, title: fields.join(', ') }, piece);
      mark.dataset.fields = fields.join(' ');
      box.appendChild(mark);
    }
  }
  return box;
}

/** Adds/removes the `active` class on every mark that carries `field`. */
export function focusField(container: HTMLElement, field: string | null, scroll = false): void {
  let first: HTMLElement | null = null;
  container.querySelectorAll<HTMLElement>('mark.ev').forEach((m) => {
    const on = field !== null && (m.dataset.fields ?? '').split(' ').includes(field);
    m.classList.toggle('active', on);
    if (on && !first) first = m;
  });
  if (scroll && first) (first as HTMLElement).scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function fieldClass(field: string): string {
  return field.replace(/[^a-z0-9_]/gi, '').replace(/_\d+$/, '');
}
