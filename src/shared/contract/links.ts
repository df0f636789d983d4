import { z } from 'zod'
import { call } from '../rpc/define'

export const links = {
  open: call({
    doc: 'Opens an external link if it passes the allowlist (https, mailto, tel). In browser mode the renderer opens it after main has approved it.',
    input: z.object({ url: z.string().max(4096) }).strict(),
    output: z.object({ url: z.string(), openedBy: z.enum(['host', 'renderer']) }),
  }),
}
