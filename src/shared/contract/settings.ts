import { z } from 'zod'
import { call, event } from '../rpc/define'

export const Theme = z.enum(['light', 'dark', 'system'])
export type Theme = z.infer<typeof Theme>

/** Every setting, its value schema and default. Adding a setting is adding a line here. */
export const settingDefinitions = {
  'ui.theme': { schema: Theme, defaultValue: 'system' as Theme },
  'ui.contextPanelOpen': { schema: z.boolean(), defaultValue: true },
} as const

export type SettingKey = keyof typeof settingDefinitions
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]['schema']>

export const SettingKey = z.enum(Object.keys(settingDefinitions) as [SettingKey, ...SettingKey[]])

/** A key together with a value valid for that key. */
export const SettingEntry = z.discriminatedUnion('key', [
  z.object({ key: z.literal('ui.theme'), value: Theme }),
  z.object({ key: z.literal('ui.contextPanelOpen'), value: z.boolean() }),
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
