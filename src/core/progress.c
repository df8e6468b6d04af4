/* progress: reading and checking progress reports; see progress.h. */
#include "progress.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Folded words of the Hoàn thành column. */
static const char *const done_words[] = {
    "co", "x", "1", "da hoan thanh", "hoan thanh", "dat", "yes", "true", NULL,
};
static const char *const open_words[] = {
    "khong", "0", "chua", "chua hoan thanh", "dang thuc hien", "no", "false", "", NULL,
};
static const char *const reopen_words[] = { "mo lai", "reopen", NULL };

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

static int read_kind(const char *text, enum progress_kind *kind, char **reason)
{
    *kind = PROGRESS_UPDATE;
    if (!text)
        return 0;
    char *key = text_fold(text);
    int ret = 0;
    if (in_list(done_words, key))
        *kind = PROGRESS_DONE;
    else if (in_list(reopen_words, key))
        *kind = PROGRESS_REOPEN;
    else if (!in_list(open_words, key)) {
        *reason = xasprintf("không đọc được Hoàn thành '%s' (ghi có/không, x, 1, đã hoàn thành"
                            " hoặc mở lại)",
                            text);
        ret = -1;
    }
    free(key);
    return ret;
}

static int read_date(const char *text, const char *field, struct date *out, char **reason)
{
    if (date_parse_user(text, out) == 0)
        return 0;
    *reason = xasprintf("không đọc được %s '%s' (ghi ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd)",
                        field, text);
    return -1;
}

static int read_percent(const char *text, int *out, char **reason)
{
    *out = -1;
    if (!text || text_is_blank(text))
        return 0;
    char *t = text_trim(text);
    size_t len = strlen(t);
    if (len && t[len - 1] == '%')
        t[--len] = '\0';
    int v = 0;
    bool ok = len > 0 && len <= 3;
    for (size_t i = 0; ok && i < len; i++) {
        ok = t[i] >= '0' && t[i] <= '9';
        v = v * 10 + (t[i] - '0');
    }
    free(t);
    if (!ok || v > 100) {
        *reason = xasprintf("không đọc được Tiến độ (%%) '%s' (một số nguyên từ 0 đến 100)", text);
        return -1;
    }
    *out = v;
    return 0;
}

int progress_read(const struct progress_row *row, struct progress_entry *out, char **reason)
{
    *out = (struct progress_entry){ PROGRESS_UPDATE, DATE_NONE, DATE_NONE, false, -1 };
    if (!row->reported_on || text_is_blank(row->reported_on)) {
        *reason = xstrdup("thiếu Ngày báo cáo");
        return -1;
    }
    if (read_date(row->reported_on, "Ngày báo cáo", &out->reported_on, reason) ||
        read_kind(row->done, &out->kind, reason) || read_percent(row->percent, &out->percent, reason))
        return -1;
    bool has_completed = row->completed_on && !text_is_blank(row->completed_on);
    if (has_completed && out->kind == PROGRESS_UPDATE && !row->done)
        out->kind = PROGRESS_DONE; /* a completion date alone states completion */
    if (out->kind != PROGRESS_DONE) {
        if (has_completed) {
            *reason = xasprintf("có Ngày hoàn thành '%s' nhưng cột Hoàn thành ghi '%s'",
                                row->completed_on, row->done);
            return -1;
        }
        return 0;
    }
    out->completed_on_given = has_completed;
    if (!has_completed) {
        out->completed_on = out->reported_on;
        return 0;
    }
    return read_date(row->completed_on, "Ngày hoàn thành", &out->completed_on, reason);
}

int progress_check(const struct progress_entry *en, const struct progress_context *ctx,
                   char **reason)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (date_is_set(ctx->today) && date_cmp(en->reported_on, ctx->today) > 0) {
        date_dmy(en->reported_on, a);
        date_dmy(ctx->today, b);
        *reason = xasprintf("ngày báo cáo %s là ngày trong tương lai (hôm nay là %s)", a, b);
        return -1;
    }
    if (!ctx->unit_is_lead) {
        *reason = xasprintf("'%s' không phải cơ quan chủ trì của nhiệm vụ %ld", ctx->unit_name,
                            ctx->task_id);
        return -1;
    }
    if (en->kind != PROGRESS_DONE)
        return 0;
    if (date_cmp(en->completed_on, en->reported_on) > 0) {
        date_dmy(en->completed_on, a);
        date_dmy(en->reported_on, b);
        *reason = xasprintf("ngày hoàn thành %s sau ngày báo cáo %s", a, b);
        return -1;
    }
    if (date_is_set(ctx->document_date) && date_cmp(en->completed_on, ctx->document_date) < 0) {
        date_dmy(en->completed_on, a);
        date_dmy(ctx->document_date, b);
        *reason = xasprintf("ngày hoàn thành %s trước ngày của văn bản giao nhiệm vụ %s", a, b);
        return -1;
    }
    return 0;
}

void progress_row_release(struct progress_row *row)
{
    char **fields[] = {
        &row->task_id, &row->task_code,    &row->task_name, &row->document, &row->unit,
        &row->reported_on, &row->done,     &row->completed_on, &row->output, &row->result,
        &row->next,    &row->issues,       &row->percent,   &row->attachment, &row->other,
        &row->lead_text, &row->tt,
    };
    for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
        FREE_AND_NULL(*fields[i]);
}

char *progress_output_cite(const char *number, struct date issued)
{
    char dmy[DATE_ISO_LEN];
    if (!number)
        return NULL;
    date_dmy(issued, dmy);
    bool bare = *number >= '0' && *number <= '9';
    return xasprintf("%s%s ngày %s", bare ? "Số " : "", number, dmy);
}
