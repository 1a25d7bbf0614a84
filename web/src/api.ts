// Typed access to vigie's JSON API (see /openapi.json). Same origin only.

export interface Span { start: number; end: number }
export interface Evidence { span: Span; text: string }
export interface Field<T> { value: T; evidence: Evidence[]; confidence: number }
export interface ActorRef { canonical: string; inter: number | null; key: string; country: string | null }
export interface Place {
  geonameid: number; name: string; country: string; admin1: string | null; admin2: string | null;
  admin3: string | null; latitude: number; longitude: number; feature_code: string;
}
export interface GeoCandidate { place: Place; score: number; reasons: string[] }
export interface GeoResolution { query: string; best: GeoCandidate | null; alternatives: GeoCandidate[]; ambiguous: boolean; precision: number | null }
export interface EventPlace { written: string; resolution: GeoResolution }
export interface Claim { modality: string; source: string | null; source_cue: Evidence | null; modality_cue: Evidence | null }
export interface FigureClaim {
  what: string; value: number; high: number | null; approximate: boolean; victims: string | null;
  evidence: Evidence; claim: Claim;
}
/** One event as the extractor wrote it (vigie-core's `Event`). */
export interface CoreEvent {
  id: string; doc_id: string;
  event_date: Field<string | null>; time_precision: number;
  disorder_type: string; event_type: string; sub_event_type: Field<string>;
  actor1: Field<ActorRef | null>; assoc_actor_1: ActorRef[];
  actor2: Field<ActorRef | null>; assoc_actor_2: ActorRef[];
  interaction: number | null; civilian_targeting: Field<boolean>;
  place: Field<EventPlace | null>; geo_precision: number | null;
  fatalities: Field<number>; figures: FigureClaim[]; notes: string; claim: Claim;
  trigger: Evidence; confidence: number;
}
export interface Mention { kind: string; evidence: Evidence; sub_event_type: string | null; places: Evidence[]; reason: string }
export interface Diagnostic { level: string; code: string; message: string }
export interface DocumentExtraction {
  doc_id: string; published_at: string | null; language: { status: string; language?: string; reason?: string };
  decoding: { encoding: string; had_bom: boolean; replacements: number; kind: string; notes: string[] };
  events: CoreEvent[]; mentions: Mention[]; diagnostics: Diagnostic[];
}

/** The original report, decoded for display, with a map from byte offsets
 * (what evidence spans index) to UTF-16 offsets (what JS strings index). */
export interface OriginalText {
  text: string;
  encoding: string;
  /** `text`, or `html` when `text` is the cleaned article of a page. */
  kind: string;
  /** Sorted [byte, utf16] anchors; between anchors one byte is one code unit. */
  anchors: [number, number][];
}

export interface EventSummary {
  id: number;
  event_date: string | null; time_precision: number;
  disorder_type: string; event_type: string; sub_event_type: string;
  actor1: string | null; actor2: string | null;
  country: string | null; country_code: string | null; admin1: string | null; admin2: string | null; location: string | null;
  latitude: number | null; longitude: number | null; geo_precision: number | null;
  fatalities: number; fatalities_max: number; corroboration: number; sources: string; notes: string;
  civilian_targeting: boolean; updated_at_ms: number;
}
export interface Page<T> { total: number; limit: number; offset: number; items: T[] }

export interface SourceReport {
  report_event_id: number; document_id: number; doc_id: string; source: string | null; url: string | null;
  title: string | null; published_at: string | null; current: boolean; event: CoreEvent; text: OriginalText | null;
}
export interface SourcedFigure {
  document_id: number; source: string | null; what: string; value: number; high: number | null; approximate: boolean;
  victims: string | null; modality: string; claimant: string | null; quote: string;
}
export interface Correction { id: number; field: string; value: unknown; previous: unknown; analyst: string; reason: string | null; created_at_ms: number }
export interface MergeStep { report_event_id: number; document_id: number | null; action: string; score: number | null; reason: string; at_ms: number }
export interface EventDetail {
  summary: EventSummary;
  event: CoreEvent;
  figures: SourcedFigure[];
  conflicting_fatalities: boolean;
  corrected_fields: string[];
  sources: SourceReport[];
  merge_history: MergeStep[];
  corrections: Correction[];
  mentions: Mention[];
}
export interface Count { key: string; events: number; fatalities: number }
export interface Stats { events: number; fatalities: number; documents: number; by_week: Count[]; by_event_type: Count[]; by_region: Count[] }
export interface ExtractPreview { extraction: DocumentExtraction; text: OriginalText | null }
export interface SubmitResult { document_id: number; duplicate: boolean; status: string; reason: string | null; events: EventSummary[] }

export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  const body = await res.text();
  let data: unknown = null;
  try { data = body ? JSON.parse(body) : null; } catch { /* not JSON */ }
  if (!res.ok) {
    const msg = (data as { message?: string } | null)?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg);
  }
  return data as T;
}

export interface EventQuery {
  from?: string; to?: string; country?: string; admin1?: string; admin2?: string;
  event_type?: string; sub_event_type?: string; actor?: string; bbox?: string;
  min_corroboration?: number; q?: string; limit?: number; offset?: number;
}

export function queryString(q: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  events: (q: EventQuery) => send<Page<EventSummary>>(`/api/events${queryString(q)}`),
  event: (id: string | number) => send<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  stats: (q: EventQuery) => send<Stats>(`/api/stats${queryString(q)}`),
  extract: (body: BodyInit, contentType: string, meta: Record<string, string>) =>
    send<ExtractPreview>(`/api/extract${queryString(meta)}`, { method: 'POST', body, headers: { 'content-type': contentType } }),
  submit: (body: BodyInit, contentType: string, meta: Record<string, string>, token: string) =>
    send<SubmitResult>(`/api/documents${queryString(meta)}`, {
      method: 'POST', body, headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    }),
  correct: (id: string | number, body: { field: string; value: unknown; analyst: string; reason?: string }, token: string) =>
    send<EventDetail>(`/api/events/${encodeURIComponent(id)}/corrections`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    }),
};

/** The API token lives in this tab only (sessionStorage), never in a cookie. */
export const token = {
  get: () => sessionStorage.getItem('vigie-token') ?? '',
  set: (t: string) => sessionStorage.setItem('vigie-token', t.trim()),
};
