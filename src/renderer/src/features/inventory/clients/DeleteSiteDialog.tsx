import type { Site } from '@shared/contract'
import { useDeleteSite } from '../../../api/inventory'
import { Modal } from '../../vault/Modal'
import { siteRemovalText } from './site-form'

/** Removes a site after saying what becomes of its devices and tickets. */
export function DeleteSiteDialog(props: { site: Site; clientName: string; onClose(): void }) {
  const remove = useDeleteSite()
  return (
    <Modal
      title={`Remove ${props.site.name}?`}
      role="alertdialog"
      description={siteRemovalText(props.site, props.clientName)}
      onClose={props.onClose}
    >
      <div className="vault-form">
        {remove.error ? (
          <p className="vault-form__error" role="alert">
            {remove.error.message}
          </p>
        ) : null}
        <div className="vault-form__actions">
          <button type="button" className="vault-button" data-autofocus onClick={props.onClose}>
            Keep it
          </button>
          <button
            type="button"
            className="vault-button vault-button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(props.site.id, { onSuccess: props.onClose })}
          >
            Remove site
          </button>
        </div>
      </div>
    </Modal>
  )
}
