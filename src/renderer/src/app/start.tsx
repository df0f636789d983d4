import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Router } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { contract } from '@shared/contract'
import { createRpcClient } from '@shared/rpc/client'
import { RpcProvider, useTokenProblem } from '../api/rpc'
import { pickTransport } from '../transport/pick-transport'
import { AccessTokenPage } from './AccessTokenPage'
import { Shell } from './Shell'
import { useShell } from './ui-store'

const transport = pickTransport()
const { client } = createRpcClient(contract, transport.channel)

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
  // Failed writes are never silent: the technician sees why, in words from the host.
  mutationCache: new MutationCache({
    onError: (error) => useShell.getState().notify('error', error.message),
  }),
})

function App() {
  const tokenProblem = useTokenProblem()
  return tokenProblem ? <AccessTokenPage problem={tokenProblem} /> : <Shell />
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <RpcProvider value={{ client, transport }}>
      <QueryClientProvider client={queryClient}>
        <Router hook={useHashLocation}>
          <App />
        </Router>
      </QueryClientProvider>
    </RpcProvider>
  </StrictMode>,
)
