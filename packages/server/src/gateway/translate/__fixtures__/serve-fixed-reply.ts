import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test support: an HTTP server that answers every request with the same bytes, so the official
// SDKs can parse exactly what a translator produced.

export interface FixedReply {
  status: number;
  contentType: string;
  body: string;
}

export interface FixedReplyServer {
  baseUrl: string;
  setReply(reply: FixedReply): void;
  close(): Promise<void>;
}

export async function serveFixedReply(): Promise<FixedReplyServer> {
  let reply: FixedReply = { status: 200, contentType: 'text/plain', body: '' };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(reply.status, { 'content-type': reply.contentType });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setReply(next) {
      reply = next;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
