import { createClient as createSocketClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { announceSocketReconnected } from './socket-reconnects';

export interface ClientCredentials {
  /** The bearer token for this request; null when signed out. May renew the token first (OIDC). */
  getToken(): Promise<string | null>;
  /** The server refused the token (expired, revoked): the app signs out and says so. */
  onUnauthenticated(): void;
  /** The program ended this member's access (discharged): the app signs out and says so kindly. */
  onAccessEnded(): void;
  /** The forum is by invitation and this sign-in has none (MEMBERSHIP=invited): the app signs out and says how to get one. */
  onNotInvited(): void;
}

export interface GraphqlConnection {
  client: Client;
  /** Closes the subscription socket: the client is thrown away at sign-out with everything it cached. */
  dispose(): void;
}

function socketUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
}

/**
 * One GraphQL client per signed-in session: queries and mutations over HTTP with the bearer token,
 * subscriptions over graphql-ws on the same origin with the token in connection_init. A new
 * session gets a new client, so nothing one member saw is cached for the next.
 */
export function createGraphqlConnection(credentials: ClientCredentials): GraphqlConnection {
  const socket = createSocketClient({
    url: socketUrl,
    lazy: true,
    // A fresh token on every (re)connect: the server closes a socket at its token's expiry (4403).
    connectionParams: async () => {
      const token = await credentials.getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      // A retry is a reconnect after a drop: live pages read again what they may have missed.
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) announceSocketReconnected();
      },
    },
  });

  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    // POST only: Apollo's CSRF prevention refuses simple GETs, and answers must never sit in an HTTP cache.
    preferGetMethod: false,
    fetch: async (input, init) => {
      const token = await credentials.getToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
    exchanges: [
      mapExchange({
        onError(error) {
          const refusedFor = (reason: string) => error.graphQLErrors.some((e) => e.extensions.code === 'FORBIDDEN' && e.extensions.reason === reason);
          if (error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED')) credentials.onUnauthenticated();
          else if (refusedFor('DISCHARGED')) credentials.onAccessEnded();
          else if (refusedFor('NOT_INVITED')) credentials.onNotInvited();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return { client, dispose: () => void socket.dispose() };
}
