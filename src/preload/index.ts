import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { SwitchboardBridge } from '../shared/rpc/channel'
import { IPC_CHANNEL } from '../shared/rpc/ipc-channel'

// A pipe and nothing more: the page gets send/onMessage on one channel. It never sees
// ipcRenderer or the IpcRendererEvent (whose `sender` would hand it ipcRenderer back).
const bridge: SwitchboardBridge = {
  send(message) {
    ipcRenderer.send(IPC_CHANNEL, message)
  },
  onMessage(listener) {
    if (typeof listener !== 'function') throw new TypeError('onMessage needs a function')
    const relay = (_event: IpcRendererEvent, message: unknown): void => listener(message)
    ipcRenderer.on(IPC_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL, relay)
    }
  },
}

contextBridge.exposeInMainWorld('switchboard', bridge)
