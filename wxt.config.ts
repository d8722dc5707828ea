import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { JUMP_COMMAND, JUMP_SUGGESTED_KEY } from './utils/commands';
import { CONSOLE_MATCHES, LOCAL_MATCHES } from './utils/consoles';

// The e2e build is the production build plus test hooks (the benchmarks measure it): WXT names
// NODE_ENV after the mode, which Vite and Preact's preset take for a development build (JSX with
// source positions, the devtools hook).
if (process.env.NODE_ENV === 'e2e') process.env.NODE_ENV = 'production';

/** Hosts a team pack's console may be granted on at run time (see utils/custom-consoles.ts). */
const PACK_CONSOLE_HOSTS = ['https://*/*', 'http://*/*'];
/** e2e fixture pages the static content script skips (see test/e2e/packs.e2e.ts). */
const RUNTIME_ONLY_PAGES = ['http://127.0.0.1/fixtures/pages/custom-console*'];

// `npm run build` makes the production extension (content scripts only on the consoles' hosts).
// `npm run build:e2e` (mode "e2e") makes the same extension that also runs on 127.0.0.1 and
// localhost, for the demo console and the real-browser tests. Production never touches localhost.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // KG_PROFILE=1 keeps names readable in profiles (never for a release)
  // Chinese stays UTF-8 in the bundles (escaped it would be twice the size)
  vite: () => ({
    plugins: [preact()],
    esbuild: { charset: 'utf8' },
    build: process.env.KG_PROFILE ? { minify: false } : {},
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'notifications', 'alarms', 'scripting'],
    host_permissions: [...CONSOLE_MATCHES],
    // consoles defined in team packs: asked for one site at a time by 「授权并启用」 in the options
    optional_host_permissions: PACK_CONSOLE_HOSTS,
    action: { default_title: '__MSG_extName__' },
    // the agent changes the key in the browser's shortcut settings
    commands: {
      [JUMP_COMMAND]: {
        suggested_key: { default: JUMP_SUGGESTED_KEY },
        description: '__MSG_cmdJumpLongest__',
      },
    },
    // Firefox: an add-on id, and the declaration that no data is collected
    ...(browser === 'firefox'
      ? {
          // MV2: a pack console's site is asked for through optional_permissions
          optional_permissions: PACK_CONSOLE_HOSTS,
          browser_specific_settings: {
            gecko: {
              id: 'kefu-guard@kefuguard.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      manifest.name = `${manifest.name} (e2e)`;
      manifest.host_permissions = [...(manifest.host_permissions ?? []), ...LOCAL_MATCHES];
      for (const cs of manifest.content_scripts ?? []) {
        cs.matches = [...(cs.matches ?? []), ...LOCAL_MATCHES];
        // pages left to the run-time registration of pack consoles, so the tests prove it alone
        cs.exclude_matches = [...(cs.exclude_matches ?? []), ...RUNTIME_ONLY_PAGES];
      }
    },
  },
});
