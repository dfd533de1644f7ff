import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent, h, type Component } from 'vue';
import { afterEach } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { ContractFailure } from '../../../shared/contract/define';
import type { ContractClient, EventName, Input, MethodName, Output, Payload } from '../../../shared/contract';
import type { WorkspaceInfo } from '../../../shared/contract';
import type { Platform } from '../../../renderer/src/client/platform';
import { setConnection } from '../../../renderer/src/stores/connection';
import { useAppStore } from '../../../renderer/src/stores/app';

// Every mounted screen is unmounted after its test, so timers and DOM never leak into the next one.
enableAutoUnmount(afterEach);

type Handler<N extends MethodName> = (input: Input<N>) => Output<N> | Promise<Output<N>>;

/** A contract client whose methods the test answers; every call is recorded. */
export class FakeClient implements ContractClient {
  readonly calls: { name: MethodName; input: unknown }[] = [];
  private readonly handlers = new Map<MethodName, (input: unknown) => unknown>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  handle<N extends MethodName>(name: N, handler: Handler<N>): this {
    this.handlers.set(name, handler as (input: unknown) => unknown);
    return this;
  }

  fail(name: MethodName, code: string, message: string): this {
    this.handlers.set(name, () => {
      throw new ContractFailure(code, message);
    });
    return this;
  }

  async call<N extends MethodName>(name: N, input: Input<N>): Promise<Output<N>> {
    this.calls.push({ name, input });
    const handler = this.handlers.get(name);
    if (!handler) throw new ContractFailure('UNKNOWN_METHOD', `The fake has no answer for "${name}".`);
    return (await handler(input)) as Output<N>;
  }

  callsTo<N extends MethodName>(name: N): Input<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as Input<N>);
  }

  on<N extends EventName>(name: N, listener: (payload: Payload<N>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  emit<N extends EventName>(name: N, payload: Payload<N>) {
    for (const l of this.listeners.get(name) ?? []) l(payload);
  }
}

export interface FakePlatform extends Platform {
  saved: { title: string; defaultName: string; extensions: string[] }[];
  revealed: string[];
  nextSavePath: string | null;
}

export function fakePlatform(kind: Platform['kind'] = 'electron'): FakePlatform {
  const p: FakePlatform = {
    kind,
    saved: [],
    revealed: [],
    nextSavePath: '/tmp/out/export.xlsx',
    pickFiles: async () => [],
    pathsForFiles: async () => [],
    chooseSavePath: async (o) => {
      p.saved.push(o);
      return p.nextSavePath;
    },
    reveal: async (path) => {
      p.revealed.push(path);
    },
    pickFolder: async () => null,
  };
  return p;
}

export const WORKSPACE: WorkspaceInfo = { path: '/tmp/contoso.rscw', name: 'Contoso', createdAt: 1, timeZone: 'Europe/Berlin' };

export interface Harness {
  client: FakeClient;
  platform: FakePlatform;
  pinia: Pinia;
}

/** A fresh Pinia and a fake connection per test (Pinia's testing guide); optionally a workspace already open. */
export function setup(options: { workspace?: WorkspaceInfo | null; platform?: Platform['kind'] } = {}): Harness {
  const client = new FakeClient();
  const platform = fakePlatform(options.platform);
  setConnection({ client, platform });
  const pinia = createPinia();
  setActivePinia(pinia);
  const ws = options.workspace === undefined ? WORKSPACE : options.workspace;
  useAppStore().workspace = ws;
  return { client, platform, pinia };
}

const Blank = { render: () => h('div') };

/** Mounts a view at a route, with the real stores and a memory router whose other screens are blank. */
export async function mountView(view: Component, harness: Harness, at = '/') {
  const path = at.split('?')[0];
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path, component: view },
      ...['/', '/sync', '/log', '/settings', '/export', '/rules', '/import', '/records']
        .filter((p) => p !== path)
        .map((p) => ({ path: p, component: Blank })),
    ],
  });
  await router.push(at);
  await router.isReady();
  const Root = defineComponent({ render: () => h(RouterView) });
  const wrapper = mount(Root, { global: { plugins: [harness.pinia, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}
