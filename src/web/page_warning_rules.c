/*
 * page_warning_rules: the rules of the early warnings (issue #15) on the
 * web. GET /warnings/rules shows every rule as it is in force (on or off,
 * severity, days, threshold) to every reader; an administrator gets one
 * form per rule, and POST /warnings/rules (R_ADMIN, CSRF) sets that rule
 * through store_warning_rule_set(), audited ("warning_rule.set") as the
 * command `giamsat warnings set` is. A refused setting re-shows the page
 * (422) with form.h's error summary and what was typed.
 */
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "page.h"
#include "page_lists.h"
#include "store/store_auth.h"
#include "store/store_warnings.h"
#include "util/strparse.h"

#include <stdio.h>
#include <string.h>

/* Whether a rule reads the days (due_soon, no_report); unit_rate reads the threshold. */
static bool uses_days(enum warning_rule r)
{
    return r == WARN_DUE_SOON || r == WARN_NO_REPORT;
}

/* The rule whose form was posted and its errors, or rule -1. */
struct rule_form {
    int rule;
    struct form f;
};

static void rule_row_text(struct buf *b, enum warning_rule r, const struct warning_rule_setting *s)
{
    buf_adds(b, "<tr><th scope=\"row\">");
    page_text(b, warning_rule_label(r));
    buf_addf(b, "</th><td>%s</td><td>", s->enabled ? "Bật" : "Tắt");
    page_text(b, warning_severity_label(s->severity));
    buf_adds(b, "</td><td>");
    if (uses_days(r))
        buf_addf(b, "%ld ngày", s->days);
    else if (r == WARN_UNIT_RATE)
        buf_addf(b, "dưới %ld%%", s->threshold);
    else
        buf_adds(b, "—");
    buf_adds(b, "</td></tr>");
}

static void rule_form(const struct req *rq, struct buf *b, enum warning_rule r,
                      const struct warning_rule_setting *s, const struct rule_form *posted)
{
    const char *key = warning_rule_key(r);
    bool mine = posted && posted->rule == (int)r;
    struct form empty;
    form_init(&empty, key);
    const struct form *f = mine ? &posted->f : &empty;
    char days[24], threshold[24];
    snprintf(days, sizeof(days), "%ld", s->days);
    snprintf(threshold, sizeof(threshold), "%ld", s->threshold);
    buf_adds(b, "<form method=\"post\" action=\"/warnings/rules\" class=\"stack rule\"><fieldset>"
                "<legend>");
    page_text(b, warning_rule_label(r));
    buf_adds(b, "</legend>");
    page_csrf(rq, b);
    form_hidden(b, "rule", key);
    form_checkbox(b, f, &(struct form_field){ .name = "enabled", .label = "Đang áp dụng" },
                  mine ? req_form(rq, "enabled") != NULL : s->enabled);
    form_select_open(b, f, &(struct form_field){ .name = "severity", .label = "Mức độ" });
    const char *sev = mine ? req_form(rq, "severity") : warning_severity_key(s->severity);
    for (int k = 0; k < N_WARNING_SEVERITIES; k++)
        form_option(b, warning_severity_key((enum warning_severity)k),
                    warning_severity_label((enum warning_severity)k),
                    sev && !strcmp(sev, warning_severity_key((enum warning_severity)k)));
    form_select_close(b);
    if (uses_days(r))
        form_input(b, f, "text",
                   &(struct form_field){ .name = "days",
                                         .label = "Số ngày",
                                         .hint = "Từ 1 đến 366.",
                                         .value = mine ? req_form(rq, "days") : days,
                                         .raw_attrs = " inputmode=\"numeric\" maxlength=\"4\"" });
    if (r == WARN_UNIT_RATE)
        form_input(b, f, "text",
                   &(struct form_field){ .name = "threshold",
                                         .label = "Ngưỡng tỷ lệ đúng hạn (%)",
                                         .hint = "Từ 0 đến 100: cảnh báo đơn vị có tỷ lệ thấp hơn.",
                                         .value = mine ? req_form(rq, "threshold") : threshold,
                                         .raw_attrs = " inputmode=\"numeric\" maxlength=\"3\"" });
    buf_adds(b, "<button type=\"submit\">Lưu</button></fieldset></form>");
}

/* The settings in force into *set (and the database into *db); -1 after a 500. */
static int load_settings(struct req *rq, struct resp *rs, struct db **db,
                         struct warning_settings *set)
{
    struct err e = ERR_INIT;
    *db = app_db(rq, rs);
    if (!*db)
        return -1;
    return store_warning_settings(*db, set, &e) ? resp_err(rq, rs, &e) : 0;
}

static int show(struct req *rq, struct resp *rs, const struct rule_form *posted)
{
    struct db *db;
    struct warning_settings set;
    if (load_settings(rq, rs, &db, &set))
        return -1;
    struct form none;
    form_init(&none, "rule");
    const struct form *f = posted ? &posted->f : &none;
    form_page_begin(rq, rs, "Quy tắc cảnh báo", "warnings", f);
    struct buf *b = &rs->body;
    form_error_summary(b, f);
    const char *saved = req_query(rq, "saved");
    int saved_rule = warning_rule_parse(saved);
    if (saved_rule >= 0) {
        buf_adds(b, "<p class=\"notice\" role=\"status\">Đã lưu quy tắc “");
        page_text(b, warning_rule_label((enum warning_rule)saved_rule));
        buf_adds(b, "”.</p>");
    }
    buf_adds(b, "<p>Các quy tắc tính <a href=\"/warnings\">cảnh báo sớm</a>. Mọi thay đổi được"
                " ghi vào nhật ký thao tác.</p><table><caption>Quy tắc đang áp dụng</caption>"
                "<thead><tr><th scope=\"col\">Quy tắc</th><th scope=\"col\">Trạng thái</th>"
                "<th scope=\"col\">Mức độ</th><th scope=\"col\">Ngưỡng</th></tr></thead><tbody>");
    for (int r = 0; r < N_WARNING_RULES; r++)
        rule_row_text(b, (enum warning_rule)r, &set.rule[r]);
    buf_adds(b, "</tbody></table>");
    if (access_can_admin(rq->who.role)) {
        buf_adds(b, "<h2>Sửa quy tắc</h2>");
        for (int r = 0; r < N_WARNING_RULES; r++)
            rule_form(rq, b, (enum warning_rule)r, &set.rule[r], posted);
    }
    page_end(rq, rs);
    return 0;
}

int h_warning_rules(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "saved", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    return show(rq, rs, NULL);
}

/* A whole number typed in field, into *out; a form error (allocated in rq's arena) otherwise. */
static void read_number(struct req *rq, struct form *f, const char *field, const char *what,
                        long *out)
{
    const char *text = req_form(rq, field);
    if (text && strparse_long(text, -1000000, 1000000, out))
        form_error(f, field, arena_printf(rq->arena, "%s phải là một số nguyên", what));
}

/* The posted setting of rule r over *w (its setting in force); errors into f. */
static void read_setting(struct req *rq, struct form *f, enum warning_rule r,
                         struct warning_rule_setting *w)
{
    w->enabled = req_form(rq, "enabled") != NULL;
    const char *sev = req_form(rq, "severity");
    int k = -1;
    for (int i = 0; sev && i < N_WARNING_SEVERITIES; i++)
        if (!strcmp(sev, warning_severity_key((enum warning_severity)i)))
            k = i;
    if (k < 0)
        form_error(f, "severity", "Chọn mức độ: Cao, Trung bình hoặc Thấp");
    else
        w->severity = (enum warning_severity)k;
    if (uses_days(r))
        read_number(rq, f, "days", "Số ngày", &w->days);
    if (r == WARN_UNIT_RATE)
        read_number(rq, f, "threshold", "Ngưỡng tỷ lệ", &w->threshold);
}

int h_warning_rule_set(struct req *rq, struct resp *rs)
{
    struct rule_form p = { .rule = warning_rule_parse(req_form(rq, "rule")) };
    if (p.rule < 0)
        return resp_error(rq, rs, 400, "Không có quy tắc cảnh báo này.");
    enum warning_rule r = (enum warning_rule)p.rule;
    form_init(&p.f, warning_rule_key(r));
    struct db *db;
    struct warning_settings set;
    struct err e = ERR_INIT;
    if (load_settings(rq, rs, &db, &set))
        return -1;
    struct warning_rule_setting w = set.rule[r];
    read_setting(rq, &p.f, r, &w);
    struct audit_entry a = app_audit(rq, "warning_rule.set");
    if (!form_has_errors(&p.f) && !store_warning_rule_set(db, r, &w, &a, &e))
        return resp_redirect(
            rs, arena_printf(rq->arena, "/warnings/rules?saved=%s", warning_rule_key(r)));
    if (e.kind && e.kind != ERR_INVALID)
        return resp_err(rq, rs, &e);
    if (e.kind)
        form_error(&p.f, uses_days(r) ? "days" : "threshold", arena_printf(rq->arena, "%s", e.msg));
    rs->status = 422;
    return show(rq, rs, &p);
}
