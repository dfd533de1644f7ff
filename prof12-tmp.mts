for (const N of [1000, 100000, 400000]) {
  const keys = Array.from({ length: N }, (_, i) => JSON.parse(JSON.stringify({ k: `JOB-${i}` })).k as string);
  const probes = Array.from({ length: N }, (_, i) => JSON.parse(JSON.stringify({ k: `JOB-${(i * 7919) % N}` })).k as string);
  const m = new Map<string, number>();
  let t = performance.now(); for (let i = 0; i < N; i++) m.set(keys[i], i); const a = (performance.now() - t) / N * 1e6;
  t = performance.now(); let h = 0; for (let r = 0; r < 3; r++) for (let i = 0; i < N; i++) if (m.has(probes[i])) h++; const b = (performance.now() - t) / N / 3 * 1e6;
  const o: Record<string, number> = Object.create(null);
  t = performance.now(); for (let i = 0; i < N; i++) o[keys[i]] = i; const c = (performance.now() - t) / N * 1e6;
  t = performance.now(); for (let r = 0; r < 3; r++) for (let i = 0; i < N; i++) if (o[probes[i]] !== undefined) h++; const d = (performance.now() - t) / N / 3 * 1e6;
  console.log(N, 'map set ns', a.toFixed(0), 'has ns', b.toFixed(0), '| obj set', c.toFixed(0), 'get', d.toFixed(0));
}
