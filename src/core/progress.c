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

/* ---- the rules of an entered report ------------------------------------------------- */

static const struct {
    enum progress_lack lack;
    const char *msg;
} lack_messages[] = {
    { PROGRESS_LACKS_CONTENT, "Nhập kết quả thực hiện (hoặc dự kiến kỳ tới, vướng mắc, tiến độ),"
                              " hoặc ghi nhận đơn vị đã hoàn thành nhiệm vụ" },
    { PROGRESS_LACKS_REASON, "Nhập lý do mở lại" },
    { PROGRESS_LACKS_OUTPUT_NUMBER, "Nhập số, ký hiệu của văn bản kết quả (ví dụ 12/BC-BNV)" },
    { PROGRESS_LACKS_OUTPUT_DATE, "Nhập ngày ban hành của văn bản kết quả" },
};

const char *progress_lack_message(enum progress_lack lack)
{
    for (size_t i = 0; i < sizeof(lack_messages) / sizeof(*lack_messages); i++)
        if (lack_messages[i].lack == lack)
            return lack_messages[i].msg;
    return "";
}

char *progress_lacks_reason(unsigned lacks)
{
    if (!lacks)
        return NULL;
    char *out = NULL;
    for (size_t i = 0; i < sizeof(lack_messages) / sizeof(*lack_messages); i++) {
        if (!(lacks & lack_messages[i].lack))
            continue;
        char *next = out ? xasprintf("%s; %s", out, lack_messages[i].msg)
                         : xstrdup(lack_messages[i].msg);
        free(out);
        out = next;
    }
    return out;
}

static bool has_text(const char *s)
{
    return s && !text_is_blank(s);
}

static bool is_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

#define CITE_WORDS 64   /* words of a cited output read */
#define CITE_SEPS " \t\n,;()[]"

/* Split folded text in place into at most CITE_WORDS words (trailing full stops dropped). */
static size_t cite_words(char *text, char **words)
{
    size_t n = 0;
    for (char *p = text; *p && n < CITE_WORDS;) {
        while (*p && strchr(CITE_SEPS, *p))
            *p++ = '\0';
        if (*p)
            words[n++] = p;
        while (*p && !strchr(CITE_SEPS, *p))
            p++;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t len = strlen(words[i]); len && words[i][len - 1] == '.';)
            words[i][--len] = '\0'; /* a full stop after the date */
    return n;
}

/* How many words from words[i] write a date ("20/12/2025", "20 thang 12 nam 2025"), or 0. */
static size_t date_words(char *const *words, size_t i, size_t n)
{
    struct date d;
    if (date_parse_user(words[i], &d) == 0)
        return 1;
    bool spelled = i + 4 < n && is_digits(words[i], 1, 2) && !strcmp(words[i + 1], "thang") &&
                   is_digits(words[i + 2], 1, 2) && !strcmp(words[i + 3], "nam") &&
                   is_digits(words[i + 4], 4, 4);
    return spelled ? 5 : 0;
}

/*
 * Whether a cited output names a number/symbol ("12/BC-BNV", "57-NQ/TW",
 * "số 12") and a date of issue ("20/12/2025", "2025-12-20", "ngày 20 tháng
 * 12 năm 2025"): over the folded words, a word with a digit that is not
 * part of a date is the number.
 */
static void output_parts(const char *output, bool *number, bool *date)
{
    *number = *date = false;
    char *folded = text_fold(output), *words[CITE_WORDS];
    size_t n = cite_words(folded, words);
    for (size_t i = 0; i < n;) {
        size_t k = date_words(words, i, n);
        *date = *date || k;
        *number = *number || (!k && strpbrk(words[i], "0123456789"));
        i += k ? k : 1;
    }
    free(folded);
}

unsigned progress_entry_lacks(const struct progress_row *row)
{
    enum progress_kind kind;
    char *reason = NULL;
    if (read_kind(row->done, &kind, &reason)) {
        free(reason);
        return 0;
    }
    if (kind == PROGRESS_REOPEN)
        return has_text(row->result) ? 0 : PROGRESS_LACKS_REASON;
    if (kind == PROGRESS_UPDATE)
        return has_text(row->result) || has_text(row->next) || has_text(row->issues) ||
                       has_text(row->percent)
                   ? 0
                   : PROGRESS_LACKS_CONTENT;
    bool number = false, date = false;
    if (has_text(row->output))
        output_parts(row->output, &number, &date);
    return (number ? 0u : PROGRESS_LACKS_OUTPUT_NUMBER) | (date ? 0u : PROGRESS_LACKS_OUTPUT_DATE);
}
