import { useId, useState } from 'react'
import type { AuthPrompt } from '@shared/contract'
import { Dialog } from '../../ui/Dialog'

/** One keyboard-interactive round: one field per prompt, hidden where the server asks so. */
export function PromptDialog(props: {
  prompt: AuthPrompt
  onAnswer(answers: string[] | null): void
}) {
  const { prompt } = props
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''))
  const fieldId = useId()
  const title = prompt.name.trim() || `Log in to ${prompt.host}`
  return (
    <Dialog
      title={title}
      className="term-dialog"
      closeButton={false}
      onClose={() => props.onAnswer(null)}
      onSubmit={() => props.onAnswer(answers)}
      actions={
        <>
          <button type="submit" className="term-button term-button--primary">
            Submit
          </button>
          <button type="button" className="term-button" onClick={() => props.onAnswer(null)}>
            Cancel
          </button>
        </>
      }
    >
      {prompt.name.trim() ? <p className="term-dialog__muted">{prompt.host} asks:</p> : null}
      {prompt.instructions.trim() ? (
        <p className="term-dialog__instructions">{prompt.instructions.trim()}</p>
      ) : null}
      {prompt.prompts.map((p, index) => (
        <div className="term-field" key={index}>
          <label htmlFor={`${fieldId}-${index}`}>{p.prompt.trim() || `Answer ${index + 1}`}</label>
          <input
            id={`${fieldId}-${index}`}
            type={p.echo ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={answers[index] ?? ''}
            data-autofocus={index === 0 ? true : undefined}
            onChange={(e) =>
              setAnswers((current) => current.map((a, i) => (i === index ? e.target.value : a)))
            }
          />
        </div>
      ))}
    </Dialog>
  )
}
