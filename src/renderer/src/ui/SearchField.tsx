import { Search } from 'lucide-react'

/**
 * A search box with its magnifier: the label is for assistive technology, the placeholder says
 * what can be typed. Escape clears it (and stops there, so an open page or dialog stays open).
 */
export function SearchField(props: {
  label: string
  placeholder: string
  value: string
  onChange: (value: string) => void
  className?: string
}) {
  return (
    <div className={props.className ? `search-field ${props.className}` : 'search-field'}>
      <Search aria-hidden size={16} className="search-field__icon" />
      <input
        type="search"
        className="search-field__input"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        maxLength={200}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && props.value) {
            event.stopPropagation()
            props.onChange('')
          }
        }}
      />
    </div>
  )
}
