import type { Client, ClientOptions } from 'graphql-ws';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { waitFor } from '../utils/wait-for';
import { TestApp } from './test-app';

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

/** How often a probe is published again while it has not arrived (a subscription still being set up misses it). */
const PROBE_REPEAT_MS = 250;

/**
 * Publishes a probe event until `sub` receives it (`isProbe`), and fails at once if the
 * subscription is refused or ends instead. A subscription gets its events in the order they were
 * published, so once the probe arrives the subscription is live and granted, and every event
 * published before the probe has been delivered to it or filtered out: what a test awaits before
 * it triggers the event it watches for, and before it asserts that something did not arrive.
 * Each probe must be new (a case or escalation of its own): a late copy of an earlier probe
 * proves nothing about what came after it.
 */
export async function probeDelivery<T>(sub: Subscribed<T>, publish: () => Promise<void>, isProbe: (event: T) => boolean, what: string): Promise<T> {
  let publishedAt = 0;
  return waitFor(
    what,
    async () => {
      if (sub.errors.length > 0 || sub.completed) throw new Error(`${what}: the subscription ended instead: ${JSON.stringify(sub.errors)}`);
      const arrived = sub.events.find(isProbe);
      if (arrived) return arrived;
      if (Date.now() - publishedAt >= PROBE_REPEAT_MS) {
        publishedAt = Date.now();
        await publish();
      }
      return undefined;
    },
    { timeoutMs: 15_000, intervalMs: 25 },
  );
}

/** Publishes a moderationQueueChanged event for an existing case through the app's own pub/sub (nothing changes). */
export function publishCaseChanged(app: Pick<TestApp, 'running'>, probe: { caseId: string; spaceId: string }): () => Promise<void> {
  return () => app.running.app.get(RedisPubSub).publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, probe);
}

/** Publishes an escalationRaised event for an existing escalation through the app's own pub/sub (nothing changes). */
export function publishEscalationRaised(app: Pick<TestApp, 'running'>, escalationId: string): () => Promise<void> {
  return () => app.running.app.get(RedisPubSub).publish(RealtimeEvent.ESCALATION_RAISED, { escalationId, level: 1 });
}

/** Publishes an escalationChanged event for an existing escalation through the app's own pub/sub (nothing changes). */
export function publishEscalationChanged(app: Pick<TestApp, 'running'>, escalationId: string): () => Promise<void> {
  return () => app.running.app.get(RedisPubSub).publish(RealtimeEvent.ESCALATION_CHANGED, { escalationId });
}
