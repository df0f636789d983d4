import type { Client, Handlers } from '../rpc/define'
import { app } from './app'
import { audit } from './audit'
import { inventory } from './inventory'
import { knownHosts } from './known-hosts'
import { links } from './links'
import { recordings } from './recordings'
import { sessions } from './sessions'
import { settings } from './settings'
import { sshConfig } from './ssh-config'
import { sync } from './sync'
import { team } from './team'
import { tickets } from './tickets'
import { credentials, vault } from './vault'
import { vendors } from './vendors'

/** Every call and event between renderer and main, declared once. */
export const contract = {
  app,
  audit,
  credentials,
  inventory,
  knownHosts,
  links,
  recordings,
  sessions,
  settings,
  sshConfig,
  sync,
  team,
  tickets,
  vault,
  vendors,
}

export type Contract = typeof contract
export type SwitchboardClient = Client<Contract>
export type SwitchboardHandlers<Ctx> = Handlers<Contract, Ctx>

export * from './app'
export * from './audit'
export * from './inventory'
export * from './known-hosts'
export * from './links'
export * from './recordings'
export * from './sessions'
export * from './settings'
export * from './ssh-config'
export * from './sync'
export * from './team'
export * from './tickets'
export * from './vault'
export * from './vendors'
