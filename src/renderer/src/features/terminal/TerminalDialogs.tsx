import { useAnswerHostKey, useAnswerPrompt } from '../../api/sessions'
import { ChangedHostKeyDialog, UnknownHostKeyDialog } from './HostKeyDialog'
import { PasteConfirmDialog } from './PasteConfirmDialog'
import { PromptDialog } from './PromptDialog'
import { useHubState, useTerminalHub } from './use-hub'

/** The questions main is waiting on, one at a time, then a pending paste confirmation. */
export function TerminalDialogs() {
  const hub = useTerminalHub()
  const question = useHubState((s) => s.questions[0])
  const pasteRequest = useHubState((s) => s.pasteRequest)
  const pasteTarget = useHubState(
    (s) => s.tabs.find((t) => t.key === s.pasteRequest?.key)?.title ?? 'the host',
  )
  const answerHostKey = useAnswerHostKey()
  const answerPrompt = useAnswerPrompt()

  if (question?.type === 'host-key' && question.status === 'changed') {
    return (
      <ChangedHostKeyDialog
        key={`${question.sessionId}-${question.fingerprint}`}
        question={question}
        onClose={() => {
          hub.answered(question)
          hub.focusActive()
        }}
        onShowKnownHosts={() => {
          hub.answered(question)
          hub.setView('known-hosts')
        }}
      />
    )
  }
  if (question?.type === 'host-key') {
    return (
      <UnknownHostKeyDialog
        key={`${question.sessionId}-${question.fingerprint}`}
        question={question}
        onAnswer={(decision) => {
          hub.answered(question)
          answerHostKey.mutate({ id: question.sessionId, decision })
          hub.focusActive()
        }}
      />
    )
  }
  if (question?.type === 'prompt') {
    return (
      <PromptDialog
        key={question.promptId}
        prompt={question}
        onAnswer={(answers) => {
          hub.answered(question)
          answerPrompt.mutate(
            { id: question.sessionId, promptId: question.promptId, answers },
            { onSettled: () => answerPrompt.reset() },
          )
          hub.focusActive()
        }}
      />
    )
  }
  if (pasteRequest) {
    return (
      <PasteConfirmDialog
        text={pasteRequest.text}
        bracketed={pasteRequest.bracketed}
        target={pasteTarget}
        onPaste={(runLines) => hub.resolvePaste({ runLines })}
        onCancel={() => hub.resolvePaste(null)}
      />
    )
  }
  return null
}
