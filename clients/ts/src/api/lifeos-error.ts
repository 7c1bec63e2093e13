//! The base of every error the client raises for a GraphQL error the server gave, and the
//! two it raises for transport failures. The per-code subclasses are generated
//! (`generated/errors.ts`, from spec/contract.json); `errorFromResponse` picks one.

/** One GraphQL error of a response, as the server shaped it. */
export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly [key: string]: unknown };
}

/** An error the server gave, with its `extensions.code` (the subclass says which). */
export class LifeosError extends Error {
  readonly code: string;
  /** The input field to blame (`VALIDATION`, some `CONFLICT`s), when the server named one. */
  readonly field: string | undefined;
  /** Every error of the response (the first is this one). */
  readonly errors: readonly GraphqlError[];
  /** The server's `x-request-id` for this request (quote it when reporting a problem). */
  readonly requestId: string | undefined;

  constructor(first: GraphqlError, errors: readonly GraphqlError[] = [first], requestId?: string) {
    super(first.message);
    this.name = new.target.name;
    const code = first.extensions?.['code'];
    this.code = typeof code === 'string' ? code : 'UNKNOWN';
    const field = first.extensions?.['field'];
    this.field = typeof field === 'string' ? field : undefined;
    this.errors = errors;
    this.requestId = requestId;
  }

  /** `extensions.<key>` of the first error. */
  extension(key: string): unknown {
    return this.errors[0]?.extensions?.[key];
  }
}

/** The request never got a GraphQL answer: the network failed, or the body was not one. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/** The server answered something this client cannot read as the protocol says. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}
