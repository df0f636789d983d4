import type { Site } from '@shared/contract'
import { useDeleteSite } from '../../../api/inventory'
import { ConfirmDialog } from '../../../ui/Dialog'
import { siteRemovalText } from './site-form'

/** Removes a site after saying what becomes of its devices and tickets. */
export function DeleteSiteDialog(props: { site: Site; clientName: string; onClose(): void }) {
  const remove = useDeleteSite()
  return (
    <ConfirmDialog
      title={`Remove ${props.site.name}?`}
      description={siteRemovalText(props.site, props.clientName)}
      cancelLabel="Keep it"
      confirmLabel="Remove site"
      busy={remove.isPending}
      error={remove.error?.message}
      onConfirm={() => remove.mutate(props.site.id, { onSuccess: props.onClose })}
      onClose={props.onClose}
    />
  )
}
