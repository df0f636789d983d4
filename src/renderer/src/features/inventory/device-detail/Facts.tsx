import type { ReactNode } from 'react'

/** One labelled value; null, undefined and '' show as an em dash so gaps read as unknown. */
export interface Fact {
  label: string
  value: ReactNode
  /** Monospace for addresses, serials and versions. */
  mono?: boolean
}

const isBlank = (value: ReactNode): boolean =>
  value === null || value === undefined || value === '' || value === false

/** A definition list of facts, two columns wide where there is room. */
export function FactList({ facts, label }: { facts: Fact[]; label?: string }) {
  return (
    <dl className="detail-facts" aria-label={label}>
      {facts.map((fact) => (
        <div key={fact.label} className="detail-facts__row">
          <dt>{fact.label}</dt>
          <dd className={fact.mono && !isBlank(fact.value) ? 'detail-mono' : undefined}>
            {isBlank(fact.value) ? <span className="detail-unknown">—</span> : fact.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** A titled card of the device page. */
export function Card(props: {
  title: string
  icon?: ReactNode
  action?: ReactNode
  className?: string
  children: ReactNode
}) {
  return (
    <section
      className={props.className ? `detail-card ${props.className}` : 'detail-card'}
      aria-label={props.title}
    >
      <header className="detail-card__header">
        <h2 className="detail-card__title">
          {props.icon}
          {props.title}
        </h2>
        {props.action}
      </header>
      {props.children}
    </section>
  )
}
