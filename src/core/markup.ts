/**
 * The project's own markers inside message text, which renderers turn into platform markup. They use
 * characters from Unicode's private use area, removed from everything users type, so no user text can
 * ever produce one (typing `{#C0INJECT1}` stays text; it never becomes a channel link).
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000-\uE00F]/g;
const CHANNEL = /\uE000([A-Za-z0-9]{1,32})\uE001/g;

/** A channel, to be shown as each platform's channel link. */
export function channelRef(id: string): string {
  return `${OPEN}${id}${CLOSE}`;
}

/** Replaces our channel markers with `link(id)`; nothing else in the text is touched. */
export function linkChannels(text: string, link: (id: string) => string): string {
  return text.replace(CHANNEL, (_m, id: string) => link(id));
}

/** User input without our markers (applied wherever text enters from outside). */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}
