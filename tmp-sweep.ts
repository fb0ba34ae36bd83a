import { readScenarioSource, parseSetOption, sweep, ResultsStore } from '@meshsim/analysis';
const src = readScenarioSource('steady-3tier');
for (const workers of [0, 2]) {
  const store = await ResultsStore.open(':memory:');
  const t = performance.now();
  const r = await sweep(src, { axes: [parseSetOption('traffic.0.rate=100,200'), parseSetOption('mesh=none,istio-sidecar')], fixed: [{ path: 'duration', value: '2s' }], replications: 2, workers, store });
  console.log(workers, ((performance.now()-t)/1000).toFixed(2), r.ran, r.summary.map(s => `${JSON.stringify(s.values)} ${s.verdict} ${s.figures[0]?.mean.toFixed(4)}±${s.figures[0]?.halfWidth?.toFixed(4)}`).join('\n'));
  console.log(JSON.stringify(await store.dump('runs')).length, (await store.dump('edges')).length);
  store.close();
}
