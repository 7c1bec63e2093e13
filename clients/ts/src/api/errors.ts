//! Turning a response's `errors` into the one typed error class of its first error's code.
import { LifeosError } from './lifeos-error.js';
import type { GraphqlError } from './lifeos-error.js';
import { ERROR_CLASSES } from '../generated/errors.js';

export * from '../generated/errors.js';
export { LifeosError, ProtocolError, TransportError } from './lifeos-error.js';
export type { GraphqlError } from './lifeos-error.js';

/** The typed error for a response's `errors` (the first error's code picks the class). */
export function errorFromResponse(errors: readonly GraphqlError[], requestId?: string): LifeosError {
  const first = errors[0] ?? { message: 'the server answered with an empty errors list' };
  const code = first.extensions?.['code'];
  const known = typeof code === 'string' && Object.hasOwn(ERROR_CLASSES, code);
  const Class = known ? ERROR_CLASSES[code as keyof typeof ERROR_CLASSES] : LifeosError;
  return new Class(first, errors, requestId);
}
