import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import StartView from './views/StartView.vue';
import ImportView from './views/ImportView.vue';
import ResumesView from './views/ResumesView.vue';
import RecordsView from './views/RecordsView.vue';
import DashboardView from './views/DashboardView.vue';
import SyncView from './views/SyncView.vue';
import ReconcileView from './views/ReconcileView.vue';
import LogView from './views/LogView.vue';
import ExportView from './views/ExportView.vue';
import RulesView from './views/RulesView.vue';
import SettingsView from './views/SettingsView.vue';

export interface NavItem {
  path: string;
  label: string;
  icon: string;
}

// The navigation, in order; Ctrl/Cmd+1…9 jump to the first nine.
export const NAV: NavItem[] = [
  { path: '/', label: 'Workspace', icon: '⌂' },
  { path: '/dashboard', label: 'Dashboard', icon: '◔' },
  { path: '/import', label: 'Import', icon: '⤓' },
  { path: '/records', label: 'Records', icon: '▦' },
  { path: '/sync', label: 'Sync', icon: '⇅' },
  { path: '/reconcile', label: 'Reconcile', icon: '⇄' },
  { path: '/log', label: 'Log', icon: '≡' },
  { path: '/export', label: 'Export', icon: '⤒' },
  { path: '/rules', label: 'Rules', icon: '§' },
  { path: '/settings', label: 'Settings', icon: '⚙' },
];

export interface SidebarItem extends NavItem {
  /** Its Ctrl/Cmd+digit, or null for a page listed without one. */
  shortcut: number | null;
}

/** The sidebar: the navigation, with Resumes beside Import (Ctrl+1…9 go to the first nine; Resumes has none). */
export const SIDEBAR: SidebarItem[] = NAV.flatMap((item, i): SidebarItem[] => {
  const entry = { ...item, shortcut: i < 9 ? i + 1 : null };
  return item.path === '/import' ? [entry, { path: '/resumes', label: 'Resumes', icon: '▤', shortcut: null }] : [entry];
});

const routes: RouteRecordRaw[] = [
  { path: '/', component: StartView },
  { path: '/dashboard', component: DashboardView },
  { path: '/import', component: ImportView },
  { path: '/resumes', component: ResumesView },
  { path: '/records', component: RecordsView },
  { path: '/sync', component: SyncView },
  { path: '/reconcile', component: ReconcileView },
  { path: '/log', component: LogView },
  { path: '/export', component: ExportView },
  { path: '/rules', component: RulesView },
  { path: '/settings', component: SettingsView },
];

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
