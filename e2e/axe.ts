import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** WCAG 2.1 A and AA, as axe-core checks them on a rendered page. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** The rule, its impact and the first few elements that break it, for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
        .join('\n'),
  )
}

/**
 * Checks the page as it is now; a soft expectation, so one run lists every place that fails.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect.soft(await violations(page), `accessibility of ${where}`).toEqual([])
}
