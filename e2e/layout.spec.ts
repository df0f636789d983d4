import type { Locator, Page } from '@playwright/test'
import { THIS_MACHINE } from '../src/main/services/inventory/sample/sample-workspace'
import { expect, test } from './fixtures'

/** Enough notes that the ticket page is taller than the content pane, panel open or closed. */
const EXTRA_NOTES = 12

interface Box {
  x: number
  y: number
  width: number
  height: number
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${locator.toString()} has no box`)
  return box
}

const sectionsNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Sections' })
const topBar = (page: Page): Locator => page.locator('.topbar')
const contentPane = (page: Page): Locator => page.locator('#main')

/** Where the sidebar and the top bar stand when nothing has moved them. */
async function shellBoxes(page: Page): Promise<{ nav: Box; top: Box }> {
  return { nav: await boxOf(sectionsNav(page)), top: await boxOf(topBar(page)) }
}

/**
 * The window itself never scrolls: the document is exactly as tall as the window, it sits at
 * the top, and the sidebar and top bar are where they started.
 */
async function expectShellStill(
  page: Page,
  where: string,
  home: { nav: Box; top: Box },
): Promise<void> {
  const metrics = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    scrollX: window.scrollX,
  }))
  expect(metrics.scrollHeight, `document height ${where}`).toBe(metrics.innerHeight)
  expect(metrics.scrollWidth, `document width ${where}`).toBe(metrics.innerWidth)
  expect(metrics.scrollY, `window scrollY ${where}`).toBe(0)
  expect(metrics.scrollX, `window scrollX ${where}`).toBe(0)
  expect(await shellBoxes(page), `sidebar and top bar ${where}`).toEqual(home)
}

/** Turns the mouse wheel over the content pane until the pane stops moving, then once more. */
async function wheelThroughContent(page: Page, deltaY: number): Promise<void> {
  const pane = contentPane(page)
  const box = await boxOf(pane)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const atEnd = (): Promise<boolean> =>
    pane.evaluate(
      (main, down) =>
        down
          ? Math.ceil(main.scrollTop + main.clientHeight) >= main.scrollHeight
          : main.scrollTop === 0,
      deltaY > 0,
    )
  for (let turn = 0; turn < 20 && !(await atEnd()); turn++) {
    const before = await pane.evaluate((main) => main.scrollTop)
    await page.mouse.wheel(0, deltaY)
    // The wheel scrolls asynchronously (and maybe smoothly): wait until it has moved the pane.
    await expect.poll(() => pane.evaluate((main) => main.scrollTop)).not.toBe(before)
  }
  // At the end of the pane the browser hands further wheel turns to the window, if it can scroll.
  await page.mouse.wheel(0, deltaY)
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  )
}

/** Opens the sample workspace from the first-start offer on Devices. */
async function openSample(page: Page): Promise<void> {
  await sectionsNav(page).getByRole('link', { name: 'Devices' }).click()
  await page.getByRole('button', { name: 'Open sample workspace' }).click()
  const opened = page.getByRole('status').filter({ hasText: /Sample workspace opened/ })
  await expect(opened).toBeVisible({ timeout: 30_000 })
  await opened.getByRole('button', { name: 'Dismiss' }).click()
}

async function openQueue(page: Page, name: RegExp): Promise<void> {
  await sectionsNav(page).getByRole('link', { name: 'Tickets' }).click()
  await page
    .getByRole('navigation', { name: 'Ticket queues' })
    .getByRole('button', { name })
    .click()
  await expect(
    page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first(),
  ).toBeVisible()
}

/** Opens the first open ticket and writes notes on it until its page is long. */
async function openLongTicket(page: Page): Promise<string> {
  await openQueue(page, /^All open/)
  await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().click()
  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading).toBeVisible()
  const subject = (await heading.textContent()) ?? ''
  const note = page.getByLabel('New note')
  const notes = page.getByRole('article', { name: /^Internal note by / })
  const before = await notes.count()
  for (let index = 1; index <= EXTRA_NOTES; index++) {
    await note.fill(`Layout check note ${index}: still looking at the event log on this one.`)
    await page.getByRole('button', { name: 'Add internal note' }).click()
    await expect(notes).toHaveCount(before + index)
  }
  return subject
}

async function setPanel(page: Page, open: boolean): Promise<void> {
  const toggle = page.getByTitle(/^Context panel, beside/)
  if ((await toggle.getAttribute('aria-pressed')) !== String(open)) await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', String(open))
}

test.describe('The shell stays put', () => {
  test('the window never scrolls in any section or on a long ticket; only the content pane does', async ({
    app,
  }) => {
    test.setTimeout(120_000)
    const { page } = app
    await openSample(page)
    await setPanel(page, true)
    const home = await shellBoxes(page)
    await expectShellStill(page, 'after opening the sample', home)

    const links = sectionsNav(page).getByRole('link')
    const labels = (await links.allTextContents()).map((text) => text.replace(/Alt \d$/, ''))
    expect(labels.length).toBeGreaterThanOrEqual(5)
    for (const label of labels) {
      await sectionsNav(page).getByRole('link', { name: label }).click()
      await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
      await expectShellStill(page, `on ${label}`, home)
      await wheelThroughContent(page, 600)
      await expectShellStill(page, `on ${label} after the wheel`, home)
    }

    // A client's page has the context panel beside it.
    await sectionsNav(page).getByRole('link', { name: 'Clients' }).click()
    await page.getByRole('table', { name: 'Clients' }).getByRole('link').first().click()
    await expect(page.getByRole('complementary', { name: 'Context panel' })).toBeVisible()
    await wheelThroughContent(page, 600)
    await expectShellStill(page, 'on a client with the context panel', home)

    const subject = await openLongTicket(page)
    await expect(page.getByRole('complementary', { name: 'Context panel' })).toBeVisible()
    const pane = contentPane(page)
    expect(await pane.evaluate((main) => main.scrollHeight > main.clientHeight)).toBe(true)
    await expectShellStill(page, `on ${subject}`, home)
    await wheelThroughContent(page, 600)
    await expectShellStill(page, `on ${subject} after the wheel down`, home)

    const composer = page.getByRole('region', { name: 'Add to the ticket' })
    await composer.getByText('Customer-facing', { exact: true }).click()
    await expect(composer.getByRole('radio', { name: 'Customer-facing' })).toBeChecked()
    await expectShellStill(page, `on ${subject} after choosing Customer-facing`, home)
    await composer.getByText('Internal', { exact: true }).click()
    await expectShellStill(page, `on ${subject} after choosing Internal`, home)

    await wheelThroughContent(page, -600)
    await expectShellStill(page, `on ${subject} after the wheel up`, home)

    await setPanel(page, false)
    await wheelThroughContent(page, 600)
    await composer.getByText('Customer-facing', { exact: true }).click()
    await expectShellStill(page, `on ${subject} without the context panel`, home)
  })
})

/**
 * Every tab strip on the page scrolls sideways with no scrollbar (a classic one on a strip this
 * short is just its two arrow buttons) and no tab overhangs it, which would show a vertical one.
 */
async function expectBareTabStrips(page: Page, where: string): Promise<void> {
  const strips = page.getByRole('tablist')
  expect(await strips.count(), `tab strips ${where}`).toBeGreaterThan(0)
  for (const strip of await strips.all()) {
    const style = await strip.evaluate((element) => {
      const computed = getComputedStyle(element)
      return {
        name: element.getAttribute('aria-label'),
        scrollbarWidth: computed.scrollbarWidth,
        overflowX: computed.overflowX,
        overflowY: computed.overflowY,
        overhang: element.scrollHeight - element.clientHeight,
      }
    })
    expect(style, `tab strip ${where}`).toEqual({
      name: style.name,
      scrollbarWidth: 'none',
      overflowX: 'auto',
      overflowY: 'hidden',
      overhang: 0,
    })
  }
}

test('tab strips show no scroll arrows and still scroll by wheel and keyboard', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  await openSample(page)
  await setPanel(page, true)

  await sectionsNav(page).getByRole('link', { name: 'Sessions' }).click()
  await expect(page.getByRole('tablist', { name: 'Sessions views' })).toBeVisible()
  await expectBareTabStrips(page, 'on Sessions')

  await openQueue(page, /^All open/)
  await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().click()
  await expect(page.getByRole('tablist', { name: 'Add' })).toBeVisible()
  await expectBareTabStrips(page, 'on a ticket')

  // Narrow enough, with the context panel beside it, that a device's sections do not fit.
  await page.setViewportSize({ width: 1024, height: 900 })
  await sectionsNav(page).getByRole('link', { name: 'Devices' }).click()
  await page.getByLabel('Search devices', { exact: true }).fill(THIS_MACHINE)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: THIS_MACHINE, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: THIS_MACHINE })).toBeVisible()
  const strip = page.getByRole('tablist', { name: 'Device sections' })
  await expectBareTabStrips(page, 'on a device')
  expect(await strip.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)

  const pane = contentPane(page)
  const paneTop = await pane.evaluate((main) => main.scrollTop)
  const box = await boxOf(strip)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.wheel(0, 240)
  await expect.poll(() => strip.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
  expect(await pane.evaluate((main) => main.scrollTop)).toBe(paneTop)

  // The keyboard reaches the last tab (the arrows wrap around) and the strip scrolls it in.
  const inView = (tab: Locator) =>
    tab.evaluate((element) => {
      const outer = (element.closest('[role="tablist"]') as HTMLElement).getBoundingClientRect()
      const inner = element.getBoundingClientRect()
      return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5
    })
  await strip.getByRole('tab', { name: 'Overview' }).click()
  await strip.evaluate((element) => element.scrollTo({ left: 0 }))
  await page.keyboard.press('ArrowLeft')
  const last = strip.getByRole('tab', { name: 'Vendors' })
  await expect(last).toBeFocused()
  await expect.poll(() => inView(last)).toBe(true)
  await page.keyboard.press('ArrowRight')
  const first = strip.getByRole('tab', { name: 'Overview' })
  await expect(first).toBeFocused()
  await expect.poll(() => inView(first)).toBe(true)
})

const WIDTHS = [1280, 1440, 1920]

/**
 * Nothing in an SLA cell or a number cell (a number and its not-synced mark) is cut off: the
 * cell does not overflow and holds what is in it.
 */
async function queueCellsFit(page: Page): Promise<{ badges: string[]; cut: string[] }> {
  return page.getByRole('table', { name: 'Tickets' }).evaluate((table) => {
    const badges: string[] = []
    const cut: string[] = []
    const cells = table.querySelectorAll<HTMLElement>('.tk-cell--sla, .tk-cell--number')
    for (const cell of cells) {
      const outer = cell.getBoundingClientRect()
      const badge = cell.querySelector<HTMLElement>('.tk-sla')
      if (badge) badges.push(badge.textContent ?? '')
      const parts = [...cell.children] as HTMLElement[]
      const fits =
        cell.scrollWidth <= cell.clientWidth &&
        parts.every((part) => {
          const inner = part.getBoundingClientRect()
          return (
            part.scrollWidth <= part.clientWidth + 0.5 &&
            inner.left >= outer.left &&
            inner.right <= outer.right
          )
        })
      if (!fits)
        cut.push(`${cell.textContent ?? ''} (${cell.scrollWidth} px in ${cell.clientWidth} px)`)
    }
    return { badges, cut }
  })
}

test('a ticket and the queue fit 1280-1920 px wide windows with the context panel open or closed', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  await openSample(page)
  // A note written here marks its ticket (not yet synced) at the top of the queue.
  await openQueue(page, /^All open/)
  await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().click()
  await page.getByLabel('New note').fill('Checked the RAID controller log.')
  await page.getByRole('button', { name: 'Add internal note' }).click()
  await expect(page.getByRole('article', { name: /^Internal note by / }).last()).toContainText(
    'RAID controller log',
  )

  for (const open of [true, false]) {
    await setPanel(page, open)
    for (const width of WIDTHS) {
      const where = `at ${width} px, context panel ${open ? 'open' : 'closed'}`
      await page.setViewportSize({ width, height: 900 })
      for (const queue of [/^All tickets/, /^SLA at risk/]) {
        await openQueue(page, queue)
        const { badges, cut } = await queueCellsFit(page)
        expect(badges.length, `SLA badges in ${queue.source} ${where}`).toBeGreaterThan(5)
        expect(cut, `cells cut in ${queue.source} ${where}`).toEqual([])
      }
      // A subject that has to ellipsize keeps its whole text in its tooltip.
      for (const subject of await page.locator('.tk-subject').all()) {
        expect(await subject.getAttribute('title')).toBe(await subject.textContent())
      }
    }
  }

  // A ticket with a real timeline (from the sample), as it opens.
  await openQueue(page, /^All open/)
  await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const controls = {
    Status: page.getByLabel('Status', { exact: true }),
    Priority: page.getByLabel('Priority', { exact: true }),
    SLA: page.getByRole('list', { name: 'SLA clocks' }),
  }
  const composer = page.getByRole('region', { name: 'Add to the ticket' })
  for (const open of [true, false]) {
    await setPanel(page, open)
    await expect(page.getByRole('complementary', { name: 'Context panel' })).toBeVisible({
      visible: open,
    })
    for (const width of WIDTHS) {
      const where = `at ${width} px, context panel ${open ? 'open' : 'closed'}`
      await page.setViewportSize({ width, height: 900 })
      await contentPane(page).evaluate((main) => main.scrollTo(0, 0))
      const pane = await boxOf(contentPane(page))
      const note = await boxOf(composer)
      for (const [name, control] of Object.entries(controls)) {
        const box = await boxOf(control)
        expect(box.y, `${name} below the top of the content pane ${where}`).toBeGreaterThanOrEqual(
          pane.y,
        )
        expect(
          box.y + box.height,
          `${name} visible without scrolling ${where}`,
        ).toBeLessThanOrEqual(pane.y + pane.height)
        expect(box.x + box.width, `${name} within the window ${where}`).toBeLessThanOrEqual(width)
        expect(box.y + box.height, `${name} above the note box ${where}`).toBeLessThanOrEqual(
          note.y,
        )
      }
    }
  }
})

test.describe('docs screenshot', () => {
  test.skip(
    !process.env.SWITCHBOARD_DOCS,
    'set SWITCHBOARD_DOCS=1 to regenerate docs/ticket-context-1440.png',
  )

  test('docs/ticket-context-1440.png', async ({ app }) => {
    test.setTimeout(60_000)
    const { page } = app
    await page.setViewportSize({ width: 1440, height: 900 })
    await openSample(page)
    await setPanel(page, true)
    await openQueue(page, /^All open/)
    await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('complementary', { name: 'Context panel' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'SLA clocks' })).toBeVisible()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: 'docs/ticket-context-1440.png' })
  })
})
