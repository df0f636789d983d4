import {
  readIdentityFile,
  readLocalSshConfig,
  readSshConfig,
} from '../services/sessions/ssh/ssh-config'
import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

export function sessionHandlers(services: Services): NamespaceHandlers<'sessions'> {
  const { sessions } = services
  return {
    open: (input) => sessions.open(input),
    list: () => ({ sessions: sessions.list() }),
    write: ({ id, data }) => {
      sessions.write(id, data)
      return {}
    },
    resize: ({ id, cols, rows }) => {
      sessions.resize(id, cols, rows)
      return {}
    },
    ack: ({ id, bytes }) => {
      sessions.ack(id, bytes)
      return {}
    },
    close: ({ id }) => {
      sessions.close(id)
      return {}
    },
    reconnect: ({ id, cols, rows }) => sessions.reconnect(id, cols, rows),
    answerHostKey: ({ id, decision }) => {
      sessions.answerHostKey(id, decision)
      return {}
    },
    answerPrompt: ({ id, promptId, answers }) => {
      sessions.answerPrompt(id, promptId, answers)
      return {}
    },
    onData: ({ id }, emit) => sessions.onData(id, (data) => emit({ data })),
    onEvent: (_input, emit) => sessions.onEvent(emit),
  }
}

export function knownHostHandlers(services: Services): NamespaceHandlers<'knownHosts'> {
  return {
    list: () => ({ hosts: services.knownHosts.list() }),
    remove: ({ id }) => {
      services.knownHosts.remove(id)
      return { id }
    },
    import: ({ text }) => services.knownHosts.import(text),
  }
}

export function recordingHandlers(services: Services): NamespaceHandlers<'recordings'> {
  return {
    list: ({ limit }) => ({ recordings: services.recordings.list(limit) }),
    index: ({ id }) => services.recordings.index(id),
    read: ({ id, offset, maxBytes }) => services.recordings.read(id, offset, maxBytes),
    usage: () => services.recordings.usage(),
  }
}

export function sshConfigHandlers(services: Services): NamespaceHandlers<'sshConfig'> {
  return {
    read: ({ text }) => {
      const local = text === undefined ? readLocalSshConfig() : { source: 'pasted text', text }
      return { source: local.source, ...readSshConfig(local.text) }
    },
    importIdentity: ({ path, name, username, passphrase }) =>
      services.vault.createCredential({
        name,
        username,
        scope: { kind: 'global' },
        secret: {
          kind: 'private-key',
          privateKey: readIdentityFile(path),
          ...(passphrase ? { passphrase } : {}),
        },
      }),
  }
}
