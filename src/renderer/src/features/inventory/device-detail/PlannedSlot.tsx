import type { LucideIcon } from 'lucide-react'
import { EmptyState } from '../../../ui/EmptyState'

/** A place on the device page for a feature that has not landed yet, saying what will show. */
export function PlannedSlot(props: { icon: LucideIcon; title: string; body: string }) {
  return (
    <EmptyState icon={props.icon} title={props.title}>
      <p>{props.body}</p>
    </EmptyState>
  )
}
