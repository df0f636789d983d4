import { UserCheck, UserMinus } from 'lucide-react'
import { useId, useState, type ReactNode } from 'react'
import {
  ImpactLevel,
  TicketPriority,
  TicketStatus,
  type TicketDetail,
} from '@shared/contract/tickets'
import { useAssignTicket, useSetTicketPriority, useSetTicketStatus } from '../../../api/tickets'
import { errorText } from '../errors'
import { OptionSelect } from '../pickers/OptionSelect'
import { levelLabels, priorityLabels, statusActions, statusLabels } from '../labels'
import { useAssignees } from './use-assignees'

function Row(props: {
  label: string
  htmlFor?: string
  children: ReactNode
  error?: string | null
}) {
  return (
    <div className="tk-control">
      {props.htmlFor ? (
        <label className="tk-control__label" htmlFor={props.htmlFor}>
          {props.label}
        </label>
      ) : (
        <span className="tk-control__label">{props.label}</span>
      )}
      <div className="tk-control__value">{props.children}</div>
      {props.error ? (
        <p className="tk-control__error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

/** Status (only the moves allowed from here), priority, impact × urgency, and assignee. */
export function TicketControls({ ticket }: { ticket: TicketDetail }) {
  const ids = {
    status: useId(),
    priority: useId(),
    impact: useId(),
    urgency: useId(),
    assignee: useId(),
  }
  const setStatus = useSetTicketStatus()
  const setPriority = useSetTicketPriority()
  const assign = useAssignTicket()
  const assignees = useAssignees()
  const me = assignees.me
  const base = { id: ticket.id, baseVersions: ticket.versions }

  const assignTo = (name: string | null): void => assign.mutate({ ...base, assignee: name })

  return (
    <section className="tk-card" aria-labelledby="tk-controls">
      <h2 id="tk-controls" className="tk-card__title">
        Details
      </h2>
      <Row
        label="Status"
        htmlFor={ids.status}
        error={setStatus.isError ? errorText(setStatus.error) : null}
      >
        <select
          id={ids.status}
          className="tk-select"
          value={ticket.status}
          disabled={setStatus.isPending || ticket.allowedStatuses.length === 0}
          onChange={(event) =>
            setStatus.mutate({ ...base, status: TicketStatus.parse(event.target.value) })
          }
        >
          <option value={ticket.status}>{statusLabels[ticket.status]}</option>
          {ticket.allowedStatuses.map((status) => (
            <option key={status} value={status}>
              → {statusActions[status]} ({statusLabels[status]})
            </option>
          ))}
        </select>
        {ticket.allowedStatuses.length === 0 ? (
          <small className="tk-muted">A closed ticket stays closed.</small>
        ) : null}
      </Row>

      <Row
        label="Priority"
        htmlFor={ids.priority}
        error={setPriority.isError ? errorText(setPriority.error) : null}
      >
        <div className="tk-control__inline">
          <OptionSelect
            id={ids.priority}
            className="tk-select"
            options={TicketPriority.options}
            labels={priorityLabels}
            value={ticket.priority}
            disabled={setPriority.isPending}
            onChange={(priority) => setPriority.mutate({ ...base, priority })}
          />
          {ticket.prioritySource === 'manual' ? (
            <button
              type="button"
              className="tk-link-button"
              disabled={setPriority.isPending}
              onClick={() => setPriority.mutate({ ...base, priority: null })}
              title="Let impact × urgency decide the priority again"
            >
              Use matrix
            </button>
          ) : null}
        </div>
        <small className="tk-muted">
          {ticket.prioritySource === 'matrix' ? 'From impact × urgency' : 'Set by hand'}
        </small>
      </Row>
      <div className="tk-control__pair">
        <Row label="Impact" htmlFor={ids.impact}>
          <OptionSelect
            id={ids.impact}
            className="tk-select"
            options={ImpactLevel.options}
            labels={levelLabels}
            value={ticket.impact}
            disabled={setPriority.isPending}
            onChange={(impact) => setPriority.mutate({ ...base, impact })}
          />
        </Row>
        <Row label="Urgency" htmlFor={ids.urgency}>
          <OptionSelect
            id={ids.urgency}
            className="tk-select"
            options={ImpactLevel.options}
            labels={levelLabels}
            value={ticket.urgency}
            disabled={setPriority.isPending}
            onChange={(urgency) => setPriority.mutate({ ...base, urgency })}
          />
        </Row>
      </div>

      <Row
        label="Assignee"
        htmlFor={ids.assignee}
        error={assign.isError ? errorText(assign.error) : null}
      >
        <AssigneeField
          // A new assignee (from here or anywhere else) starts the field afresh.
          key={ticket.assignee ?? ''}
          id={ids.assignee}
          current={ticket.assignee}
          names={assignees.names}
          teamOnly={assignees.teamOnly}
          busy={assign.isPending}
          onAssign={assignTo}
        />
        <div className="tk-control__inline">
          {me && ticket.assignee !== me ? (
            <button
              type="button"
              className="tk-link-button"
              disabled={assign.isPending}
              onClick={() => assignTo(me)}
            >
              <UserCheck aria-hidden size={13} />
              Assign to me
            </button>
          ) : null}
          {ticket.assignee ? (
            <button
              type="button"
              className="tk-link-button"
              disabled={assign.isPending}
              onClick={() => assignTo(null)}
            >
              <UserMinus aria-hidden size={13} />
              Unassign
            </button>
          ) : null}
        </div>
      </Row>
    </section>
  )
}

function AssigneeField(props: {
  id: string
  current: string | null
  names: string[]
  /** Only the listed names may be assigned (the team's directory). */
  teamOnly: boolean
  busy: boolean
  onAssign(name: string): void
}) {
  const [typed, setTyped] = useState(props.current ?? '')
  const name = typed.trim()
  const unknown = props.teamOnly && name !== '' && !props.names.includes(name)
  const hintId = `${props.id}-hint`
  return (
    <form
      className="tk-control__inline"
      onSubmit={(event) => {
        event.preventDefault()
        if (name && name !== props.current && !unknown) props.onAssign(name)
      }}
    >
      <input
        id={props.id}
        className="tk-input"
        list={`${props.id}-names`}
        placeholder="Unassigned"
        value={typed}
        aria-invalid={unknown ? true : undefined}
        aria-describedby={unknown ? hintId : undefined}
        onChange={(event) => setTyped(event.target.value)}
      />
      <datalist id={`${props.id}-names`}>
        {props.names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <button
        type="submit"
        className="vault-button"
        disabled={props.busy || !name || name === props.current || unknown}
      >
        Assign
      </button>
      {unknown ? <small id={hintId}>Not on the team: choose a name from the list.</small> : null}
    </form>
  )
}
