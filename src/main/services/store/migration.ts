import type Database from 'better-sqlite3'

/** One numbered schema step. Versions are consecutive from 1 and never edited once shipped. */
export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}
