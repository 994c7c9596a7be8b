// The import rules of ARCHITECTURE.md, checked in CI (`npm run lint`): no import cycles between files, and the
// folder layers below, where a folder may import its own files and folders of lower layers only.
// `optimize/` counts its `phase-handlers/` and `profile/` as its own; `optimize/github/` and `optimize/local/` are
// its adapters, one layer up.
/** Lowest first. A folder is `src/<name>/` (without its sub-folders listed separately). */
const LAYERS = [
  ['domain'],
  ['benchmark/stats', 'benchmark/parsers', 'benchmark/runner', 'queue'],
  ['sandbox'],
  ['config'],
  ['benchmark/instructions', 'workspace', 'github'],
  ['benchmark'],
  ['calibration'],
  ['reports'],
  ['webhooks', 'agents'],
  ['pipeline', 'acks', 'sweeper'],
  ['optimize'],
  ['optimize/github', 'optimize/local', 'intake'],
  ['runs'],
  ['app', 'server', 'demo'],
  ['cli'],
  ['main'],
];

const SUBFOLDERS = LAYERS.flat().filter((name) => name.includes('/'));
/** The path pattern of one folder: its files, without the sub-folders listed as folders of their own. */
function folderPath(name) {
  const own = SUBFOLDERS.filter((sub) => sub.startsWith(`${name}/`));
  const exclude = own.length === 0 ? '' : `(?!(${own.map((sub) => sub.slice(name.length + 1)).join('|')})/)`;
  return `^src/${name}/${exclude}`;
}

const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.map((name) => ({
    name: `layer:${name}`,
    comment: `src/${name}/ may import only its own files and folders of lower layers (ARCHITECTURE.md, "Dependencies")`,
    severity: 'error',
    from: { path: folderPath(name) },
    to: {
      path: '^src/',
      pathNot: [folderPath(name), ...LAYERS.slice(0, rank).flat().map(folderPath)],
    },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means a type or function lives in the wrong file; move it to the file it belongs in.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-src-to-test',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
