/**
 * Issue 16's two technicians: each with their own installation (headless host + Chromium
 * context), signed in to one real team server. Tess's installation reaches the server through
 * a proxy the test cuts and restores; Theo's goes straight there.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { TestOutbox } from '../src/server/testing/ticket-mutations'
import type { PushResponse } from '../src/shared/sync/protocol'
import {
  expect,
  expectSynced,
  openSyncPopover,
  openTicket,
  signInThroughUi,
  test,
} from './team-fixtures'

const SUBJECT = 'Printer on the second floor offline'
const TESS_SUBJECT = 'Printer on the second floor offline (toner replaced)'
const TESS_NOTE = 'On site without network: replaced the toner, the queue is still stuck.'
const SCREENSHOTS = '.scratch'

const statusOf = (page: Page) => page.getByLabel('Status', { exact: true })
const noteFrom = (page: Page, author: string) =>
  page.getByRole('article', { name: `Internal note by ${author}` })

test('two technicians: one works offline, both converge, the conflict goes to her and she resolves it', async ({
  team,
}) => {
  test.setTimeout(240_000)
  const { server } = team

  // ---- the team as its admin set it up: one client, two technicians on it, one ticket ----
  const clientId = randomUUID()
  await server.request('POST', '/v1/clients', { body: { id: clientId, name: 'Northwind Dental' } })
  const tess = await server.addTechnician({
    name: 'Tess',
    role: 'technician',
    clientIds: [clientId],
  })
  const theo = await server.addTechnician({
    name: 'Theo',
    role: 'technician',
    clientIds: [clientId],
  })
  // What the admin's installation would push: the client's record, then a ticket for it.
  const outbox = new TestOutbox('Ada Admin')
  const mutations = [
    outbox.put('client', clientId, clientId, {
      name: 'Northwind Dental',
      shortCode: 'NWD',
      contractTier: 'Standard',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 1440,
    }),
    outbox.create(clientId, SUBJECT),
  ]
  const pushed = await server.request<PushResponse>('POST', '/v1/sync/push', {
    body: { mutations },
  })
  expect(pushed.outcomes).toEqual(
    mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' })),
  )

  // ---- Tess behind a network the test controls, Theo straight to the server ----
  const proxy = await team.proxy()
  const [tessApp, theoApp] = await Promise.all([team.installation(), team.installation()])
  const a = tessApp.page
  const b = theoApp.page
  await signInThroughUi(a, { url: proxy.url(), email: tess.email })
  await signInThroughUi(b, { url: server.url, email: theo.email })
  for (const [page, name] of [
    [a, 'Tess'],
    [b, 'Theo'],
  ] as const) {
    await expectSynced(page)
    const popover = await openSyncPopover(page)
    await expect(popover).toContainText(`Signed in as${name} (technician)`)
    await page.keyboard.press('Escape')
    await expect(popover).toBeHidden()
    // The status bar names the technician as the team knows them, not this computer's user.
    await expect(page.getByRole('contentinfo').getByText(name, { exact: true })).toBeVisible()
    await openTicket(page, SUBJECT)
  }

  // ---- the assignee comes from the team's technicians, not free text ----
  const assignee = b.getByLabel('Assignee')
  const listId = await assignee.getAttribute('list')
  const offered = b.locator(`datalist[id="${listId}"] option`)
  // Until the team's directory has loaded, the list holds the names this installation has seen.
  await expect
    .poll(() =>
      offered.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    )
    .toEqual(['Ada Admin', 'Tess', 'Theo'])
  await assignee.fill('Tess Somebody')
  await expect(b.getByText('Not on the team: choose a name from the list.')).toBeVisible()
  await expect(b.getByRole('button', { name: 'Assign', exact: true })).toBeDisabled()
  await assignee.fill('Tess')
  await b.getByRole('button', { name: 'Assign', exact: true }).click()
  await expect(b.getByLabel('Assignee')).toHaveValue('Tess')
  // Reaches Tess by the server's poke, with nobody pressing Sync.
  await expect(a.getByLabel('Assignee')).toHaveValue('Tess', { timeout: 20_000 })

  // ---- Tess loses the network and works on: subject, status and a note ----
  proxy.cut()
  await a.getByRole('button', { name: 'Edit', exact: true }).click()
  const edit = a.getByRole('dialog', { name: /^Edit / })
  await edit.getByLabel('Subject').fill(TESS_SUBJECT)
  await edit.getByRole('button', { name: /^Save/ }).click()
  await expect(edit).toBeHidden()
  await statusOf(a).selectOption('waiting-customer')
  await a.getByLabel('New note').fill(TESS_NOTE)
  await a.getByRole('button', { name: 'Add internal note' }).click()
  await expect(noteFrom(a, 'Tess')).toContainText(TESS_NOTE)
  const chipA = a.getByTestId('sync-status')
  await expect(chipA).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
  await expect(chipA).toContainText('Sync: offline · 3 not yet synced', { timeout: 20_000 })

  // ---- meanwhile Theo, online, moves the same ticket on ----
  await statusOf(b).selectOption('in-progress')
  await expectSynced(b)
  await expect(b.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible()
  await expect(noteFrom(b, 'Tess')).toHaveCount(0)

  // ---- Tess's network comes back: her installation syncs by itself ----
  proxy.restore()
  await expectSynced(a, 90_000)
  await expect(chipA).toContainText('1 conflict')

  // Both see the converged ticket: her subject and note, his status (hers was stale).
  for (const page of [a, b]) {
    await expect(page.getByRole('heading', { level: 1, name: TESS_SUBJECT })).toBeVisible({
      timeout: 20_000,
    })
    await expect(noteFrom(page, 'Tess')).toContainText(TESS_NOTE)
    await expect(statusOf(page)).toHaveValue('in-progress')
    await expect(page.getByLabel('Assignee')).toHaveValue('Tess')
    await expect(
      page.locator('.tk-header').getByRole('link', { name: 'Northwind Dental' }),
    ).toBeVisible()
    await expect(page.locator('.tk-header').getByTestId('not-synced')).toHaveCount(0)
  }

  // ---- the conflict is Tess's alone ----
  const popoverA = await openSyncPopover(a)
  mkdirSync(SCREENSHOTS, { recursive: true })
  await a.locator('main#main').evaluate((main) => main.scrollTo(0, 0))
  await a.screenshot({ path: `${SCREENSHOTS}/team-sync-popover.png` })
  await popoverA.getByTestId('sync-inbox-link').click()
  await expect(a.getByRole('heading', { level: 1, name: 'Sync conflicts' })).toBeVisible()
  const conflict = a.getByTestId('sync-conflict')
  await expect(conflict).toHaveCount(1)
  await expect(conflict).toContainText(SUBJECT.slice(0, 10))
  await expect(conflict).toContainText(
    /Theo set Status to In progress at \d{1,2}:\d{2}.* while you were offline; your change to Waiting on customer was not applied\./,
  )
  await a.screenshot({ path: `${SCREENSHOTS}/team-sync-conflicts.png` })

  const popoverB = await openSyncPopover(b)
  await popoverB.getByRole('link', { name: 'Conflicts and refused changes' }).click()
  await expect(b.getByRole('heading', { level: 1, name: 'Sync conflicts' })).toBeVisible()
  await expect(b.getByText(/^No conflicts\./)).toBeVisible()

  // ---- she keeps her own value; it reaches Theo too ----
  await conflict.getByRole('button', { name: 'Apply mine' }).click()
  await expect(conflict).toHaveCount(0)
  await expect(a.getByText(/^No conflicts\./)).toBeVisible()
  await expectSynced(a)
  await expect(chipA).not.toContainText('conflict')
  await openTicket(a, TESS_SUBJECT)
  await openTicket(b, TESS_SUBJECT)
  for (const page of [a, b]) {
    await expect(statusOf(page)).toHaveValue('waiting-customer', { timeout: 20_000 })
    await expect(noteFrom(page, 'Tess')).toContainText(TESS_NOTE)
  }
  await a.screenshot({ path: `${SCREENSHOTS}/team-sync-ticket-tess.png` })
  await b.screenshot({ path: `${SCREENSHOTS}/team-sync-ticket-theo.png` })
})
