import { useEffect, useRef, type ReactNode } from 'react'

/** A page title that takes focus on arrival, so keyboard and screen-reader users land on it. */
export function PageHeader(props: { title: string; description: string; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
  }, [props.title])
  return (
    <header className="page-header">
      <div>
        <h1 ref={heading} tabIndex={-1} className="page-header__title">
          {props.title}
        </h1>
        <p className="page-header__description">{props.description}</p>
      </div>
      {props.actions ? <div className="page-header__actions">{props.actions}</div> : null}
    </header>
  )
}
