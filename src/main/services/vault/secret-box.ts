import { CredentialSecret } from '../../../shared/contract/vault'
import { open, seal, wipe } from './crypto'

/** A stored secret that does not open or does not parse: altered, moved or foreign. */
export class SecretIntegrityError extends Error {
  override name = 'SecretIntegrityError'
  constructor() {
    super('A stored credential secret failed its integrity check')
  }
}

// The row id is the associated data: a ciphertext copied into another row no longer opens.
const associatedData = (id: string): Buffer => Buffer.from(`credential:${id}`, 'utf8')

/** Encrypts a credential's secret for the row `id`; agent credentials have nothing to store. */
export function sealSecret(dataKey: Buffer, id: string, secret: CredentialSecret): Buffer | null {
  if (secret.kind === 'agent') return null
  const plain = Buffer.from(JSON.stringify(secret), 'utf8')
  try {
    return seal(dataKey, plain, associatedData(id))
  } finally {
    wipe(plain)
  }
}

/** Decrypts and checks the secret of row `id`, whose kind column says what it must be. */
export function openSecret(
  dataKey: Buffer,
  id: string,
  kind: CredentialSecret['kind'],
  sealed: Buffer | null,
): CredentialSecret {
  if (kind === 'agent') {
    if (sealed !== null) throw new SecretIntegrityError()
    return { kind: 'agent' }
  }
  if (sealed === null) throw new SecretIntegrityError()
  let plain: Buffer | undefined
  try {
    plain = open(dataKey, sealed, associatedData(id))
    const parsed = CredentialSecret.safeParse(JSON.parse(plain.toString('utf8')))
    // The kind sits inside the ciphertext too, so an edited kind column is caught here.
    if (!parsed.success || parsed.data.kind !== kind) throw new SecretIntegrityError()
    return parsed.data
  } catch {
    // Whatever failed (tag, JSON, schema), the caller learns only that the record is damaged.
    throw new SecretIntegrityError()
  } finally {
    wipe(plain)
  }
}
