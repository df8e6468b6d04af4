/*
 * Route handlers called directly, without a socket (the seam http.h promises): a
 * struct req built by hand, the handler's struct resp checked. The progress form of
 * a task refuses an empty report (422, the error summary "Có lỗi" at the top of
 * <main> linked to the result field, what was typed kept, nothing stored), and a
 * completion asks for confirmation before anything is stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "web/app.h"
#include "web/handlers.h"
#include "web/http.h"
#include "testdb.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_main(int argc, char **argv);

static char dir[] = "/tmp/giamsat-test-handlers.XXXXXX";
static char path[96];
static struct web_app app;
static long task_id, unit_id;

/* One integer from the database at path (a connection of its own). */
static long query_long(const char *sql)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *st = NULL;
    long v = -1;
    assert_int_equal(sqlite3_open(path, &conn), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(conn, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(conn);
    return v;
}

static int setup(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/handlers.db", dir);
    setenv("GIAMSAT_TODAY", "2025-12-24", 1);
    char *argv[] = { "giamsat", "--db", path, "demo", NULL };
    /* The demo's summary would interleave with cmocka's output: silence it. */
    fflush(stdout);
    fflush(stderr);
    int saved = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    int ret = cli_main(4, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved, STDOUT_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved);
    close(saved_err);
    close(null);
    if (ret)
        return -1;
    if (app_init(&app, path, &e))
        return -1;
    unit_id = query_long("select id from agency where name = 'Bộ Nội vụ'");
    task_id = query_long("select id from task where lead_text = 'Bộ Nội vụ'"
                         " and due < '2025-12-01' order by id limit 1");
    return unit_id > 0 && task_id > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    app_release(&app);
    testdb_remove(path, dir);
    return 0;
}

/* POST /tasks/TASK/progress with body, by the focal point of Bộ Nội vụ; the handler's status. */
static int post_progress(const char *body, struct resp *rs)
{
    struct arena *a = arena_new();
    struct req rq;
    char target[64], id[32];
    snprintf(target, sizeof(target), "/tasks/%ld/progress", task_id);
    snprintf(id, sizeof(id), "%ld", task_id);
    req_init(&rq, a, "POST", target);
    req_parse_form(&rq, body, strlen(body));
    rq.app = &app;
    rq.params[0] = id;
    rq.n_params = 1;
    rq.who = (struct principal){ .user_id = 1, .name = "noivu", .display = "Đầu mối",
                                 .role = ROLE_UNIT, .agency_id = unit_id, .agency = "Bộ Nội vụ",
                                 .csrf = "" };
    resp_init(rs);
    assert_non_null(app_registry(&rq, rs));
    h_task_progress(&rq, rs);
    arena_free(a); /* gives the connection back; the body is the response's */
    return rs->status;
}

static long reports(void)
{
    char sql[200];
    snprintf(sql, sizeof(sql),
             "select count(*) from progress_report p join assignment a on a.id = p.assignment_id"
             " where a.task_id = %ld",
             task_id);
    return query_long(sql);
}

static void test_empty_report_refused(void **state)
{
    (void)state;
    struct resp rs;
    long before = reports();
    char body[128];
    snprintf(body, sizeof(body), "unit=%ld&date=24%%2F12%%2F2025&result=&next=", unit_id);
    assert_int_equal(post_progress(body, &rs), 422);
    const char *html = rs.body.data;
    assert_non_null(strstr(html, "<title>Lỗi: "));
    const char *main = strstr(html, "<main id=\"main\"><h1>");
    assert_non_null(main);
    const char *summary = strstr(main, "</h1><div class=\"error-summary\" role=\"alert\"");
    assert_non_null(summary);
    assert_non_null(strstr(summary, "<h2 id=\"error-summary-title\">Có lỗi</h2>"));
    assert_non_null(strstr(summary, "<a href=\"#p-result\">"));
    assert_non_null(strstr(html, "id=\"p-result-error\""));
    assert_non_null(strstr(html, "value=\"24/12/2025\"")); /* the date as typed */
    assert_int_equal(reports(), before);
    resp_release(&rs);
}

static void test_completion_asks_first(void **state)
{
    (void)state;
    struct resp rs;
    long before = reports();
    char body[256];
    snprintf(body, sizeof(body),
             "unit=%ld&date=24/12/2025&done=1&output_number=12%%2FBC-BNV"
             "&output_date=20/12/2025",
             unit_id);
    assert_int_equal(post_progress(body, &rs), 200);
    assert_non_null(strstr(rs.body.data, "Xác nhận ghi nhận hoàn thành"));
    assert_non_null(strstr(rs.body.data, "<dd>Số 12/BC-BNV ngày 20/12/2025</dd>"));
    assert_int_equal(reports(), before);
    resp_release(&rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_report_refused),
        cmocka_unit_test(test_completion_asks_first),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
