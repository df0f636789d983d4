/**
 * Inputs for fuzzing the RPC surface: values drawn from a method's own zod schema (so some get
 * past validation and reach the handler), mutations of them (a wrong type, a key too many or
 * too few, prototype-pollution keys, long and odd strings), and envelopes that are wrong in
 * every way the wire allows. All draws come from one seeded generator, so a failing seed can be
 * replayed.
 */
import type { z } from 'zod'
import { Random } from '../../shared/base/seeded-random'

/** Strings that tend to find edge cases: empty, odd Unicode, control bytes, path and markup. */
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uFFFF',
  '😀',
  'e\u0301',
  '\u202Eevil',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE devices; --",
  '%00',
  '\r\n\r\n',
  '__proto__',
  'constructor',
  '127.0.0.1',
  'localhost',
]

const ODD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MIN_VALUE,
]

interface ZodDef {
  type: string
  [key: string]: unknown
}

const defOf = (schema: unknown): ZodDef => (schema as { _zod: { def: ZodDef } })._zod.def

export class RpcFuzzer {
  readonly random: Random
  /** Ids the host handed out (clients, devices, uploads, …): reused so some calls find things. */
  private readonly knownIds: string[] = []

  constructor(readonly seed: number) {
    this.random = new Random(seed)
  }

  /** Keeps the string ids in a reply, so later inputs can name real records. */
  learnIds(value: unknown, depth = 0): void {
    if (depth > 6 || typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string' && /id$/i.test(key) && this.knownIds.length < 500) {
        this.knownIds.push(child)
      } else this.learnIds(child, depth + 1)
    }
  }

  string(): string {
    const r = this.random
    return r.weighted<() => string>([
      [() => r.pick(ODD_STRINGS), 4],
      [() => r.chars('abcdefghijklmnopqrstuvwxyz0123456789-_.:@/ ', r.int(1, 24)), 4],
      [() => (this.knownIds.length > 0 ? r.pick(this.knownIds) : 'x'), 3],
      [() => this.uuid(), 1],
      [
        () => String.fromCodePoint(...Array.from({ length: 8 }, () => r.int(0, 0x10ffff) & ~0x800)),
        1,
      ],
      [() => 'A'.repeat(r.int(1_000, 200_000)), 1],
    ])()
  }

  /** A well-formed id that names nothing (seeded, unlike randomUUID). */
  uuid(): string {
    const hex = this.random.chars('0123456789abcdef', 32)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`
  }

  number(): number {
    const r = this.random
    return r.chance(0.5) ? r.pick(ODD_NUMBERS) : r.int(-5, 500)
  }

  /** Any JSON value, `depth` levels deep at most. */
  anyValue(depth = 3): unknown {
    const r = this.random
    const kind = r.int(0, depth > 0 ? 6 : 3)
    if (kind === 0) return this.string()
    if (kind === 1) return this.number()
    if (kind === 2) return r.chance(0.5)
    if (kind === 3) return null
    if (kind === 4) return Array.from({ length: r.int(0, 4) }, () => this.anyValue(depth - 1))
    const out: Record<string, unknown> = {}
    for (let i = r.int(0, 4); i > 0; i--) out[this.key()] = this.anyValue(depth - 1)
    return out
  }

  private key(): string {
    return this.random.weighted([
      ['__proto__', 1],
      ['constructor', 1],
      ['prototype', 1],
      [this.random.chars('abcdefghijklmnopqrstuvwxyz', this.random.int(1, 8)), 6],
    ])
  }

  /** A value shaped by `schema`: often valid, never guaranteed to be. */
  fromSchema(schema: unknown, depth = 0): unknown {
    const r = this.random
    if (depth > 8) return null
    const def = defOf(schema)
    switch (def.type) {
      case 'string':
        return this.string()
      case 'number':
      case 'int':
        return r.chance(0.7) ? r.int(0, 100) : this.number()
      case 'boolean':
        return r.chance(0.5)
      case 'null':
        return null
      case 'undefined':
      case 'void':
        return undefined
      case 'literal':
        return r.pick(def.values as unknown[])
      case 'enum':
        return r.pick(Object.values(def.entries as Record<string, unknown>))
      case 'optional':
        return r.chance(0.3) ? undefined : this.fromSchema(def.innerType, depth + 1)
      case 'nullable':
        return r.chance(0.2) ? null : this.fromSchema(def.innerType, depth + 1)
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return this.fromSchema(def.innerType, depth + 1)
      case 'pipe':
        return this.fromSchema(def.in, depth + 1)
      case 'lazy':
        return this.fromSchema((def.getter as () => unknown)(), depth + 1)
      case 'array':
        return Array.from({ length: r.int(0, 3) }, () => this.fromSchema(def.element, depth + 1))
      case 'tuple':
        return (def.items as unknown[]).map((item) => this.fromSchema(item, depth + 1))
      case 'union':
        return this.fromSchema(r.pick(def.options as unknown[]), depth + 1)
      case 'intersection': {
        const left = this.fromSchema(def.left, depth + 1)
        const right = this.fromSchema(def.right, depth + 1)
        return isRecord(left) && isRecord(right) ? { ...left, ...right } : left
      }
      case 'record': {
        const out: Record<string, unknown> = {}
        for (let i = r.int(0, 2); i > 0; i--) {
          out[String(this.fromSchema(def.keyType, depth + 1))] = this.fromSchema(
            def.valueType,
            depth + 1,
          )
        }
        return out
      }
      case 'object': {
        const out: Record<string, unknown> = {}
        for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
          const value = this.fromSchema(child, depth + 1)
          if (value !== undefined) out[key] = value
        }
        return out
      }
      default:
        return this.anyValue(2)
    }
  }

  /** `value` with one thing wrong (or, sometimes, left as it was). */
  mutate(value: unknown): unknown {
    const r = this.random
    return r.weighted<() => unknown>([
      [() => value, 3],
      [() => this.anyValue(), 1],
      [() => this.mutateInside(value), 5],
      [() => ({ ...(isRecord(value) ? value : {}), [this.key()]: this.anyValue(2) }), 2],
      [() => JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`), 1],
      [() => nest(value, r.int(50, 1_000)), 1],
    ])()
  }

  private mutateInside(value: unknown): unknown {
    if (!isRecord(value)) return this.anyValue(1)
    const keys = Object.keys(value)
    if (keys.length === 0) return { [this.key()]: this.anyValue(1) }
    const key = this.random.pick(keys)
    if (this.random.chance(0.3)) {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))
    }
    const inner = value[key]
    return { ...value, [key]: isRecord(inner) ? this.mutateInside(inner) : this.anyValue(1) }
  }

  /** A message that is wrong as an envelope: any JSON at all, or an envelope with a bad part. */
  badEnvelope(methods: readonly string[]): unknown {
    const r = this.random
    const method = r.pick(methods)
    return r.weighted<() => unknown>([
      [() => this.anyValue(3), 2],
      [() => ({ t: this.string(), id: r.int(0, 1000), method, input: {} }), 1],
      [() => ({ t: 'call', id: r.pick([-1, 0.5, 2 ** 53 + 2, '7', null]), method, input: {} }), 1],
      [() => ({ t: 'call', method, input: {} }), 1],
      [() => ({ t: 'call', id: r.int(0, 1000), method: this.string(), input: {} }), 1],
      [() => ({ t: 'call', id: r.int(0, 1000), method: `${method}${'x'.repeat(300)}` }), 1],
      [() => ({ t: 'unsub', id: this.anyValue(1) }), 1],
      [() => [{ t: 'call', id: 1, method, input: {} }], 1],
    ])()
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` inside `depth` one-element arrays. */
function nest(value: unknown, depth: number): unknown {
  let out = value
  for (let i = 0; i < depth; i++) out = [out]
  return out
}

/** Whether `value` passes `schema` (used to keep inputs that would reach the network invalid). */
export function passes(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success
}
