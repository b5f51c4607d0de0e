import { simpleParser } from 'mailparser';

/** The first address in a message's text that starts with `prefix`, such as a sign-in link. */
export async function findLink(raw: string, prefix: string): Promise<string> {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? '';
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = text.match(new RegExp(`${escaped}[A-Za-z0-9_-]+`))?.[0];
  if (!link) throw new Error(`No link starting with ${prefix} in the message:\n${text}`);
  return link;
}

/** The recipients and subject of a raw message. */
export async function describeMessage(
  raw: string,
): Promise<{ to: string; subject: string; text: string }> {
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to)
    ? parsed.to.map((a) => a.text).join(', ')
    : (parsed.to?.text ?? '');
  return { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
}
