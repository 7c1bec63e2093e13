//! The Node driver: better-sqlite3 (version 12 on Node 20), synchronous underneath. WAL mode,
//! `synchronous = FULL` so a committed transaction survives a power cut, not only a crash.
import Database from 'better-sqlite3';
import type { SqliteDriver, SqlValue } from '../driver.js';

export class BetterSqliteDriver implements SqliteDriver {
  private readonly db: Database.Database;

  /** Opens (creating) the file at `path`, or an in-memory database for `:memory:`. */
  constructor(path: string) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.db.prepare(sql).run(...params).changes;
  }

  async all<Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
