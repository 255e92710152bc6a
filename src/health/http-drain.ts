import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

/** Longest a shutdown waits for requests already on their way over open connections. */
export const HTTP_DRAIN_MS = 1_000;

/**
 * The first step of an API process's shutdown (a provider of the root module, whose destroy hook
 * Nest runs before any other): stop accepting connections, then give the open ones a moment
 * before Apollo's drain ends every connection that has no request yet. Without the pause, a
 * request already written to a fresh connection but not yet read is cut off when that
 * connection is ended, after it may have been processed (a client cannot tell whether its post
 * was saved). A refused connection, by contrast, is safe for a client or load balancer to send
 * to another process. Responses sent meanwhile say `Connection: close`, so keep-alive clients
 * move on instead of reusing a connection that is about to end.
 */
@Injectable()
export class HttpDrain implements OnModuleDestroy {
  private drainingSince: number | null = null;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    this.drainingSince = Date.now();
    // net's close, not http's: http's also ends idle connections at once, which is the cut-off this avoids.
    NetServer.prototype.close.call(server);
    while (Date.now() - this.drainingSince < HTTP_DRAIN_MS && (await openConnections(server)) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
