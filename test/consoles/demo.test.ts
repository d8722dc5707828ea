import { fileURLToPath } from 'node:url';
import { demo } from '../../utils/consoles/demo';
import { runConsoleContract } from './contract';

runConsoleContract(demo, fileURLToPath(new URL('../fixtures/consoles/demo/', import.meta.url)));
