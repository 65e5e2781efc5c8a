// Closed-loop load on a SentiKit gateway: `connections` clients each send classify queries back to back for
// `seconds` or until SIGTERM, and every answer is checked (HTTP 200 and no GraphQL errors). Prints one JSON line.
// Usage: node deploy/scripts/load.mjs <url> [seconds=20] [connections=16]
const [url = 'http://127.0.0.1:4000/graphql', seconds = '20', connections = '16'] = process.argv.slice(2);
const words = ['great', 'awful', 'moving', 'dull', 'fine', 'boring', 'superb', 'weak', 'tender', 'clumsy'];
const body = (i) =>
  JSON.stringify({
    query: 'query ($t: String!) { classify(text: $t) { label score } }',
    variables: {
      t: `a ${words[i % 10]} film with ${words[(i * 7) % 10]} acting and a ${words[(i * 3) % 10]} plot`,
    },
  });
const counts = { sent: 0, ok: 0, failed: 0 };
const failures = {};
const latencies = [];
let end = Date.now() + Number(seconds) * 1000;
// SIGTERM ends the run: requests under way finish and count.
process.on('SIGTERM', () => {
  end = 0;
});
async function client(id) {
  for (let i = id; Date.now() < end; i += Number(connections)) {
    const started = performance.now();
    counts.sent++;
    let problem;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(i),
      });
      const json = await response.json().catch(() => undefined);
      if (response.status !== 200) problem = `HTTP ${response.status}`;
      else if (!json?.data?.classify) problem = `GraphQL ${json?.errors?.[0]?.extensions?.code ?? 'error'}`;
    } catch (error) {
      problem = String(error.cause?.code ?? error.message);
    }
    latencies.push(performance.now() - started);
    if (problem) {
      counts.failed++;
      failures[problem] = (failures[problem] ?? 0) + 1;
    } else counts.ok++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, (_, id) => client(id)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
console.log(
  JSON.stringify({
    ...counts,
    failures,
    seconds: Number(elapsed.toFixed(1)),
    requestsPerSecond: Number((counts.sent / elapsed).toFixed(1)),
    latencyMs: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
  }),
);
