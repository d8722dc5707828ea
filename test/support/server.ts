/**
 * A small static server on 127.0.0.1 for the demo console and the test fixtures.
 *   /             → test/demo/console/
 *   /fixtures/    → test/fixtures/
 * Extra routes (e.g. pack URLs for subscription tests) can be added per test.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(here, '..', '..');
const MOUNTS: ReadonlyArray<[prefix: string, dir: string]> = [
  ['/fixtures/', join(ROOT, 'test', 'fixtures')],
  // Preact's browser builds, for fixture pages with a framework-driven editor
  ['/vendor/preact/', join(ROOT, 'node_modules', 'preact')],
  ['/', join(ROOT, 'test', 'demo', 'console')],
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface StaticServer {
  url: string;
  port: number;
  server: Server;
  /** Adds a handler tried before the static files; return true when it answered. */
  route(handler: Route): void;
  close(): Promise<void>;
}

/** `/lib/NAME.js`: utils/NAME.ts bundled for the browser (to test a module in a real page). */
const libRoute: Route = (req, res) => {
  const m = /^\/lib\/([a-z-]+)\.js$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  if (!m) return false;
  void import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [join(ROOT, 'utils', `${m[1]}.ts`)],
        bundle: true,
        format: 'esm',
        write: false,
        target: 'chrome120',
      }),
    )
    .then((out) => {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(out.outputFiles[0]?.text ?? '');
    })
    .catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  return true;
};

export function startServer(port = 0): Promise<StaticServer> {
  const routes: Route[] = [libRoute];
  const server = createServer((req, res) => {
    for (const r of routes) if (r(req, res)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [prefix, dir] of MOUNTS) {
      if (!path.startsWith(prefix)) continue;
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) break;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      ok({
        url: `http://127.0.0.1:${p}`,
        port: p,
        server,
        route: (h) => routes.push(h),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
