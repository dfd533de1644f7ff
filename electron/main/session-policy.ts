import type { Session } from 'electron';

/**
 * The app asks for no browser permission (camera, notifications, clipboard, geolocation…):
 * every request is denied, and every check answers no, so no API even reports one as granted.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
