import { ArrowDown, ArrowUp, CaseSensitive, X } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import type { RemoteTerminal } from './remote-terminal'
import { useHubState, useTerminalHub } from './use-hub'

interface Results {
  index: number
  count: number
}

function describe(query: string, results: Results | null): string {
  if (!query) return ''
  if (!results || results.count === 0) return 'No matches'
  if (results.index < 0) return `${results.count} matches`
  return `${results.index + 1} of ${results.count}`
}

/** Ctrl+Shift+F: search the scrollback. Enter next, Shift+Enter previous, Escape closes. */
export function FindBar(props: { tabKey: string; terminal: RemoteTerminal }) {
  const { terminal, tabKey } = props
  const hub = useTerminalHub()
  const findRequest = useHubState((s) => s.findRequest)
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [caseSensitive, setCaseSensitive] = useState(false)
  const [results, setResults] = useState<Results | null>(null)

  useEffect(() => {
    const listener = terminal.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setResults({ index: resultIndex, count: resultCount }),
    )
    return () => listener.dispose()
  }, [terminal])

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [findRequest])

  const find = (direction: 'next' | 'previous', text = query, matchCase = caseSensitive): void => {
    const found = terminal.find(text, direction, { caseSensitive: matchCase, incremental: false })
    if (!found) setResults({ index: -1, count: 0 })
  }

  return (
    <div
      className="term-find"
      role="search"
      aria-label="Find in terminal"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        e.preventDefault()
        hub.closeFind(tabKey)
      }}
    >
      <input
        ref={input}
        className="term-find__input"
        aria-label="Find"
        placeholder="Find"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value)
          terminal.find(e.target.value, 'next', { caseSensitive, incremental: true })
          if (!e.target.value) setResults(null)
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return
          e.preventDefault()
          find(e.shiftKey ? 'previous' : 'next')
        }}
      />
      <span className="term-find__count" aria-live="polite" data-testid="find-results">
        {describe(query, results)}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Match case"
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => {
          setCaseSensitive(!caseSensitive)
          find('next', query, !caseSensitive)
        }}
      >
        <CaseSensitive aria-hidden size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        onClick={() => find('previous')}
      >
        <ArrowUp aria-hidden size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        title="Next match (Enter)"
        onClick={() => find('next')}
      >
        <ArrowDown aria-hidden size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Close find"
        title="Close (Escape)"
        onClick={() => hub.closeFind(tabKey)}
      >
        <X aria-hidden size={16} />
      </button>
    </div>
  )
}
