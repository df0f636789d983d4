import { describe, expect, it } from 'vitest'
import { SealBrokenError, open, randomKey, seal, wipe } from './crypto'
import {
  DEFAULT_SCRYPT_LOG_N,
  ScryptParams,
  deriveKey,
  newScryptParams,
  unwrapKey,
  wrapKey,
} from './key-wrapping'

describe('seal and open', () => {
  const key = randomKey()
  const ad = Buffer.from('row-1')

  it('round-trips with a fresh nonce each time', () => {
    const a = seal(key, Buffer.from('hello'), ad)
    const b = seal(key, Buffer.from('hello'), ad)
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false)
    expect(a).toHaveLength(12 + 5 + 16)
    expect(open(key, a, ad).toString()).toBe('hello')
  })

  it('refuses other associated data, another key, and any altered byte', () => {
    const sealed = seal(key, Buffer.from('hello'), ad)
    expect(() => open(key, sealed, Buffer.from('row-2'))).toThrow(SealBrokenError)
    expect(() => open(randomKey(), sealed, ad)).toThrow(SealBrokenError)
    for (let i = 0; i < sealed.length; i++) {
      const altered = Buffer.from(sealed)
      altered[i] = (altered[i] ?? 0) ^ 1
      expect(() => open(key, altered, ad)).toThrow(SealBrokenError)
    }
    expect(() => open(key, sealed.subarray(0, 20), ad)).toThrow(SealBrokenError)
  })

  it('wipes buffers to zeros', () => {
    const buffer = randomKey()
    wipe(buffer, undefined)
    expect(buffer.every((b) => b === 0)).toBe(true)
  })
})

describe('passphrase key wrapping', () => {
  it('uses N = 2^17, r = 8, p = 1 and a 16-byte salt by default', () => {
    const params = newScryptParams()
    expect(DEFAULT_SCRYPT_LOG_N).toBe(17)
    expect(params).toMatchObject({ algorithm: 'scrypt', N: 2 ** 17, r: 8, p: 1 })
    expect(Buffer.from(params.salt, 'base64')).toHaveLength(16)
    expect(newScryptParams().salt).not.toBe(params.salt)
  })

  it('refuses weak or absurd stored params', () => {
    const good = newScryptParams(15)
    expect(ScryptParams.safeParse(good).success).toBe(true)
    expect(ScryptParams.safeParse({ ...good, N: 2 ** 14 }).success).toBe(false)
    expect(ScryptParams.safeParse({ ...good, N: 3 * 2 ** 15 }).success).toBe(false)
    expect(ScryptParams.safeParse({ ...good, N: 2 ** 30 }).success).toBe(false)
    expect(ScryptParams.safeParse({ ...good, salt: 'AAAA' }).success).toBe(false)
    expect(() => newScryptParams(14)).toThrow()
  })

  it('unwraps only with the key derived from the same passphrase', async () => {
    const params = newScryptParams(15)
    const dataKey = randomKey()
    const wrapped = wrapKey(await deriveKey('the passphrase', params), dataKey)
    expect(unwrapKey(await deriveKey('the passphrase', params), wrapped).equals(dataKey)).toBe(true)
    const wrong = await deriveKey('the passphrasf', params)
    expect(() => unwrapKey(wrong, wrapped)).toThrow(SealBrokenError)
  })

  it('treats composed and decomposed accents as the same passphrase', async () => {
    const params = newScryptParams(15)
    const composed = await deriveKey('caf\u00e9 au lait', params)
    const decomposed = await deriveKey('cafe\u0301 au lait', params)
    expect(composed.equals(decomposed)).toBe(true)
  })
})
