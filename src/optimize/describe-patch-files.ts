import type { DiffFile } from '../pipeline/diff-rules/validate-diff.ts';
import type { PatchSection } from './split-patch.ts';

/**
 * What `validateDiff` needs to know about each file of a patch, read from the section headers: the status
 * (`new file mode` → A, `deleted file mode` → D, otherwise M), the resulting mode (`new mode`, `new file
 * mode`, `deleted file mode`, or the mode on the `index` line) and whether git treated it as binary.
 * Sizes are not in a patch; the caller adds them from the files.
 */
export function describePatchFiles(sections: readonly PatchSection[]): DiffFile[] {
  return sections.map((section) => {
    const headers = section.text.slice(0, headerEnd(section.text));
    const added = /^new file mode (\d+)$/m.exec(headers);
    const deleted = /^deleted file mode (\d+)$/m.exec(headers);
    const mode =
      added?.[1] ?? deleted?.[1] ?? /^new mode (\d+)$/m.exec(headers)?.[1] ?? /^index \S+ (\d+)$/m.exec(headers)?.[1];
    const file: DiffFile = {
      path: section.path,
      status: added ? 'A' : deleted ? 'D' : 'M',
      binary: /^(?:GIT binary patch|Binary files .* differ)$/m.test(section.text),
    };
    if (mode !== undefined) file.mode = mode;
    return file;
  });
}

/** Headers end where the content starts: the first hunk, `---` line or binary marker. */
function headerEnd(text: string): number {
  const match = /^(?:@@|--- |GIT binary patch|Binary files )/m.exec(text);
  return match === null ? text.length : match.index;
}
