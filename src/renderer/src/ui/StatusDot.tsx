export type StatusTone = 'ok' | 'warn' | 'bad' | 'idle'

export function StatusDot({ tone, label }: { tone: StatusTone; label: string }) {
  return <span className={`status-dot status-dot--${tone}`} role="img" aria-label={label} />
}
