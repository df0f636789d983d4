import type { RecordingSummary } from '@shared/contract'
import { castFileName } from './asciicast'

/** Saves a recording as a .cast file through a Blob URL (allowed by the CSP, no server). */
export function downloadCast(recording: RecordingSummary, asciicast: string): void {
  const url = URL.createObjectURL(new Blob([asciicast], { type: 'application/x-asciicast' }))
  const link = document.createElement('a')
  link.href = url
  link.download = castFileName(recording.title, recording.startedAt)
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy by the time the click returns; the URL may go soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
