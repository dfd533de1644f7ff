const KEY = 'rscw.webToken';

/**
 * The `npm run web` access token arrives once, in the address the server printed. It is kept in
 * this tab's session storage (a reload still works; a new tab needs the printed address again)
 * and dropped from the address at once, so it stays out of the address bar and the history.
 */
export function takeWebToken(): string {
  const params = new URLSearchParams(location.search);
  const given = params.get('token');
  if (given !== null) {
    sessionStorage.setItem(KEY, given);
    params.delete('token');
    const search = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  }
  return given ?? sessionStorage.getItem(KEY) ?? '';
}
