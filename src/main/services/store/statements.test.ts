import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { statement } from './statements'

const open: Database.Database[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

function db(): Database.Database {
  const d = new Database(':memory:')
  open.push(d)
  d.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a')")
  return d
}

describe('statement', () => {
  it('prepares a statement once per connection and SQL text', () => {
    const one = db()
    const other = db()
    const sql = 'SELECT name FROM t WHERE id = ?'
    expect(statement(one, sql)).toBe(statement(one, sql))
    expect(statement(other, sql)).not.toBe(statement(one, sql))
  })

  it('gives each use plain rows, whatever mode the last use set', () => {
    const d = db()
    const sql = 'SELECT id, name FROM t WHERE id = ?'
    expect(statement(d, sql).pluck().get(1)).toBe(1)
    expect(statement(d, sql).get(1)).toEqual({ id: 1, name: 'a' })
    expect(statement(d, sql).raw().get(1)).toEqual([1, 'a'])
    expect(statement(d, sql).get(1)).toEqual({ id: 1, name: 'a' })
  })

  it('keeps statements that write working', () => {
    const d = db()
    statement(d, 'INSERT INTO t (name) VALUES (?)').run('b')
    statement(d, 'INSERT INTO t (name) VALUES (?)').run('c')
    expect(d.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3)
  })
})
