import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { METHOD_NAMES } from '../../shared/contract';
import type { ContractError } from '../../shared/contract/define';
import type { Backend, CallResult } from '../core/backend';

export const EVENT_CHANNEL = 'rscw:event';

/** Channel of one contract method; the preload names the same channels. */
export function channelOf(method: string): string {
  return `rscw:call:${method}`;
}

/**
 * Binds every contract method to its own IPC channel. The sender check lives here once rather
 * than in each handler: only our window's main frame, loaded from our own files, may call.
 * Input validation is the backend's (zod, from the contract).
 */
export function bindContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  backend: Pick<Backend, 'call'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  /** Refuses a call whose input the sender may not pass (a path it was never given); null lets it through. */
  refuseInput: (event: IpcMainInvokeEvent, method: string, input: unknown) => ContractError | null = () => null,
): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), async (event, input: unknown): Promise<CallResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not call the backend.' } };
      }
      const refused = refuseInput(event, name, input);
      if (refused) return { ok: false, error: refused };
      return backend.call(name, input);
    });
  }
  return () => METHOD_NAMES.forEach((n) => ipcMain.removeHandler(channelOf(n)));
}

/** A sender is trusted when it is the app window's main frame showing the app's own page. */
export function trustedSenderCheck(getWindowContents: () => WebContents | null, isAppUrl: (url: string) => boolean) {
  return (event: IpcMainInvokeEvent): boolean => {
    const contents = getWindowContents();
    if (!contents || event.sender !== contents) return false;
    const frame = event.senderFrame;
    return !!frame && frame === contents.mainFrame && isAppUrl(frame.url);
  };
}
