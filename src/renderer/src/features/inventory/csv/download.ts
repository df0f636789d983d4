/** Saves text as a file through a Blob URL (allowed by the CSP; no server round trip). */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy by the time the click returns; the URL may go soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
