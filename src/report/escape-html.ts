/**
 * Escapes text for HTML and SVG text and attribute values (quoted). Activity names come from
 * files and users, so "<img onerror=…>" must show as text, never run.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Also drops C0 control characters other than tab and newline, which are invalid in XML/SVG. */
export function escapeHtml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  )
}
