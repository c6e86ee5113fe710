/**
 * Serves the built browser apps (web/dist, made by `vite build`): the agent console at /agent and the help
 * center at /help, each a single page that routes in the browser, and their hashed assets under /static.
 * The files are read once at start and kept in memory with a gzip copy; hashed assets are cached for a year.
 * The server's CSP (script-src 'self', no inline script) applies to these pages like to every response.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` writes (see vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface WebFile {
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  immutable: boolean;
}

function loadDist(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(dir)) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).split(sep).join('/');
        const type = TYPES[extname(name)] ?? 'application/octet-stream';
        const body = readFileSync(path);
        const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
        files.set(rel, { type, body, gzip: compressible ? gzipSync(body, { level: 9 }) : null, immutable: rel.startsWith('assets/') });
      }
    }
  };
  walk(dir);
  return files;
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: WebFile): FastifyReply {
  reply.type(file.type).header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('vary', 'accept-encoding');
  if (file.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(file.gzip);
  }
  return reply.send(file.body);
}

export const webRoutes: FastifyPluginAsync<{ dist?: string }> = async (app, options) => {
  const files = loadDist(options.dist ?? WEB_DIST);
  const page = (entry: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const file = files.get(`${entry}/index.html`);
    if (!file) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build:web` (npm ci does it) and restart.\n网页应用尚未构建。请运行 `npm run build:web` 后重启。\n');
    }
    return sendFile(request, reply, file);
  };
  const hide = { schema: { hide: true } };

  app.get('/', hide, async (_request, reply) => reply.redirect('/help', 302));
  app.get('/agent', hide, page('agent'));
  app.get('/agent/*', hide, page('agent'));
  app.get('/help', hide, page('portal'));
  app.get('/help/*', hide, page('portal'));
  app.get<{ Params: { '*': string } }>('/static/*', hide, async (request, reply) => {
    const file = files.get(request.params['*']);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found.\n');
    return sendFile(request, reply, file);
  });
};
