import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/** Replaces how one file is served, e.g. to send an HTML page or a truncated body. */
export type ServeOverride = (response: ServerResponse, fileBody: Buffer) => void;

export interface ServedDirectory {
  /** http://127.0.0.1:<port>/ — files are under it by name. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves a directory over HTTP on 127.0.0.1 (random port) for tests of the download code. */
export async function serveDirectory(dir: string, overrides: Record<string, ServeOverride> = {}): Promise<ServedDirectory> {
  const server = createServer((request, response) => {
    const name = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)).replace(/^[/\\]+/, '');
    readFile(join(dir, name)).then(
      (body) => {
        const override = overrides[name];
        if (override !== undefined) {
          override(response, body);
          return;
        }
        const contentType = name.endsWith('.json') ? 'application/json' : 'application/octet-stream';
        response.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength });
        response.end(body);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
