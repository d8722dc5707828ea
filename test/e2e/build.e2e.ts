/** The production build never touches localhost; the e2e build adds exactly the local hosts. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILTIN_CONSOLES } from '../../utils/consoles';
import { ROOT } from '../support/server';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[]; all_frames?: boolean }[];
  optional_host_permissions?: string[];
  web_accessible_resources?: { matches: string[]; resources: string[]; use_dynamic_url?: boolean }[];
  content_security_policy?: unknown;
}
const read = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8'));
/** Pack consoles: hosts granted one site at a time at run time (utils/custom-consoles.ts). */
const PACK_CONSOLE_HOSTS = ['https://*/*', 'http://*/*'];
const allMatches = (m: Manifest) => [
  ...(m.host_permissions ?? []),
  ...(m.content_scripts ?? []).flatMap((c) => c.matches),
  ...(m.web_accessible_resources ?? []).flatMap((w) =>
    w.matches.filter((x) => !PACK_CONSOLE_HOSTS.includes(x)),
  ),
];

describe('manifests', () => {
  test('production: MV3, content scripts in every frame of the consoles only, no localhost', () => {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const m = read('chrome-mv3');
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual(['storage', 'notifications', 'alarms', 'scripting']);
    // pack consoles: asked for per site, never granted up front
    expect(m.optional_host_permissions).toEqual(PACK_CONSOLE_HOSTS);
    // their run-time content script loads its stylesheet there, from a per-session URL only
    for (const war of m.web_accessible_resources ?? []) {
      expect(war.matches).toEqual(expect.arrayContaining(PACK_CONSOLE_HOSTS));
      expect(war.use_dynamic_url).toBe(true);
    }
    const consoleHosts = BUILTIN_CONSOLES.flatMap((c) => c.matches).sort();
    expect([...(m.host_permissions ?? [])].sort()).toEqual(consoleHosts);
    for (const cs of m.content_scripts ?? []) {
      expect([...cs.matches].sort()).toEqual(consoleHosts);
      expect(cs.all_frames).toBe(true);
    }
    expect(allMatches(m).join(' ')).not.toMatch(/localhost|127\.0\.0\.1|<all_urls>|\*:\/\/\*\//);
  }, 120_000);

  test('e2e: the same extension plus 127.0.0.1 and localhost', () => {
    const m = read('chrome-mv3-e2e');
    for (const list of [
      m.host_permissions ?? [],
      ...(m.content_scripts ?? []).map((c) => c.matches),
      ...(m.web_accessible_resources ?? []).map((w) => w.matches),
    ]) {
      expect(list).toContain('http://127.0.0.1/*');
      expect(list).toContain('http://localhost/*');
    }
  });
});

describe('browsers and packaging', () => {
  test('the Firefox build passes web-ext lint (no errors; warnings only for Preact’s unused innerHTML path)', () => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'ignore' });
    let out = '';
    try {
      out = execFileSync(
        'npx',
        ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--output', 'json'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out) as {
      summary: { errors: number };
      warnings: { code: string; file?: string }[];
    };
    expect(report.summary.errors).toBe(0);
    // Preact carries a dangerouslySetInnerHTML branch; our code never uses it (Biome forbids it)
    expect(report.warnings.filter((w) => w.code !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
  }, 180_000);

  test('npm run zip makes the Chrome/Edge and Firefox zips', () => {
    execFileSync('npm', ['run', 'zip'], { cwd: ROOT, stdio: 'ignore' });
    const files = readdirSync(join(ROOT, '.output'));
    expect(files.some((f) => /-chrome\.zip$/.test(f))).toBe(true);
    expect(files.some((f) => /-firefox\.zip$/.test(f))).toBe(true);
  }, 180_000);
});
