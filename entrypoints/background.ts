import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../utils/background';

export default defineBackground({ type: 'module', main: startBackground });
