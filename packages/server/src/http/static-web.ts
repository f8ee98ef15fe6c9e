import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { sendError } from './error-mapper.js';

// Paths that belong to APIs: an unknown one is a JSON 404, never the console's HTML.
const apiPrefixes = ['/api/', '/v1/', '/v1beta/', '/agent/', '/metrics', '/healthz', '/readyz'];

/** Serves the built console at `/` with an SPA fallback, and JSON 404s everywhere else. */
export async function installStaticWeb(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const indexPath = webDir ? path.join(webDir, 'index.html') : undefined;
  const hasConsole = indexPath !== undefined && fs.existsSync(indexPath);
  if (hasConsole && webDir) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0];
    const isApiPath = apiPrefixes.some(
      (prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix),
    );
    if (hasConsole && request.method === 'GET' && !isApiPath && !path.extname(pathname)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(
      reply,
      new AppError({ code: 'not_found', status: 404, message: `No route for ${request.method} ${pathname}` }),
    );
  });
}
