/*
 * The query plans of the read paths a request serves (issue #12): every
 * statement that reading one task, a page of tasks, one task's programme
 * slice or its timeline prepares, and the lookup of a progress row by Mã,
 * goes through an index; no plan scans task, assignment or progress_report
 * (only the small document and agency tables are read whole). Loading the
 * whole programme reads the reports from the covering index alone.
 *
 * The statements are the store's own: SQLite's statement trace records the
 * text of each one as it runs, and EXPLAIN QUERY PLAN of that text (on a
 * connection of its own) is checked. Plans do not depend on the data or on
 * timing: without ANALYZE statistics SQLite chooses from the schema alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/embedded.h"
#include "core/progress.h"
#include "core/registry.h"
#include "core/resolve.h"
#include "import/import.h"
#include "store/store_import.h"
#include "store/store_programme.h"
#include "store/store_progress.h"
#include "store/store_query.h"
#include "store/store_registry.h"
#include "util/buf.h"
#include "util/collate.h"
#include "util/strvec.h"
#include "testdb.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/giamsat-test-plans.XXXXXX";
static char path[64];
static struct db *db;
static struct registry reg = REGISTRY_INIT;

static struct strvec traced = STRVEC_INIT; /* statements run while recording */
static bool recording;

static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    (void)x;
    if (type == SQLITE_TRACE_STMT && recording && sql && strncmp(sql, "--", 2))
        strvec_push(&traced, sql);
    return 0;
}

/* The shipped registry and seed 001 (Nghị quyết 71: tasks with Mã, group lead cells). */
static void store_seed(void)
{
    struct batch b = BATCH_INIT;
    struct import_summary sum = { 0 };
    struct import_options io = { .file = "001" };
    struct err e = ERR_INIT;
    const struct embedded_file *f = embedded_find("001_523cb3a39135c550.txt");
    assert_non_null(f);
    testdb_seed_registry(db, &reg);
    registry_release(&reg);
    reg = (struct registry)REGISTRY_INIT;
    assert_int_equal(store_load_registry(db, &reg, &e), 0);
    assert_int_equal(import_read(f->data, f->len, "001", NULL, &b, &e), 0);
    struct resolved_task *rt = resolve_batch(&reg, &b, &sum);
    if (store_import(db, &reg, &b, rt, &io, &sum, &e))
        fail_msg("import: %s", e.msg);
    resolved_free(rt, b.n_tasks);
    batch_release(&b);
}

static int setup(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/plans.db", dir);
    if (testdb_open_traced(path, on_statement, &db, &e))
        return -1;
    store_seed();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    registry_release(&reg);
    strvec_release(&traced);
    testdb_remove(path, dir);
    return 0;
}

/* EXPLAIN QUERY PLAN of sql, one detail a line; newly allocated. */
static char *plan_of(const char *sql)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *st = NULL;
    struct buf b = BUF_INIT;
    char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(conn, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(conn));
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_addf(&b, "%s\n", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    sqlite3_close(conn);
    sqlite3_free(q);
    return buf_take(&b);
}

/* Every "SCAN x" of the plan reads one of the small tables that are loaded whole. */
static bool scans_only_small_tables(const char *plan)
{
    for (const char *s = strstr(plan, "SCAN "); s; s = strstr(s + 1, "SCAN ")) {
        const char *t = s + 5;
        /* the partial index holds only the reports awaiting approval (schema 16) */
        if (!strncmp(t, "progress_report USING INDEX progress_awaiting_approval", 54))
            continue;
        if (strncmp(t, "document", 8) && strncmp(t, "agency", 6) && strncmp(t, "CONSTANT", 8))
            return false;
    }
    return true;
}

/* Every statement recorded since the last call uses indexes; returns how many there were. */
static size_t check_recorded(void)
{
    size_t n = traced.n;
    for (size_t i = 0; i < traced.n; i++) {
        char *plan = plan_of(traced.items[i]);
        if (!scans_only_small_tables(plan))
            fail_msg("a read path scans a large table:\n%s\nplan:\n%s", traced.items[i], plan);
        free(plan);
    }
    strvec_release(&traced);
    traced = (struct strvec)STRVEC_INIT;
    return n;
}

/* A task with several lead units, each with two reports (added once). */
static long a_task_with_reports(void)
{
    static long found;
    if (found)
        return found;
    struct task_view *t = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    struct task_filter f = { 0 };
    assert_int_equal(store_tasks(db, &reg, &f, &t, &n, &e), 0);
    assert_true(n > 10);
    long id = 0;
    for (size_t i = 0; i < n && !id; i++)
        if (t[i].lead.n > 1)
            id = t[i].id;
    task_views_free(t, n);
    assert_true(id > 0);
    char *sql = sqlite3_mprintf(
        "INSERT INTO progress_report (assignment_id, reported_on, kind, original, source,"
        " entered_at, fingerprint) SELECT a.id, d.on_, 'progress', '', 'import',"
        " '2025-06-01T00:00:00Z', 'plan-' || a.id || d.on_ FROM assignment a,"
        " (SELECT '2025-05-01' AS on_ UNION ALL SELECT '2025-04-01') d WHERE a.task_id = %ld",
        id);
    testdb_exec(path, sql);
    sqlite3_free(sql);
    found = id;
    return id;
}

static void test_one_task_reads_indexed(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    long id = a_task_with_reports();
    long ids[3] = { id + 2, id, id + 2 }; /* any order, repeats read once */

    recording = true;
    struct task_view tv;
    assert_int_equal(store_task(db, id, &tv, &e), 0);
    task_view_release(&tv);
    struct task_view *views = NULL;
    size_t n = 0;
    assert_int_equal(store_tasks_by_id(db, ids, 3, &views, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(views[0].id, id);
    assert_int_equal(views[1].id, id + 2);
    assert_true(views[0].lead.n > 1);
    task_views_free(views, n);
    struct programme p = PROGRAMME_INIT;
    assert_int_equal(store_load_tasks(db, ids, 3, &p, &e), 0);
    assert_int_equal(p.n_tasks, 2);
    assert_true(p.n_assignments > 0);
    programme_release(&p);
    struct progress_view *pv = NULL;
    assert_int_equal(store_progress_list(db, id, &pv, &n, &e), 0);
    progress_views_free(pv, n);
    size_t total = 0;
    assert_int_equal(store_progress_recent(db, id, 3, &pv, &n, &total, &e), 0);
    progress_views_free(pv, n);
    recording = false;
    assert_true(check_recorded() >= 10);
}

/* The latest reports of a task are the tail of its whole history, in the same order. */
static void test_recent_is_tail(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    long id = a_task_with_reports();
    struct progress_view *all = NULL, *tail = NULL;
    size_t n_all = 0, n_tail = 0, total = 0;
    assert_int_equal(store_progress_list(db, id, &all, &n_all, &e), 0);
    assert_true(n_all >= 4);
    for (size_t limit = 0; limit <= n_all + 1; limit++) {
        assert_int_equal(store_progress_recent(db, id, limit, &tail, &n_tail, &total, &e), 0);
        assert_int_equal(total, n_all);
        assert_int_equal(n_tail, limit < n_all ? limit : n_all);
        for (size_t i = 0; i < n_tail; i++) {
            const struct progress_view *x = &tail[i], *y = &all[n_all - n_tail + i];
            assert_int_equal(x->id, y->id);
            assert_string_equal(x->unit, y->unit);
            assert_string_equal(x->result, y->result);
        }
        progress_views_free(tail, n_tail);
    }
    progress_views_free(all, n_all);
    assert_int_equal(store_progress_recent(db, 1L << 40, 5, &tail, &n_tail, &total, &e), 0);
    assert_int_equal(n_tail + total, 0);
    progress_views_free(tail, n_tail);
}

/* The loader's index answers what a pass over the programme would. */
static void test_programme_index(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    struct programme p = PROGRAMME_INIT;
    assert_int_equal(store_load_programme(db, &p, &e), 0);
    assert_non_null(p.index);
    size_t seen = 0;
    for (size_t k = 0; k < p.n_agencies; k++) {
        size_t n = 0, at = 0;
        const size_t *mine = programme_agency_assignments(&p, k, &n);
        for (size_t ti = 0; ti < p.n_tasks; ti++)
            for (size_t i = 0; i < p.tasks[ti].n_assignments; i++)
                if (p.assignments[p.tasks[ti].assignments[i]].agency == k) {
                    assert_true(at < n);
                    assert_int_equal(mine[at++], p.tasks[ti].assignments[i]);
                }
        assert_int_equal(at, n);
        seen += n;
        if (k)
            assert_true(collate_vi(p.agencies[p.index->by_name[k - 1]].name,
                                   p.agencies[p.index->by_name[k]].name) <= 0);
    }
    assert_int_equal(seen, p.n_assignments);
    assert_true(p.index->n_fields > 1);
    for (size_t i = 0; i < p.index->n_fields; i++) {
        assert_true(*p.index->fields[i]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(p.index->fields[i], p.index->fields[j]);
    }
    for (size_t ti = 0; ti < p.n_tasks; ti++) {
        bool listed = !*p.tasks[ti].field;
        for (size_t i = 0; i < p.index->n_fields && !listed; i++)
            listed = !strcmp(p.index->fields[i], p.tasks[ti].field);
        assert_true(listed);
    }
    assert_int_equal(programme_find_task(&p, p.tasks[p.n_tasks - 1].id), p.n_tasks - 1);
    assert_int_equal(programme_find_task(&p, p.tasks[0].id - 1), PROG_NONE);
    assert_int_equal(programme_find_agency(&p, p.agencies[3].id), 3);
    programme_release(&p);
}

/* The slice of one task is that task's, as the whole programme has it. */
static void test_slice_matches_whole(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    long id = a_task_with_reports();
    struct programme all = PROGRAMME_INIT, one = PROGRAMME_INIT;
    assert_int_equal(store_load_programme(db, &all, &e), 0);
    assert_int_equal(store_load_tasks(db, &id, 1, &one, &e), 0);
    size_t ta = programme_find_task(&all, id);
    assert_int_equal(one.n_tasks, 1);
    assert_int_equal(one.n_documents, all.n_documents);
    assert_int_equal(one.tasks[0].n_assignments, all.tasks[ta].n_assignments);
    assert_int_equal(one.tasks[0].n_documents, all.tasks[ta].n_documents);
    for (size_t i = 0; i < one.tasks[0].n_assignments; i++) {
        const struct prog_assignment *x = &one.assignments[one.tasks[0].assignments[i]];
        const struct prog_assignment *y = &all.assignments[all.tasks[ta].assignments[i]];
        assert_int_equal(x->id, y->id);
        assert_int_equal(one.agencies[x->agency].id, all.agencies[y->agency].id);
        assert_int_equal(x->n_events, 2);
        assert_int_equal(x->n_events, y->n_events);
        assert_int_equal(x->events[0].seq, y->events[0].seq);
    }
    programme_release(&all);
    programme_release(&one);
}

/* A progress row naming its task by Mã finds it through task_by_code. */
static void test_row_by_code_indexed(void **state)
{
    (void)state;
    static const char csv[] = "Mã;Văn bản giao;Đơn vị;Kết quả;Ngày báo cáo\n"
                              "1;Nghị quyết số 71/NQ-CP ngày 01/4/2025;Bộ Khoa học và Công"
                              " nghệ;Đã trình;01/05/2025\n";
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    struct progress_summary sum = { 0 };
    struct progress_options opt = { .source = "import",
                                    .today = { 2025, 12, 31 },
                                    .dry_run = true };
    assert_int_equal(import_read(csv, sizeof(csv) - 1, "p.csv", NULL, &b, &e), 0);
    recording = true;
    if (store_progress_add(db, &reg, &b, &opt, &sum, &e))
        fail_msg("progress: %s", e.msg);
    recording = false;
    size_t found = 0;
    for (size_t i = 0; i < traced.n; i++) {
        if (!strstr(traced.items[i], "t.code = ?1"))
            continue;
        char *plan = plan_of(traced.items[i]);
        if (!strstr(plan, "USING COVERING INDEX task_by_code") &&
            !strstr(plan, "INDEX task_by_code"))
            fail_msg("the task of a row by Mã is not found by index:\n%s", plan);
        free(plan);
        found++;
    }
    assert_int_equal(found, 1);
    strvec_release(&traced);
    traced = (struct strvec)STRVEC_INIT;
    progress_summary_release(&sum);
    batch_release(&b);
}

/* The whole programme's reports: one walk of the covering index, no lookup per report. */
static void test_events_covering(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    struct programme p = PROGRAMME_INIT;
    recording = true;
    assert_int_equal(store_load_programme(db, &p, &e), 0);
    recording = false;
    programme_release(&p);
    size_t found = 0;
    for (size_t i = 0; i < traced.n; i++) {
        /* the approval windows read the partial index and the small review table */
        if (!strstr(traced.items[i], "FROM progress_report") ||
            strstr(traced.items[i], "progress_review"))
            continue;
        char *plan = plan_of(traced.items[i]);
        assert_non_null(strstr(plan, "USING COVERING INDEX progress_events"));
        assert_null(strstr(plan, "TEMP B-TREE"));
        free(plan);
        found++;
    }
    assert_int_equal(found, 1);
    strvec_release(&traced);
    traced = (struct strvec)STRVEC_INIT;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_task_reads_indexed),
        cmocka_unit_test(test_slice_matches_whole),
        cmocka_unit_test(test_recent_is_tail),
        cmocka_unit_test(test_programme_index),
        cmocka_unit_test(test_row_by_code_indexed),
        cmocka_unit_test(test_events_covering),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
