/* store_warnings: the early warnings' settings; see store_warnings.h. */
#include "store_auth.h"
#include "store_warnings.h"

#include "db_internal.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int severity_parse(const char *key)
{
    for (int s = 0; key && s < N_WARNING_SEVERITIES; s++)
        if (!strcmp(key, warning_severity_key((enum warning_severity)s)))
            return s;
    return -1;
}

int store_warning_settings(struct db *db, struct warning_settings *out, struct err *e)
{
    *out = warning_defaults();
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT rule, enabled, severity, days, threshold FROM warning_rule",
                          &st, e))
        return e->kind;
    int rc;
    while (db_row(st, &rc)) {
        int r = warning_rule_parse(db_col_text(st, 0)), sev = severity_parse(db_col_text(st, 2));
        if (r < 0 || sev < 0)
            continue; /* the table's CHECKs allow neither */
        out->rule[r] = (struct warning_rule_setting){
            (int)stmt_int(st, 1) != 0, (enum warning_severity)sev,
            stmt_int(st, 3), stmt_int(st, 4)
        };
    }
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "reading the warning rules", e);
}

static int check_setting(enum warning_rule r, const struct warning_rule_setting *s,
                         struct err *e)
{
    bool has_days = r == WARN_DUE_SOON || r == WARN_NO_REPORT;
    if (has_days && (s->days < 1 || s->days > 366))
        return err_set(e, ERR_INVALID, "Số ngày của cảnh báo “%s” phải từ 1 đến 366",
                       warning_rule_label(r));
    if (r == WARN_UNIT_RATE && (s->threshold < 0 || s->threshold > 100))
        return err_set(e, ERR_INVALID, "Ngưỡng tỷ lệ của cảnh báo “%s” phải từ 0 đến 100 (%%)",
                       warning_rule_label(r));
    return 0;
}

static char *setting_json(enum warning_rule r, const struct warning_rule_setting *s)
{
    return xasprintf("{\"rule\":\"%s\",\"enabled\":%s,\"severity\":\"%s\",\"days\":%ld,"
                     "\"threshold\":%ld}",
                     warning_rule_key(r), s->enabled ? "true" : "false",
                     warning_severity_key(s->severity), s->days, s->threshold);
}

static int write_rule(struct db *db, enum warning_rule r, const struct warning_rule_setting *s,
                      const char *actor, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "INSERT INTO warning_rule (rule, enabled, severity, days, threshold,"
                          " changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (rule) DO UPDATE SET enabled = excluded.enabled,"
                          " severity = excluded.severity, days = excluded.days,"
                          " threshold = excluded.threshold, changed_at = excluded.changed_at,"
                          " changed_by = excluded.changed_by",
                          &st, e))
        return e->kind;
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    db_bind_text(st, 1, warning_rule_key(r));
    stmt_bind_int(st, 2, s->enabled);
    db_bind_text(st, 3, warning_severity_key(s->severity));
    stmt_bind_int(st, 4, s->days);
    stmt_bind_int(st, 5, s->threshold);
    db_bind_text(st, 6, ts);
    db_bind_text(st, 7, actor ? actor : "");
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

int store_warning_rule_set(struct db *db, enum warning_rule r, const struct warning_rule_setting *s,
                           const struct audit_entry *a, struct err *e)
{
    if (check_setting(r, s, e))
        return e->kind;
    struct warning_settings now;
    int ret = db_begin(db, e);
    if (!ret)
        ret = store_warning_settings(db, &now, e);
    char *before = ret ? NULL : setting_json(r, &now.rule[r]), *after = setting_json(r, s);
    if (!ret)
        ret = write_rule(db, r, s, a ? a->actor : "cli", e);
    ret = store_audit_finish(db, ret, a, "warning_rule", 0, before, after, e);
    free(before);
    free(after);
    return ret;
}
