#!/usr/bin/env node
// Summarises the JSON lines of ../shared/bench/sidebyside.sh (and benchmarks/sidebyside-extra.sh) as a Markdown
// table: the median of the rounds for each measure, and ours as a ratio to the best peer of the same run.
// Usage: node benchmarks/sidebyside-table.mjs < run.jsonl
import { readFileSync } from 'node:fs';

const rows = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const groups = new Map();
for (const r of rows) {
  const [who, ...rest] = r.label.trim().split(/\s+/);
  const measure = rest.join(' ');
  if (!groups.has(measure)) groups.set(measure, new Map());
  const g = groups.get(measure);
  if (!g.has(who)) g.set(who, []);
  g.get(who).push(r);
}
const fmt = (x, d = 3) => (x == null ? '' : Number(x).toFixed(d));
const out = ['| measure | server | rounds | p50 ms | p99 ms | calls/s | start ms | peak RSS MB | ours ÷ best peer |',
  '|---|---|---|---|---|---|---|---|---|'];
for (const [measure, g] of groups) {
  const stats = new Map();
  for (const [who, rs] of g) {
    stats.set(who, { n: rs.length, p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)),
      rps: median(rs.map((r) => r.rps)), start: median(rs.map((r) => r.start_ms)), rss: median(rs.map((r) => r.rss_mb)),
      errors: rs.reduce((a, r) => a + (r.errors || 0) + (r.error ? 1 : 0), 0) });
  }
  const peers = [...stats.entries()].filter(([w]) => w !== 'ours').map(([, s]) => s);
  const best = (key, lower) => {
    const v = peers.map((s) => s[key]).filter((x) => x != null);
    return v.length ? (lower ? Math.min(...v) : Math.max(...v)) : null;
  };
  for (const [who, s] of stats) {
    let ratio = '';
    if (who === 'ours' && peers.length) {
      const parts = [];
      const bp = best('p50', true), br = best('rps', false), bs = best('start', true), bm = best('rss', true);
      if (bp) parts.push(`p50 ${(s.p50 / bp).toFixed(2)}×`);
      if (br) parts.push(`calls/s ${(s.rps / br).toFixed(2)}×`);
      if (bs) parts.push(`start ${(s.start / bs).toFixed(2)}×`);
      if (bm) parts.push(`RSS ${(s.rss / bm).toFixed(2)}×`);
      ratio = parts.join(', ');
    }
    out.push(`| ${measure} | ${who}${s.errors ? ` (${s.errors} errors)` : ''} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.rps, 0)} | ${fmt(s.start, 0)} | ${fmt(s.rss, 1)} | ${ratio} |`);
  }
}
console.log(out.join('\n'));
