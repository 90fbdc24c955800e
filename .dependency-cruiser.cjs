// Architecture rules, checked by dependency-cruiser: `npm run arch`, and in `npm test` through
// tools/test/architecture.unit.test.ts. docs/CONVENTIONS.md explains the layers these rules keep.
//
//   apps/server/src:  modules -> platform -> db     (arrows point down, never up)
//   apps/*         -> packages/domain               (pure: imports nothing of ours)
//   apps/server, tools -> packages/synth -> packages/domain   (the synthetic city: pure generators)
//   apps/web/src:  features/<name> -> shared code (components, layout, auth, api)   (a feature never reaches
//                  into another feature; shared code never reaches into a feature)
//
// Tests may import anything: every rule below starts from non-test files only.

/** Test files and test support: exempt from every layer rule. */
const TESTS = ['\\.test\\.tsx?$', '\\.e2e\\.ts$', '^apps/server/src/test/', '^tools/test/'];

const SERVER = '^apps/server/src/';
const WEB = '^apps/web/src/';
/** A feature's own API calls (`features/<name>/api.ts` or `api/`): the one part other code may import. */
const FEATURE_API = `${WEB}features/[^/]+/api(\\.tsx?$|/)`;

/**
 * Known exceptions, each named so that it can be found and removed. tools/test/architecture.unit.test.ts
 * fails when an exception no longer covers a real dependency, so the list only shrinks.
 */
const KNOWN_EXCEPTIONS = {
  // bootstrap.ts and demo.ts import the `Services` type from app.ts, which imports both: a cycle of type-only
  // back-edges (nothing at run time), gone once modules plug themselves in (issue 9, item 3).
  appBootstrapCycle: { via: `${SERVER}(app|bootstrap|demo)\\.ts$` },
  // The worker's profile (registry) shows the worker's wages across projects with the wages feature's tab;
  // the tab goes when the wages feature offers the profile a slot (or the tab moves to shared code).
  workerProfileShowsWages: {
    from: `${WEB}features/registry/pages/workers/WorkerProfilePage\\.tsx$`,
    to: `${WEB}features/wages/components/WorkerWagesTab\\.tsx$`,
  },
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-not-to-modules',
      comment: 'The platform knows no business module: a module plugs itself into the platform, not the reverse.',
      severity: 'error',
      from: { path: `${SERVER}platform/`, pathNot: TESTS },
      to: { path: `${SERVER}modules/` },
    },
    {
      name: 'db-not-up',
      comment: 'The db layer (client, migrator) imports neither the platform nor a module.',
      severity: 'error',
      from: { path: `${SERVER}db/`, pathNot: TESTS },
      to: { path: `${SERVER}(platform|modules)/` },
    },
    {
      name: 'module-only-through-port',
      comment:
        "A module reaches another module only through that module's index.ts (its port), never its repo, " +
        'service or other files.',
      severity: 'error',
      from: { path: `${SERVER}modules/([^/]+)/`, pathNot: TESTS },
      to: { path: `${SERVER}modules/[^/]+/`, pathNot: [`${SERVER}modules/$1/`, `${SERVER}modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'domain-is-pure',
      comment: 'packages/domain is shared by server and console: it imports nothing of ours and no package but zod.',
      severity: 'error',
      from: { path: '^packages/domain/', pathNot: TESTS },
      to: { pathNot: ['^packages/domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'synth-is-pure',
      comment:
        'packages/synth (the synthetic city) holds pure generators: it imports @mwsp/domain and its own files, ' +
        "nothing of apps/ or tools/ and no other package; the modules' bulk loads write what it generates.",
      severity: 'error',
      from: { path: '^packages/synth/', pathNot: TESTS },
      to: { pathNot: ['^packages/(synth|domain)/'] },
    },
    {
      name: 'web-not-to-synth',
      comment: 'The console never loads the synthetic city (generated data reaches it over HTTP like any other).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^packages/synth/' },
    },
    {
      name: 'web-not-to-server',
      comment: 'The console talks to the server over HTTP only; shared code lives in packages/domain.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'feature-not-to-other-feature',
      comment:
        'A console feature (apps/web/src/features/<name>) uses shared code and its own files; of another feature ' +
        'it may import only the api. Exception: KNOWN_EXCEPTIONS.workerProfileShowsWages.',
      severity: 'error',
      from: { path: `${WEB}features/([^/]+)/`, pathNot: [...TESTS, KNOWN_EXCEPTIONS.workerProfileShowsWages.from] },
      to: { path: `${WEB}features/`, pathNot: [`${WEB}features/$1/`, FEATURE_API] },
    },
    {
      name: 'feature-not-to-other-feature-profile',
      comment:
        "The worker's profile may import the wages feature's WorkerWagesTab " +
        '(KNOWN_EXCEPTIONS.workerProfileShowsWages) ' +
        'and nothing else of another feature but its api.',
      severity: 'error',
      from: { path: KNOWN_EXCEPTIONS.workerProfileShowsWages.from },
      to: {
        path: `${WEB}features/`,
        pathNot: [`${WEB}features/registry/`, FEATURE_API, KNOWN_EXCEPTIONS.workerProfileShowsWages.to],
      },
    },
    {
      name: 'shared-not-to-features',
      comment:
        "The console's shared code (components, layout, auth, api) is used by " +
        'features and uses none: of a feature it may import only the api. Only the routes table (routes.tsx, ' +
        "App.tsx) names features' pages.",
      severity: 'error',
      from: { path: `${WEB}(components|layout|auth|api)/`, pathNot: TESTS },
      to: { path: `${WEB}features/`, pathNot: FEATURE_API },
    },
    {
      name: 'runtime-not-to-tools',
      comment:
        'Runtime code (apps/*/src, packages/*) never imports dev tooling (tools/); the demo loads the synthetic ' +
        'city from the workspace package @mwsp/synth.',
      severity: 'error',
      from: { path: ['^apps/[^/]+/src/', '^packages/'], pathNot: TESTS },
      to: { path: '^tools/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles. Exception: KNOWN_EXCEPTIONS.appBootstrapCycle (cycles made only of those files).',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true, via: { pathNot: KNOWN_EXCEPTIONS.appBootstrapCycle.via } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/', '^\\.tmp/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
// For the architecture test; not enumerable, so dependency-cruiser's schema check does not see it.
Object.defineProperty(module.exports, 'KNOWN_EXCEPTIONS', { value: KNOWN_EXCEPTIONS, enumerable: false });
