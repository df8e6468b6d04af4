// The page sweep (issue #13): every page each role may see, at 1366×768 and 390×844,
// in Debian's chromium driven by playwright-core.
//
// On the demo data (GIAMSAT_TODAY=2025-12-24) it signs in as each role — quan_tri
// (admin), giam_sat (steering office), lanh_dao_don_vi (Bộ Nội vụ's leader), don_vi (its
// focal point), xem (viewer) —
// and visits the dashboard, the task list and a task, the units and a unit, the documents
// and a document, the indicators and an indicator, the report, the import page, the review
// of reports (Duyệt báo cáo), the admin sub-pages (/admin/users, /admin/tokens,
// /admin/aliases, /admin/units, /admin/groups and any other /admin/... page the admin
// overview links to), the audit log, the inbox, the warnings, the requests and a 404 page.
// On every page at both widths:
//   - no horizontal scroll at 390 px (document scrollWidth <= 391);
//   - axe-core (npm, injected from node_modules) finds no violation;
//   - no console error, page error or failed request (a 404 is expected on the 404 page);
//   - a full-page screenshot goes to $ARTIFACTS/pages/ROLE-PAGE-WIDTH.png.
// A page a role may not see answers 403 and is not visited. One browser, one context per
// role and width. Environment: as e2e.mjs (GIAMSAT required, CHROMIUM, ARTIFACTS);
// PAGES_ROLES=don_vi,xem and PAGES_NAMES=canh-bao,giai-trinh narrow the sweep; PAGES_LOOK=0
// leaves out axe-core and the screenshots.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const GIAMSAT = process.env.GIAMSAT;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(process.env.ARTIFACTS || path.join(here, '../../build/artifacts/browser'));
const SHOTS = path.join(ARTIFACTS, 'pages');
const AXE = path.join(here, 'node_modules/axe-core/axe.min.js');
const AXE_SRC = fs.existsSync(AXE) ? fs.readFileSync(AXE, 'utf8') : '';
const TODAY = '2025-12-24';
const WIDTHS = [[1366, 768], [390, 844]];
// PAGES_LOOK=0 (the PostgreSQL run) leaves out axe-core and the screenshots: they judge
// the HTML and its look, which the database under it does not shape; every other check stays.
const LOOK = process.env.PAGES_LOOK !== '0';
const ROLES = [
    { key: 'quan_tri', user: 'qt', args: ['--role', 'quan_tri'] },
    { key: 'giam_sat', user: 'gs', args: ['--role', 'giam_sat'] },
    { key: 'lanh_dao_don_vi', user: 'ldnv', args: ['--role', 'lanh_dao_don_vi', '--unit', 'Bộ Nội vụ'] },
    { key: 'don_vi', user: 'noivu', args: ['--role', 'don_vi', '--unit', 'Bộ Nội vụ'] },
    { key: 'xem', user: 'xem', args: ['--role', 'xem'] },
];
const password = (user) => `${user}-pass-12345`;
let REQUEST_TASK = 0; // an overdue task of Bộ Nội vụ, about which two requests are made

const started = Date.now();
const log = (msg) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s ${msg}`);
class Failure extends Error {}

if (!GIAMSAT || !fs.existsSync(GIAMSAT)) {
    console.error(`FAILED: set GIAMSAT to the giamsat binary (got ${JSON.stringify(GIAMSAT)})`);
    process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
    console.error(`FAILED: ${CHROMIUM} is missing. Install Debian's chromium: apt-get install -y chromium`);
    process.exit(1);
}
if (!fs.existsSync(AXE)) {
    console.error(`FAILED: ${AXE} is missing: run \`npm ci\` in tests/browser (run.sh does)`);
    process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'giamsat-pages-'));
// GIAMSAT_DB: the suite's PostgreSQL run gives a fresh database of its own (tests/pg/backend.sh).
const db = process.env.GIAMSAT_DB || path.join(tmp, 'giamsat.db');
const env = { ...process.env, GIAMSAT_TODAY: TODAY };
function cli(...args) {
    try {
        return execFileSync(GIAMSAT, ['--db', db, ...args],
            { env, encoding: 'utf8', cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    } catch (e) {
        throw new Failure(`giamsat ${args.join(' ')}: exit ${e.status ?? e.signal}\n    ${String(e.stderr || e.message).slice(0, 2000)}`);
    }
}

let server = null;
let serverExit = null;
function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.unref();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}
// `giamsat serve` on a free port; retry: another test may take the port first.
async function startServer() {
    for (let attempt = 1; attempt <= 10; attempt++) {
        const port = await freePort();
        const out = fs.openSync(path.join(tmp, 'server.log'), 'w');
        const child = spawn(GIAMSAT, ['--db', db, 'serve', '--listen', '127.0.0.1', '--port', String(port)],
            { env, cwd: tmp, stdio: ['ignore', out, out] });
        fs.closeSync(out);
        let exited = null;
        const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
            exited = { code, signal };
            resolve(exited);
        }));
        const url = `http://127.0.0.1:${port}`;
        for (let i = 0; i < 100 && !exited; i++) {
            try {
                const r = await fetch(`${url}/login`);
                if (r.status === 200 && !exited) {
                    server = child;
                    serverExit = exit;
                    return url;
                }
            } catch { /* not listening yet */ }
            await new Promise((r) => setTimeout(r, 100));
        }
        if (!exited) child.kill('SIGTERM');
        await exit;
    }
    throw new Failure('the server did not start');
}
async function stopServer() {
    if (!server) return;
    const child = server;
    server = null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await serverExit;
    clearTimeout(timer);
}
process.on('exit', () => { if (server) server.kill('SIGKILL'); });

// The pages to visit, as [name, path]; the ids come from the first links of the lists.
async function pagesOf(page) {
    const firstLink = async (list, prefix) => {
        await page.goto(list);
        const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
        const re = new RegExp(`^${prefix}[^/?#]+$`);
        const h = hrefs.find((x) => re.test(x));
        if (!h) throw new Failure(`no link ${prefix}… on ${list}`);
        return h;
    };
    const out = [
        ['tong-quan', '/'],
        ['nhiem-vu', '/tasks'],
        ['nhiem-vu-1', await firstLink('/tasks?status=overdue', '/tasks/')],
        ['don-vi', '/units'],
        ['don-vi-1', await firstLink('/units', '/units/')],
        ['van-ban', '/documents'],
        ['van-ban-1', await firstLink('/documents', '/documents/')],
        ['chi-tieu', '/indicators'],
        ['chi-tieu-1', await firstLink('/indicators', '/indicators/')],
        ['bao-cao', '/report'],
        ['nhap', '/import'],
        ['duyet', '/reviews'],
        ['quan-tri', '/admin'],
        ['quan-tri-tai-khoan', '/admin/users'],
        ['quan-tri-ma-api', '/admin/tokens'],
        ['quan-tri-ten-chua-xac-dinh', '/admin/aliases'],
        ['quan-tri-don-vi', '/admin/units'],
        ['quan-tri-nhom', '/admin/groups'],
        ['nhat-ky', '/admin/audit'],
        ['thong-bao', '/inbox'],
        ['khong-co', '/khong-co-trang-nay'],
        ['canh-bao', '/warnings'],
        ['quy-tac-canh-bao', '/warnings/rules'],
        ['giai-trinh', '/requests'],
        ['giai-trinh-1', '/requests/1'],
        ['giai-trinh-2', '/requests/2'],
        ['giai-trinh-moi', `/requests/new?task=${REQUEST_TASK}`],
    ];
    // Admin sub-pages: whatever /admin links to under /admin/ (when the role may see it).
    const r = await page.goto('/admin');
    if (r.status() === 200) {
        const subs = await page.$$eval('main a[href^="/admin/"]', (as) => as.map((a) => a.getAttribute('href')));
        for (const s of [...new Set(subs.map((h) => h.split('#')[0]))])
            if (!out.some(([, p]) => p === s)) out.push([`quan-tri-${s.slice(7).replace(/[^a-z0-9]+/g, '-')}`, s]);
    }
    return out;
}

async function signIn(page, role) {
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(role.user);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password(role.user));
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'),
        page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

// axe-core on the page in view: its violations, one line each with the first nodes.
async function axe(page) {
    // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') allows.
    if (!await page.evaluate(() => !!window.axe)) await page.evaluate(AXE_SRC);
    const v = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.slice(0, 3)
            .map((n) => n.target.join(' ') + (n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : '')).join('; ')}`
            + (x.nodes.length > 3 ? ` (+${x.nodes.length - 3} more)` : ''));
    });
    return v;
}

async function main() {
    fs.mkdirSync(SHOTS, { recursive: true });
    cli('demo');
    // Two requests for explanation to Bộ Nội vụ (issue #15): 1 open, 2 answered.
    REQUEST_TASK = JSON.parse(cli('warnings', '--as-of', TODAY, '--rule', 'overdue', '--agency', 'Bộ Nội vụ',
        '--format', 'json'))[0].task;
    for (const n of [1, 2])
        cli('request', 'add', '--task', String(REQUEST_TASK), '--unit', 'Bộ Nội vụ', '--due', '2025-12-30',
            '--date', '2025-12-20', '--content', `Đề nghị giải trình việc chậm (${n})`, '--number', `${n}/VP-GS`);
    cli('request', 'answer', '2', '--explanation', 'Chờ ý kiến các bộ', '--remedy', 'Trình trước 10/01/2026',
        '--new-due', '2026-01-15', '--date', '2025-12-22');
    for (const r of ROLES) cli('user', 'add', r.user, ...r.args, '--password', password(r.user));
    const url = await startServer();
    log(`server at ${url}`);
    const browser = await chromium.launch({
        executablePath: CHROMIUM, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const failures = [];
    const rows = [];
    const axed = new Set();
    try {
        const only = process.env.PAGES_ROLES ? process.env.PAGES_ROLES.split(',') : null;
        for (const role of ROLES.filter((r) => !only || only.includes(r.key))) {
            for (const [w, h] of WIDTHS) {
                const context = await browser.newContext({ baseURL: url, locale: 'vi-VN',
                    timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: w, height: h } });
                context.setDefaultTimeout(15000);
                const page = await context.newPage();
                let where = '';
                const problems = [];
                page.on('console', (m) => {
                    if (m.type() !== 'error' || /favicon\.ico/.test(m.location().url || '')) return;
                    if (/status of 40[34]/.test(m.text())) return; // the expected 403/404 pages
                    problems.push(`${where}: console error: ${m.text()}`);
                });
                page.on('pageerror', (e) => problems.push(`${where}: page error: ${e.message}`));
                await signIn(page, role);
                const list = await pagesOf(page);
                let n = 0;
                const names = process.env.PAGES_NAMES ? process.env.PAGES_NAMES.split(',') : null;
                for (const [name, p] of list.filter(([x]) => !names || names.includes(x))) {
                    where = `${role.key} ${name} ${w}px (${p})`;
                    const res = await page.goto(p);
                    const status = res.status();
                    if (status === 403) continue; // not this role's page
                    const want = name === 'khong-co' ? 404 : 200;
                    if (status !== want) failures.push(`${where}: HTTP ${status}, want ${want}`);
                    await page.waitForLoadState('load');
                    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
                    if (w < 640 && sw > w + 1) {
                        const wide = await page.evaluate((vw) => [...document.querySelectorAll('main *')]
                            .filter((e) => e.getBoundingClientRect().right > vw + 1)
                            .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''}`
                                + ` (${Math.round(e.getBoundingClientRect().right)} px)`).join(', '), w);
                        failures.push(`${where}: page ${sw} px wide at ${w} px: ${wide}`);
                        log(`FAIL ${where}: page ${sw} px wide: ${wide}`);
                    }
                    // Chart text at >= 12 CSS px: font size times the drawn/viewBox width.
                    const small = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
                        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || 1);
                        return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)
                            .filter((px) => px < 12).map((px) => `${svg.getAttribute('aria-label')}: ${px.toFixed(1)} px`);
                    }));
                    if (small.length) {
                        failures.push(`${where}: chart text below 12 px: ${[...new Set(small)].slice(0, 3).join('; ')}`);
                        log(`FAIL ${where}: chart text below 12 px: ${small[0]}`);
                    }
                    const t1 = Date.now();
                    // The same main content at the same width (the report for every role) is checked once.
                    const seen = `${w} ${await page.evaluate(() => document.querySelector('main')?.innerHTML.length + ':' + document.querySelector('main')?.innerHTML.slice(0, 4000))}`;
                    if (LOOK && (!axed.has(seen) || name === 'tong-quan')) {
                        axed.add(seen);
                        for (const v of await axe(page)) {
                            failures.push(`${where}: axe ${v}`);
                            log(`FAIL ${where}: axe ${v.slice(0, 400)}`);
                        }
                    }
                    const t2 = Date.now();
                    // The whole page, up to 5,000 px (the report is far longer: its start is enough).
                    const height = await page.evaluate(() => document.documentElement.scrollHeight);
                    if (LOOK) await page.screenshot({ path: path.join(SHOTS, `${role.key}-${name}-${w}.png`), timeout: 30000,
                        ...(height <= 5000 ? { fullPage: true } : { clip: { x: 0, y: 0, width: w, height: 5000 }, fullPage: true }) });
                    if (process.env.PAGES_TIMING) log(`  ${where}: axe ${t2 - t1} ms, screenshot ${Date.now() - t2} ms, ${height} px`);
                    n++;
                    rows.push({ role: role.key, name, w, sw });
                }
                failures.push(...problems);
                log(`${role.key} at ${w}×${h}: ${n} pages`);
                await context.close();
            }
        }
    } finally {
        await browser.close().catch(() => {});
    }
    const widest = rows.filter((r) => r.w < 640).sort((a, b) => b.sw - a.sw)[0];
    log(`${rows.length} page views checked; widest at 390 px: ${widest ? `${widest.role} ${widest.name} ${widest.sw} px` : '-'}; screenshots in ${SHOTS}`);
    return failures;
}

let failures = [];
try {
    failures = await main();
} catch (e) {
    failures.push(e instanceof Failure ? e.message : e.stack || String(e));
} finally {
    await stopServer();
    fs.rmSync(tmp, { recursive: true, force: true });
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
    console.error(`FAILED: ${failures.length} problems:\n    ${failures.join('\n    ')}`);
    console.log(`0 passed, 1 failed (browser page sweep, ${secs} s)`);
    process.exit(1);
}
console.log(`1 passed, 0 failed (browser page sweep, ${secs} s)`);
process.exit(0);
