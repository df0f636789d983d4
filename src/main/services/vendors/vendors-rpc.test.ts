import { describe, expect, it } from 'vitest'
import type { VendorFields } from '../../../shared/domain/vendors'
import { useServicesOverMemory } from '../../testing/served-services'

const serve = useServicesOverMemory()
const connect = () => serve({ clock: { now: () => 1_760_000_000_000 } })

const lumen: VendorFields = {
  name: 'Lumen',
  category: 'isp',
  website: 'https://www.lumen.com',
  portalUrl: 'https://portal.lumen.example',
  supportEmail: 'repair@lumen.example',
  hours: null,
  phones: [{ label: 'Repair', number: '+1 800 555 0100', hours: null }],
  escalation: [
    { tier: 1, name: 'Repair desk', phone: '+1 800 555 0100', email: null, when: 'First call' },
  ],
  manufacturers: [],
  notes: '',
}

describe('the vendors contract, served by the real services', () => {
  it('adds a vendor, its contacts and a client account; finds it by what a technician has', async () => {
    const { services, client } = connect()
    const { id: clientId } = services.inventory.createClient({
      name: 'Acme Dental',
      shortCode: 'ACD',
      contractTier: 'Gold',
      notes: '',
      onlineMinutes: 10,
      staleMinutes: 1440,
    })
    const { id } = await client.vendors.create(lumen)
    await client.vendors.saveContact({
      vendorId: id,
      fields: {
        name: 'Dana Ruiz',
        role: 'Account manager',
        phones: ['+1 303 555 0142'],
        email: 'dana@lumen.example',
        notes: '',
        preferred: false,
      },
    })
    const { id: second } = await client.vendors.saveContact({
      vendorId: id,
      fields: { name: 'Sam Lee', role: 'NOC', phones: [], email: null, notes: '', preferred: true },
    })
    await client.vendors.saveAccount({
      vendorId: id,
      clientId,
      fields: {
        accountNumber: '8310-2291',
        contractNumber: 'MSA-17',
        contractStart: '2026-01-01',
        contractEnd: '2027-12-31',
        renewalDate: '2027-10-01',
        sla: '4 h restore',
        circuitIds: ['CID 44/KXGS/100234'],
        licenceCount: null,
        notes: '',
      },
    })

    const vendor = await client.vendors.get({ id })
    expect(vendor.contacts.map((c) => c.name)).toEqual(['Sam Lee', 'Dana Ruiz'])
    expect(vendor.contacts[0]?.id).toBe(second)
    expect(vendor.accounts).toMatchObject([
      { clientName: 'Acme Dental', clientCode: 'ACD', circuitIds: ['CID 44/KXGS/100234'] },
    ])

    for (const query of ['lum', 'dana', '8310-2291', 'KXGS', 'MSA-17']) {
      const { vendors } = await client.vendors.list({ query })
      expect(
        vendors.map((v) => v.name),
        query,
      ).toEqual(['Lumen'])
    }
    expect((await client.vendors.list({ query: '100%' })).vendors).toEqual([])
    expect((await client.vendors.list({ category: 'hardware' })).vendors).toEqual([])
    expect((await client.vendors.list({ category: 'isp' })).vendors).toMatchObject([
      { name: 'Lumen', clients: 1, contacts: 2 },
    ])

    // Removing the client takes its account with it; the vendor stays the team's.
    services.inventory.deleteClient(clientId, true)
    expect((await client.vendors.get({ id })).accounts).toEqual([])
    await client.vendors.remove({ id })
    await expect(client.vendors.get({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const actions = services.audit.list({ limit: 20 }).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'vendors.create',
        'vendors.saveContact',
        'vendors.saveAccount',
        'vendors.remove',
      ]),
    )
  })

  it('refuses hostile and impossible input with a clear error', async () => {
    const { client } = connect()
    await expect(
      client.vendors.create({ ...lumen, portalUrl: 'javascript:alert(1)' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(
      client.vendors.create({ ...lumen, category: 'pirates' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(client.vendors.update({ id: 'missing', fields: lumen })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const { id } = await client.vendors.create(lumen)
    await expect(
      client.vendors.saveAccount({
        vendorId: id,
        clientId: 'no-such-client',
        fields: {
          accountNumber: '1',
          contractNumber: '',
          contractStart: null,
          contractEnd: null,
          renewalDate: null,
          sla: '',
          circuitIds: [],
          licenceCount: null,
          notes: '',
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('the sample workspace', () => {
  it('brings vendors with contacts, and each client’s ISP, Microsoft 365 and maker accounts', async () => {
    const { client } = connect()
    await client.inventory.openSample()
    const { vendors } = await client.vendors.list({})
    expect(vendors.length).toBeGreaterThan(8)
    const isps = await client.vendors.list({ category: 'isp' })
    // Every sample client has exactly one ISP line.
    expect(isps.vendors.reduce((sum, v) => sum + v.clients, 0)).toBe(120)
    const dell = vendors.find((v) => v.name === 'Dell Technologies')
    const detail = await client.vendors.get({ id: dell?.id ?? '' })
    expect(detail.accounts.length).toBeGreaterThan(0)
    expect(detail.contacts.some((c) => c.preferred)).toBe(true)
    // Every stored value passes the contract's own validation on the way out.
    for (const v of vendors) await client.vendors.get({ id: v.id })
  })
})

describe('vendors beside a device, ticket or client', () => {
  it('puts the maker of the device at hand first, then the client’s ISP, then the rest', async () => {
    const { services, client } = connect()
    await client.inventory.openSample()
    const device = services.store.db
      .prepare<[], { id: string; client_id: string; serial: string }>(
        `SELECT id, client_id, serial FROM devices WHERE manufacturer = 'Dell Inc.' LIMIT 1`,
      )
      .get()
    if (!device) throw new Error('the sample has no Dell device')
    const { cards } = await client.vendors.forContext({
      clientId: device.client_id,
      deviceIds: [device.id],
    })
    expect(cards[0]).toMatchObject({
      reason: 'warranty',
      vendor: { name: 'Dell Technologies' },
      devices: [{ id: device.id, serial: device.serial }],
    })
    expect(cards[1]).toMatchObject({ reason: 'isp', vendor: { category: 'isp' } })
    expect(cards[1]?.accounts[0]?.circuitIds).toHaveLength(1)
    expect(cards.slice(2).every((c) => c.reason === 'client')).toBe(true)
    expect(cards.some((c) => c.vendor.name === 'Microsoft 365')).toBe(true)
    // Each vendor once, and a device of another client is not at hand here.
    expect(new Set(cards.map((c) => c.vendor.id)).size).toBe(cards.length)
    const other = await client.vendors.forContext({ clientId: 'elsewhere', deviceIds: [device.id] })
    expect(other.cards).toEqual([])
  })
})

describe('renewals', () => {
  it('lists contracts and warranties ending within the window, soonest first, per client too', async () => {
    const { client } = connect()
    await client.inventory.openSample()
    const day = (offset: number) =>
      new Date(1_760_000_000_000 + offset * 86_400_000).toISOString().slice(0, 10)
    const { renewals, truncated } = await client.vendors.renewals({ withinDays: 90 })
    expect(truncated).toBe(false)
    expect(renewals.some((r) => r.kind === 'contract')).toBe(true)
    expect(renewals.some((r) => r.kind === 'warranty')).toBe(true)
    for (const r of renewals) {
      expect(r.endsOn >= day(0) && r.endsOn <= day(90), r.endsOn).toBe(true)
    }
    const ends = renewals.map((r) => r.endsOn)
    expect(ends).toEqual([...ends].sort())
    // A warranty names the maker whose manufacturer names match the device.
    const dell = renewals.find((r) => r.kind === 'warranty' && r.vendorName === 'Dell Technologies')
    expect(dell?.serial).toBeTruthy()

    const soon = await client.vendors.renewals({ withinDays: 30 })
    expect(soon.renewals.length).toBeLessThan(renewals.length)
    expect(soon.renewals.every((r) => r.endsOn <= day(30))).toBe(true)
    const one = renewals[0]?.clientId ?? ''
    const mine = await client.vendors.renewals({ withinDays: 90, clientId: one })
    expect(mine.renewals.length).toBeGreaterThan(0)
    expect(mine.renewals.every((r) => r.clientId === one)).toBe(true)
    await expect(client.vendors.renewals({ withinDays: 45 as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })
})
