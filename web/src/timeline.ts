// A weekly histogram of events; dragging across it (brushing) selects a date
// range that filters the map and the table. Double-click or "clear" resets.
import type { Count } from './api';
import { el } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86_400_000;
const WIDTH = 1000;
const HEIGHT = 90;
const AXIS = 16;

export interface DateRange { from: string; to: string }

export interface Timeline {
  element: HTMLElement;
  update(byWeek: Count[], selected: DateRange | null): void;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function createTimeline(onBrush: (range: DateRange | null) => void): Timeline {
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', class: 'timeline-svg', role: 'img' });
  const bars = svg('g', {});
  const axis = svg('g', { class: 'axis' });
  const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height: HEIGHT - AXIS });
  root.append(bars, axis, brush);
  const label = el('span', { class: 'range-label' }, 'Drag across the timeline to filter by date.');
  const clearBtn = el('button', { type: 'button', class: 'link', on: { click: () => onBrush(null) } }, 'clear');
  const element = el('div', { class: 'timeline', id: 'timeline' }, root, el('div', { class: 'timeline-caption' }, label, ' ', clearBtn));

  let start = 0; // first bucket start (ms)
  let step = 7 * DAY; // bucket width (ms)
  let buckets = 1;

  const toX = (t: number) => ((t - start) / (step * buckets)) * WIDTH;
  const toT = (x: number) => start + (Math.max(0, Math.min(WIDTH, x)) / WIDTH) * step * buckets;
  const svgX = (ev: PointerEvent) => {
    const r = root.getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * WIDTH;
  };

  let dragFrom: number | null = null;
  root.addEventListener('pointerdown', (ev) => {
    dragFrom = svgX(ev);
    root.setPointerCapture(ev.pointerId);
    brush.setAttribute('x', String(dragFrom));
    brush.setAttribute('width', '0');
  });
  root.addEventListener('pointermove', (ev) => {
    if (dragFrom === null) return;
    const x = svgX(ev);
    brush.setAttribute('x', String(Math.min(dragFrom, x)));
    brush.setAttribute('width', String(Math.abs(x - dragFrom)));
  });
  root.addEventListener('pointerup', (ev) => {
    if (dragFrom === null) return;
    const x = svgX(ev);
    const [a, b] = [Math.min(dragFrom, x), Math.max(dragFrom, x)];
    dragFrom = null;
    if (b - a < 3) return; // a click, not a drag
    // Snap to whole days: from the day under the left edge to the day under the right edge.
    const from = iso(Math.floor(toT(a) / DAY) * DAY);
    const to = iso(Math.floor((toT(b) - 1) / DAY) * DAY);
    onBrush({ from, to });
  });
  root.addEventListener('dblclick', () => onBrush(null));

  return {
    element,
    update(byWeek, selected) {
      while (bars.firstChild) bars.removeChild(bars.firstChild);
      while (axis.firstChild) axis.removeChild(axis.firstChild);
      const weeks = byWeek.map((s) => ({ t: parse(s.key), n: s.events })).filter((w) => Number.isFinite(w.t)).sort((a, b) => a.t - b.t);
      if (weeks.length === 0) {
        brush.setAttribute('width', '0');
        label.textContent = 'No dated events.';
        return;
      }
      // Two empty weeks either side so a brush can exclude the edges.
      const first = weeks[0].t - 14 * DAY;
      const last = weeks[weeks.length - 1].t + 21 * DAY;
      const nWeeks = Math.ceil((last - first) / (7 * DAY));
      const perBucket = Math.max(1, Math.ceil(nWeeks / 260));
      step = perBucket * 7 * DAY;
      start = first;
      buckets = Math.ceil((last - first) / step);
      const counts = new Array<number>(buckets).fill(0);
      for (const w of weeks) counts[Math.min(buckets - 1, Math.floor((w.t - start) / step))] += w.n;
      const max = Math.max(...counts, 1);
      const bw = WIDTH / buckets;
      counts.forEach((n, i) => {
        if (n === 0) return;
        const h = ((HEIGHT - AXIS - 4) * n) / max;
        const t0 = start + i * step;
        const bar = svg('rect', { class: 'bar', x: i * bw + 0.5, y: HEIGHT - AXIS - h, width: Math.max(1, bw - 1), height: h });
        bar.dataset.from = iso(t0);
        const title = svg('title', {});
        title.textContent = `${iso(t0)} — ${n} event${n === 1 ? '' : 's'}`;
        bar.appendChild(title);
        bars.appendChild(bar);
      });
      const ticks = Math.min(6, buckets);
      for (let i = 0; i <= ticks; i++) {
        const t = start + ((step * buckets) * i) / ticks;
        const tx = svg('text', { x: Math.min(WIDTH - 40, Math.max(2, toX(t))), y: HEIGHT - 3 });
        tx.textContent = iso(t);
        axis.appendChild(tx);
      }
      if (selected) {
        const a = toX(parse(selected.from));
        const b = toX(parse(selected.to) + DAY);
        brush.setAttribute('x', String(a));
        brush.setAttribute('width', String(Math.max(2, b - a)));
        label.textContent = `Showing ${selected.from} → ${selected.to}`;
      } else {
        brush.setAttribute('width', '0');
        label.textContent = 'Drag across the timeline to filter by date.';
      }
    },
  };
}
