import { Monitor, X } from 'lucide-react'
import { useState } from 'react'
import { useLocation } from 'wouter'
import { ImpactLevel, TicketType } from '@shared/contract/tickets'
import { priorityFromMatrix } from '@shared/domain/tickets'
import { useSites } from '../../../api/inventory'
import { useCreateTicket } from '../../../api/tickets'
import { Field } from '../../vault/Field'
import { errorText } from '../errors'
import { levelLabels, priorityLabels, typeLabels } from '../labels'
import { useAssignees } from '../ticket-page/use-assignees'
import { ClientPicker } from '../pickers/ClientPicker'
import { DevicePicker } from '../pickers/DevicePicker'
import type { NewTicketPrefill } from '../ticket-ui-store'
import { ContactFields } from './ContactFields'
import { OptionField, SubjectFields } from './SubjectFields'
import { newTicketInput, type NewTicketDraft } from './new-ticket-draft'
import { FormDialog } from '../../../ui/Dialog'

/** A ticket from anywhere: client first, then where, what and how bad. */
export function NewTicketDialog(props: { prefill: NewTicketPrefill; onClose(): void }) {
  const create = useCreateTicket()
  // Signed in to a team, "me" is the name the team knows (what its assignee lists hold).
  const me = useAssignees().me
  const [, navigate] = useLocation()
  const [draft, setDraft] = useState<NewTicketDraft>(() => ({
    clientId: props.prefill.clientId ?? null,
    siteId: props.prefill.siteId ?? null,
    devices: props.prefill.devices ?? [],
    subject: '',
    description: '',
    type: 'incident',
    impact: 'medium',
    urgency: 'medium',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    assignToMe: false,
  }))
  const set = (patch: Partial<NewTicketDraft>): void => setDraft((d) => ({ ...d, ...patch }))
  const sites = useSites(draft.clientId)
  const [tried, setTried] = useState(false)
  const input = newTicketInput(draft, me)
  const problem = tried && !input.ok ? input.error : null

  return (
    <FormDialog
      size="wide"
      title="New ticket"
      description="Kept on this machine and synced when a team server is reachable."
      onClose={props.onClose}
      noValidate
      onSubmit={() => {
        setTried(true)
        if (!input.ok) return
        create.mutate(input.value, {
          onSuccess: (ack) => {
            props.onClose()
            navigate(`~/tickets/${encodeURIComponent(ack.ticket.id)}`)
          },
        })
      }}
      busy={create.isPending}
      error={
        problem ??
        (create.isError ? `The ticket was not created: ${errorText(create.error)}` : null)
      }
      submitLabel="Create ticket"
      busyLabel="Creating…"
    >
      <div className="vault-form__row">
        <ClientPicker
          clientId={draft.clientId}
          onChange={(clientId) => set({ clientId, siteId: null, devices: [] })}
          error={tried && draft.clientId === null ? 'Choose the client' : null}
        />
        <Field label="Site">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.siteId ?? ''}
              disabled={draft.clientId === null}
              onChange={(event) => set({ siteId: event.target.value || null })}
            >
              <option value="">No particular site</option>
              {sites.data?.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {draft.clientId !== null ? (
        <div className="vault-field">
          <span className="vault-field__label">Devices</span>
          {draft.devices.length > 0 ? (
            <div className="tk-chip-row">
              {draft.devices.map((device) => (
                <span key={device.id} className="tk-chip">
                  <Monitor aria-hidden size={13} />
                  {device.hostname}
                  <button
                    type="button"
                    className="tk-chip__remove"
                    aria-label={`Remove ${device.hostname}`}
                    onClick={() =>
                      set({ devices: draft.devices.filter((d) => d.id !== device.id) })
                    }
                  >
                    <X aria-hidden size={12} />
                  </button>
                </span>
              ))}
            </div>
          ) : null}
          <DevicePicker
            clientId={draft.clientId}
            exclude={draft.devices.map((d) => d.id)}
            label="Add a device by name, IP or serial"
            onPick={(device) => set({ devices: [...draft.devices, device] })}
          />
        </div>
      ) : null}
      <SubjectFields
        value={draft}
        onChange={set}
        descriptionRows={4}
        subjectInvalid={tried && draft.subject.trim() === ''}
        placeholder="What is wrong, in a line"
      />
      <div className="vault-form__row tk-form__four">
        <OptionField
          label="Type"
          options={TicketType.options}
          labels={typeLabels}
          value={draft.type}
          onChange={(type) => set({ type })}
        />
        <OptionField
          label="Impact"
          options={ImpactLevel.options}
          labels={levelLabels}
          value={draft.impact}
          onChange={(impact) => set({ impact })}
        />
        <OptionField
          label="Urgency"
          options={ImpactLevel.options}
          labels={levelLabels}
          value={draft.urgency}
          onChange={(urgency) => set({ urgency })}
        />
        <div className="vault-field">
          <span className="vault-field__label">Priority</span>
          <output className="tk-priority-preview" data-testid="priority-preview">
            {priorityLabels[priorityFromMatrix(draft.impact, draft.urgency)]}
          </output>
        </div>
      </div>
      <ContactFields value={draft} onChange={set} />
      {me ? (
        <label className="tk-check">
          <input
            type="checkbox"
            checked={draft.assignToMe}
            onChange={(event) => set({ assignToMe: event.target.checked })}
          />
          Assign to me ({me})
        </label>
      ) : null}
    </FormDialog>
  )
}
