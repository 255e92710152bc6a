import type { Client, ClientOptions } from 'graphql-ws';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/**
 * The client build only: the package's main entry also loads the server half, which (loaded into a
 * second Jest module registry in the same process) broke schema building in the next test file.
 * The subpath export is not visible to `moduleResolution: node` types, hence require.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createClient } = require('graphql-ws/client') as { createClient: (options: ClientOptions) => Client };

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** What the fake pager refuses: the next `count` deliveries whose JSON body `matches` (any, when unset). */
export interface WebhookFailures {
  count: number;
  matches?: (body: { level?: number; reminder?: number }) => boolean;
}

/** A local HTTP server standing in for the pager: records every request; `failNext` answers 500 to some. */
export async function startWebhookReceiver(): Promise<{ url: string; received: ReceivedWebhook[]; failNext: WebhookFailures; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const failNext: WebhookFailures = { count: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, receivedAt: Date.now() });
      if (failNext.count > 0 && (!failNext.matches || failNext.matches(JSON.parse(body) as { level?: number }))) {
        failNext.count -= 1;
        res.statusCode = 500;
      } else res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failNext,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Subscribed<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  dispose(): void;
}

/** A real graphql-ws client over a real WebSocket, authenticated like the web app (token in connectionParams). */
export function wsClient(httpUrl: string, token: string | null, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

export function subscribe<T>(client: Client, query: string): Subscribed<T> {
  const state: Subscribed<T> = { events: [], errors: [], completed: false, dispose: () => undefined };
  state.dispose = client.subscribe<T>(
    { query },
    {
      next: (value) => {
        if (value.errors) state.errors.push(...value.errors);
        if (value.data) state.events.push(value.data);
      },
      error: (error) => state.errors.push(error),
      complete: () => {
        state.completed = true;
      },
    },
  );
  return state;
}

/** The subscription is live on the server once the socket is acknowledged and a moment has passed. */
export async function settle(ms = 300): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
