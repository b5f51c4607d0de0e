/** How a room shows its video: embedded (Jitsi on the configured domain), a link, or nothing. */
export type RoomVideo =
  | { kind: 'embed'; src: string; host: string }
  | { kind: 'link'; href: string; host: string }
  | { kind: 'none' };

/**
 * Embeds the session's video when it is a Jitsi meeting on the configured server (https only, a
 * room named in the path); links to anything else (Zoom, Teams, any web address), to open in a
 * new tab. Anything that is not a web address is not shown.
 */
export function videoFor(videoUrl: string, jitsiDomain: string | null): RoomVideo {
  if (!videoUrl) return { kind: 'none' };
  let url: URL;
  try {
    url = new URL(videoUrl);
  } catch {
    return { kind: 'none' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'none' };
  if (
    jitsiDomain &&
    url.protocol === 'https:' &&
    url.hostname === jitsiDomain &&
    url.pathname.length > 1
  )
    return { kind: 'embed', src: url.toString(), host: url.hostname };
  return { kind: 'link', href: url.toString(), host: url.hostname };
}
