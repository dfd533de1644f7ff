import type { ContractClient } from '../../../shared/contract';
import { IpcClient } from './ipc-client';
import { WebSocketClient } from './ws-client';
import { browserPlatform, electronPlatform, type Platform } from './platform';
import { takeWebToken } from './web-token';

export interface Connection {
  client: ContractClient;
  platform: Platform;
}

let dataDir = '';
/** The app's data folder, learnt from app:info; the browser platform saves exports under it. */
export function setDataDir(dir: string) {
  dataDir = dir;
}

/** Picks the transport: the preload bridge inside Electron, else the WebSocket bridge of `npm run web`. */
export function connect(): Connection {
  if (window.rscw) return { client: new IpcClient(window.rscw), platform: electronPlatform(window.rscw) };
  const token = takeWebToken();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  return { client: new WebSocketClient(url), platform: browserPlatform(token, () => `${dataDir}/exports`) };
}
