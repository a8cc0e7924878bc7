// Renders one comparison run (the JSON that scripts/bench.sh assembles) as Markdown tables and an
// SVG plot of seal/open throughput against input size. No figure is typed in by hand: everything
// below comes from `all`.
//   node bench/compare/report.mjs compare.json  → writes bench/results/compare.{md,svg} and BENCHMARKS.md

const MiB = 1024 * 1024;
const f1 = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const range = (s) => (s ? `${f1(s.median)} (${f1(s.min)}–${f1(s.max)})` : 'n/a');
const pct = (x) => (x == null ? 'n/a' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`);
const ratio = (s) => (s ? `${f1(s.median)}× (${f1(s.min)}–${f1(s.max)})` : '–');
const msTxt = (x) => (x == null ? 'n/a' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(0)} µs`);
const sizeTxt = (b) => (b >= MiB ? `${b / MiB} MiB` : `${b / 1024} KiB`);
const kb = (b) => (b == null ? 'n/a' : `${(b / 1024).toFixed(1)} KiB`);
const RUNTIMES = ['node', 'chromium'];

export function budgetRows(all) {
  const rows = [];
  for (const rt of RUNTIMES) {
    const red = all[rt]?.redaction?.tools;
    if (red) {
      for (const id of ['borderseal-analyze', 'borderseal-redactText']) {
        const t = red[id];
        if (t) rows.push({ what: `${id}, ${(all[rt].redaction.bytes / 1e6).toFixed(1)} MB report corpus, ${rt}`, budget: '≥ 100 MB/s (detection + redaction)', measured: `${range(t.mbps)} MB/s`, pass: t.mbps.median >= 100 });
      }
    }
    const worst = all[rt]?.worst?.results?.filter((r) => r.tool.startsWith('borderseal') && r.bytes === MiB);
    if (worst?.length) {
      const bad = worst.filter((r) => r.status !== 'ok' && r.status !== 'refused');
      const slowest = worst.filter((r) => r.ms?.median != null).sort((a, b) => b.ms.median - a.ms.median)[0];
      rows.push({ what: `worst crafted 1 MiB input (${worst.length} tool×input cases), ${rt}`, budget: '≤ 100 ms', measured: slowest ? `slowest ${msTxt(slowest.ms.median)} (${slowest.tool}, ${slowest.kind})${bad.length ? `; ${bad.length} not ok` : ''}` : 'n/a', pass: !bad.length && slowest && slowest.ms.median <= 100 });
    }
    const lat = all[rt]?.latency?.cases?.['redact+seal 3 borderseal (redactText + seal)'];
    if (lat) rows.push({ what: `redact + seal a 10 KB report to 3 recipients, ${rt}`, budget: '≤ 5 ms', measured: `${msTxt(lat.ms.median)} (${msTxt(lat.ms.min)}–${msTxt(lat.ms.max)})`, pass: lat.ms.median <= 5 });
  }
  for (const mem of all.memory ?? []) {
    const node = mem.runtime === 'node';
    const grow = node ? mem.peakRssOverBaseline : mem.rendererRss?.overBaseline;
    const full = mem.bytes >= 1024 * MiB;
    rows.push({ what: `peak ${node ? 'RSS' : 'renderer RSS'}, ${full ? `${mem.bytes / MiB / 1024} GiB` : `${mem.bytes / MiB} MiB`} through sealStream → openStream (${mem.path}), ${mem.runtime}`, budget: '≤ 64 MB (at 1 GiB)', measured: `${(grow / 1e6).toFixed(1)} MB over baseline (${mem.hashOk ? 'hash ok' : 'HASH MISMATCH'})`, pass: full ? grow <= 64e6 && mem.hashOk : null });
  }
  const w = all.sizes?.['borderseal.wasm'];
  if (w) rows.push({ what: '`.wasm` gzip -9 (everything, lexicon included)', budget: '≤ 600 KB (300 KB + 300 KB lexicon)', measured: `${(w.gzip9 / 1000).toFixed(0)} KB`, pass: w.gzip9 <= 600e3 });
  return rows;
}

export function renderTables(all, svgPath = 'bench/results/compare.svg') {
  const L = [];
  const mc = all.machine ?? {};
  const v = all.node?.versions ?? {};
  L.push(`- date: ${mc.date ?? 'n/a'}; whole run ${mc.seconds ?? 'n/a'} s${mc.quick ? '; **--quick run** (smaller inputs, fewer runs: smoke figures only)' : ''}`);
  L.push(`- machine: ${mc.nproc ?? '?'} CPUs (\`nproc\`), ${mc.cpuModel ?? '?'}; load average ${mc.loadBefore ?? '?'} before, ${mc.loadAfter ?? '?'} after (shared machine: absolute figures are noisy, ratios within a round less so)`);
  L.push(`- Node ${all.node?.runtimeVersion ?? 'n/a'}; Chromium ${all.chromium?.runtimeVersion ?? 'n/a'} (headless, \`/usr/bin/chromium\`); Python ${all.presidio?.meta?.python ?? 'n/a'}`);
  L.push(`- borderseal ${all.node?.packageVersion ?? '?'} (pkg/, wasm sha256 ${mc.wasmSha256 ?? '?'}); ${Object.entries(v).map(([k, x]) => `${k} ${x}`).join(', ')}; presidio-analyzer ${all.presidio?.meta?.presidioVersion ?? (all.presidio?.error ? `not run: ${all.presidio.error}` : 'n/a')} (regex ${all.presidio?.meta?.regexVersion ?? 'n/a'})`);
  L.push('- each figure: median (min–max) over the runs after warm-up; ratios ours/theirs are taken within each round (same machine load), then their median (min–max). MB/s = 10^6 bytes per second.');
  L.push('');

  L.push('### Budgets (PRODUCT.md)', '');
  L.push('| what | budget | measured | verdict |', '|---|---|---|---|');
  for (const b of budgetRows(all)) L.push(`| ${b.what} | ${b.budget} | ${b.measured} | ${b.pass == null ? 'n/a (not the budget\'s size)' : b.pass ? 'PASS' : '**FAIL**'} |`);
  L.push('');

  // --- redaction ---
  const red = all.node?.redaction ?? all.chromium?.redaction;
  if (red) {
    L.push(`### Redaction of a ${(red.bytes / 1e6).toFixed(1)} MB report corpus (${red.reports} reports, one call per report)`, '');
    L.push(`${red.runs} timed passes over the whole corpus per tool and runtime, tools interleaved; Presidio ${all.presidio?.redaction?.runs ?? 'n/a'} pass(es) in Python.`);
    L.push('Recall: share of the planted values a tool covers with its findings (span tools) or that no longer appear in its output (text tools: partial masking counts as found). Decoys: values that look like personal data but are not (bad Luhn, order and case numbers, amounts); "flagged" = a finding overlaps it or the tool changed it.', '');
    L.push('| tool | Node MB/s | Chromium MB/s | borderseal `analyze` / this (Node, per round) | recall | decoys flagged | refused reports |', '|---|---|---|---|---|---|---|');
    const ids = Object.keys(red.tools);
    for (const id of ids) {
      const n = all.node?.redaction?.tools?.[id];
      const c = all.chromium?.redaction?.tools?.[id];
      const t = n ?? c;
      const r = all.node?.redaction?.ratios?.[`borderseal-analyze / ${id}`];
      L.push(`| ${t.label} | ${range(n?.mbps)} | ${range(c?.mbps)} | ${id.startsWith('borderseal') ? '–' : ratio(r)} | ${pct(t.recall)} (${t.found}/${t.labels}) | ${pct(t.decoys.rate)} (${t.decoys.flagged}/${t.decoys.total}) | ${t.refusedReports ? `${t.refusedReports} (${Object.entries(t.refusedCodes).map(([k, x]) => `${k} ×${x}`).join(', ')})` : 0} |`);
    }
    const p = all.presidio;
    if (p?.redaction) {
      const an = all.node?.redaction?.tools?.['borderseal-analyze']?.mbps?.median;
      L.push(`| Presidio ${p.meta.presidioVersion}, ${p.meta.recognizers.length} predefined pattern recognizers (en, defaults; no spaCy, no phonenumbers, no context enhancement) | ${range(p.redaction.mbps)} (Python ${p.meta.python}) | – | ${an ? `${f1(an / p.redaction.mbps.median)}× (of medians, not same round)` : '–'} | ${pct(p.redaction.recall)} (${p.redaction.found}/${p.redaction.labels}) | ${pct(p.redaction.decoys.rate)} (${p.redaction.decoys.flagged}/${p.redaction.decoys.total}) | 0 |`);
    } else if (p?.error) {
      L.push(`| Presidio | not run: ${p.error} | – | – | – | – | – |`);
    }
    L.push('');
    // Per-entity recall.
    const ents = Object.keys(Object.values(red.tools)[0].perEntity);
    L.push('Recall per entity type (Node run; Presidio in Python):', '');
    L.push(`| tool | ${ents.join(' | ')} |`, `|---|${ents.map(() => '---').join('|')}|`);
    const rowsE = Object.entries(all.node?.redaction?.tools ?? all.chromium.redaction.tools).map(([id, t]) => [id, t.perEntity]);
    if (p?.redaction) rowsE.push(['presidio (patterns)', p.redaction.perEntity]);
    for (const [id, pe] of rowsE) L.push(`| ${id} | ${ents.map((e) => (pe[e] ? pct(pe[e].recall) : 'n/a')).join(' | ')} |`);
    L.push('');
  }

  // --- worst case ---
  const wRows = [];
  for (const rt of RUNTIMES) for (const r of all[rt]?.worst?.results ?? []) wRows.push({ ...r, rt });
  for (const r of all.presidio?.worst?.results ?? []) wRows.push({ ...r, rt: 'python' });
  if (wRows.length) {
    const timeout = all.node?.worst?.timeoutMs ?? all.chromium?.worst?.timeoutMs;
    const sizes = [...new Set(wRows.map((r) => r.bytes))].sort((a, b) => a - b);
    L.push(`### Worst case: crafted inputs, one call each (median of 3 when fast), per-call timeout ${timeout / 1000} s`, '');
    L.push('A tool that times out on an input is not run on the larger sizes of it ("skip"). Each call runs in a worker (Node worker thread, browser module Worker, Python subprocess) that is killed on timeout.', '');
    const cols = [];
    for (const rt of ['node', 'chromium', 'python']) for (const s of sizes) cols.push([rt, s]);
    const present = cols.filter(([rt, s]) => wRows.some((r) => r.rt === rt && r.bytes === s));
    L.push(`| tool | input | ${present.map(([rt, s]) => `${rt} ${sizeTxt(s)}`).join(' | ')} |`, `|---|---|${present.map(() => '---').join('|')}|`);
    const keys = [...new Set(wRows.map((r) => `${r.tool}\u0000${r.kind}`))];
    for (const k of keys) {
      const [tool, kind] = k.split('\u0000');
      const cells = present.map(([rt, s]) => {
        const r = wRows.find((x) => x.tool === tool && x.kind === kind && x.rt === rt && x.bytes === s);
        if (!r) return '–';
        if (r.status === 'timeout') return `**> ${timeout / 1000} s**`;
        if (r.status === 'skipped') return 'skip';
        if (r.status === 'error') return `error: ${r.error}`;
        const t = msTxt(r.ms.median);
        return r.status === 'refused' ? `${t} (refused: ${r.refused})` : t;
      });
      L.push(`| ${tool} | ${kind} | ${cells.join(' | ')} |`);
    }
    L.push('');
  }

  // --- crypto ---
  const cr = all.node?.crypto ?? all.chromium?.crypto;
  if (cr) {
    L.push('### Seal and open throughput, one recipient, MB/s: median (min–max)', '');
    L.push('Ratio = borderseal `sealStream`/`openStream` (WebCrypto path) throughput over this tool\'s, within each round (> 1: ours is faster).', '');
    for (const [i, sz] of cr.sizes.entries()) {
      L.push(`**${sz.label}** (${sz.runs} runs)`, '');
      L.push('| tool | streaming | Node seal | Node open | Chromium seal | Chromium open | ours/this seal (Node, Chromium) | ours/this open (Node, Chromium) |', '|---|---|---|---|---|---|---|---|');
      for (const id of Object.keys(sz.tools)) {
        const n = all.node?.crypto?.sizes?.[i]?.tools?.[id];
        const c = all.chromium?.crypto?.sizes?.[i]?.tools?.[id];
        const rr = (rt, op) => all[rt]?.crypto?.sizes?.[i]?.ratios?.[`borderseal-stream-webcrypto / ${id}.${op}`];
        const rcell = (op) => (id.startsWith('borderseal') ? '–' : `${ratio(rr('node', op))}; ${ratio(rr('chromium', op))}`);
        L.push(`| ${cr.labels[id]} | ${cr.streaming[id]} | ${range(n?.seal?.mbps)} | ${range(n?.open?.mbps)} | ${range(c?.seal?.mbps)} | ${range(c?.open?.mbps)} | ${rcell('seal')} | ${rcell('open')} |`);
      }
      L.push('');
    }
    L.push(`![seal and open throughput against input size](${svgPath})`, '');
  }

  // --- latency ---
  const lat = all.node?.latency ?? all.chromium?.latency;
  if (lat) {
    L.push(`### Latency: redact + seal a ${(lat.reportBytes / 1000).toFixed(0)} KB report, median (min–max)`, '');
    L.push('borderseal: `redactText` then one-shot `seal` to n recipients. Alternatives: `@redactpii/node` (the fastest JS redactor here) then each library\'s seal; `@hpke/core` single-shot has no multi-recipient form, so n recipients = n sealed copies. "seal only" rows: the same 10 KB without redaction.', '');
    const recips = [...new Set(Object.keys(lat.cases).filter((k) => /^(redact\+seal|seal) \d+ /.test(k)).map((k) => Number(k.split(' ')[1])))];
    const names = [...new Set(Object.keys(lat.cases).map((k) => k.replace(/^(redact\+seal|seal) \d+ /, '$1 ')))];
    L.push(`| case | ${recips.map((n) => `Node, ${n} rcpt`).join(' | ')} | ${recips.map((n) => `Chromium, ${n} rcpt`).join(' | ')} |`, `|---|${recips.map(() => '---|---').join('|')}|`);
    for (const name of names) {
      if (name.startsWith('redact ')) continue;
      const cell = (rt, n) => { const c = all[rt]?.latency?.cases?.[name.replace(/^(redact\+seal|seal) /, `$1 ${n} `)]; return c ? `${msTxt(c.ms.median)} (${msTxt(c.ms.min)}–${msTxt(c.ms.max)})` : '–'; };
      L.push(`| ${name} | ${recips.map((n) => cell('node', n)).join(' | ')} | ${recips.map((n) => cell('chromium', n)).join(' | ')} |`);
    }
    L.push('');
    L.push('Redaction alone on the same 10 KB report:', '');
    L.push('| redactor | Node | Chromium |', '|---|---|---|');
    for (const name of names.filter((x) => x.startsWith('redact '))) {
      const cell = (rt) => { const c = all[rt]?.latency?.cases?.[name]; return c ? `${msTxt(c.ms.median)} (${msTxt(c.ms.min)}–${msTxt(c.ms.max)})` : '–'; };
      L.push(`| ${name.slice(7)} | ${cell('node')} | ${cell('chromium')} |`);
    }
    for (const rt of RUNTIMES) for (const [k, x] of Object.entries(all[rt]?.latency?.notes ?? {})) L.push('', `Note (${rt}, ${k}): ${x}`);
    L.push('');
  }

  // --- memory and streaming ---
  if (all.memory?.length || cr) {
    L.push('### Peak memory through the streaming API, and who can stream', '');
    L.push('| runtime | path | payload | MB/s (seal + open) | peak RSS over baseline | after forced GC | data |', '|---|---|---|---|---|---|---|');
    for (const m of all.memory ?? []) {
      const node = m.runtime === 'node';
      L.push(`| ${m.runtime} | borderseal ${m.path} | ${m.bytes >= 1024 * MiB ? `${m.bytes / MiB / 1024} GiB` : `${m.bytes / MiB} MiB`} | ${f1(m.mbps)} | ${((node ? m.peakRssOverBaseline : m.rendererRss.overBaseline) / 1e6).toFixed(1)} MB${node ? '' : ' (renderer)'} | ${((node ? m.afterGcOverBaseline?.rss : m.rendererRss.afterGcOverBaseline) / 1e6).toFixed(1)} MB | ${m.hashOk ? 'hash ok' : 'HASH MISMATCH'} |`);
    }
    if (cr) {
      L.push('', '| tool | can it stream? |', '|---|---|');
      for (const [id, st] of Object.entries(cr.streaming)) L.push(`| ${cr.labels[id]} | ${st} |`);
    }
    L.push('', 'Measured by bench/memory-envelope.mjs (Node, child process, /proc VmRSS + VmHWM) and bench/browser-envelope.mjs `--memory-only` (renderer RSS from /proc). The alternatives\' streaming ability (the "streaming" column above) was read from their APIs, not measured at 1 GiB: the ones marked "no" hold the whole payload (and its ciphertext) in memory, so 1 GiB needs > 2 GiB of heap and typed arrays near V8\'s limits.', '');
  }

  // --- size ---
  const sz = all.sizes;
  if (sz) {
    L.push('### Download size (gzip -9)', '');
    L.push('Each library bundled with Vite 8 in library mode (ES module, minified, browser conditions), tree-shaken to the functions the benchmark calls (bench/compare/entries/); chunks summed.', '');
    L.push('| what | raw | gzip -9 | borderseal total is N× this (gzip) |', '|---|---|---|---|');
    const ours = (sz['borderseal.wasm']?.gzip9 ?? 0) + (sz.borderseal?.gzip9 ?? 0);
    if (sz['borderseal.wasm']) L.push(`| borderseal: \`.wasm\` (redaction + policy + sealing + name lexicon) | ${kb(sz['borderseal.wasm'].bytes)} | ${kb(sz['borderseal.wasm'].gzip9)} | – |`);
    if (sz.borderseal) L.push(`| borderseal: JS glue (bundled, without the inlined .wasm) | ${kb(sz.borderseal.bytes)} | ${kb(sz.borderseal.gzip9)} | – |`);
    L.push(`| **borderseal total** | ${kb((sz['borderseal.wasm']?.bytes ?? 0) + (sz.borderseal?.bytes ?? 0))} | **${kb(ours)}** | – |`);
    const names = { 'redact-pii': 'redact-pii (package index: pulls in @google-cloud/dlp)', 'redact-pii-sync-only': 'redact-pii, `lib/SyncCompositeRedactor` only', 'redactpii-node': '@redactpii/node', 'hpke-core': '@hpke/core', 'age-encryption': 'age-encryption', openpgp: 'openpgp', jose: 'jose' };
    for (const [k, label] of Object.entries(names)) {
      const x = sz[k];
      if (!x) continue;
      L.push(x.error ? `| ${label} | bundling failed: ${x.error} | – | – |` : `| ${label} | ${kb(x.bytes)} | ${kb(x.gzip9)} | ${f1(ours / x.gzip9)}× |`);
    }
    L.push('', 'Presidio is a Python service (not shippable to a browser), so it has no row here.', '');
  }
  return L.join('\n') + '\n';
}

// --- SVG: throughput against input size (log–log), one panel per runtime × operation -----------
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '');

export function renderSvg(all) {
  const panels = [];
  for (const rt of RUNTIMES) for (const op of ['seal', 'open']) if (all[rt]?.crypto) panels.push({ rt, op, sizes: all[rt].crypto.sizes });
  if (!panels.length) return null;
  const ids = Object.keys(panels[0].sizes[0].tools);
  const W = 460; const H = 300; const M = { l: 58, r: 34, t: 28, b: 42 };
  const cols = 2; const rows = Math.ceil(panels.length / cols);
  const legendH = 18 * Math.ceil(ids.length / 2) + 16;
  const totalW = W * cols; const totalH = H * rows + legendH + 30;
  let all_ = [];
  for (const p of panels) for (const s of p.sizes) for (const id of ids) { const v = s.tools[id]?.[p.op]?.mbps?.median; if (v > 0) all_.push(v); }
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...all_))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...all_))));
  const xs = panels[0].sizes.map((s) => s.bytes);
  const xMin = Math.log2(xs[0]); const xMax = Math.log2(xs[xs.length - 1]);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="${totalW / 2}" y="18" text-anchor="middle" font-size="14">Seal / open throughput against input size (MB/s, log scale; one recipient; ${esc(all.machine?.date ?? '')})</text>`);
  panels.forEach((p, k) => {
    const ox = (k % cols) * W; const oy = 26 + Math.floor(k / cols) * H;
    const pw = W - M.l - M.r; const ph = H - M.t - M.b;
    const X = (b) => ox + M.l + ((Math.log2(b) - xMin) / (xMax - xMin || 1)) * pw;
    const Y = (v) => oy + M.t + (1 - (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * ph;
    out.push(`<text x="${ox + M.l + pw / 2}" y="${oy + 16}" text-anchor="middle" font-size="12" font-weight="bold">${p.rt}: ${p.op}</text>`);
    out.push(`<rect x="${ox + M.l}" y="${oy + M.t}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
    for (let d = yMin; d <= yMax; d *= 10) {
      out.push(`<line x1="${ox + M.l}" x2="${ox + M.l + pw}" y1="${Y(d)}" y2="${Y(d)}" stroke="#ddd"/>`);
      out.push(`<text x="${ox + M.l - 4}" y="${Y(d) + 4}" text-anchor="end">${d >= 1 ? d : d.toFixed(Math.round(-Math.log10(d)))}</text>`);
    }
    for (const b of xs) {
      out.push(`<line x1="${X(b)}" x2="${X(b)}" y1="${oy + M.t}" y2="${oy + M.t + ph}" stroke="#eee"/>`);
      out.push(`<text x="${X(b)}" y="${oy + M.t + ph + 14}" text-anchor="middle">${sizeTxt(b)}</text>`);
    }
    out.push(`<text x="${ox + M.l + pw / 2}" y="${oy + M.t + ph + 30}" text-anchor="middle">input size</text>`);
    ids.forEach((id, j) => {
      const pts = p.sizes.map((s) => [s.bytes, s.tools[id]?.[p.op]?.mbps]).filter(([, m]) => m?.median > 0);
      const c = COLORS[j % COLORS.length];
      const dash = id.startsWith('borderseal') ? '' : ' stroke-dasharray="5,3"';
      out.push(`<polyline fill="none" stroke="${c}" stroke-width="${id.startsWith('borderseal') ? 2.2 : 1.4}"${dash} points="${pts.map(([b, m]) => `${X(b).toFixed(1)},${Y(m.median).toFixed(1)}`).join(' ')}"/>`);
      for (const [b, m] of pts) {
        out.push(`<line x1="${X(b).toFixed(1)}" x2="${X(b).toFixed(1)}" y1="${Y(Math.max(m.min, yMin)).toFixed(1)}" y2="${Y(m.max).toFixed(1)}" stroke="${c}" stroke-width="1"/>`);
        out.push(`<circle cx="${X(b).toFixed(1)}" cy="${Y(m.median).toFixed(1)}" r="2.6" fill="${c}"><title>${esc(id)} ${p.rt} ${p.op} ${sizeTxt(b)}: ${f1(m.median)} MB/s (${f1(m.min)}–${f1(m.max)})</title></circle>`);
      }
    });
  });
  const ly = 26 + rows * H + 8;
  ids.forEach((id, j) => {
    const x = 20 + (j % 2) * (totalW / 2); const y = ly + Math.floor(j / 2) * 18;
    const c = COLORS[j % COLORS.length];
    out.push(`<line x1="${x}" x2="${x + 26}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"${id.startsWith('borderseal') ? '' : ' stroke-dasharray="5,3"'}/>`);
    out.push(`<text x="${x + 32}" y="${y + 4}">${esc(id)}</text>`);
  });
  out.push(`<text x="20" y="${totalH - 6}" fill="#555">Points: median; vertical bars: min–max over the runs. Solid: borderseal; dashed: alternatives and raw WebCrypto.</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function renderBenchmarksMd(all) {
  const L = [];
  L.push('# Benchmarks: borderseal against the alternatives', '');
  L.push('One run measures, in Node and in headless Chromium, on the same generated inputs: redaction of a ≥ 10 MB report');
  L.push('corpus (borderseal, `redact-pii`, `@redactpii/node`, and Presidio\'s pattern recognizers in Python) with what each finds;');
  L.push('crafted worst-case inputs with a per-call timeout; sealing and opening 1 KiB / 1 MiB / 64 MiB (borderseal on both');
  L.push('paths, `@hpke/core`, `age-encryption`, `openpgp`, `jose`, raw WebCrypto AES-256-GCM); redact + seal latency of a 10 KB');
  L.push('report to 1, 3 and 10 recipients; peak memory of 1 GiB through the streaming API; download size.', '');
  L.push('## How to reproduce', '');
  L.push('```sh');
  L.push('make pkg      # build the package into pkg/ (the benchmark measures what is there)');
  L.push('make bench    # = bash scripts/bench.sh: about 12 minutes on 2 busy vCPUs');
  L.push('bash scripts/bench.sh --quick   # smoke run: small inputs, few runs (about 4 minutes)');
  L.push('```', '');
  L.push('It needs Node ≥ 20 with the devDependencies installed (`npm ci`), `/usr/bin/chromium`, `gzip`, and Python 3 with');
  L.push('`venv`: the script installs `presidio-analyzer` (PyPI) into a virtual environment under');
  L.push('`${XDG_CACHE_HOME:-~/.cache}/borderseal-bench/` on first use (set `PRESIDIO_PYTHON` to use another interpreter; if');
  L.push('the install fails, the Presidio rows say so). Results: `bench/results/compare.json` (everything, with min/max and');
  L.push('settings), `bench/results/compare.md` (the tables below), `bench/results/compare.svg` (the plot). Code: `bench/compare/`.', '');
  L.push('## Latest run', '');
  L.push(renderTables(all));
  L.push('## Method and caveats', '');
  L.push('- Inputs are generated from a fixed seed (`bench/compare/corpus.mjs`): English narrative police reports with planted');
  L.push('  names, dates of birth, e-mails, phones (EU and US formats), IBANs (valid mod-97), cards and IMEIs (valid Luhn), IPv4/IPv6,');
  L.push('  MAC addresses, US SSNs and URLs, each labelled with its offsets, plus decoys. It is a synthetic set built for this');
  L.push('  comparison, not the project\'s evaluation corpus; recall on it says which kinds of value each tool handles, not');
  L.push('  how it does on real reports. Entity names are not compared (each tool has its own).');
  L.push('- Redaction: each tool gets one report per call, as a portal would call it; the tools run interleaved, each pass');
  L.push('  over the whole corpus is one sample. borderseal `redactText` runs the whole pipeline (detect, policy, operators,');
  L.push('  re-scan of the output, audit record), `analyze` detection only; the npm tools return redacted text only.');
  L.push('- Presidio runs in CPython with its own `regex` engine; its figure is not a same-runtime comparison, and its ratio is');
  L.push('  of medians of separate runs. Only its predefined pattern recognizers run (the ones enabled for `en` by default):');
  L.push('  no spaCy NER (so no PERSON), no phonenumbers-based phone recognizer, no context enhancement.');
  L.push('- Crypto: every sealer runs in every round; 1 KiB/1 MiB samples repeat the operation to last ≥ 40 ms, 64 MiB samples');
  L.push('  are one operation each, warmed up by a checked round trip. Raw WebCrypto = AES-256-GCM over 64 KiB chunks with');
  L.push('  counter nonces, awaited one after another (the upper bound for a chunked format in one thread).');
  L.push('- The machine is a shared 2-vCPU VM; other jobs ran during the measurement (load average above). Compare ratios taken');
  L.push('  within a round rather than absolute MB/s across runs.', '');
  return L.join('\n');
}

const { pathToFileURL } = await import('node:url');
const { resolve: resolvePath } = await import('node:path');
if (process.argv[1] && import.meta.url === pathToFileURL(resolvePath(process.argv[1])).href) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const all = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const root = new URL('../../', import.meta.url);
  const md = `# borderseal — comparison with the alternatives (latest run)\n\n${renderTables(all, 'compare.svg')}`;
  writeFileSync(new URL('bench/results/compare.md', root), md);
  const svg = renderSvg(all);
  if (svg) writeFileSync(new URL('bench/results/compare.svg', root), svg);
  // The native pipeline and the detection figures (scripts/bench.sh writes them) follow the
  // JS tables.
  let extra = '';
  for (const f of ['native.md', 'detect.md']) {
    try {
      extra += `\n${readFileSync(new URL(`bench/results/${f}`, root), 'utf8')}`;
    } catch { /* not measured in this run */ }
  }
  writeFileSync(new URL('BENCHMARKS.md', root), renderBenchmarksMd(all) + extra);
  console.log(md);
}
