import { Building2, Contact, Monitor, TerminalSquare, Ticket, type LucideIcon } from 'lucide-react'

export interface Section {
  id: 'clients' | 'devices' | 'tickets' | 'vendors' | 'sessions'
  label: string
  path: string
  icon: LucideIcon
  /** Alt+digit jumps here. */
  shortcut: string
  description: string
  /** What the section shows before it holds anything. */
  empty: { title: string; body: string }
}

/** The five places of the console, in navigation order. */
export const sections: readonly Section[] = [
  {
    id: 'clients',
    label: 'Clients',
    path: '/clients',
    icon: Building2,
    shortcut: '1',
    description: 'Every client you look after, with its sites, health rollups and contract tier.',
    empty: {
      title: 'No clients yet',
      body: 'Clients you add or import appear here with their sites and device health.',
    },
  },
  {
    id: 'devices',
    label: 'Devices',
    path: '/devices',
    icon: Monitor,
    shortcut: '2',
    description:
      'Every device across your clients: OS, hardware, patches, AV, backup and warranty.',
    empty: {
      title: 'No devices yet',
      body: 'Devices appear here once a client has an inventory. Search covers hostnames, IPs, serials and users.',
    },
  },
  {
    id: 'tickets',
    label: 'Tickets',
    path: '/tickets',
    icon: Ticket,
    shortcut: '3',
    description: 'Your queues, read and worked offline; changes sync when you reconnect.',
    empty: {
      title: 'No tickets yet',
      body: 'Tickets you create are kept on this machine and work without a network.',
    },
  },
  {
    id: 'vendors',
    label: 'Vendors',
    path: '/vendors',
    icon: Contact,
    shortcut: '4',
    description:
      'ISPs, hardware and software vendors of each client, with accounts and escalation paths.',
    empty: {
      title: 'No vendors yet',
      body: 'Vendor contacts appear here and beside the device or ticket you are working on.',
    },
  },
  {
    id: 'sessions',
    label: 'Sessions',
    path: '/sessions',
    icon: TerminalSquare,
    shortcut: '5',
    description: 'Remote terminals over SSH and WinRM, with verified host keys and recordings.',
    empty: {
      title: 'No open sessions',
      body: 'Terminals you open from a device or the quick-connect bar appear here as tabs.',
    },
  },
]
