// Timing of a large HTML report: 5 implementations x 3 profiles x 1,000
// cases, made into a site by `report --html` and opened in headless
// Chromium.  Prints the time to build the site, its size, and the time
// each main page takes to open (navigation start to the load event,
// median of 5) and the matrix to filter.  A measurement, not a test.
//
//   node browser/bench.mjs TOOL WORKDIR
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [tool, work] = process.argv.slice(2).map((p) => path.resolve(p));
const IMPLS = 5, PROFILES = ['libvirt-0.9.5', 'libvirt-9.0', 'libvirt-10.7'], CASES = 1000;
const GROUPS = ['state', 'memory', 'disk', 'domain', 'create', 'escaping', 'hostile', 'parent', 'cookie', 'revert'];

// A fixed pseudo-random sequence, so that every run measures the same site.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function report(impl, profile) {
  const recs = [], counts = { passed: 0, failed: 0, errors: 0, skipped: 0, known: 0 };
  for (let i = 0; i < CASES; i++) {
    const id = `${GROUPS[i % GROUPS.length]}-bench-${String(i).padStart(4, '0')}`;
    const x = rand(), result = x < 0.85 ? 'pass' : x < 0.93 ? 'fail' : x < 0.97 ? 'skip' : 'error';
    const known = result !== 'pass' && rand() < 0.5 ? 'listed in the baseline' : null;
    const message = result === 'fail'
      ? `output differs at line 3: expected '<state>running</state>', got '<state>paused</state>'\n--- golden/${id}.xml\n+++ output\n@@ -1,5 +1,5 @@\n <domainsnapshot>\n   <name>${id}</name>\n-\u00b7\u00b7<state>running</state>\u23ce\n+\u00b7\u00b7<state>paused</state>\u23ce\n   <creationTime>1700000000</creationTime>\n </domainsnapshot>\n`
      : result === 'pass' ? null : `${result} in ${impl}`;
    counts[{ pass: 'passed', fail: 'failed', error: 'errors', skip: 'skipped' }[result]]++;
    if (known) counts.known++;
    recs.push({ type: 'case', id, result, expected: 'accept', actual: result === 'fail' ? 'accept' : result === 'error' ? 'crash' : result === 'skip' ? 'skip' : 'accept',
                message, known, listed: known ? (result === 'pass' ? 'fail' : result) : null, description: `bench case ${i}` });
  }
  recs.push({ type: 'summary', subject: impl, settings: null, shard: null, baseline: null, profile,
              total: CASES, ...counts });
  return recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function du(dir) {
  let bytes = 0, files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const s = du(p); bytes += s.bytes; files += s.files; }
    else { bytes += fs.statSync(p).size; files++; }
  }
  return { bytes, files };
}

const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const files = [];
  for (let i = 1; i <= IMPLS; i++)
    for (const p of PROFILES) {
      const f = path.join(work, `impl${i}-${p}.jsonl`);
      fs.writeFileSync(f, report(`implementation ${i}`, p));
      files.push(f);
    }
  // a suite of no case of its own, so that the site holds the 1,000 cases alone
  const suite = path.join(work, 'suite');
  execFileSync(tool, ['init', suite], { stdio: ['ignore', 'ignore', 'inherit'] });
  const site = path.join(work, 'site');
  let t = process.hrtime.bigint();
  execFileSync(tool, ['report', '--html', site, '--cases', suite, ...files], { stdio: ['ignore', 'ignore', 'inherit'] });
  const build = Number(process.hrtime.bigint() - t) / 1e6;
  const size = du(site);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const rows = [];
  for (const name of ['index.html', 'matrix.html', `c/${GROUPS[2]}-bench-0002.html`]) {
    const times = [];
    for (let k = 0; k < 5; k++) {
      await page.goto('about:blank');
      await page.goto(pathToFileURL(path.join(site, name)).href, { waitUntil: 'load' });
      times.push(await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return n.loadEventEnd - n.startTime;
      }));
    }
    rows.push([`open ${name}`, median(times)]);
  }
  await page.goto(pathToFileURL(path.join(site, 'matrix.html')).href);
  t = process.hrtime.bigint();
  await page.selectOption('#f-result', 'fail');
  await page.waitForFunction(() => document.getElementById('shown').textContent.includes(' of '));
  rows.push(['filter the matrix (result=fail)', Number(process.hrtime.bigint() - t) / 1e6]);
  await browser.close();

  console.log(`report of ${IMPLS} implementations x ${PROFILES.length} profiles x ${CASES} cases`);
  console.log(`  build the site (report --html)   ${build.toFixed(0)} ms`);
  console.log(`  site size                        ${(size.bytes / 1048576).toFixed(2)} MiB in ${size.files} files ` +
              `(matrix.html ${(fs.statSync(path.join(site, 'matrix.html')).size / 1048576).toFixed(2)} MiB)`);
  for (const [what, ms] of rows)
    console.log(`  ${what.padEnd(33)}${ms.toFixed(0)} ms`);
}

main().catch((e) => { console.error(e); process.exit(2); });
