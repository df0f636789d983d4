/** 83 → "1:23", 3723 → "1:02:03". */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** `<title>-<YYYY-MM-DD>.cast`, safe on every file system. */
export function castFileName(title: string, startedAt: number): string {
  const date = new Date(startedAt)
  const day = [
    date.getFullYear(),
    String(date.getMonth() + 1).padStart(2, '0'),
    String(date.getDate()).padStart(2, '0'),
  ].join('-')
  const safeTitle = title.replace(/[^\w.@-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'session'
  return `${safeTitle}-${day}.cast`
}
