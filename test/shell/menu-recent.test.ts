import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({}));
const { menuTemplate } = await import('../../electron/main/menu');
const { quitQuestion } = await import('../../electron/main/quit-guard');
const { windowTitle } = await import('../../electron/main/window-title');

const submenu = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];

describe('the menu', () => {
  it('lists at most ten recent workspaces, shows ampersands as written, and greys out missing files', () => {
    const opened: string[] = [];
    const recent = Array.from({ length: 12 }, (_, i) => ({ path: `/w/R&D ${i}.rscw`, name: `R&D ${i}`, exists: i !== 1 }));
    const menu = menuTemplate(() => undefined, false, () => undefined, {
      recent,
      openRecent: (p) => opened.push(p),
      clearRecent: () => undefined,
      revealLog: () => undefined,
    });
    const items = submenu(submenu(menu, '&File'), 'Open Recent');
    expect(items).toHaveLength(12); // ten workspaces, a separator, Clear
    expect(items[0]).toMatchObject({ label: 'R&&D 0 — R&&D 0.rscw', enabled: true });
    expect(items[1].enabled).toBe(false);
    (items[2].click as () => void)();
    expect(opened).toEqual(['/w/R&D 2.rscw']);
  });

  it('names the workspace in the title and the running job in the quit question', () => {
    expect(windowTitle(null)).toBe('RSC Workbench');
    expect(windowTitle({ name: 'Contoso' })).toBe('Contoso — RSC Workbench');
    const job = (title: string) => ({ jobId: title, kind: 'import' as const, title, startedAt: 0, state: 'running' as const });
    expect(quitQuestion([job('Importing jobs.xlsx'), job('Checking')]).message).toBe('“Importing jobs.xlsx” is still running and 1 more queued. Quit anyway?');
  });
});
