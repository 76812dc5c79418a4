// Aviso's layers, checked in CI (`pnpm lint:layers`). Imports flow one way:
//   http/, realtime/  →  services  →  channels/, db/  →  lib/
// See docs/architecture.md for the picture and the reasons.
const services = '(ingest|inbox|delivery|scheduling|stock|presence|identity|telegram-bot|retention)';
const src = '^server/src/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle hides which module is the lower one; break it with a port (an interface) below.',
      from: { path: '^(server|packages|widget|demo)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-is-the-floor',
      severity: 'error',
      comment: 'lib/ is the floor: it imports nothing else of the server.',
      from: { path: `${src}lib/` },
      to: { path: `${src}(?!lib/)` },
    },
    {
      name: 'db-only-on-lib',
      severity: 'error',
      comment: 'The data layer knows rows and SQL, nothing of services, channels or transports.',
      from: { path: `${src}db/` },
      to: { path: `${src}(?!(db|lib)/)` },
    },
    {
      name: 'channels-only-on-lib',
      severity: 'error',
      comment:
        'A channel is a plugin: config, sender, render, inbound verification. It never reads the database.',
      from: { path: `${src}channels/` },
      to: { path: `${src}(?!(channels|lib)/)` },
    },
    {
      name: 'services-stay-below-transports',
      severity: 'error',
      comment: 'Services never import HTTP, Socket.IO, the composition root or the config reader.',
      from: { path: `${src}${services}/` },
      to: { path: `${src}(http|realtime)/|${src}(compose|main|config)\\.ts$` },
    },
    {
      name: 'realtime-not-through-http',
      severity: 'error',
      comment: 'The socket layer and the HTTP layer are siblings.',
      from: { path: `${src}realtime/` },
      to: { path: `${src}http/` },
    },
    {
      name: 'http-not-through-realtime',
      severity: 'error',
      comment: 'The socket layer and the HTTP layer are siblings; they meet in compose.ts.',
      from: { path: `${src}http/` },
      to: { path: `${src}realtime/` },
    },
    {
      name: 'config-read-by-the-root-only',
      severity: 'error',
      comment: 'config.ts is the only reader of process.env, and only the composition root reads config.ts.',
      from: { path: `${src}`, pathNot: `${src}(compose|main|config|index)\\.ts$|\\.test\\.ts$` },
      to: { path: `${src}config\\.ts$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-reaching-into-other-packages',
      severity: 'error',
      comment: 'Packages meet through their package.json exports, never by a relative path.',
      from: { path: '^(server|packages/[^/]+|widget|demo)/' },
      to: { path: '^(server|packages/[^/]+|widget|demo)/', pathNot: '^$1/', dependencyTypes: ['local'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['aviso-source', 'import', 'default'],
    },
  },
};
