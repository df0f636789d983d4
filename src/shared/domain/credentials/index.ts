export {
  describeScope,
  scopeAllows,
  scopeRefusal,
  type CredentialUse,
  type ScopedCredential,
} from './credential-scope'
