/**
 * The project's own markers inside message text, which renderers turn into platform markup. They use
 * characters from Unicode's private use area, removed from everything users type, so no user text can
 * ever produce one (typing `{#C0INJECT1}` stays text; it never becomes a channel link).
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const OUTSIDE_OPEN = '\uE002';
const OUTSIDE_CLOSE = '\uE003';
const MARKERS = /[\uE000-\uE00F]/g;
/** A channel marker, or a span of outside text. */
const MARKED = /\uE000([A-Za-z0-9]{1,32})\uE001|\uE002([^\uE000-\uE00F]*)\uE003/g;

/** A channel, to be shown as each platform's channel link. */
export function channelRef(id: string): string {
  return `${OPEN}${id}${CLOSE}`;
}

/**
 * Text that came from outside inside our own words (a platform's error message): each renderer escapes it
 * for its markup, so it can never format, link or mention anything.
 */
export function outsideText(text: string): string {
  return `${OUTSIDE_OPEN}${stripMarkers(text)}${OUTSIDE_CLOSE}`;
}

export interface MarkerFormat {
  channel: (id: string) => string;
  /** How outside text is shown (escaped for the platform's markup); as it is by default. */
  outside?: (text: string) => string;
  /** How the rest of the text (ours, or already escaped) is shown; as it is by default. */
  plain?: (text: string) => string;
}

/** Replaces our markers: channels with links, outside text escaped; the rest through `plain`. */
export function renderMarkers(text: string, f: MarkerFormat): string {
  const { channel, outside = same, plain = same } = f;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(MARKED)) {
    out += plain(text.slice(at, m.index)) + (m[1] !== undefined ? channel(m[1]) : outside(m[2] ?? ''));
    at = m.index + m[0].length;
  }
  return out + plain(text.slice(at));
}

/** Replaces our channel markers with `link(id)`; outside text is left as it is (for plain-text surfaces). */
export function linkChannels(text: string, link: (id: string) => string): string {
  return renderMarkers(text, { channel: link });
}

function same(text: string): string {
  return text;
}

/** User input without our markers (applied wherever text enters from outside). */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}
