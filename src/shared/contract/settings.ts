import { z } from 'zod'
import { call, event } from '../rpc/define'
import { DeviceFilter, DeviceSortColumn } from './inventory'

export const Theme = z.enum(['light', 'dark', 'system'])
export type Theme = z.infer<typeof Theme>

/** A device table column id as the renderer names it; unknown ids are ignored there. */
const DeviceColumnId = z.string().min(1).max(40)

/** A named device table view: search text, filters, sort and the columns shown. */
export const SavedDeviceView = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  query: z.string().max(200),
  filters: DeviceFilter.omit({ query: true, sort: true }),
  sort: z.object({ column: DeviceSortColumn, direction: z.enum(['asc', 'desc']) }),
  columns: z.array(DeviceColumnId).max(60),
})
export type SavedDeviceView = z.infer<typeof SavedDeviceView>

const DeviceViews = z.array(SavedDeviceView).max(100)
/** The device table's chosen columns; null: the default set. */
const DeviceColumns = z.array(DeviceColumnId).max(60).nullable()

/** Largest a recording may grow; the session goes on unrecorded past it. */
const RecordingMaxMegabytes = z.number().int().min(1).max(100_000)
/** Recordings older than this many days are deleted; null keeps them. */
const RecordingRetentionDays = z.number().int().min(1).max(36_500).nullable()
/** The oldest recordings are deleted while all of them take more than this; null: no cap. */
const RecordingRetentionGigabytes = z.number().min(0.1).max(100_000).nullable()

/** Every setting, its value schema and default. Adding a setting is adding a line here. */
export const settingDefinitions = {
  'ui.theme': { schema: Theme, defaultValue: 'system' as Theme },
  'ui.contextPanelOpen': { schema: z.boolean(), defaultValue: true },
  'inventory.deviceViews': { schema: DeviceViews, defaultValue: [] as SavedDeviceView[] },
  'inventory.deviceColumns': { schema: DeviceColumns, defaultValue: null as string[] | null },
  'recordings.maxMegabytes': { schema: RecordingMaxMegabytes, defaultValue: 100 },
  'recordings.retentionDays': {
    schema: RecordingRetentionDays,
    defaultValue: null as number | null,
  },
  'recordings.retentionGigabytes': {
    schema: RecordingRetentionGigabytes,
    defaultValue: null as number | null,
  },
} as const

export type SettingKey = keyof typeof settingDefinitions
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]['schema']>

export const SettingKey = z.enum(Object.keys(settingDefinitions) as [SettingKey, ...SettingKey[]])

/** A key together with a value valid for that key. */
export const SettingEntry = z.discriminatedUnion('key', [
  z.object({ key: z.literal('ui.theme'), value: Theme }),
  z.object({ key: z.literal('ui.contextPanelOpen'), value: z.boolean() }),
  z.object({ key: z.literal('inventory.deviceViews'), value: DeviceViews }),
  z.object({ key: z.literal('inventory.deviceColumns'), value: DeviceColumns }),
  z.object({ key: z.literal('recordings.maxMegabytes'), value: RecordingMaxMegabytes }),
  z.object({ key: z.literal('recordings.retentionDays'), value: RecordingRetentionDays }),
  z.object({
    key: z.literal('recordings.retentionGigabytes'),
    value: RecordingRetentionGigabytes,
  }),
])
export type SettingEntry = z.infer<typeof SettingEntry>

export const settings = {
  list: call({
    doc: 'All settings with their current (or default) values.',
    input: z.object({}).strict(),
    output: z.object({ entries: z.array(SettingEntry) }),
  }),
  get: call({
    doc: 'One setting; the default when it was never set.',
    input: z.object({ key: SettingKey }).strict(),
    output: SettingEntry,
  }),
  set: call({
    doc: 'Stores one setting (validated against its own schema) and records it in the audit log.',
    input: SettingEntry,
    output: SettingEntry.and(z.object({ updatedAt: z.number() })),
  }),
  onDidChange: event({
    doc: 'Fires after any setting changes, from any window.',
    input: z.object({}).strict(),
    data: SettingEntry,
  }),
}
