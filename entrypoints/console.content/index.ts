import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONSOLE_MATCHES } from '../../utils/consoles';
import { startConsoleOverlay } from '../../utils/overlay';
import css from './style.css?inline';

// Runs in every frame of the consoles' hosts: consoles often host the chat in an iframe, and the
// frame that holds it draws the overlay. The e2e build adds 127.0.0.1/localhost (wxt.config.ts).
export default defineContentScript({
  matches: [...CONSOLE_MATCHES],
  allFrames: true,
  runAt: 'document_idle',
  // the stylesheet goes inline into our shadow root: no file for pages to fetch or probe
  cssInjectionMode: 'manual',
  main: (ctx) => startConsoleOverlay(ctx, css),
});
