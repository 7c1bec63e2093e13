//! `LifeosClient`: typed GraphQL over `fetch` (bearer or cookie auth, the workspace and client
//! id headers, one typed error per `extensions.code`) and subscriptions over graphql-ws.
//! Runs in Node 20, browsers and React Native: it only needs `fetch` and a WebSocket.
//! Must never: log or expose the token, or retry a mutation by itself.
import { getOperationAST, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient as createSocketClient } from 'graphql-ws';
import type { Client as SocketClient } from 'graphql-ws';

import { contract } from '../generated/contract.js';
import { MeDocument, SignInDocument, SignOutDocument } from '../generated/graphql.js';
import type { MeFieldsFragment, SignInMutation } from '../generated/graphql.js';
import { errorFromResponse, ProtocolError, TransportError } from './errors.js';
import type { GraphqlError } from './errors.js';

export interface LifeosClientOptions {
  /** The GraphQL endpoint, `http(s)://host/graphql`. */
  readonly url: string;
  /** A session or access token for bearer auth (absent: rely on the session cookie). */
  readonly token?: string;
  /** `include` in a browser app signed in with the HttpOnly session cookie. */
  readonly credentials?: RequestCredentials;
  /** The workspace to act in (default: the user's personal one). */
  readonly workspaceId?: string;
  /** This device's stable id (sync engines set it; recorded on the events it causes). */
  readonly clientId?: string;
  /** `fetch` to use (default: the global one). */
  readonly fetch?: typeof globalThis.fetch;
  /** The graphql-transport-ws URL (default: the endpoint with `ws(s)://` and `/ws` appended). */
  readonly webSocketUrl?: string;
  /** A WebSocket constructor where there is no global one (Node 20: the `ws` package). */
  readonly webSocketImpl?: unknown;
}

/** What a subscription delivers to its callbacks. */
export interface SubscriptionSink<R> {
  next(data: R): void;
  error?(error: unknown): void;
  complete?(): void;
}

type Variables<V> = V extends Record<string, never> ? [variables?: V] : [variables: V];

/** The shape of a GraphQL-over-HTTP answer. */
interface Answer {
  readonly data?: unknown;
  readonly errors?: readonly GraphqlError[];
}

export class LifeosClient {
  private token: string | undefined;
  private socket: SocketClient | undefined;

  constructor(private readonly options: LifeosClientOptions) {
    this.token = options.token;
  }

  /** A client for another workspace (same auth, its own socket). */
  inWorkspace(workspaceId: string): LifeosClient {
    return new LifeosClient({ ...this.options, token: this.token, workspaceId });
  }

  /** A client that sends `clientId` as this device's id (same auth and workspace). */
  forDevice(clientId: string): LifeosClient {
    return new LifeosClient({ ...this.options, token: this.token, clientId });
  }

  get workspaceId(): string | undefined {
    return this.options.workspaceId;
  }

  /** Whether a bearer token is held (cookie auth has none). */
  get hasToken(): boolean {
    return this.token !== undefined;
  }

  /** Runs a query or mutation; resolves with its `data` or rejects with a typed error. */
  async request<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: Variables<V>): Promise<R> {
    const operation = getOperationAST(document);
    const body = JSON.stringify({ query: print(document), variables: variables ?? {}, operationName: operation?.name?.value });
    const fetcher = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetcher(this.options.url, {
        method: 'POST',
        headers: this.headers(),
        body,
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
      });
    } catch (cause) {
      throw new TransportError(`could not reach ${this.options.url}`, undefined, { cause });
    }
    const requestId = response.headers.get(contract.headers.requestId) ?? undefined;
    let answer: Answer;
    try {
      answer = (await response.json()) as Answer;
    } catch (cause) {
      throw new TransportError(`${this.options.url} answered HTTP ${response.status} without a GraphQL body`, response.status, { cause });
    }
    if (answer.errors && answer.errors.length > 0) throw errorFromResponse(answer.errors, requestId);
    if (answer.data === undefined || answer.data === null) {
      throw new ProtocolError(`HTTP ${response.status}: a response with neither data nor errors`);
    }
    return answer.data as R;
  }

  /** Signs in; later requests carry the new token. Returns the session's token and user. */
  async signIn(email: string, password: string, clientName?: string): Promise<SignInMutation['signIn']> {
    const { signIn } = await this.request(SignInDocument, { input: { email, password, clientName } });
    this.token = signIn.token;
    this.closeSocket();
    return signIn;
  }

  /** Ends the session server-side and forgets the token. */
  async signOut(): Promise<void> {
    try {
      await this.request(SignOutDocument);
    } finally {
      this.token = undefined;
      this.closeSocket();
    }
  }

  /** The signed-in user and their workspaces. */
  async me(): Promise<MeFieldsFragment> {
    return (await this.request(MeDocument)).me;
  }

  /**
   * Subscribes over graphql-transport-ws (one socket per client, opened on first use);
   * returns a function that ends the subscription.
   */
  subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V, sink: SubscriptionSink<R>): () => void {
    const socket = this.socketClient();
    return socket.subscribe<R>(
      { query: print(document), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors && result.errors.length > 0) {
            sink.error?.(errorFromResponse(result.errors as readonly GraphqlError[]));
          } else if (result.data !== undefined && result.data !== null) {
            sink.next(result.data as R);
          }
        },
        error: (error) => sink.error?.(Array.isArray(error) ? errorFromResponse(error as GraphqlError[]) : error),
        complete: () => sink.complete?.(),
      },
    );
  }

  /** Closes the socket (subscriptions end); HTTP requests still work. */
  close(): void {
    this.closeSocket();
  }

  private closeSocket(): void {
    void this.socket?.dispose();
    this.socket = undefined;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
    if (this.options.workspaceId !== undefined) headers[contract.headers.workspace] = this.options.workspaceId;
    if (this.options.clientId !== undefined) headers[contract.headers.clientId] = this.options.clientId;
    return headers;
  }

  private socketClient(): SocketClient {
    if (this.socket) return this.socket;
    const url = this.options.webSocketUrl ?? `${this.options.url.replace(/^http/, 'ws')}/ws`;
    const token = this.token;
    const workspaceId = this.options.workspaceId;
    this.socket = createSocketClient({
      url,
      ...(this.options.webSocketImpl ? { webSocketImpl: this.options.webSocketImpl } : {}),
      lazy: true,
      connectionParams: () => ({
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(workspaceId !== undefined ? { workspaceId } : {}),
      }),
    });
    return this.socket;
  }
}
