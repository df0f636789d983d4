/** Settings: the log file and the diagnostics report, opened from the top bar. */
export { SettingsDialog } from './SettingsDialog'
