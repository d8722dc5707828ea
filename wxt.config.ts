import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CONSOLE_MATCHES, LOCAL_MATCHES } from './utils/consoles';

// `npm run build` makes the production extension (content scripts only on the consoles' hosts).
// `npm run build:e2e` (mode "e2e") makes the same extension that also runs on 127.0.0.1 and
// localhost, for the demo console and the real-browser tests. Production never touches localhost.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // KG_PROFILE=1 keeps names readable in profiles (never for a release)
  vite: () => ({ plugins: [preact()], build: process.env.KG_PROFILE ? { minify: false } : {} }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'notifications', 'alarms'],
    host_permissions: [...CONSOLE_MATCHES],
    action: { default_title: '__MSG_extName__' },
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      manifest.name = `${manifest.name} (e2e)`;
      manifest.host_permissions = [...(manifest.host_permissions ?? []), ...LOCAL_MATCHES];
      for (const cs of manifest.content_scripts ?? []) {
        cs.matches = [...(cs.matches ?? []), ...LOCAL_MATCHES];
      }
      for (const war of manifest.web_accessible_resources ?? []) {
        if (typeof war !== 'string') war.matches = [...(war.matches ?? []), ...LOCAL_MATCHES];
      }
    },
  },
});
