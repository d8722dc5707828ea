/** Bundle sizes of the production build (gzip), the cost every console page pays to load us. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../support/server';
import type { BenchResult } from './types';

const KB = 1024;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function benchBundle(): BenchResult[] {
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const out = join(ROOT, '.output', 'chrome-mv3');
  // the overlay's stylesheet is inlined into the content script
  const content = gz(join(out, 'content-scripts', 'console.js'));
  const background = gz(join(out, 'background.js'));
  const total = filesUnder(out)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .reduce((sum, f) => sum + gz(f), 0);
  return [
    {
      name: 'content script (gzip; what each console page loads)',
      value: content / KB,
      unit: 'KB',
      // all of it: rule engine, clock, templates, adapters, Preact and the overlay
      target: '≤ 60 KB',
      ok: content <= 60 * KB,
    },
    {
      name: 'background worker (gzip)',
      value: background / KB,
      unit: 'KB',
      target: '≤ 30 KB',
      ok: background <= 30 * KB,
    },
    {
      name: 'all code (js/css/html, gzip)',
      value: total / KB,
      unit: 'KB',
      target: '≤ 150 KB',
      ok: total <= 150 * KB,
    },
  ];
}
