import type { SettingsService } from '../../settings/settings-service'
import type { RecordingLimits } from './recording-store'

const MB = 1024 * 1024
const GB = 1024 * MB

/** The recording settings, in the bytes and days the store works in. */
export function recordingLimits(settings: Pick<SettingsService, 'value'>): RecordingLimits {
  const gigabytes = settings.value('recordings.retentionGigabytes')
  return {
    maxBytes: settings.value('recordings.maxMegabytes') * MB,
    retentionDays: settings.value('recordings.retentionDays'),
    retentionBytes: gigabytes === null ? null : Math.round(gigabytes * GB),
  }
}
