/** A <select> over a fixed set of values (type, impact, priority), each shown by its label. */
export function OptionSelect<T extends string>(props: {
  options: readonly T[]
  labels: Record<T, string>
  value: T
  onChange(value: T): void
  className: string
  id?: string
  'aria-describedby'?: string
  disabled?: boolean
}) {
  const { options, labels, onChange, ...select } = props
  return (
    <select
      {...select}
      onChange={(event) => {
        // The chosen value is always one of the options: find it rather than cast it.
        const chosen = options.find((option) => option === event.target.value)
        if (chosen !== undefined) onChange(chosen)
      }}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  )
}
