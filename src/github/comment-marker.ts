/** Markers are ids we choose (`status-run-42`), never user text: nothing that could close the HTML comment. */
const MARKER_PATTERN = /^[A-Za-z0-9._:/-]{1,100}$/;

/** The hidden HTML comment that identifies Perfbot's comment for `marker`: `<!-- perfbot:<marker> -->`. */
export function commentMarker(marker: string): string {
  // A plain Error: a bad marker is a bug in Perfbot, to be reported as an internal error, not as a bad command.
  if (!MARKER_PATTERN.test(marker)) {
    throw new Error(`Invalid comment marker ${JSON.stringify(marker)}: use 1–100 letters, digits or . _ : / -.`);
  }
  return `<!-- perfbot:${marker} -->`;
}

/** `body` with the hidden marker on its first line (once, even when the body already carries it). */
export function withCommentMarker(body: string, marker: string): string {
  const hidden = commentMarker(marker);
  return body.includes(hidden) ? body : `${hidden}\n${body}`;
}
