const N = 100000;
const objs = Array.from({ length: N }, (_, i) => JSON.stringify({ k: `A${i}`, d: 'x'.repeat(200) }));
const parsed = objs.map(o => JSON.parse(o));
function bench(label: string, keyOf: (i: number) => string) {
  const m = new Map<string, number>();
  let t = performance.now();
  for (let i = 0; i < N; i++) m.set(keyOf(i), i);
  const a = performance.now() - t; t = performance.now();
  let hits = 0; for (let i = 0; i < N; i++) if (m.has(keyOf(i))) hits++;
  console.log(label, 'set', a.toFixed(0), 'has', (performance.now() - t).toFixed(0));
}
for (let r = 0; r < 2; r++) {
bench('template', (i) => `A${i}`);
bench('preparsed', (i) => parsed[i].k);
bench('preparsed+flat', (i) => (parsed[i].k as string).concat(''));
bench('parse each', (i) => JSON.parse(objs[i]).k);
}
