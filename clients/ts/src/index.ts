//! @lifeos/client: the typed API client and the offline sync engine. Platform drivers are
//! separate entry points (`@lifeos/client/better-sqlite3` for Node) so a browser or React
//! Native bundle never pulls a native module it cannot load.
export { LifeosClient } from './api/client.js';
export type { LifeosClientOptions, SubscriptionSink } from './api/client.js';
export * from './api/errors.js';
export * from './generated/graphql.js';
export { contract, ENTITY_KINDS } from './generated/contract.js';
export type { EntityKind, ErrorCode } from './generated/contract.js';
export type { JsonObject, JsonValue } from './generated/json.js';
export { SyncEngine, PULL_PAGE, PUSH_BATCH } from './sync/engine.js';
export type { SyncEngineOptions, SyncReport, WatchHandle } from './sync/engine.js';
export type { SqliteDriver, SqlValue } from './sync/driver.js';
export type { EntityRecord, PendingMutation, RejectedMutation } from './sync/record.js';
export { ManualClock, randomIds, systemClock } from './sync/clock.js';
export type { Clock, IdSource } from './sync/clock.js';
export { compareHlc, formatHlc, parseHlc, MAX_CLOCK_DRIFT_MS, MAX_COUNTER } from './sync/hlc.js';
export type { Hlc, HlcState } from './sync/hlc.js';
export { naturalId, naturalIdOf, naturalKeyOf, MissingKeyFieldError, NotUtf8Error } from './sync/natural-id.js';
export { WrongKeyError } from './sync/seal.js';
export type { EncryptionKey } from './sync/seal.js';
export { CorruptStoreError } from './sync/store.js';
