// Paste or upload a report and see what vigie extracts, at once: events with
// every field highlighted in the text, background mentions, diagnostics.
// "Extract" stores nothing; "Store" (with an API token) ingests the report.
import { api, token, type ExtractPreview } from './api';
import { clear, el, setStatus } from './dom';
import { evidencePanel } from './eventfields';
import { renderHighlighted } from './highlight';

type Kind = 'auto' | 'text' | 'html' | 'json';

const CONTENT_TYPE: Record<Exclude<Kind, 'auto'>, string> = {
  text: 'text/plain; charset=utf-8',
  html: 'text/html',
  json: 'application/json',
};

function sniff(body: string | Uint8Array, fileName: string): Exclude<Kind, 'auto'> {
  const name = fileName.toLowerCase();
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'html';
  if (name.endsWith('.json') || name.endsWith('.jsonl')) return 'json';
  const head = (typeof body === 'string' ? body.slice(0, 200) : new TextDecoder('latin1').decode(body.slice(0, 200))).trimStart();
  if (head.startsWith('{')) return 'json';
  if (/^<(!doctype|html|body|article|div|p)\b/i.test(head)) return 'html';
  return 'text';
}

export function renderSubmit(root: HTMLElement): void {
  clear(root);
  const text = el('textarea', { id: 'report-text', name: 'text', placeholder: 'Paste a report in French or English (plain text, HTML, or a JSON record {"text": …, "published_at": …}).' });
  const file = el('input', { type: 'file', id: 'report-file', name: 'file' });
  let fileBytes: Uint8Array | null = null;
  let fileName = '';
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) { fileBytes = null; return; }
    fileName = f.name;
    fileBytes = new Uint8Array(await f.arrayBuffer());
    // Show it when it decodes as UTF-8; other encodings are sent as bytes and decoded by vigie.
    try { text.value = new TextDecoder('utf-8', { fatal: true }).decode(fileBytes); fileBytes = null; } catch { text.value = `(${f.name}: ${f.size} bytes, not UTF-8 — sent as is)`; }
  });
  text.addEventListener('input', () => { fileBytes = null; });
  const kind = el('select', { id: 'report-kind', name: 'kind' }, ...(['auto', 'text', 'html', 'json'] as Kind[]).map((k) => el('option', { value: k }, k === 'auto' ? 'detect format' : k)));
  const published = el('input', { type: 'date', id: 'report-published', name: 'published_at', title: 'Publication date: anchors relative dates (“hier”, “last week”)' });
  const source = el('input', { id: 'report-source', name: 'source', placeholder: 'Source (outlet)' });
  const url = el('input', { id: 'report-url', name: 'url', placeholder: 'URL (optional)' });
  const tok = el('input', { type: 'password', id: 'report-token', name: 'token', placeholder: 'API token (to store)', value: token.get() });
  const out = el('section', { id: 'extraction', class: 'extraction' });

  const payload = (): { body: BodyInit; contentType: string; meta: Record<string, string> } => {
    const body: string | Uint8Array = fileBytes ?? text.value;
    const k = kind.value === 'auto' ? sniff(body, fileName) : (kind.value as Exclude<Kind, 'auto'>);
    const meta: Record<string, string> = {};
    if (published.value) meta.published_at = published.value;
    if (source.value.trim()) meta.source = source.value.trim();
    if (url.value.trim()) meta.url = url.value.trim();
    if (fileName) meta.id = fileName;
    const contentType = fileBytes && k === 'text' ? 'text/plain' : CONTENT_TYPE[k];
    return { body: fileBytes ? new Blob([fileBytes as BlobPart]) : text.value, contentType, meta };
  };

  const extractBtn = el('button', { type: 'button', id: 'extract-btn' }, 'Extract (stores nothing)');
  extractBtn.addEventListener('click', async () => {
    const p = payload();
    setStatus('Extracting…');
    try {
      const res = await api.extract(p.body, p.contentType, p.meta);
      showPreview(out, res);
      setStatus('');
    } catch (err) {
      clear(out);
      out.append(el('p', { class: 'error' }, `Extraction refused: ${(err as Error).message}`));
      setStatus('');
    }
  });
  const storeBtn = el('button', { type: 'button', id: 'store-btn' }, 'Store in the database');
  storeBtn.addEventListener('click', async () => {
    const p = payload();
    token.set(tok.value);
    setStatus('Storing…');
    try {
      const res = await api.submit(p.body, p.contentType, p.meta, tok.value);
      clear(out);
      out.append(
        el('p', { id: 'store-result' }, res.duplicate ? `Already stored as document ${res.document_id} (same content).` : `Stored as document ${res.document_id}.`,
          res.status === 'failed' ? ` Extraction failed: ${res.reason ?? 'unknown reason'}` : ''),
        res.events.length
          ? el('ul', {}, ...res.events.map((e) => el('li', {}, el('a', { href: `#/event/${e.id}` }, `${e.sub_event_type} — ${e.location ?? '?'}, ${e.event_date ?? '?'}`), ` (${e.corroboration} source${e.corroboration === 1 ? '' : 's'})`)))
          : el('p', {}, 'No event in this report.'));
      setStatus('');
    } catch (err) {
      setStatus(`Not stored: ${(err as Error).message}`, 'error');
    }
  });

  root.append(
    el('h2', {}, 'Paste or upload a report'),
    el('div', { class: 'submit-form' }, text,
      el('div', { class: 'row' }, file, kind, published, source, url),
      el('div', { class: 'row' }, extractBtn, tok, storeBtn)),
    out);
}

function showPreview(out: HTMLElement, res: ExtractPreview): void {
  clear(out);
  const x = res.extraction;
  const lang = x.language.status === 'supported' ? `language ${x.language.language}` : `unsupported language: ${x.language.reason ?? ''}`;
  out.append(el('p', { class: 'doc-meta' }, `${lang} · ${x.decoding.encoding}${x.decoding.had_bom ? ' (BOM)' : ''} · ${x.decoding.kind} · published ${x.published_at ?? 'unknown'}`));
  if (x.diagnostics.length) {
    out.append(el('ul', { class: 'diagnostics' }, ...x.diagnostics.map((d) => el('li', { class: d.level }, `${d.level}: ${d.message} [${d.code}]`))));
  }
  out.append(el('h3', {}, `${x.events.length} event${x.events.length === 1 ? '' : 's'}`));
  x.events.forEach((e, i) => out.append(el('div', { class: 'event-card', dataset: { index: String(i) } }, evidencePanel(e, res.text))));
  if (x.events.length === 0) {
    out.append(el('p', {}, 'No event: the report is shown below as vigie read it.'),
      res.text ? renderHighlighted(res.text, []) : el('p', { class: 'error' }, 'The input is not text.'));
  }
  out.append(el('h3', {}, `${x.mentions.length} background mention${x.mentions.length === 1 ? '' : 's'} (not events)`));
  out.append(el('ul', { class: 'mentions' }, ...x.mentions.map((m) => el('li', {}, el('span', { class: 'kind' }, m.kind.replace(/_/g, ' ')), ' ', el('q', {}, m.evidence.text), ` — ${m.reason}`))));
}
