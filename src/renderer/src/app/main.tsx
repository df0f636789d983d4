/**
 * The renderer's entry. The boot frame in index.html paints first; only then is the app's code
 * evaluated (the contract's schemas, React, the first page), which takes a few hundred ms on a
 * slow machine, during which the window would otherwise stay blank.
 */
import './styles.css'

requestAnimationFrame(() => {
  setTimeout(() => {
    import('./start').catch((error: unknown) => {
      const root = document.getElementById('root')
      if (root) root.textContent = `Switchboard could not start: ${String(error)}`
      throw error
    })
  }, 0)
})
