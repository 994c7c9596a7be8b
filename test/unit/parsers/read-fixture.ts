import { readFileSync } from 'node:fs';

/** The text of a real tool output from test/fixtures/bench-outputs/ (see its README for how each was made). */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/bench-outputs/${name}`, import.meta.url), 'utf8');
}
