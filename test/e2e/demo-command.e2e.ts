/** `npm run demo -- --headless --screenshot FILE` writes a screenshot of the demo with the overlay. */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../support/server';

test('the demo command plays headless and writes its screenshot', () => {
  const file = join(ROOT, 'test-results', 'demo.png');
  rmSync(file, { force: true });
  const out = execFileSync(
    'npx',
    ['tsx', 'test/demo/run.ts', '--headless', '--no-build', '--seconds', '3', '--screenshot', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(out).toContain(`Screenshot written to ${file}`);
  expect(out).not.toContain('did not appear');
  expect(existsSync(file)).toBe(true);
  expect(statSync(file).size).toBeGreaterThan(30_000);
}, 90_000);
