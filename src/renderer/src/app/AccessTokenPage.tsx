import type { TokenProblem } from '../transport/pick-transport'

const why: Record<TokenProblem, string> = {
  missing: 'This address has no access token, so the page cannot reach Switchboard.',
  refused:
    'Switchboard did not accept the access token this page was opened with: it was mistyped, ' +
    'or it is from an earlier launch (every launch makes a new one).',
}

/**
 * Shown in place of the app when browser mode cannot connect for want of its token, which
 * would otherwise leave every page loading. It never shows a token: the one it has is wrong.
 */
export function AccessTokenPage({ problem }: { problem: TokenProblem }) {
  return (
    <main className="token-page" aria-labelledby="token-page-title">
      <h1 id="token-page-title" className="token-page__title">
        This page needs the link with its access token
      </h1>
      <p>{why[problem]}</p>
      <p>
        <code>npm run web</code> prints the link in the terminal where it runs, on the line that
        starts with <code>Open:</code>. Open that link, in this tab or a new one.
      </p>
    </main>
  )
}
