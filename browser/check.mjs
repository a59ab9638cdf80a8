// The HTML report of snapcheck, checked in headless Chromium.
//
//   node browser/check.mjs TOOL WORKDIR
//
// Makes JSON Lines reports with TOOL (the reference implementation;
// `cat` as a second implementation, in two shards; the reference again
// under another profile; a report full of hostile text), builds a site
// from them with `report --html`, and checks in the browser that the
// pages render, that the counts are those of the JSON Lines, that the
// matrix filters (state in the URL), that a case page shows its diff,
// that no request leaves file:// and no console error happens, that
// hostile text stays text, and a basic accessibility pass: every cell
// has text, the keyboard reaches and drives the filter and the cases,
// and text contrast is at least 4.5:1.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [tool, work] = process.argv.slice(2).map((p) => path.resolve(p));
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
let failures = 0, checks = 0;

function check(ok, what, detail) {
  checks++;
  if (ok) {
    console.log(`ok ${checks} - ${what}`);
  } else {
    failures++;
    console.log(`not ok ${checks} - ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

function sc(args, okStatus = [0, 1]) {
  try {
    return execFileSync(tool, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (!okStatus.includes(e.status))
      throw new Error(`${tool} ${args.join(' ')}: exit ${e.status}\n${e.stderr}`);
    return e.stdout;
  }
}

function readJsonl(file) {
  return fs.readFileSync(path.join(work, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

// What a cell says, as the report defines it: a case the baseline
// lists as it ended is "known"; otherwise its result.
const cellOf = (rec) => (rec.known !== null ? 'known' : rec.result);

// The columns the JSON Lines files make: by subject and profile.
function columns(files) {
  const cols = new Map();
  for (const f of files) {
    const recs = readJsonl(f);
    const sum = recs.find((r) => r.type === 'summary');
    const key = `${sum.subject}\u0000${sum.profile ?? 'libvirt-9.0'}`;
    if (!cols.has(key))
      cols.set(key, { impl: sum.subject, profile: sum.profile ?? 'libvirt-9.0', cases: new Map() });
    for (const r of recs.filter((r) => r.type === 'case'))
      cols.get(key).cases.set(r.id, r);
  }
  return [...cols.values()];
}

function makeReports() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  sc(['run', '--no-progress', '--report', 'jsonl=ref.jsonl']);
  for (const s of ['1/2', '2/2'])
    sc(['run', '--no-progress', '--impl', 'cat', '--max-skip', '999', '--shard', s,
        '--report', `jsonl=cat-${s[0]}.jsonl`]);
  // the reference under another profile: another column
  sc(['run', '--no-progress', '--profile', 'libvirt-0.9.5', '--report', 'jsonl=ref-0.9.5.jsonl']);
}

// Text that would run, break out of markup or move text if it were not
// escaped: in ids, messages, descriptions, the implementation's name.
const HOSTILE_ID = '<script>window.__pwned=1</script>"\'&]]>\u0001\u202ehost';
function makeHostile() {
  const img = '<img src=x onerror="window.__pwned=2">';
  const recs = [
    { type: 'case', id: HOSTILE_ID, result: 'fail', expected: 'accept', actual: 'accept',
      message: `output differs\n--- golden\n+++ output\n@@ -1 +1 @@\n-${img}\n+<svg onload="window.__pwned=3">]]>\u001b[31m\u202e`,
      known: null, listed: null, description: `</title><script>window.__pwned=4</script>` },
    { type: 'case', id: 'plain-<b>bold</b>', result: 'error', expected: 'reject', actual: 'crash',
      message: '<iframe src="javascript:window.__pwned=5"></iframe>', known: null, listed: null,
      description: null },
    { type: 'summary', subject: '<script>window.__pwned=6</script>\u202eimpl', settings: null, shard: null,
      baseline: null, profile: '"><script>window.__pwned=7</script>', passed: 0, total: 2, failed: 1, errors: 1,
      skipped: 0, known: 0, known_skips: 0, new: 2, stale: 0 },
  ];
  fs.writeFileSync(path.join(work, 'hostile.jsonl'), recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function watch(page, log) {
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.console.push(m.text()); });
  page.on('pageerror', (e) => log.console.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file://')) log.external.push(r.url()); });
}

const luminance = ([r, g, b]) => {
  const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

// Every visible text's colour against the background it sits on.
async function contrastProblems(page) {
  const pairs = await page.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 4).map(Number);
    const bgOf = (el) => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const seen = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || el.closest('svg') || !el.offsetParent && el.tagName !== 'BODY') continue;
      const fg = rgb(getComputedStyle(el).color).slice(0, 3), bg = bgOf(el);
      const key = `${fg}|${bg}`;
      if (!seen.has(key)) seen.set(key, { fg, bg, where: el.tagName + '.' + el.className });
    }
    return [...seen.values()];
  });
  return pairs.map((p) => ({ ...p, ratio: contrast(p.fg, p.bg) })).filter((p) => p.ratio < 4.5);
}

async function main() {
  makeReports();
  makeHostile();
  const files = ['ref.jsonl', 'cat-1.jsonl', 'cat-2.jsonl', 'ref-0.9.5.jsonl'];
  const out = sc(['report', '--html', 'site', ...files], [0]);
  check(out.trim().endsWith('site/index.html'), 'report --html prints the index page', out);
  sc(['report', '--html', 'hostile-site', 'hostile.jsonl'], [0]);
  const cols = columns(files);
  const url = (p) => {
    const [file, hash] = p.split('#');
    return pathToFileURL(path.join(work, 'site', file)).href + (hash === undefined ? '' : '#' + hash);
  };

  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  const log = { console: [], dialogs: [], external: [] };
  const page = await browser.newPage();
  watch(page, log);

  // Summary: one row per implementation and profile, with its counts.
  await page.goto(url('index.html'));
  const rows = await page.$$eval('#summary tbody tr', (trs) => trs.map((tr) => ({
    impl: tr.dataset.impl, profile: tr.dataset.profile,
    counts: Object.fromEntries([...tr.querySelectorAll('[data-count]')].map((td) => [td.dataset.count, +td.textContent])),
  })));
  check(rows.length === cols.length, `the summary has ${cols.length} columns (implementation x profile)`, rows.length);
  for (const col of cols) {
    const row = rows.find((r) => r.impl === col.impl && r.profile === col.profile);
    const want = { pass: 0, fail: 0, known: 0, skip: 0, error: 0, total: col.cases.size };
    for (const r of col.cases.values()) want[cellOf(r)]++;
    check(row && Object.keys(want).every((k) => row.counts[k] === want[k]),
          `summary counts of ${col.impl} under ${col.profile} match the JSON Lines`, { want, got: row?.counts });
  }
  check(await page.locator('svg.chart rect').count() > 0, 'the summary draws its chart');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  check(/script-src 'self'/.test(csp) && !/unsafe/.test(csp) && /default-src 'none'/.test(csp),
        'a Content-Security-Policy forbids inline script and anything from elsewhere', csp);
  check(await page.locator('#summary img').evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)),
        'every badge image loads');

  // Matrix: every case, every cell with text; filtering through the URL.
  await page.goto(url('matrix.html'));
  const ids = new Set(cols.flatMap((c) => [...c.cases.keys()]));
  check(await page.locator('tr.case').count() === ids.size, `the matrix has a row for each of ${ids.size} cases`);
  const emptyCells = await page.$$eval('#matrix td', (tds) => tds.filter((td) => !td.textContent.trim()).length);
  check(emptyCells === 0, 'every matrix cell has text, not colour alone', emptyCells);
  const cellsAgree = await page.$$eval('#matrix tr.case', (trs) => trs.map((tr) => [tr.dataset.id,
    [...tr.querySelectorAll('td')].map((td) => td.className.replace('r-', ''))]));
  const wrong = cellsAgree.filter(([id, cells]) => cells.some((c, i) => {
    const rec = cols[i].cases.get(id);
    return c !== (rec ? cellOf(rec) : 'none');
  }));
  check(wrong.length === 0, 'each matrix cell is the result its JSON Lines record gives', wrong.slice(0, 3));

  const visible = () => page.$$eval('tr.case', (trs) => trs.filter((tr) => !tr.hidden).map((tr) => tr.dataset.id));
  await page.goto(url('matrix.html#result=fail'));
  const failing = [...ids].filter((id) => cols.some((c) => c.cases.get(id) && cellOf(c.cases.get(id)) === 'fail'));
  let v = await visible();
  check(v.length === failing.length && failing.length > 0, `#result=fail shows the ${failing.length} cases that fail somewhere`, v.length);
  check(await page.locator('#f-result').inputValue() === 'fail', 'the result filter shows the state read from the URL');
  await page.selectOption('#f-group', 'disk');
  v = await visible();
  check(v.length > 0 && v.every((id) => id.startsWith('disk')), 'choosing the group disk shows only disk cases that fail', v.length);
  check(page.url().includes('group=disk') && page.url().includes('result=fail'), 'the filter state is in the URL', page.url());
  await page.fill('#f-id', 'raw');
  v = await visible();
  check(v.length > 0 && v.every((id) => id.includes('raw')), 'the id filter narrows to ids containing raw', v);
  const filtered = page.url();
  await page.goto(url('index.html'));
  await page.goto(filtered);
  check(JSON.stringify(await visible()) === JSON.stringify(v), 'opening the filtered URL again gives the same rows');
  check((await page.textContent('#shown')).startsWith(`${v.length} of `), 'the count of shown cases is said');

  // Keyboard: reach the id filter, type, then open a case with Enter.
  await page.goto(url('matrix.html'));
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'f-id');
  }
  check(reached, 'Tab reaches the id filter');
  await page.keyboard.type('state-paused');
  v = await visible();
  check(v.length > 0 && v.every((id) => id.includes('state-paused')), 'typing in the id filter filters', v.length);
  let onCase = false;
  for (let i = 0; i < 30 && !onCase; i++) {
    await page.keyboard.press('Tab');
    onCase = await page.evaluate(() => !!document.activeElement?.closest('tr.case'));
  }
  check(onCase, 'Tab reaches a case in the filtered matrix');
  const target = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().includes(target.split('#')[0]), 'Enter opens the case page', { url: page.url(), target });
  const focusStyle = await page.goto(url('matrix.html')).then(async () => {
    await page.focus('#f-id');
    return page.$eval('#f-id', (e) => getComputedStyle(e).outlineStyle);
  });
  check(focusStyle !== 'none', 'focus is visible', focusStyle);

  // A case page with a diff: whitespace drawn, lines marked.
  const withDiff = [...ids].find((id) => cols.some((c) => c.cases.get(id)?.message?.includes('\n--- ')));
  await page.goto(url(`c/${withDiff}.html`));
  check((await page.textContent('h1')) === withDiff, `the page of ${withDiff} is titled by its id`);
  check(await page.locator('pre.doc').count() >= 1, 'the case page shows the input');
  check(await page.locator('pre.message .del').count() > 0 && await page.locator('pre.message .ins').count() > 0,
        'the case page shows the diff, removed and added lines marked');
  check(/[\u00b7\u23ce\u2192]/.test(await page.textContent('pre.message .del')), 'whitespace is visible in the diff');
  const rejectCase = [...ids].find((id) => cols[0].cases.get(id)?.expected === 'reject');
  await page.goto(url(`c/${rejectCase}.html`));
  check((await page.textContent('main')).includes('Reason matched'), 'a rejection says whether its reason matched');

  // Drift: the state table, pmsuspended among the states.
  await page.goto(url('drift.html'));
  check((await page.textContent('#states')).includes('pmsuspended'), 'the drift page shows the state table');

  // Contrast on every page kind.
  for (const p of ['index.html', 'matrix.html', `c/${withDiff}.html`, 'drift.html']) {
    await page.goto(url(p));
    const bad = await contrastProblems(page);
    check(bad.length === 0, `text contrast is at least 4.5:1 on ${p}`, bad.slice(0, 3));
  }

  // Hostile text stays text.
  const hurl = (p) => pathToFileURL(path.join(work, 'hostile-site', p)).href;
  const hostilePages = ['index.html', 'matrix.html', 'drift.html'];
  const caseLinks = [];
  await page.goto(hurl('matrix.html'));
  // the planted cases, which the suite does not have, get pages by number
  for (const a of await page.$$eval('tr.case th a', (as) => as.map((a) => a.getAttribute('href'))))
    if (/^c\/case-\d+\.html$/.test(a)) caseLinks.push(a);
  check(caseLinks.length === 2, 'the planted cases get pages named by number', caseLinks);
  for (const p of [...hostilePages, ...caseLinks]) {
    await page.goto(hurl(p));
    await page.waitForTimeout(50);
    const pwned = await page.evaluate(() => window.__pwned);
    check(pwned === undefined, `no planted script runs on the hostile report's ${p}`, pwned);
    check(await page.locator('script:not([src]), iframe, img[src=x], body svg[onload]').count() === 0,
          `no planted element exists on ${p}`);
  }
  await page.goto(hurl(caseLinks[0]));
  const h1 = await page.textContent('h1');
  check(h1.includes('<script>window.__pwned=1</script>"\'&]]>') && h1.includes('U+202E') && h1.includes('\\x01'),
        'a hostile id shows as text, its control byte and right-to-left mark made visible', h1);
  check((await page.textContent('pre.message')).includes('<img src=x onerror='), 'a hostile message shows as text');
  check(log.dialogs.length === 0, 'no dialog opened', log.dialogs);

  check(log.external.length === 0, 'no request leaves file://', log.external.slice(0, 5));
  check(log.console.length === 0, 'no console error or warning', log.console.slice(0, 5));
  await browser.close();
  console.log(failures ? `browser: ${failures} of ${checks} checks failed` : `browser: ${checks} checks, all passed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
