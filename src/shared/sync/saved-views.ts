import { z } from 'zod'
import { SavedDeviceView } from '../contract/settings'

/**
 * Saved views travel with the technician, not with a client: each is a row of its own,
 * visible only to the technician who saved it, on every installation they sign in from.
 */
export const SAVED_VIEW_INTENTS = ['views.put', 'views.delete'] as const
export type SavedViewIntent = (typeof SAVED_VIEW_INTENTS)[number]

export const ViewPut = z.object({ id: SavedDeviceView.shape.id, view: SavedDeviceView }).strict()
export const ViewDelete = z.object({ id: SavedDeviceView.shape.id }).strict()

export function isSavedViewIntent(intent: string): intent is SavedViewIntent {
  return (SAVED_VIEW_INTENTS as readonly string[]).includes(intent)
}
