/** A marker that turns a test off, with how it is written (shown to the agent). */
const SKIP_MARKERS: readonly { pattern: RegExp; shown: string }[] = [
  // Only test APIs' receivers: `iter.skip(1)` is ordinary code, `it.skip(` is not.
  {
    pattern: /\b(?:it|test|describe|suite|context|bench)\.(?:skip|skipIf|todo|only)\b/g,
    shown: '`it.skip`/`.todo`/`.only`',
  },
  { pattern: /\bx(?:it|describe|test)\s*\(/g, shown: '`xit(`/`xdescribe(`' },
  { pattern: /\bt\.Skip(?:Now|f)?\s*\(/g, shown: '`t.Skip(`' },
  { pattern: /@pytest\.mark\.(?:skip|skipif|xfail)\b/g, shown: '`@pytest.mark.skip`' },
  { pattern: /\bpytest\.skip\s*\(/g, shown: '`pytest.skip(`' },
  { pattern: /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/g, shown: '`@unittest.skip`' },
  { pattern: /#\[ignore\b/g, shown: '`#[ignore]`' },
];

/**
 * Files of a patch that gain test-skipping markers: an optimization that turns tests off makes the suite
 * pass by checking less. A file is flagged when its added lines hold more markers than its removed lines (so
 * moving or reformatting an existing `it.skip` is not), in any file, since tests can live anywhere.
 * `.only` counts too: focusing one test skips all the others.
 */
export function findAddedSkipMarkers(
  sections: readonly { path: string; text: string }[],
): { path: string; reason: string }[] {
  const found: { path: string; reason: string }[] = [];
  for (const section of sections) {
    const added: string[] = [];
    const removed: string[] = [];
    for (const line of section.text.split('\n')) {
      if (line.startsWith('+') && !line.startsWith('+++ ')) added.push(line.slice(1));
      else if (line.startsWith('-') && !line.startsWith('--- ')) removed.push(line.slice(1));
    }
    const gained = SKIP_MARKERS.filter((marker) => count(added, marker.pattern) > count(removed, marker.pattern));
    if (gained.length === 0) continue;
    const markers = gained.map((marker) => marker.shown).join(', ');
    found.push({
      path: section.path,
      reason: `adds test-skipping markers (${markers}): tests may not be skipped or removed to make a change pass`,
    });
  }
  return found;
}

function count(lines: readonly string[], pattern: RegExp): number {
  return lines.reduce((total, line) => total + (line.match(pattern)?.length ?? 0), 0);
}
