// The only way the dashboard builds DOM. Every value that came from a report
// (or from the API at all) becomes a text node: nothing is ever parsed as
// HTML, so a report quoting `<script>` or `<img onerror=…>` is shown as those
// characters. There is deliberately no helper that takes an HTML string.

export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  class?: string;
  id?: string;
  title?: string;
  href?: string;
  type?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  for?: string;
  role?: string;
  disabled?: boolean;
  dataset?: Record<string, string>;
  style?: Partial<Record<'background' | 'backgroundColor' | 'borderColor' | 'height' | 'width' | 'left', string>>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs.class) node.className = attrs.class;
  if (attrs.id) node.id = attrs.id;
  if (attrs.title) node.title = attrs.title;
  if (attrs.href !== undefined && node instanceof HTMLAnchorElement) node.href = safeHref(attrs.href);
  if (attrs.type && 'type' in node) (node as HTMLInputElement).type = attrs.type;
  if (attrs.name && 'name' in node) (node as HTMLInputElement).name = attrs.name;
  if (attrs.value !== undefined && 'value' in node) (node as HTMLInputElement).value = attrs.value;
  if (attrs.placeholder && 'placeholder' in node) (node as HTMLInputElement).placeholder = attrs.placeholder;
  if (attrs.for && node instanceof HTMLLabelElement) node.htmlFor = attrs.for;
  if (attrs.role) node.setAttribute('role', attrs.role);
  if (attrs.disabled && 'disabled' in node) (node as HTMLButtonElement).disabled = true;
  if (attrs.dataset) for (const [k, v] of Object.entries(attrs.dataset)) node.dataset[k] = v;
  if (attrs.style) for (const [k, v] of Object.entries(attrs.style)) (node.style as unknown as Record<string, string>)[k] = v ?? '';
  if (attrs.on) {
    for (const [ev, fn] of Object.entries(attrs.on)) node.addEventListener(ev, fn as EventListener);
  }
  append(node, ...children);
  return node;
}

export function append(node: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Only http(s) links and in-app fragments are ever clickable. */
export function safeHref(href: string): string {
  const h = href.trim();
  if (h.startsWith('#') || h.startsWith('/')) return h;
  try {
    const u = new URL(h);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    /* not a URL */
  }
  return '#';
}

export function setStatus(msg: string, kind: 'info' | 'error' = 'info'): void {
  const s = document.getElementById('status');
  if (!s) return;
  s.textContent = msg;
  s.className = `status ${kind}`;
}
