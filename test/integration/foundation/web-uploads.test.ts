import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { Backend } from '../../../electron/core/backend';
import { startWebServer } from '../../../electron/core/transport/ws-server';
import { PATH_METHODS } from '../../../electron/core/transport/path-fields';
import { webPathPolicy } from '../../../electron/core/transport/web-path-policy';
import { UploadStore } from '../../../electron/core/transport/upload-store';
import { attachmentDisposition } from '../../../electron/core/transport/content-disposition';
import { methods } from '../../../shared/contract';
import { tempDir } from '../../support/temp';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('web uploads and paths', () => {
  it('stops a chunked upload (no declared length) as soon as it passes the limit, and keeps nothing', async () => {
    const dir = tempDir();
    const backend = new Backend({ transport: 'websocket', dataDir: dir, resourcesDir: RESOURCES, jobMode: 'inline' });
    cleanups.push(() => backend.close());
    mkdirSync(join(dir, 'static'));
    const server = await startWebServer({ backend, staticDir: join(dir, 'static'), uploadDir: join(dir, 'uploads'), maxUploadBytes: 64 * 1024 });
    cleanups.push(() => server.close());
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/upload?token=${server.token}&name=big.csv`,
          headers: { origin: `http://127.0.0.1:${server.port}`, 'transfer-encoding': 'chunked' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      // Keeps sending until the server answers: it must not wait for the end.
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = () => {
        if (req.destroyed) return;
        while (req.write(chunk));
        req.once('drain', pump);
      };
      pump();
    });
    expect(status).toBe(413);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
  });

  it('knows every contract method whose input names a path', () => {
    const named = Object.entries(methods)
      .filter(([, def]) => {
        const shape = (def.input as unknown as { shape?: Record<string, unknown> }).shape;
        return shape && ('path' in shape || 'folder' in shape || 'files' in shape);
      })
      .map(([name]) => name);
    expect([...PATH_METHODS].sort()).toEqual(named.sort());
  });

  it('reads only uploaded resume files, and keeps each one it attaches out of the uploads that are cleared', () => {
    const dir = tempDir();
    const uploads = new UploadStore(join(dir, 'uploads'));
    const roots = { read: [uploads.root], write: [join(dir, 'exports')], workspace: [join(dir, 'workspaces')], resumes: join(dir, 'resumes') };
    const policy = webPathPolicy(roots, uploads);
    const uploaded = (folder: string, name: string) => {
      mkdirSync(join(uploads.root, folder), { recursive: true });
      writeFileSync(join(uploads.root, folder, name), '%PDF-1.4');
      return join(uploads.root, folder, name);
    };
    const a = uploaded('u1', 'A-1.pdf');
    const b = uploaded('u2', 'A-2.pdf');

    const refused = policy('resumes:attach', { files: [a, '/etc/passwd'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(existsSync(a)).toBe(true);

    const allowed = policy('resumes:attach', { files: [a, b] });
    expect(allowed.ok).toBe(true);
    const files = (allowed as { input: { files: string[] } }).input.files;
    expect(files.map((f) => f.startsWith(join(dir, 'resumes')))).toEqual([true, true]);
    expect(files.every((f) => existsSync(f))).toBe(true);
    uploads.purge();
    expect(files.every((f) => existsSync(f))).toBe(true);
  });

  it('gives any file name an RFC 6266 Content-Disposition', () => {
    expect(attachmentDisposition('Acme — Greenhouse.xlsx')).toBe(
      `attachment; filename="Acme _ Greenhouse.xlsx"; filename*=UTF-8''Acme%20%E2%80%94%20Greenhouse.xlsx`,
    );
    expect(attachmentDisposition('Café "it\'s".csv')).toBe(
      `attachment; filename="Cafe _it's_.csv"; filename*=UTF-8''Caf%C3%A9%20%22it%27s%22.csv`,
    );
  });
});
