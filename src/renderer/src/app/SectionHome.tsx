import { EmptyState } from '../ui/EmptyState'
import { PageHeader } from '../ui/PageHeader'
import type { Section } from './sections'

/** A section's landing view until its feature supplies a page of its own. */
export function SectionHome({ section }: { section: Section }) {
  return (
    <section className="page" aria-label={section.label}>
      <PageHeader title={section.label} description={section.description} />
      <EmptyState icon={section.icon} title={section.empty.title}>
        <p>{section.empty.body}</p>
      </EmptyState>
    </section>
  )
}
