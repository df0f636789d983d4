import type { Client, Handlers } from '../rpc/define'
import { app } from './app'
import { audit } from './audit'
import { links } from './links'
import { settings } from './settings'
import { sync } from './sync'

/** Every call and event between renderer and main, declared once. */
export const contract = { app, audit, links, settings, sync }

export type Contract = typeof contract
export type SwitchboardClient = Client<Contract>
export type SwitchboardHandlers<Ctx> = Handlers<Contract, Ctx>

export * from './app'
export * from './audit'
export * from './links'
export * from './settings'
export * from './sync'
