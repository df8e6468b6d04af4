// End-to-end test of the giamsat web application in a real browser: Debian's
// chromium (/usr/bin/chromium) driven by playwright-core, never a downloaded browser.
//
// A fresh database (`giamsat demo`, an admin account, GIAMSAT_TODAY=2025-12-24), a
// server on a free loopback port, then what a person does: sign in, search "bo cong an"
// as you type and find the Ministry of Public Security's tasks, open one of its overdue
// tasks, add a progress report, record completion, see the dashboard's numbers move,
// download the XLSX report. Every page visited is checked for accessibility basics
// (lang="vi", one h1, every field labelled) and no console error (CSP violations
// included), page error or failed request may happen.
//
// Environment: GIAMSAT (the binary, required), OOXML_CHECK (optional checker of the
// .xlsx), CHROMIUM (default /usr/bin/chromium), ARTIFACTS (default
// build/artifacts/browser): screenshots and the downloaded report are kept there.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const rel = (f) => (path.relative(root, f).startsWith('..') ? f : path.relative(root, f));
const GIAMSAT = process.env.GIAMSAT;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(process.env.ARTIFACTS || path.join(here, '../../build/artifacts/browser'));
const TODAY = '2025-12-24';
const TODAY_DMY = '24/12/2025'; // date fields are typed as dd/mm/yyyy
const QUERY = 'bo cong an';
const MINISTRY = 'Bộ Công an';
const ADMIN = ['admin', 'admin-pass-123'];
const FOCAL = ['noivu', 'noivu-pass-123']; // Bộ Nội vụ's focal point
const DOCX_PACK = process.env.DOCX_PACK;

const started = Date.now();
let step = 'setup';
const log = (msg) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s ${msg}`);
class Failure extends Error {}
function check(cond, msg) {
    if (!cond) throw new Failure(msg);
}
function eq(got, want, what) {
    check(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

if (!GIAMSAT || !fs.existsSync(GIAMSAT)) {
    console.error(`FAILED: set GIAMSAT to the giamsat binary (got ${JSON.stringify(GIAMSAT)})`);
    process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
    console.error(`FAILED: ${CHROMIUM} is missing. Install Debian's chromium: apt-get install -y chromium`);
    process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'giamsat-e2e-'));
// GIAMSAT_DB: the suite's PostgreSQL run gives a fresh database of its own (tests/pg/backend.sh).
const db = process.env.GIAMSAT_DB || path.join(tmp, 'giamsat.db');
const env = { ...process.env, GIAMSAT_TODAY: TODAY };
// The command line on the same database (WAL: it reads while the server runs).
function cli(...args) {
    try {
        return execFileSync(GIAMSAT, ['--db', db, ...args],
            { env, encoding: 'utf8', cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    } catch (e) {
        const err = String(e.stderr || e.message).split('\n').slice(0, 30).join('\n    ');
        throw new Failure(`giamsat ${args.join(' ')}: exit ${e.status ?? e.signal}\n    ${err}`);
    }
}
const cliJson = (...args) => JSON.parse(cli(...args, '--format', 'json'));

let server = null;
let serverExit = null;
let browser = null;

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

// Start `giamsat serve` on a free port; retry: another test may take the port first.
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
    throw new Failure(`the server did not start:\n${serverLog()}`);
}

function serverLog() {
    try {
        return fs.readFileSync(path.join(tmp, 'server.log'), 'utf8').split('\n').slice(-30).join('\n');
    } catch {
        return '(no server.log)';
    }
}

// Stop the server with SIGTERM; it must exit by itself (cleanly) within 10 s.
async function stopServer() {
    if (!server) return null;
    const child = server;
    server = null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    const r = await serverExit;
    clearTimeout(timer);
    return r;
}
process.on('exit', () => { if (server) server.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => { if (server) server.kill('SIGKILL'); process.exit(1); });
}

// Problems seen by the browser: console errors (CSP violations among them), uncaught
// page errors, failed requests and HTTP errors.
const problems = [];
let expectRefused = false; // a form submitted to be refused: its 422 is the answer wanted
function watch(page) {
    page.on('console', (m) => {
        // The browser asks for /favicon.ico by itself; the application has none (404).
        if (m.type() === 'error' && /\/favicon\.ico$/.test(m.location().url || '')) return;
        if (m.type() === 'error' && expectRefused && / 422 /.test(m.text())) return;
        if (m.type() === 'error') problems.push(`[${step}] console error: ${m.text()} (${m.location().url || page.url()})`);
    });
    page.on('pageerror', (e) => problems.push(`[${step}] page error: ${e.message}`));
    page.on('requestfailed', (r) => {
        // A link that becomes a download aborts its navigation: expected, not a failure.
        if (r.failure()?.errorText === 'net::ERR_ABORTED' && new URL(r.url()).pathname === '/report/download') return;
        problems.push(`[${step}] request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => {
        // The browser asks for /favicon.ico by itself; the application has none.
        if (expectRefused && r.status() === 422) return;
        if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico')
            problems.push(`[${step}] HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
}

// Accessibility basics of the page in view: lang="vi", exactly one h1, a label (or an
// aria-label) for every field a person fills in, an accessible name for every image.
async function a11y(page, what) {
    const found = await page.evaluate(() => {
        const out = [];
        const lang = document.documentElement.getAttribute('lang');
        if (lang !== 'vi') out.push(`<html lang="${lang}">, want "vi"`);
        const h1 = document.querySelectorAll('h1').length;
        if (h1 !== 1) out.push(`${h1} h1 elements, want 1`);
        if (!document.title.trim()) out.push('no <title>');
        for (const el of document.querySelectorAll('input, select, textarea')) {
            const type = (el.getAttribute('type') || '').toLowerCase();
            if (['hidden', 'submit', 'button', 'reset'].includes(type)) continue;
            const labelled = (el.labels && [...el.labels].some((l) => l.textContent.trim()))
                || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            if (!labelled) out.push(`unlabelled ${el.tagName.toLowerCase()} name="${el.name}" id="${el.id}"`);
        }
        for (const img of document.querySelectorAll('img:not([alt])')) out.push(`img without alt: ${img.src}`);
        for (const svg of document.querySelectorAll('svg[role="img"], svg[role="group"]'))
            if (!svg.getAttribute('aria-label') && !svg.getAttribute('aria-labelledby')) out.push('svg chart without a name');
        for (const b of document.querySelectorAll('button, a[href]'))
            if (!b.textContent.trim() && !b.getAttribute('aria-label') && !b.querySelector('svg, img[alt]'))
                out.push(`${b.tagName.toLowerCase()} without a name: ${b.outerHTML.slice(0, 80)}`);
        return out;
    });
    check(found.length === 0, `accessibility of ${what} (${page.url()}):\n    ${found.join('\n    ')}`);
}

async function shot(page, name) {
    const file = path.join(ARTIFACTS, name);
    await page.screenshot({ path: file, fullPage: true, timeout: 30000 });
    return file;
}

// Submit the progress form: POST, 303, then the task page with ?saved=1 (the URL may
// already be that one, so wait for the new GET's response and its load).
async function submitProgress(page, form, id) {
    const saved = (r) => {
        const u = new URL(r.url());
        return r.request().method() === 'GET' && u.pathname === `/tasks/${id}` && u.searchParams.get('saved') === '1';
    };
    const [post, get] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/tasks/${id}/progress`),
        page.waitForResponse(saved),
        form.getByRole('button', { name: 'Ghi báo cáo' }).click(),
    ]);
    eq(post.status(), 303, 'POST progress: HTTP status');
    eq(get.status(), 200, 'the task page after saving: HTTP status');
    await page.waitForLoadState('load');
}

// Submit the progress (or reopening) form expecting a refusal: 422, the page again with the
// error summary "Có lỗi" at the top of <main>, focused, linking to each field named.
async function refusedProgress(page, form, id, button, fields) {
    expectRefused = true;
    const [post] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/tasks/${id}/progress`),
        page.waitForNavigation({ waitUntil: 'load' }),
        form.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    expectRefused = false;
    eq(post.status(), 422, `POST ${button} (refused): HTTP status`);
    const summary = page.locator('.error-summary');
    eq((await summary.locator('h2').textContent()).trim(), 'Có lỗi', 'the error summary title');
    check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('error-summary')),
        'the error summary does not have the focus');
    check(await page.evaluate(() => document.querySelector('main > h1').nextElementSibling.classList.contains('error-summary')),
        'the error summary is not at the top of <main>');
    check((await page.title()).startsWith('Lỗi: '), `the title does not start with "Lỗi: " (${await page.title()})`);
    const box = await summary.boundingBox();
    check(box && box.y < 800, `the error summary is off-screen (y = ${box && box.y})`);
    for (const f of fields) {
        eq(await summary.locator(`a[href="#${f}"]`).count(), 1, `the summary link to #${f}`);
        eq(await page.locator(`#${f}-error`).count(), 1, `the message beside #${f}`);
    }
    return summary;
}

// Submit a completion or reopening: the confirmation panel first (200, focused, nothing
// written), then "Xác nhận": 303 and the task page with ?saved=KEY.
async function confirmProgress(page, form, id, button, title, saved) {
    const [ask] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/tasks/${id}/progress`),
        page.waitForNavigation({ waitUntil: 'load' }),
        form.getByRole('button', { name: button, exact: true }).click(),
    ]);
    eq(ask.status(), 200, `POST ${button} (to confirm): HTTP status`);
    const panel = page.locator('.confirm-panel');
    eq((await panel.locator('h2').textContent()).trim(), title, 'the confirmation panel');
    check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('confirm-panel')),
        'the confirmation panel does not have the focus');
    await a11y(page, `the confirmation "${title}"`);
    await shot(page, saved === 'reopen' ? 'task-reopen-confirm.png' : 'task-done-confirm.png');
    const [post, get] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/tasks/${id}/progress`),
        page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).searchParams.get('saved') === saved),
        panel.getByRole('button', { name: 'Xác nhận', exact: true }).click(),
    ]);
    eq(post.status(), 303, `POST ${button} (confirmed): HTTP status`);
    eq(get.status(), 200, 'the task page after confirming: HTTP status');
    await page.waitForLoadState('load');
}

async function cards(page) {
    const n = async (k) => Number(await page.locator(`#n-${k}`).textContent());
    return { total: await n('total'), done: await n('done'), overdue: await n('overdue'),
             in_progress_on_time: await n('in_progress_on_time') };
}

// A Word progress table as Bộ Nội vụ sends it: a letterhead, no date or unit column (the
// date in the result header), a section heading, a name one word short and one letter off
// (task 3), an exact name (task 6) whose copied lead is a vertically merged cell.
function focalPointDocx(file) {
    check(DOCX_PACK && fs.existsSync(DOCX_PACK), `set DOCX_PACK to the docx-pack test tool (got ${JSON.stringify(DOCX_PACK)})`);
    const name = (id) => cliJson('task', String(id)).name;
    const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const p = (t) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
    const c = (t, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p(t)}</w:tc>`;
    const row = (...cells) => `<w:tr>${cells.join('')}</w:tr>`;
    const near3 = name(3).replace('thường xuyên, ', '').replace('phổ cập', 'phổ cạp');
    const body = [
        `<w:tbl>${row(c('BỘ NỘI VỤ'), c('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))}</w:tbl>`,
        p('BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ'),
        '<w:tbl>',
        `<w:tr><w:trPr><w:tblHeader/></w:trPr>${['TT', 'Tên nhiệm vụ', 'Cơ quan chủ trì', 'Kết quả (đến ngày 12/12/2025)', 'Vướng mắc, kiến nghị'].map((h) => c(h)).join('')}</w:tr>`,
        row(c('I'), c('NHIỆM VỤ TRỌNG TÂM'), c(''), c(''), c('')),
        row(c('1'), c(near3), c('Các bộ, ngành, địa phương', '<w:vMerge w:val="restart"/>'), c('Đã tổ chức phát động phong trào (Word)'), c('')),
        row(c('2'), c(name(6)), '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>', c('Đang tổng hợp (Word)'), c('')),
        '</w:tbl>',
    ].join('');
    execFileSync(DOCX_PACK, [file], { input: body });
}

// A unit's focal point uploads its Word progress table, sees the dry run, ticks the one
// suggestion and confirms: both reports land on Bộ Nội vụ's tasks, dated from the header.
async function focalPointImport(browser, url) {
    step = 'focal point import';
    const docx = path.join(tmp, 'tien-do-bnv.docx');
    focalPointDocx(docx);
    const shots = [];
    const context = await browser.newContext({ baseURL: url, locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    watch(page);
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(FOCAL[0]);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(FOCAL[1]);
    // A focal point's home is its unit's page: overdue and due-soon work first, each with "Báo cáo".
    await Promise.all([page.waitForURL((u) => /^\/units\/\d+$/.test(u.pathname)),
        page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Bộ Nội vụ' }).waitFor();
    const todo = page.locator('#can-lam table.todo tbody tr');
    check(await todo.count() > 0, 'the focal point\'s home lists no overdue or due-soon task');
    check(/#them-bao-cao$/.test(await todo.first().locator('a.report-action').getAttribute('href')),
        'the first row has no Báo cáo action to the progress form');
    await a11y(page, 'the focal point\'s home');
    await shot(page, 'unit-home.png');
    await Promise.all([page.waitForURL((u) => u.pathname === '/import'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Nhập dữ liệu' }).click()]);
    await a11y(page, 'the import form of a focal point');
    check((await page.locator('main').textContent()).includes('Bộ Nội vụ'), 'the form does not name the unit');
    eq(await page.locator('select#format').count(), 0, 'kinds of file offered to a focal point');
    await page.locator('input#file').setInputFiles(docx);
    await Promise.all([page.waitForURL((u) => u.pathname === '/import'),
        page.getByRole('button', { name: 'Kiểm tra (chạy thử, chưa ghi)' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra tệp nhập' }).waitFor();
    await a11y(page, 'the dry run of a Word progress table');
    const fact = async (k) => Number(await page.locator(`dd[data-key="${k}"]`).textContent());
    eq(await fact('skipped_headings'), 1, 'skipped headings in the dry run');
    eq(await fact('suggestions'), 1, 'suggestions in the dry run');
    eq(await fact('added'), 1, 'reports valid before the tick');
    const sug = page.locator('table.suggestions tbody tr');
    eq(await sug.count(), 1, 'rows of the suggestion table');
    check((await sug.textContent()).includes('phổ cạp'), 'the suggestion does not show the name as written');
    eq(await sug.locator('a').getAttribute('href'), '/tasks/3', 'the suggested task');
    shots.push(await shot(page, 'import-dry-run.png'));
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `the dry run overflows a 390 px screen by ${overflow} px`);
    shots.push(await shot(page, 'import-dry-run-390.png'));
    await page.setViewportSize({ width: 1366, height: 900 });
    await sug.getByRole('checkbox').check();
    await Promise.all([page.waitForURL((u) => u.pathname === '/import'),
        page.getByRole('button', { name: 'Xác nhận nhập' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Đã nhập dữ liệu' }).waitFor();
    await a11y(page, 'the import result');
    eq(await fact('added'), 2, 'reports written after the tick');
    check((await page.locator('table.suggestions tbody tr').textContent()).includes('Đã nhận'),
        'the result page does not say the suggestion was taken');
    const reports = (id) => cliJson('progress', 'list', '--task', String(id));
    const r3 = reports(3).find((r) => r.result === 'Đã tổ chức phát động phong trào (Word)');
    const r6 = reports(6).find((r) => r.result === 'Đang tổng hợp (Word)');
    check(r3 && r6, 'the two reports are not on tasks 3 and 6');
    for (const r of [r3, r6]) {
        eq(r.unit, 'Bộ Nội vụ', 'the reporting unit');
        eq(r.date, '2025-12-12', 'the report date (from the result header)');
    }
    shots.push(await shot(page, 'import-done.png'));
    log('focal point: Word progress table imported, one suggestion confirmed');
    await context.close();
    return shots;
}

// Issue #15: a request for explanation walked through from the office's issue form on an
// overdue task of Bộ Nội vụ, to the focal point's answer on the request page, to the office's
// acceptance; the states as `giamsat request list` has them after each step.
async function signedIn(browser, url, [user, pass]) {
    const context = await browser.newContext({ baseURL: url, locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    watch(page);
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(user);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(pass);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'),
        page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    return { context, page };
}

// The unread count in the header of page (0 when it shows none), after loading path.
async function unreadCount(page, path = '/') {
    await page.goto(path);
    const c = page.locator('header a.inbox .count');
    return (await c.count()) ? Number(await c.textContent()) : 0;
}

// The unread notice of the inbox that links to href, or null.
async function unreadNotice(page, href) {
    await page.goto('/inbox');
    const li = page.locator(`li.notice.unread:has(a[href="${href}"])`);
    return (await li.count()) ? li.first() : null;
}

async function requestWalk(browser, url) {
    step = 'request: issue';
    const focal = await signedIn(browser, url, FOCAL);
    const focalBefore = await unreadCount(focal.page);
    const overdue = cliJson('warnings', '--as-of', TODAY, '--rule', 'overdue', '--agency', 'Bộ Nội vụ');
    check(overdue.length > 0 && overdue[0].task, 'Bộ Nội vụ has no overdue task');
    const office = await signedIn(browser, url, ADMIN);
    let page = office.page;
    await page.goto(`/tasks/${overdue[0].task}`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/requests/new'),
        page.getByRole('link', { name: 'Gửi yêu cầu giải trình' }).click()]);
    await a11y(page, 'the issue form');
    await page.getByLabel('Đơn vị được yêu cầu').selectOption('Bộ Nội vụ');
    await page.getByLabel('Nội dung đề nghị giải trình').fill('Đề nghị giải trình nguyên nhân chậm và biện pháp khắc phục.');
    await page.getByLabel('Hạn trả lời').fill('31/12/2025');
    await page.getByLabel('Số công văn').fill('125/VP-GS');
    await Promise.all([page.waitForURL((u) => /^\/requests\/\d+$/.test(u.pathname)),
        page.getByRole('button', { name: 'Gửi yêu cầu giải trình' }).click()]);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    check((await page.locator('main').textContent()).includes('Đã gửi yêu cầu giải trình.'), 'no notice after issuing');
    const listed = () => cliJson('request', 'list', '--as-of', TODAY).find((r) => r.id === id);
    eq(listed()?.state, 'open', 'the new request\'s state');
    const shots = [await shot(page, 'request-issued.png')];

    step = 'request: the unit\'s inbox';
    const unit = focal;
    check(await unreadCount(unit.page) > focalBefore, 'the focal point\'s unread count did not move');
    check(await unreadNotice(unit.page, `/requests/${id}`), 'no unread notice of the request');
    shots.push(await shot(unit.page, 'request-inbox.png'));
    const officeBefore = await unreadCount(page);

    step = 'request: answer';
    await unit.page.goto(`/requests/${id}`);
    await a11y(unit.page, 'the request page of the unit');
    await unit.page.getByLabel('Giải trình (nguyên nhân)').fill('Chờ ý kiến thống nhất của các bộ.');
    await unit.page.getByLabel('Biện pháp khắc phục').fill('Trình Chính phủ trước ngày 10/01/2026.');
    await unit.page.getByLabel('Ngày hoàn thành mới đơn vị cam kết').fill('15/01/2026');
    await Promise.all([unit.page.waitForURL((u) => u.search === '?saved=answer'),
        unit.page.getByRole('button', { name: 'Gửi trả lời' }).click()]);
    eq(listed()?.state, 'answered', 'the state after the unit\'s answer');
    eq(listed()?.steps[0].new_due, '2026-01-15', 'the committed date');
    shots.push(await shot(unit.page, 'request-answered.png'));
    await unit.context.close();

    step = 'request: the office\'s inbox';
    const officeAfter = await unreadCount(page);
    check(officeAfter > officeBefore, 'the office\'s unread count did not move after the answer');
    const notice = await unreadNotice(page, `/requests/${id}`);
    check(notice, 'no unread notice of the answer');
    await Promise.all([page.waitForURL((u) => u.pathname === '/inbox'),
        notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).click()]);
    eq(await unreadCount(page), officeAfter - 1, 'the unread count after marking the answer read');

    step = 'request: accept';
    await page.goto(`/requests/${id}`);
    await Promise.all([page.waitForURL((u) => u.search === '?saved=accept'),
        page.getByRole('button', { name: 'Chấp nhận câu trả lời' }).click()]);
    await page.locator('.badge.st-accepted').waitFor();
    eq(listed()?.state, 'accepted', 'the state after the office\'s acceptance');
    await a11y(page, 'the accepted request');
    shots.push(await shot(page, 'request-accepted.png'));
    await office.context.close();
    log(`request ${id}: issued by the office, answered by Bộ Nội vụ, accepted`);
    return shots;
}

async function main() {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    step = 'database';
    cli('demo');
    cli('user', 'add', ADMIN[0], '--role', 'admin', '--password', ADMIN[1]);
    cli('user', 'add', FOCAL[0], '--role', 'unit', '--unit', 'Bộ Nội vụ', '--password', FOCAL[1]);
    // A token for another system (the steering office's), printed once.
    const token = cli('token', 'add', '--role', 'giam_sat', '--name', 'he-thong-khac').trim().split('\n').pop();
    const url = await startServer();
    log(`server at ${url} (${rel(path.resolve(GIAMSAT))})`);

    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // The machine has no network beyond loopback: keep chromium from calling home.
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({
        baseURL: url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
        viewport: { width: 1280, height: 900 }, acceptDownloads: true,
    });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    watch(page);
    log(`chromium ${browser.version()}`);

    // 1. Sign in through the form; the dashboard follows.
    step = 'sign in';
    const anon = await page.goto('/');
    eq(new URL(page.url()).pathname, '/login', 'an anonymous visitor is sent to');
    check(anon.ok(), `GET /login: HTTP ${anon.status()}`);
    await a11y(page, 'the sign-in page');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(ADMIN[0]);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN[1]);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    log('signed in as admin');

    // 2. The dashboard's numbers, as the JSON report has them.
    step = 'dashboard';
    await a11y(page, 'the dashboard');
    eq(await page.getByLabel('Số liệu tính đến ngày', { exact: true }).inputValue(), TODAY_DMY, 'dashboard date');
    const before = await cards(page);
    const rep0 = cliJson('report', '--as-of', TODAY);
    for (const k of Object.keys(before)) eq(before[k], rep0.tasks[k], `dashboard card ${k} vs giamsat report`);
    check(before.overdue > 0, 'the demo data has no overdue task');
    eq(await page.locator('svg.chart[role="group"]').count(), 4, 'charts on the dashboard');
    log(`dashboard: total ${before.total}, done ${before.done}, overdue ${before.overdue}`);

    // 3. Tasks: type "bo cong an" (no diacritics) and let the live search reload the list.
    step = 'search';
    await Promise.all([page.waitForURL((u) => u.pathname === '/tasks'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Nhiệm vụ' }).click()]);
    await a11y(page, 'the task list');
    const search = page.getByRole('searchbox', { name: 'Tìm kiếm' });
    check(await search.getAttribute('data-live-search') !== null, 'the search box is not marked data-live-search');
    const allCount = Number(await page.locator('#n-tasks').textContent());
    await search.click();
    // No submit button pressed: app.js submits the form 400 ms after the last key.
    await Promise.all([
        page.waitForURL((u) => u.pathname === '/tasks' && u.searchParams.get('q') === QUERY, { timeout: 10000 }),
        search.pressSequentially(QUERY, { delay: 40 }),
    ]);
    await page.waitForLoadState('load');
    eq(await search.inputValue(), QUERY, 'the search box after the reload');
    const want = cliJson('tasks', '--search', QUERY);
    const count = Number(await page.locator('#n-tasks').textContent());
    eq(count, want.length, `tasks found for "${QUERY}" (giamsat tasks --search)`);
    check(count > 0 && count < allCount, `the search did not narrow the list (${count} of ${allCount})`);
    // Every task found names the Ministry (as lead, coordinator or in its text) ...
    const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    for (const t of want)
        check(fold(`${t.name} ${t.lead_text} ${t.coord_text}`).includes(QUERY), `task ${t.id} found but does not mention ${MINISTRY}`);
    // ... and every task led by the Ministry alone is among them.
    const led = cliJson('tasks', '--agency', MINISTRY).filter((t) => t.lead_text === MINISTRY);
    const foundIds = new Set(want.map((t) => t.id));
    check(led.length > 0, `no task led by ${MINISTRY}`);
    for (const t of led) check(foundIds.has(t.id), `task ${t.id}, led by ${MINISTRY}, not found by "${QUERY}"`);
    // The rows on screen are the first page of that list, in order.
    const table = page.getByRole('table', { name: 'Danh sách nhiệm vụ' });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        id: Number((/^\/tasks\/(\d+)/.exec(tr.querySelector('a[href^="/tasks/"]')?.getAttribute('href') || '') || [])[1]),
        lead: tr.cells[3]?.textContent.trim(), /* TT, Nhiệm vụ, Văn bản, Cơ quan chủ trì */
        status: tr.querySelector('.badge')?.textContent.trim(),
        name: tr.querySelector('a[href^="/tasks/"]')?.textContent.trim(),
    })));
    check(rows.length > 0, 'no row in the task list');
    eq(rows.map((r) => r.id).join(','), want.slice(0, rows.length).map((t) => t.id).join(','),
        'the listed tasks vs giamsat tasks --search');
    const ministryRows = rows.filter((r) => r.lead === MINISTRY);
    check(ministryRows.length > 0, `no row led by ${MINISTRY} on the first page`);
    for (const r of ministryRows) check(led.some((t) => t.id === r.id), `row ${r.id} shows ${MINISTRY} as lead, the CLI does not`);
    await shot(page, 'tasks-search.png');
    log(`search "${QUERY}": ${count} tasks, ${rows.length} on the first page, ${ministryRows.length} led by ${MINISTRY}`);

    // 4. One of the Ministry's overdue tasks (led by it alone): open it from the list.
    step = 'task page';
    const target = ministryRows.find((r) => r.status === 'Quá hạn chưa hoàn thành');
    check(target, `no overdue task led by ${MINISTRY} on the first page`);
    await Promise.all([page.waitForURL((u) => u.pathname === `/tasks/${target.id}`),
        table.getByRole('link', { name: target.name, exact: true }).first().click()]);
    await a11y(page, 'the task page');
    const status = page.locator('p.status .badge');
    eq((await status.textContent()).trim(), 'Quá hạn chưa hoàn thành', `task ${target.id} status`);
    const form = page.locator(`form[action="/tasks/${target.id}/progress"]`);
    const unit = form.getByLabel('Đơn vị báo cáo', { exact: true });
    eq((await unit.locator('option:checked').textContent()).trim(), MINISTRY, 'the reporting unit');
    eq(await form.getByLabel('Ngày báo cáo', { exact: true }).inputValue(), TODAY_DMY, 'the report date default');

    // 5. A progress report (not done): the notice, the report in the timeline, still overdue.
    step = 'progress report';
    const result1 = 'Đã trình Chính phủ dự thảo (kiểm thử trên trình duyệt)';
    await form.getByLabel('Kết quả thực hiện đến ngày báo cáo', { exact: true }).fill(result1);
    await form.getByLabel('Dự kiến kết quả kỳ tới', { exact: true }).fill('Ban hành trong tháng 12/2025');
    await form.getByLabel('Vướng mắc, kiến nghị', { exact: true }).fill('Không có');
    await form.getByLabel('Tiến độ (%, không bắt buộc)', { exact: true }).fill('80');
    await submitProgress(page, form, target.id);
    await a11y(page, 'the task page after a report');
    eq((await page.locator('.notice[role="status"]').textContent()).trim(), 'Đã ghi báo cáo tiến độ.', 'the notice');
    const timeline = page.locator('ol.timeline > li');
    eq(await timeline.count(), 1, 'reports in the timeline');
    check((await timeline.first().textContent()).includes(result1), 'the report is not in the timeline');
    check((await timeline.first().textContent()).includes('80%'), 'the percentage is not in the timeline');
    eq((await status.textContent()).trim(), 'Quá hạn chưa hoàn thành', 'status after a progress report');
    log(`task ${target.id}: progress report saved`);

    // 6. Completion: an empty report is refused (the summary on top, focused); a completion
    // without its output document is refused; then done, completed on 22/12/2025, with the
    // output document, confirmed.
    step = 'empty report refused';
    const pform = () => page.locator(`form[action="/tasks/${target.id}/progress"]#progress-form`);
    for (const f of ['Kết quả thực hiện đến ngày báo cáo', 'Dự kiến kết quả kỳ tới', 'Vướng mắc, kiến nghị', 'Tiến độ (%, không bắt buộc)'])
        await pform().getByLabel(f, { exact: true }).fill('');
    await refusedProgress(page, pform(), target.id, 'Ghi báo cáo', ['p-result']);
    await a11y(page, 'the task page with an error');
    await shot(page, 'task-error.png');
    eq(await page.locator('ol.timeline > li').count(), 1, 'reports in the timeline after a refusal');
    step = 'completion without output refused';
    await pform().getByLabel('Kết quả thực hiện đến ngày báo cáo', { exact: true }).fill('Đã ban hành Nghị định');
    await pform().getByLabel('Đơn vị đã hoàn thành nhiệm vụ', { exact: true }).check();
    await refusedProgress(page, pform(), target.id, 'Ghi báo cáo', ['p-output_number', 'p-output_date']);
    eq(await pform().getByLabel('Kết quả thực hiện đến ngày báo cáo', { exact: true }).inputValue(), 'Đã ban hành Nghị định', 'typed result kept');
    check(await pform().getByLabel('Đơn vị đã hoàn thành nhiệm vụ', { exact: true }).isChecked(), 'the completion box kept');
    step = 'completion';
    const output = 'Nghị định số 999/2025/NĐ-CP ngày 22/12/2025';
    await pform().getByLabel('Ngày hoàn thành (để trống: ngày báo cáo)', { exact: true }).fill('22/12/2025');
    await pform().getByLabel('Số, ký hiệu văn bản', { exact: true }).fill('Nghị định số 999/2025/NĐ-CP');
    await pform().getByLabel('Ngày ban hành', { exact: true }).fill('22/12/2025');
    await confirmProgress(page, pform(), target.id, 'Ghi báo cáo', 'Xác nhận ghi nhận hoàn thành', '1');
    eq(await page.locator('ol.timeline > li').count(), 2, 'reports in the timeline');
    eq((await page.locator('.notice[role="status"]').textContent()).trim(), 'Đã ghi báo cáo tiến độ.', 'the notice');
    eq((await status.textContent()).trim(), 'Hoàn thành quá hạn', 'status after completion');
    check((await page.locator('ol.timeline').textContent()).includes(output), 'the output document is not in the timeline');
    check((await page.locator('table').first().textContent()).includes('22/12/2025'), 'the completion date is not shown');
    await a11y(page, 'the task page after completion');
    const taskShot = await shot(page, 'task.png');
    log(`task ${target.id}: empty report and completion without output refused; completed (Hoàn thành quá hạn)`);

    // 6b. Reopening: refused without a reason, then confirmed: open again (overdue); then
    // completed again (confirmed) so the counts below see one more completion.
    step = 'reopening';
    const rform = () => page.locator('#reopen-form');
    await refusedProgress(page, rform(), target.id, 'Mở lại', ['r-reason']);
    await rform().getByLabel('Lý do mở lại', { exact: true }).fill('Ghi nhận nhầm (kiểm thử trên trình duyệt)');
    await confirmProgress(page, rform(), target.id, 'Mở lại', 'Xác nhận mở lại nhiệm vụ', 'reopen');
    eq((await status.textContent()).trim(), 'Quá hạn chưa hoàn thành', 'status after reopening');
    eq(await page.locator('#reopen-form').count(), 0, 'a reopening form on an open task');
    await a11y(page, 'the task page after reopening');
    // (not the same text: the same report twice is recorded once)
    await pform().getByLabel('Kết quả thực hiện đến ngày báo cáo', { exact: true }).fill('Đã ban hành Nghị định (ghi lại sau khi mở lại)');
    await pform().getByLabel('Đơn vị đã hoàn thành nhiệm vụ', { exact: true }).check();
    await pform().getByLabel('Ngày hoàn thành (để trống: ngày báo cáo)', { exact: true }).fill('22/12/2025');
    await pform().getByLabel('Số, ký hiệu văn bản', { exact: true }).fill('Nghị định số 999/2025/NĐ-CP');
    await pform().getByLabel('Ngày ban hành', { exact: true }).fill('22/12/2025');
    await confirmProgress(page, pform(), target.id, 'Ghi báo cáo', 'Xác nhận ghi nhận hoàn thành', '1');
    eq((await status.textContent()).trim(), 'Hoàn thành quá hạn', 'status after completing again');
    log(`task ${target.id}: reopened with its reason, then completed again`);

    // 7. The dashboard as of the same day: one more done, one less overdue.
    step = 'dashboard after';
    await Promise.all([page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Tổng quan' }).click()]);
    await a11y(page, 'the dashboard');
    eq(await page.getByLabel('Số liệu tính đến ngày', { exact: true }).inputValue(), TODAY_DMY, 'dashboard date');
    const after = await cards(page);
    eq(after.done, before.done + 1, 'dashboard: done');
    eq(after.overdue, before.overdue - 1, 'dashboard: overdue');
    eq(after.total, before.total, 'dashboard: total');
    eq(after.in_progress_on_time, before.in_progress_on_time, 'dashboard: in progress on time');
    const rep1 = cliJson('report', '--as-of', TODAY);
    for (const k of Object.keys(after)) eq(after[k], rep1.tasks[k], `dashboard card ${k} vs giamsat report`);
    const dashShot = await shot(page, 'dashboard.png');
    log(`dashboard: done ${before.done} -> ${after.done}, overdue ${before.overdue} -> ${after.overdue}`);

    // 8. The report page: download the XLSX of the whole report, then show the Ministry's
    // report (the whole one is ~55,000 px tall: too slow to photograph on every run).
    step = 'report';
    await Promise.all([page.waitForURL((u) => u.pathname === '/report'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo thống kê' }).waitFor();
    await a11y(page, 'the report page');
    check((await page.locator('main').textContent()).includes(`quá hạn chưa hoàn thành ${after.overdue} nhiệm vụ`),
        'the report page does not have the new overdue count');
    const [download] = await Promise.all([page.waitForEvent('download'),
        page.getByRole('link', { name: 'Excel (.xlsx)' }).click()]);
    const failed = await download.failure();
    check(!failed, `the download failed: ${failed}`);
    eq(download.suggestedFilename(), `thong-ke-${TODAY}.xlsx`, 'the file name');
    const xlsx = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(xlsx);
    const bytes = fs.readFileSync(xlsx);
    check(bytes.length > 1000 && bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')),
        `${xlsx} is not a zip (${bytes.length} bytes)`);
    if (process.env.OOXML_CHECK) {
        let text;
        try {
            text = execFileSync(process.env.OOXML_CHECK, ['--text', xlsx], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (e) {
            throw new Failure(`${process.env.OOXML_CHECK} rejects ${xlsx}: ${e.stderr || e.message}`);
        }
        check(text.includes(`quá hạn chưa hoàn thành ${after.overdue} nhiệm vụ`)
            && text.includes(`${after.done} nhiệm vụ đã hoàn thành`), 'the XLSX does not have the new numbers');
        log(`report: ${download.suggestedFilename()} (${bytes.length} bytes) passes ooxml-check, has the new numbers`);
    } else {
        log(`report: ${download.suggestedFilename()} (${bytes.length} bytes) is a zip (OOXML_CHECK not set)`);
    }
    await page.getByLabel('Cơ quan chủ trì', { exact: true }).selectOption({ label: MINISTRY });
    await Promise.all([page.waitForURL((u) => u.pathname === '/report' && u.searchParams.get('agency') === MINISTRY),
        page.getByRole('button', { name: 'Xem báo cáo' }).click()]);
    await a11y(page, "the Ministry's report page");
    const repUnit = cliJson('report', '--as-of', TODAY, '--agency', MINISTRY);
    const unitText = await page.locator('main').textContent();
    // counts as the office writes them: below 10 zero-padded, thousands with a dot (COUNTING.md)
    const office = (n) => (n < 10 ? `0${n}` : String(n).replace(/\B(?=(\d{3})+$)/g, '.'));
    check(unitText.includes(`là ${office(repUnit.tasks.total)}, trong đó: ${office(repUnit.tasks.done)} nhiệm vụ đã hoàn thành`),
        `the report page for ${MINISTRY} does not say ${repUnit.tasks.total} tasks, ${repUnit.tasks.done} done`);
    const xlsxLink = await page.getByRole('link', { name: 'Excel (.xlsx)' }).getAttribute('href');
    eq(new URL(xlsxLink, url).searchParams.get('agency'), MINISTRY, 'the XLSX link keeps the unit');
    const reportShot = await shot(page, 'report.png');
    log(`report page for ${MINISTRY}: ${repUnit.tasks.total} tasks, ${repUnit.tasks.done} done`);

    // 9. Indicators: one measurement typed on the indicator's page, one posted through
    // the API; both turn their indicator green on the list, the dashboard and the report.
    step = 'indicator page';
    const green0 = cliJson('report', '--as-of', TODAY).indicators.green;
    await Promise.all([page.waitForURL((u) => u.pathname === '/indicators'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Chỉ tiêu' }).click()]);
    await a11y(page, 'the indicator list');
    eq(Number(await page.locator('#ind-n-green').textContent()), green0, 'green indicators on the list');
    const row = page.locator('#ind-table tr[data-code="11.1"]');
    eq(await row.getAttribute('data-status'), 'grey', 'indicator 11.1 before any measurement');
    await Promise.all([page.waitForURL((u) => /^\/indicators\/\d+$/.test(u.pathname)),
        row.locator('a[href^="/indicators/"]').first().click()]);
    const indicatorPath = new URL(page.url()).pathname;
    await a11y(page, 'the indicator page');
    const mform = page.locator('#measure-form');
    await mform.locator('#m-date').fill('2025-12-20');
    await mform.locator('#m-value').fill('82%');
    await mform.locator('#m-source').fill('Báo cáo kiểm thử trên trình duyệt');
    const [mpost] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${indicatorPath}/measurements`),
        page.waitForURL((u) => u.pathname === indicatorPath && u.searchParams.has('saved')),
        mform.getByRole('button', { name: 'Ghi số đo' }).click(),
    ]);
    eq(mpost.status(), 303, 'POST measurement: HTTP status');
    await page.waitForLoadState('load');
    await a11y(page, 'the indicator page after a measurement');
    check(await page.locator('#saved').isVisible(), 'no notice after saving the measurement');
    eq(await page.locator('#ind-status').getAttribute('data-status'), 'green', 'indicator 11.1 after 82%');
    const hist = page.locator('#history tr[data-measurement]');
    eq(await hist.count(), 1, 'measurements in the history');
    check((await hist.first().textContent()).includes('82%'), 'the history does not show 82%');
    eq(await page.locator('#chart-history svg').count(), 1, 'the history chart');
    const indShot = await shot(page, 'indicator.png');
    log(`indicator 11.1: 82% entered on its page, now green`);

    step = 'indicator API';
    const api = await fetch(`${url}/api/v1/measurements`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ indicator: '12', date: '2025-12-15', value: 85, source: 'Hệ thống khác (API)' }),
    });
    const created = await api.json();
    eq(api.status, 201, `POST /api/v1/measurements: ${JSON.stringify(created)}`);
    eq(created.status, 'green', 'indicator 12 after 85% through the API');

    step = 'indicators dashboard';
    await Promise.all([page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Tổng quan' }).click()]);
    const rep2 = cliJson('report', '--as-of', TODAY).indicators;
    eq(rep2.green, green0 + 2, 'green indicators in giamsat report after two measurements');
    eq(Number(await page.locator('#ind-n-green').textContent()), rep2.green, 'dashboard: green indicators');
    for (const k of ['amber', 'red', 'grey'])
        eq(Number(await page.locator(`#ind-n-${k}`).textContent()), rep2[k], `dashboard: ${k} indicators`);
    await a11y(page, 'the dashboard with indicators');
    await page.locator('#ind-lights').scrollIntoViewIfNeeded();
    const lightsShot = await shot(page, 'dashboard-indicators.png');
    log(`dashboard: green indicators ${green0} -> ${rep2.green}`);

    step = 'indicators report';
    await page.goto('/report');
    await page.getByRole('heading', { name: 'VII. Kết quả thực hiện các chỉ tiêu' }).waitFor();
    const section = await page.locator('main').textContent();
    check(section.includes(`${rep2.green} chỉ tiêu đạt`), `the report page does not count ${rep2.green} green indicators`);
    for (const [code, value] of [['11.1', '82% (20/12/2025)'], ['12', '85 (15/12/2025)']]) {
        const tr = page.locator('#s-chi_tieu tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^${code.replace('.', '\\.')}$`) }) });
        eq(await tr.count(), 1, `rows for indicator ${code} in the report`);
        const text = await tr.textContent();
        check(text.includes(value) && text.toLowerCase().includes('đạt'), `indicator ${code} in the report: ${text}`);
    }
    log('report page: both measurements are in "Kết quả thực hiện các chỉ tiêu"');

    const importShots = await focalPointImport(context.browser(), url);
    const requestShots = await requestWalk(context.browser(), url);

    step = 'end';
    await page.close();
    check(problems.length === 0, `the browser saw problems:\n    ${problems.join('\n    ')}`);
    for (const f of [dashShot, taskShot, reportShot, indShot, lightsShot, ...importShots, ...requestShots]) console.log(`  artefact: ${rel(f)}`);
}

let ok = false;
try {
    await main();
    ok = true;
} catch (e) {
    console.error(`FAILED at step "${step}": ${e instanceof Failure ? e.message : e.stack || e}`);
    if (problems.length) console.error(`  the browser also saw:\n    ${problems.join('\n    ')}`);
} finally {
    if (browser) await browser.close().catch(() => {});
    const r = await stopServer();
    if (r && (r.code !== 0 || r.signal)) {
        console.error(`FAILED: the server did not stop cleanly on SIGTERM (exit ${r.code}, signal ${r.signal})`);
        ok = false;
    }
    if (!ok) console.error(`  server log (last lines):\n${serverLog().replace(/^/gm, '    ')}`);
    fs.rmSync(tmp, { recursive: true, force: true });
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (ok) {
    console.log(`1 passed, 0 failed (browser e2e, ${secs} s)`);
    process.exit(0);
}
console.log(`0 passed, 1 failed (browser e2e, ${secs} s)`);
process.exit(1);
