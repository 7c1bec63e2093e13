//! The small SQLite interface the sync engine needs, so one engine runs on every platform:
//! `better-sqlite3` in Node (./drivers/better-sqlite3.ts), `op-sqlite` (optionally SQLCipher)
//! in React Native, `wa-sqlite` (OPFS or IndexedDB VFS) in the browser — each is a few lines
//! wrapping the library's execute calls in these four async methods (see clients/ts/README.md).
//! The engine uses one driver from one place at a time and issues its own BEGIN/COMMIT, so
//! a driver needs no pooling and no transaction API.

/** A value SQLite stores: the engine only binds text, integers and null. */
export type SqlValue = string | number | null;

export interface SqliteDriver {
  /** Runs one or more statements without parameters or results (schema, BEGIN/COMMIT). */
  exec(sql: string): Promise<void>;
  /** Runs one statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one query; resolves with its rows as objects keyed by column name. */
  all<Row extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Closes the database (the engine calls it from `close()`). */
  close(): Promise<void>;
}
