/* store_frame: the administrative frame of reports; see store_frame.h. */
#include "store_auth.h"
#include "store_frame.h"

#include "db_internal.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

int store_frame_get(struct db *db, struct frame_settings *out, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT key, value FROM report_frame", &st, e))
        return e->kind;
    int rc;
    while (db_row(st, &rc)) {
        int k = frame_key_parse(db_col_text(st, 0));
        if (k >= 0 && frame_settings_set(out, (enum frame_key)k, db_col_text(st, 1), e))
            break;
    }
    db_finish_cached(db, st);
    if (rc != DB_DONE && rc != DB_ROW)
        return db_error(db, "reading the report frame", e);
    return e->kind;
}

/* A JSON string of s (the settings are one line of text: only " \ and controls escape). */
static void json_str(struct buf *b, const char *s)
{
    buf_addch(b, '"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_addf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            buf_addf(b, "\\u%04x", (unsigned)(unsigned char)*s);
        else
            buf_addch(b, *s);
    }
    buf_addch(b, '"');
}

/* {"key": value, ...} of the keys changes sets, their values taken from v (null when unset). */
static char *changed_json(const struct frame_settings *changes, const struct frame_settings *v)
{
    struct buf b = BUF_INIT;
    buf_addch(&b, '{');
    for (int k = 0, n = 0; k < N_FRAME_KEYS; k++) {
        if (!changes->v[k])
            continue;
        buf_addf(&b, "%s\"%s\":", n++ ? "," : "", frame_key_name((enum frame_key)k));
        if (v->v[k] && *v->v[k])
            json_str(&b, v->v[k]);
        else
            buf_adds(&b, "null");
    }
    buf_addch(&b, '}');
    return buf_take(&b);
}

static int write_key(struct db *db, enum frame_key k, const char *value, const char *actor,
                     struct err *e)
{
    struct stmt *st;
    const char *sql = *value ? "INSERT INTO report_frame (key, value, changed_at, changed_by)"
                               " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET"
                               " value = excluded.value, changed_at = excluded.changed_at,"
                               " changed_by = excluded.changed_by"
                             : "DELETE FROM report_frame WHERE key = ?1";
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    db_bind_text(st, 1, frame_key_name(k));
    if (*value) {
        db_bind_text(st, 2, value);
        db_bind_text(st, 3, ts);
        db_bind_text(st, 4, actor);
    }
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

int store_frame_set(struct db *db, const struct frame_settings *changes,
                    const struct audit_entry *a, struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    struct frame_settings now = FRAME_SETTINGS_INIT;
    char *before = NULL, *after = changed_json(changes, changes);
    int ret = store_frame_get(db, &now, e);
    if (!ret)
        before = changed_json(changes, &now);
    for (int k = 0; !ret && k < N_FRAME_KEYS; k++)
        if (changes->v[k])
            ret = write_key(db, (enum frame_key)k, changes->v[k], a ? a->actor : "cli", e);
    ret = store_audit_finish(db, ret, a, "report_frame", 0, before, after, e);
    frame_settings_release(&now);
    free(before);
    free(after);
    return ret;
}
