/**
 * The supervisor's team view: agents export their stats as NDJSON (the popup's export); the
 * supervisor imports those files and sees every agent's KPIs side by side. Only the rollup records
 * are taken (they already hold every figure); a rollup replaces the one with the same day, agent,
 * console and platform, so importing a file twice, or a later export of the same days, counts
 * nothing twice. Pure: text in, rollups out.
 */
import { parseNdjson } from './export';
import { emptyRollup, type HourCounts, type Rollup, rollupKey } from './rollups';

export interface TeamImport {
  rollups: Rollup[];
  /** Lines that were no rollup (raw events, other records) or not readable. */
  skipped: number;
  /** The agent the file's rollups were filed under when they named none. */
  agentFromFile: boolean;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A rollup record as exported, checked field by field against an empty rollup's shape. */
function asRollup(x: unknown): Rollup | null {
  if (!isRecord(x) || x.kind !== 'rollup') return null;
  const day = x.day;
  const consoleId = x.console;
  const platform = x.platform;
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  if (typeof consoleId !== 'string' || typeof platform !== 'string') return null;
  const base = emptyRollup(
    day,
    typeof x.agent === 'string' ? x.agent : '',
    consoleId,
    platform as Rollup['platform'],
  );
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(base)) {
    const got = x[k];
    // counted from a later version on: an export from before has none
    if (OPTIONAL.has(k) && got === undefined) {
      delete out[k];
      continue;
    }
    if (typeof v === 'number') {
      if (typeof got !== 'number' || !Number.isFinite(got) || got < 0) return null;
      out[k] = got;
    } else if (Array.isArray(v)) {
      if (
        !Array.isArray(got) ||
        got.length !== v.length ||
        !got.every((n) => typeof n === 'number' && n >= 0)
      )
        return null;
      out[k] = got;
    } else if (isRecord(v)) {
      if (!isRecord(got)) return null;
      const counts: Record<string, number> = Object.create(null);
      for (const [ck, cv] of Object.entries(got)) {
        if (ck === '__proto__' || typeof cv !== 'number' || cv < 0) return null;
        counts[ck] = cv;
      }
      out[k] = { ...counts };
    }
  }
  if (x.hours !== undefined) {
    const hours = asHours(x.hours);
    if (!hours) return null;
    out.hours = hours;
  }
  return out as unknown as Rollup;
}

/** The fields of a rollup that versions before them did not export. */
const OPTIONAL: ReadonlySet<string> = new Set(['rules', 'hours']);

const counts24 = (x: unknown): x is number[] =>
  Array.isArray(x) &&
  x.length === 24 &&
  x.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);

/** A rollup's rounds by hour as exported (24 counts each). */
function asHours(x: unknown): HourCounts | null {
  if (!isRecord(x) || !counts24(x.rounds) || !counts24(x.inTime)) return null;
  return { rounds: [...x.rounds], inTime: [...x.inTime] };
}

/**
 * Reads one agent's NDJSON export. Rollups without an agent name are filed under `fallbackAgent`
 * (the file's name), so two agents who never set their name still show apart.
 */
export function readTeamExport(text: string, fallbackAgent: string): TeamImport {
  let lines: unknown[];
  try {
    lines = parseNdjson(text);
  } catch {
    throw new Error('NDJSON: a line is not valid JSON');
  }
  const rollups: Rollup[] = [];
  let skipped = 0;
  let agentFromFile = false;
  for (const line of lines) {
    const r = asRollup(line);
    if (!r) {
      skipped++;
      continue;
    }
    if (r.agent === '') {
      r.agent = fallbackAgent;
      agentFromFile = true;
    }
    r.key = rollupKey(r.day, r.agent, r.console, r.platform);
    rollups.push(r);
  }
  return { rollups, skipped, agentFromFile };
}

/** The file name without its extension: who the export belongs to when it names nobody. */
export const agentFromFileName = (name: string) =>
  name.replace(/\.[^.]+$/, '').replace(/^kefu-guard-/, '') || name;
