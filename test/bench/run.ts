/**
 * `npm run bench`: every figure the issues set, next to its target, in one run.
 * Exits non-zero when a figure misses its target by more than 20 %.
 *   npm run bench                 all benchmarks
 *   npm run bench -- bundle       only the named ones
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/server';
import { afternoonZone } from '../support/time-zone';
import { benchAssist } from './assist';
import { benchBundle } from './bundle';
import { benchMemory } from './memory';
import { benchOverlay } from './overlay';
import { benchRules } from './rules';
import { benchSnapshot } from './snapshot';
import { benchStats } from './stats';
import type { BenchResult } from './types';

// the same hour of the day in every run (the browsers inherit it): rounds graded, none cut short by
// the working window's close, whatever the hour the bench runs at (test/support/time-zone.ts)
process.env.TZ = afternoonZone();

type Bench = () => BenchResult[] | Promise<BenchResult[]>;
const buildE2e = () => execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: 'ignore' });
const BENCHES: Record<string, Bench> = {
  rules: benchRules,
  bundle: benchBundle,
  overlay: () => {
    buildE2e();
    return benchOverlay();
  },
  stats: () => {
    buildE2e();
    return benchStats();
  },
  assist: () => {
    buildE2e();
    return benchAssist();
  },
  snapshot: () => {
    buildE2e();
    return benchSnapshot();
  },
  memory: () => {
    buildE2e();
    return benchMemory();
  },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);

/** How far a result is from its target, as a ratio (1 = on target); parsed from "≤ X" / "≥ X". */
export function missRatio(r: BenchResult): number {
  const m = /([≤≥])\s*([\d.]+)/.exec(r.target);
  if (!m || r.ok) return r.ok ? 1 : Number.POSITIVE_INFINITY;
  const target = Number(m[2]);
  if (target === 0) return Number.POSITIVE_INFINITY;
  return m[1] === '≤' ? r.value / target : target / Math.max(r.value, Number.EPSILON);
}

let failed = 0;
const rows: string[][] = [];
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark: ${name} (known: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  for (const r of await bench()) {
    const miss = missRatio(r);
    const verdict = r.reference ? '—' : r.ok ? 'ok' : miss > 1.2 ? 'MISSED' : 'near (within 20 %)';
    if (!r.ok && miss > 1.2) failed++;
    rows.push([name, r.name, `${r.value.toFixed(r.value < 10 ? 2 : 1)} ${r.unit}`, r.target, verdict]);
  }
}

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length), 6));
const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(line(['bench', 'figure', 'measured', 'target', 'verdict']));
for (const row of rows) console.log(line(row));
if (failed > 0) {
  console.error(`${failed} figure(s) missed their target by more than 20 %`);
  process.exit(1);
}
