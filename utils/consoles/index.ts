/** The built-in consoles and how a page picks its adapter. */
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Language } from '../settings';
import { demo } from './demo';
import { feige } from './feige';
import { pinduoduo } from './pinduoduo';
import { qianniu } from './qianniu';
import { createSelectorAdapter } from './selector-reader';
import type { ConsoleAdapter, ConsoleDefinition } from './types';

/** Production consoles (the demo runs only in the e2e build). */
export const BUILTIN_CONSOLES: readonly ConsoleDefinition[] = [qianniu, pinduoduo, feige];

/** Every console the content script knows, the demo included. */
export const ALL_CONSOLES: readonly ConsoleDefinition[] = [...BUILTIN_CONSOLES, demo];

/** A console's name in the UI's language. */
export function consoleLabel(def: Pick<ConsoleDefinition, 'name' | 'nameEn'>, lang: Language): string {
  return lang === 'en' && def.nameEn ? def.nameEn : def.name;
}

/** Match patterns the production content script is injected into. */
export const CONSOLE_MATCHES: readonly string[] = BUILTIN_CONSOLES.flatMap((c) => c.matches);

/** Extra match patterns of the e2e build (the demo console and test fixtures). */
export const LOCAL_MATCHES: readonly string[] = demo.matches;

/** Whether one of the match patterns takes in `url` (a pattern that is no pattern takes nothing). */
export function matchesUrl(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => {
    try {
      return new MatchPattern(p).includes(url);
    } catch {
      return false;
    }
  });
}

/**
 * The consoles that may live at `url`, best first. On a local page (only the e2e build runs
 * there) every known console is a candidate and the page's markup decides.
 */
export function candidateConsoles(
  url: string,
  definitions: readonly ConsoleDefinition[] = ALL_CONSOLES,
): ConsoleDefinition[] {
  const direct = definitions.filter((d) => d !== demo && matchesUrl(d.matches, url));
  if (direct.length > 0) return direct;
  if (matchesUrl(LOCAL_MATCHES, url)) return [demo, ...definitions.filter((d) => d !== demo)];
  return [];
}

const adapters = new WeakMap<ConsoleDefinition, ConsoleAdapter>();

export function adapterFor(definition: ConsoleDefinition): ConsoleAdapter {
  let a = adapters.get(definition);
  if (!a) {
    a = createSelectorAdapter(definition);
    adapters.set(definition, a);
  }
  return a;
}

/**
 * The candidate whose markup is on the page, or null. Found messages outrank a found reply box,
 * and a console's own selector outranks another console's generic fallback; ties go to the
 * candidate listed first.
 */
export function detectConsole(
  root: ParentNode,
  candidates: readonly ConsoleDefinition[],
): ConsoleAdapter | null {
  let best: ConsoleAdapter | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const d of candidates) {
    const a = adapterFor(d);
    const found = a.detect(root);
    if (!found) continue;
    const score = (found.by === 'messages' ? 0 : 1000) + found.fallback;
    if (score < bestScore) {
      best = a;
      bestScore = score;
    }
  }
  return best;
}

export type { ConsoleAdapter, ConsoleDefinition } from './types';
