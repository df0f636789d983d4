import type { Locator, Page } from '@playwright/test'
import { THIS_MACHINE } from '../src/main/services/inventory/sample/sample-workspace'
import {
  canRunSshd,
  startSshd,
  TEST_PASSWORD,
  TEST_USER,
  type TestSshd,
} from '../src/main/testing/sshd'
import { expect, test } from './fixtures'

const cannotRunSshd = canRunSshd()

const NOTE = 'Checked the event log: the print spooler crashed twice overnight.'
const COMMAND = 'echo ticket-work-$((6*7))'

/** The newest terminal, by its stable test hook. */
const lastTerminal = (page: Page): Locator => page.locator('[data-testid^="terminal-"]').last()

async function screenText(terminal: Locator): Promise<string> {
  return (await terminal.locator('.xterm-rows > div').allTextContents()).join('\n')
}

/** Opens the sample workspace from the first-start offer on Devices. */
async function openSample(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await page.getByRole('button', { name: 'Open sample workspace' }).click()
  const opened = page.getByRole('status').filter({ hasText: /Sample workspace opened/ })
  await expect(opened).toBeVisible({ timeout: 30_000 })
  // Out of the way of the ticket page's side column.
  await opened.getByRole('button', { name: 'Dismiss' }).click()
}

/** Goes to Tickets and opens a queue by its name in the sidebar. */
async function openQueue(page: Page, name: RegExp): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  await page
    .getByRole('navigation', { name: 'Ticket queues' })
    .getByRole('button', { name })
    .click()
}

/** Points the sample's "this-machine" at the test sshd (no credential: the password is asked). */
async function pointThisMachineAt(page: Page, sshd: TestSshd): Promise<void> {
  await page.getByLabel('Search devices', { exact: true }).fill(THIS_MACHINE)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: THIS_MACHINE, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: THIS_MACHINE })).toBeVisible()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const edit = page.getByRole('dialog', { name: `Edit ${THIS_MACHINE}` })
  await edit.getByLabel('SSH host').fill('127.0.0.1')
  await edit.getByLabel('SSH port').fill(String(sshd.port))
  await edit.getByLabel('SSH user').fill(TEST_USER)
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
}

/** What must still be on the ticket page after the changes (and after reloads and restarts). */
async function expectTicketWork(page: Page, subject: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible({
    timeout: 15_000,
  })
  const note = page.getByRole('article', { name: /^Internal note by / })
  await expect(note).toContainText(NOTE)
  await expect(note.getByTestId('not-synced')).toBeVisible()
  const time = page.getByRole('article', { name: 'Time entry 25m' })
  await expect(time).toBeVisible()
  await expect(time.getByTestId('not-synced')).toBeVisible()
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('waiting-customer')
  await expectSlaPaused(page)
  // The ticket itself is marked too, in its header.
  await expect(page.locator('.tk-header').getByTestId('not-synced')).toBeVisible()
  await expect(page.getByTestId('running-timer')).toBeVisible()
}

/** Waiting on the customer: first response met by leaving New, the other two clocks paused. */
async function expectSlaPaused(page: Page): Promise<void> {
  const clocks = page.getByRole('list', { name: 'SLA clocks' })
  await expect(page.getByTestId('sla-paused')).toBeVisible()
  await expect(clocks.locator('[data-milestone="firstResponse"]')).toHaveAttribute(
    'data-state',
    'met',
  )
  for (const milestone of ['resolutionPlan', 'resolved']) {
    const clock = clocks.locator(`[data-milestone="${milestone}"]`)
    await expect(clock).toHaveAttribute('data-state', 'paused')
    await expect(clock).toContainText(/Paused · .+ left/)
  }
}

test.describe('Tickets', () => {
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')
  let sshd: TestSshd

  test.beforeEach(async () => {
    sshd = await startSshd()
  })
  test.afterEach(async () => {
    await sshd?.stop()
  })

  test('a ticket from a device, worked offline, kept across reload and restart, and a session logged on it', async ({
    app,
  }) => {
    test.setTimeout(180_000)
    const { page } = app
    // Nothing here needs a team server: none is configured, and the status bar says so.
    const sync = page.getByTestId('sync-status')
    await expect(sync).toHaveAttribute('data-state', 'not-configured')
    await expect(sync).toContainText('no team server')

    await openSample(page)
    await pointThisMachineAt(page, sshd)

    // ---- a new ticket from the device page: client and device are filled in ----
    await page.getByRole('tab', { name: 'Tickets' }).click()
    await page.getByRole('button', { name: 'New ticket' }).click()
    const create = page.getByRole('dialog', { name: 'New ticket' })
    await expect(create.getByTestId('chosen-client')).toHaveText(/Switchboard Lab/)
    await expect(create.getByText(THIS_MACHINE, { exact: true })).toBeVisible()
    const subject = `Print spooler keeps stopping ${Date.now()}`
    await create.getByLabel('Subject').fill(subject)
    await create.getByLabel('Description').fill('Users on the second floor cannot print.')
    await create.getByLabel('Urgency').selectOption('high')
    await expect(create.getByTestId('priority-preview')).toHaveText('P2 · High')
    // Main refuses a bad email, naming the field; nothing typed is lost.
    await create.getByLabel('Email').fill('dana.example.com')
    await create.getByRole('button', { name: 'Create ticket' }).click()
    await expect(create.getByRole('alert')).toContainText('contact.email: Not an email address')
    await expect(create.getByLabel('Subject')).toHaveValue(subject)
    await create.getByLabel('Email').fill('dana@example.com')
    await create.getByRole('button', { name: 'Create ticket' }).click()
    await expect(create).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
    const number = (await page.getByTestId('ticket-number').textContent()) ?? ''
    expect(number).toMatch(/^T-[0-9A-Z]{4}-\d{4,}$/)
    // Beside it, the context panel: the lab client, with this ticket first among its open ones.
    const panel = page.getByRole('complementary', { name: 'Context panel' })
    await expect(panel.getByRole('region', { name: 'Client' })).toContainText('Switchboard Lab')
    await expect(panel.locator('a[aria-current="page"]')).toContainText(number)

    // ---- an internal note and 25 minutes of work ----
    await page.getByLabel('New note').fill(NOTE)
    await page.getByRole('button', { name: 'Add internal note' }).click()
    await expect(page.getByRole('article', { name: /^Internal note by / })).toContainText(NOTE)
    await expect(page.getByLabel('New note')).toHaveValue('')

    await page.getByRole('tab', { name: 'Log time' }).click()
    await page.getByRole('textbox', { name: 'Duration' }).fill('25m')
    await page.getByLabel('What was done').fill('Restarted the spooler, cleared the queue.')
    await page.getByRole('button', { name: 'Log time', exact: true }).click()
    await expect(page.getByRole('article', { name: 'Time entry 25m' })).toContainText(
      'Restarted the spooler',
    )
    // A work timer, which must outlive the restart below; the status bar shows it too.
    await page.getByRole('button', { name: 'Start timer' }).click()
    await expect(page.getByTestId('running-timer')).toBeVisible()
    await expect(
      page.getByRole('contentinfo').getByRole('button', { name: new RegExp(number) }),
    ).toBeVisible()

    // ---- only allowed moves are offered; waiting on the customer pauses the SLA ----
    const status = page.getByLabel('Status', { exact: true })
    await expect(status.locator('option[value="closed"]')).toHaveCount(1) // new → closed is allowed
    await status.selectOption('waiting-customer')
    await expectSlaPaused(page)
    // From waiting, a ticket cannot be closed (nor go back to new) without being resolved.
    await expect(status.locator('option[value="closed"]')).toHaveCount(0)
    await expect(status.locator('option[value="new"]')).toHaveCount(0)
    await expectTicketWork(page, subject)

    // ---- the queue marks it, and counts the changes not yet synced ----
    await openQueue(page, /^Waiting/)
    await page.getByLabel('Search tickets').fill(number)
    const row = page.getByRole('row').filter({ hasText: number })
    await expect(row).toHaveCount(1)
    await expect(row.getByTestId('not-synced')).toBeVisible()
    await expect(page.getByTestId('queue-pending')).toContainText(/\d+ changes not yet synced/)
    await expect(sync).toContainText(/not yet synced/)

    // ---- a reload, then a restart of the host on the same data: all still there ----
    await row.getByRole('link', { name: number }).click()
    await page.reload()
    await expectTicketWork(page, subject)

    await app.restart()
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
    await page.keyboard.press('Control+k')
    await page.getByPlaceholder('Type a command or search…').fill(number)
    // A whole ticket number typed: Enter goes there, with no arrow key first (issue 15 §2).
    await expect(page.getByRole('option', { name: `Go to ticket ${number}` })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await page.keyboard.press('Enter')
    await expectTicketWork(page, subject)

    // ---- SSH from the ticket: the session is bound to it ----
    await page.getByRole('button', { name: `SSH to ${THIS_MACHINE} for this ticket` }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible()
    await page.getByRole('button', { name: 'Trust once' }).click({ timeout: 15_000 })
    const prompt = page.getByRole('dialog', { name: /log in|password/i })
    await expect(prompt).toBeVisible({ timeout: 10_000 })
    await prompt.getByLabel(/password/i).fill(TEST_PASSWORD)
    await prompt.getByLabel(/password/i).press('Enter')
    const terminal = lastTerminal(page)
    await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 15_000 })
    await expect
      .poll(() => screenText(terminal), { timeout: 15_000 })
      .toMatch(new RegExp(`${TEST_USER}@[^:\\s]+:~\\$`))
    await terminal.click()
    await page.keyboard.type(COMMAND)
    await page.keyboard.press('Enter')
    await expect.poll(() => screenText(terminal)).toContain('ticket-work-42')

    // ---- closing it proposes the time entry, with the command and the recording ----
    await page.keyboard.type('exit')
    await page.keyboard.press('Enter')
    const review = page.getByRole('dialog', { name: `Log the session on ${number}` })
    await expect(review).toBeVisible({ timeout: 15_000 })
    await expect(review.getByLabel('Note')).toHaveValue(
      new RegExp(COMMAND.replace(/[$()*]/g, '\\$&')),
    )
    await expect(review.getByLabel('Note')).toHaveValue(new RegExp(THIS_MACHINE))
    await expect(review.getByRole('button', { name: 'Attached — play' })).toBeVisible()
    await expect(review.getByLabel('Work type')).toHaveValue('remote')
    await review.getByRole('button', { name: 'Log time entry' }).click()
    await expect(review).toBeHidden()

    // ---- back on the ticket: the entry is in the timeline with its recording ----
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
    const entries = page.getByTestId('timeline-time')
    await expect(entries).toHaveCount(2)
    const logged = entries.last()
    await expect(logged).toContainText(COMMAND)
    await expect(logged.getByTestId('not-synced')).toBeVisible()
    await logged.getByRole('button', { name: 'Play the session recording' }).click()
    const player = page.getByRole('dialog', { name: /^Recording: / })
    await expect(player).toBeVisible()
    await player.getByRole('button', { name: 'Close' }).click()
    const session = page.getByTestId('ticket-session')
    await expect(session).toHaveCount(1)
    await expect(session).toContainText('Time logged')

    // ---- the timer started before the restart becomes the third time entry ----
    await page.getByRole('button', { name: 'Stop and log' }).click()
    await expect(page.getByTestId('running-timer')).toHaveCount(0)
    await expect(entries).toHaveCount(3)
  })
})

test('the ticket list filters by several statuses and priorities at once', async ({ app }) => {
  const { page } = app
  await openSample(page)
  await openQueue(page, /^All open/)
  const filters = page.getByRole('group', { name: 'Ticket filters' })
  const rows = page.getByRole('row')
  const cellTexts = (cell: string) => rows.locator(cell).allTextContents()

  await filters.getByRole('button', { name: 'Status Any' }).click()
  const statuses = filters.getByRole('group', { name: 'Status', exact: true })
  await statuses.getByLabel('In progress').check()
  await statuses.getByLabel('Waiting on customer').check()
  await page.keyboard.press('Escape')
  await expect(statuses).toBeHidden()
  await expect(
    filters.getByRole('button', {
      name: /^Status 2 of \d+: In progress, Waiting on customer$/,
    }),
  ).toBeVisible()
  await expect(rows.locator('.tk-status__text').first()).toBeVisible()
  await expect
    .poll(async () => [...new Set(await cellTexts('.tk-status__text'))].sort())
    .toEqual(['In progress', 'Waiting on customer'])

  await filters.getByRole('button', { name: 'Priority Any' }).click()
  const priorities = filters.getByRole('group', { name: 'Priority', exact: true })
  await priorities.getByLabel('P1 · Critical').check()
  await priorities.getByLabel('P2 · High').check()
  await page.keyboard.press('Escape')
  await expect(filters.getByRole('button', { name: /^Priority 2 of 4: P1/ })).toContainText(
    '2 of 4',
  )
  await expect
    .poll(async () => {
      const shown = new Set(await cellTexts('.tk-priority'))
      return shown.size > 0 && [...shown].every((p) => p === 'P1' || p === 'P2')
    })
    .toBe(true)
  for (const status of await cellTexts('.tk-status__text')) {
    expect(['In progress', 'Waiting on customer']).toContain(status)
  }

  await filters.getByRole('button', { name: 'Clear 2 filters' }).click()
  await expect(filters.getByRole('button', { name: 'Status Any' })).toBeVisible()
  await expect(filters.getByRole('button', { name: 'Priority Any' })).toBeVisible()
})

test('"SLA at risk" lists the tickets by time left, breached first', async ({ app }) => {
  const { page } = app
  await openSample(page)
  await openQueue(page, /^SLA at risk/)
  const list = page.getByRole('table', { name: 'Tickets' })
  await expect(list.getByRole('columnheader', { name: /^SLA/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  const badges = list.locator('[data-sla-due]')
  await expect(badges.nth(2)).toBeVisible()
  const due = (await badges.evaluateAll((els) =>
    els.map((el) => Number(el.getAttribute('data-sla-due'))),
  )) as number[]
  expect(due).toEqual([...due].sort((a, b) => a - b))
  // Breached tickets (deadline passed) come before those still running out.
  const states = await list
    .locator('[data-sla-state]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-sla-state')))
  expect(states.slice(0, states.lastIndexOf('breached') + 1).every((s) => s === 'breached')).toBe(
    true,
  )
})
