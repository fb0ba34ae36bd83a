// Import rules, checked in CI (`pnpm lint:deps`): no cycles anywhere (type-only imports count), no
// import against the package layering, and no import against the folder layering inside mesh.
// docs/architecture.md draws the same layers.

/** Packages, lowest first; each may import only the ones before it. */
const PACKAGES = ['engine', 'mesh', 'scenario', 'import', 'analysis', 'report', 'cli', 'meshsim'];

/** What each package may import (besides itself): the layering of docs/architecture.md. */
const ALLOWED = {
  engine: [],
  mesh: ['engine'],
  scenario: ['engine', 'mesh'],
  import: ['engine', 'mesh', 'scenario'],
  analysis: ['engine', 'mesh', 'scenario'],
  report: ['engine', 'mesh', 'scenario', 'analysis'],
  cli: ['engine', 'mesh', 'scenario', 'import', 'analysis', 'report'],
  meshsim: ['engine', 'mesh', 'scenario', 'import', 'analysis', 'report', 'cli'],
};

/**
 * Folders of packages/mesh/src, lowest first. A folder may import its own files and the folders
 * listed before it; the files at the top of src/ (Simulation, simulate, index) and internal/ may
 * import anything. `faults` and `traffic` sit side by side: neither imports the other.
 */
const MESH_LAYERS = [
  'config',
  'ports',
  'topology',
  'cpu',
  'server',
  'call',
  'policies',
  'shapes',
  'traffic',
  'faults',
  'assembly',
  'results',
];
const SIDE_BY_SIDE = { faults: ['traffic'], traffic: ['faults'] };

const src = (pkg) => `^packages/${pkg}/src/`;

/** A rule per package: no import of a meshsim package it may not use (names resolve through tsconfig paths). */
const packageRules = PACKAGES.map((pkg) => ({
  pkg,
  forbidden: PACKAGES.filter((other) => other !== pkg && !ALLOWED[pkg].includes(other)),
}))
  .filter(({ forbidden }) => forbidden.length > 0)
  .map(({ pkg, forbidden }) => ({
    name: `layering-${pkg}`,
    comment: `@meshsim/${pkg} may import only ${ALLOWED[pkg].join(', ') || 'no other meshsim package'}`,
    severity: 'error',
    from: { path: src(pkg) },
    to: { path: forbidden.map(src) },
  }));

/** A rule per mesh folder: no import of a folder above it (or beside it), of the top files or of internal/. */
const meshRules = MESH_LAYERS.map((folder, index) => ({
  name: `mesh-layering-${folder}`,
  comment: `mesh/src/${folder} may import only ${MESH_LAYERS.slice(0, index).join(', ') || 'nothing else of mesh'}`,
  severity: 'error',
  from: { path: `^packages/mesh/src/${folder}/` },
  to: {
    path: [
      ...[...MESH_LAYERS.slice(index + 1), ...(SIDE_BY_SIDE[folder] ?? []), 'internal'].map(
        (other) => `^packages/mesh/src/${other}/`,
      ),
      '^packages/mesh/src/(Simulation|simulate|index)\\.ts$',
    ],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only imports count): break them with a port or a narrower type.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-imports-in-src',
      comment: 'Library code never imports tests.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { path: '^packages/[^/]+/test/' },
    },
    {
      name: 'no-internal-entry-in-src',
      comment: "mesh/src/internal/index.ts is the tests' entry; library code imports the files themselves.",
      severity: 'error',
      from: { path: '^packages/mesh/src/', pathNot: '^packages/mesh/src/internal/' },
      to: { path: '^packages/mesh/src/internal/' },
    },
    ...packageRules,
    ...meshRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
