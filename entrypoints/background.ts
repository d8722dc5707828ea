import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../utils/background';
import { startCustomConsoles } from '../utils/custom-consoles';
import { startPackSubscriptions } from '../utils/pack-store';

export default defineBackground({
  type: 'module',
  main() {
    startBackground();
    startCustomConsoles();
    startPackSubscriptions();
  },
});
