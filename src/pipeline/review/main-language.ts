/** The languages the language reviewer knows by name, with what marks a repository as written in them. */
const MARKERS: readonly { language: string; manifests: readonly string[]; extensions: readonly string[] }[] = [
  { language: 'Go', manifests: ['go.mod'], extensions: ['.go'] },
  { language: 'Rust', manifests: ['Cargo.toml'], extensions: ['.rs'] },
  { language: 'TypeScript', manifests: ['tsconfig.json'], extensions: ['.ts', '.tsx', '.mts', '.cts'] },
  { language: 'JavaScript', manifests: [], extensions: ['.js', '.mjs', '.cjs', '.jsx'] },
  { language: 'Python', manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'], extensions: ['.py'] },
  { language: 'Java', manifests: ['pom.xml', 'build.gradle', 'build.gradle.kts'], extensions: ['.java'] },
  { language: 'Kotlin', manifests: [], extensions: ['.kt', '.kts'] },
  { language: 'C++', manifests: [], extensions: ['.cc', '.cpp', '.cxx', '.hpp', '.hh'] },
  { language: 'C', manifests: [], extensions: ['.c', '.h'] },
  { language: 'C#', manifests: [], extensions: ['.cs'] },
  { language: 'Ruby', manifests: ['Gemfile'], extensions: ['.rb'] },
  { language: 'PHP', manifests: ['composer.json'], extensions: ['.php'] },
  { language: 'Swift', manifests: ['Package.swift'], extensions: ['.swift'] },
  { language: 'Zig', manifests: ['build.zig'], extensions: ['.zig'] },
];

/** Files that are not the project's own code: vendored dependencies, generated output. */
const NOT_OWN_CODE = /(^|\/)(node_modules|vendor|third_party|dist|build|target)\//;

/**
 * The repository's main language, from its file list: a manifest at the root decides (go.mod → Go, Cargo.toml →
 * Rust, tsconfig.json → TypeScript…); otherwise the language with the most source files outside vendored and
 * generated folders. Undefined when no known source file is there. The seed workflow's Go reviewer becomes the
 * reviewer of this language.
 */
export function mainLanguage(files: readonly string[]): string | undefined {
  const atRoot = new Set(files.filter((file) => !file.includes('/')));
  const byManifest = MARKERS.find((marker) => marker.manifests.some((manifest) => atRoot.has(manifest)));
  if (byManifest !== undefined) return byManifest.language;
  const counts = new Map<string, number>();
  for (const file of files) {
    if (NOT_OWN_CODE.test(file)) continue;
    const marker = MARKERS.find((m) => m.extensions.some((extension) => file.endsWith(extension)));
    if (marker !== undefined) counts.set(marker.language, (counts.get(marker.language) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [language, count] of counts) if (best === undefined || count > counts.get(best)!) best = language;
  return best;
}

/** File-name form of a language: `Go` → `go`, `C++` → `cpp`, `C#` → `csharp`. */
export function languageSlug(language: string): string {
  return language
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-');
}
