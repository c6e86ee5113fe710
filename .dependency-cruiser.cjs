/**
 * The import directions of DESIGN.md, checked on every `npm test`.
 * Test files (*.test.ts) may import anything: they build their own deps.
 */
const notTest = '\\.test\\.ts$';
/** The files of channels/ that speak HTTP: each channel's routes.ts (api-routes.ts, live-routes.ts, …), and the contract that types them. */
const channelHttpFiles = '^src/channels/([^/]+/[a-z-]*routes\\.ts|channel\\.ts)$';
/**
 * A channel's ports (channels/<name>/*ports.ts): the types of the repositories the store implements for it. The
 * app's Store port names them, store/ implements them and HttpDeps carries them, so they hold types over core/ only.
 */
const channelPorts = '^src/channels/[^/]+/[^/]*ports\\.ts$';
/** What of http/ those files may use: the edge helpers every route shares. */
const httpEdgeHelpers = '(deps|auth|schemas|socket-frames|errors|presenters|record-render)\\.ts$|routes/attachments\\.ts$';
/**
 * Channel helpers that features of issues 16-18 (CSAT and the record use the help center's status links, identity
 * step-ups the chat widget's identity proof and settings, the quality report the phone line's hours, the knowledge
 * base the help center's brand lookup) read across channels. Known debt: lift them into app/ (or give the features
 * a port) so that app/ again never names a channel; until then only these files may be imported.
 */
const sharedChannelHelpers = '^src/channels/(chat/(chat-settings|chat-identity)|phone/phone-settings|help-center/(portal-links|submit-help-request))\\.ts$';
const rule = (name, comment, fromPath, forbiddenTo, allowedTo) => ({
  name,
  comment,
  severity: 'error',
  from: { path: fromPath, pathNot: notTest },
  to: allowedTo ? { path: forbiddenTo, pathNot: allowedTo } : { path: forbiddenTo },
});

module.exports = {
  forbidden: [
    rule('core-is-pure', 'core/ imports nothing outside core/', '^src/core/', '^src/(?!core/)'),
    rule(
      'capabilities-stay-pure',
      'shield/ and verify/ import only core/, the text catalogue (i18n/) and each other',
      '^src/(shield|verify)/',
      '^src/(?!core/|i18n/|shield/|verify/)',
    ),
    rule('crypto-is-a-leaf', 'crypto/ implements app ports with core types only', '^src/crypto/', '^src/(?!core/|crypto/|app/ports\\.ts$)'),
    rule(
      'bitcoin-and-triage-use-capabilities-only',
      'bitcoin/ and triage/ import core/, i18n/ and the capability folders, never app/ or infrastructure',
      '^src/(bitcoin|triage)/',
      '^src/(?!core/|i18n/|shield/|verify/|bitcoin/|triage/)',
    ),
    rule(
      'app-never-imports-infrastructure',
      "app/ uses ports, never store/, http/, channels/, bus/, crypto/, cli/, config/ or main (app/ports.ts alone names the channels' repository ports)",
      '^src/app/',
      '^src/(store|http|channels|bus|crypto|cli|config)/|^src/main\\.ts$',
      `${channelPorts}|${sharedChannelHelpers}`,
    ),
    rule('only-the-store-port-names-channel-ports', "of app/, only ports.ts (the Store) names a channel's ports", '^src/app/(?!ports\\.ts$)', channelPorts),
    rule('channel-ports-are-types', "a channel's ports file holds types over core/ only", channelPorts, '^src/(?!core/)'),
    rule(
      'store-and-bus-stay-below-app',
      'store/ and bus/ implement ports; they never reach up into http/, channels/ or cli/',
      '^src/(store|bus)/',
      '^src/(http|channels|cli)/|^src/main\\.ts$',
      channelPorts,
    ),
    {
      name: 'channels-are-adapters',
      comment: 'a channel never imports store/ or http/ (its routes.ts and the contract may use the HTTP edge helpers, below)',
      severity: 'error',
      from: { path: '^src/channels/', pathNot: [notTest, channelHttpFiles] },
      to: { path: '^src/(store|http|cli|bus)/|^src/main\\.ts$' },
    },
    {
      name: 'channel-routes-use-http-edge-helpers',
      comment:
        "a channel's routes.ts (and channels/channel.ts) may import the HTTP edge helpers (deps type, schemas, socket frames, presenters, upload/download), nothing else of http/, and never store/ or bus/",
      severity: 'error',
      from: { path: channelHttpFiles, pathNot: notTest },
      to: { path: `^src/(store|cli|bus)/|^src/main\\.ts$|^src/http/(?!${httpEdgeHelpers})` },
    },
    rule(
      'http-gets-store-by-injection',
      'http/ never imports store/, bus/ or channels/: main.ts passes the store and the list of channels in HttpDeps',
      '^src/http/',
      '^src/(store|bus|cli|channels)/|^src/main\\.ts$',
      `${channelPorts}|${sharedChannelHelpers}`,
    ),
    rule('i18n-is-a-leaf', 'i18n/ (the server text catalogue) imports only core/; everyone may import it', '^src/i18n/', '^src/(?!core/|i18n/)'),
    rule('config-is-a-leaf', 'config/ imports only core/', '^src/config/', '^src/(?!core/|config/)'),
    rule(
      'contract-is-typebox-and-core',
      'the API contract (src/contract) imports only core/: web/ reads it, so it must stay free of the server',
      '^src/contract/',
      '^src/(?!core/|contract/)',
    ),
    // The browser apps (web/).
    {
      name: 'web-is-not-the-server',
      comment: 'web/ imports only the API contract (types) and core/ (pure constants) of the server',
      severity: 'error',
      from: { path: '^web/', pathNot: notTest },
      to: { path: '^src/', pathNot: '^src/(contract|core)/' },
    },
    rule(
      'help-center-and-widget-stand-alone',
      'the help center (web/portal) and the chat widget (web/widget) use web/shared and the contract, never the console or each other',
      '^web/portal/',
      '^web/(agent|widget)/',
    ),
    rule('widget-stands-alone', 'the chat widget (embedded on other sites) imports neither the console nor the help center', '^web/widget/', '^web/(agent|portal)/'),
    rule('console-parts-are-shared', "the console's shared parts never reach into a page or the shell", '^web/agent/parts/', '^web/agent/(pages|shell)/'),
    {
      name: 'console-pages-stand-alone',
      comment: 'a console page imports shared parts, never another page (the shell puts pages together)',
      severity: 'error',
      from: { path: '^web/agent/pages/([^/]+)/', pathNot: notTest },
      to: { path: '^web/agent/pages/', pathNot: '^web/agent/pages/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^web/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
