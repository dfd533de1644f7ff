const N = 100000;
const objs = Array.from({ length: N }, (_, i) => JSON.stringify({ k: `A${i}`, d: 'x'.repeat(200) }));
for (let round = 0; round < 3; round++) {
  const m = new Map<string, number>();
  let t = performance.now();
  for (let i = 0; i < N; i++) { const o = JSON.parse(objs[i]); m.set(o.k, i); }
  const a = performance.now() - t; t = performance.now();
  let hits = 0;
  for (let i = 0; i < N; i++) { const o = JSON.parse(objs[i]); if (m.has(o.k)) hits++; }
  const b = performance.now() - t; t = performance.now();
  for (let i = 0; i < N; i++) JSON.parse(objs[i]);
  console.log('set', a.toFixed(0), 'has', b.toFixed(0), 'parse only', (performance.now() - t).toFixed(0), hits);
}
