/**
 * The one Electron IPC channel RPC messages travel on, in both directions. Kept in its own
 * dependency-free file so the sandboxed preload bundle stays a few lines long.
 */
export const IPC_CHANNEL = 'switchboard:rpc'
