// One colour per ACLED event type, used by markers, legend, table and timeline.
export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;

const COLOURS: Record<string, string> = {
  Battles: '#c62828',
  'Explosions/Remote violence': '#ef6c00',
  'Violence against civilians': '#6a1b9a',
  Protests: '#1565c0',
  Riots: '#6d4c41',
  'Strategic developments': '#2e7d32',
};

export function colourOf(eventType: string): string {
  return COLOURS[eventType] ?? '#546e7a';
}
