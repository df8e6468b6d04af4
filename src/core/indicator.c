/*
 * indicator: the indicator model, reading a typed value and checking it
 * before it is stored, and the per-unit breakdown; see indicator.h. The
 * status rule is in indicator_status.c.
 */
#include "indicator.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the model ---------------------------------------------------------------- */

bool indicator_baseline_starts(const struct target *t, const struct target_clause *c)
{
    return c->part == TARGET_WHOLE || t->n_clauses == 1;
}

struct measurement *indicator_add_measurement(struct indicator *x)
{
    ALLOC_GROW(x->m, x->n_m + 1, x->cap_m);
    struct measurement *m = &x->m[x->n_m++];
    memset(m, 0, sizeof(*m));
    return m;
}

void measurement_release(struct measurement *m)
{
    free(m->bloc);
    free(m->unit_name);
    free(m->text);
    free(m->source);
    free(m->entered_via);
    free(m->entered_by);
    free(m->entered_at);
    memset(m, 0, sizeof(*m));
}

void indicator_release(struct indicator *x)
{
    for (size_t i = 0; i < x->n_m; i++)
        measurement_release(&x->m[i]);
    free(x->m);
    free(x->code);
    free(x->parent_code);
    free(x->name);
    free(x->unit);
    free(x->target_text);
    free(x->agency);
    free(x->document);
    free(x->field);
    memset(x, 0, sizeof(*x));
}

void indicators_free(struct indicator *x, size_t n)
{
    for (size_t i = 0; x && i < n; i++)
        indicator_release(&x[i]);
    free(x);
}

/* ---- names ---------------------------------------------------------------------- */

const char *indicator_status_key(enum indicator_status s)
{
    static const char *const keys[] = { "grey", "green", "amber", "red" };
    return keys[s];
}

int indicator_status_parse(const char *key)
{
    static const enum indicator_status all[] = { IND_GREEN, IND_AMBER, IND_RED, IND_GREY };
    for (size_t i = 0; key && i < sizeof(all) / sizeof(*all); i++)
        if (!strcmp(key, indicator_status_key(all[i])))
            return (int)all[i];
    return -1;
}

const char *indicator_status_label(enum indicator_status s)
{
    static const char *const labels[] = { "chưa đánh giá", "đạt", "đúng lộ trình", "chậm" };
    return labels[s];
}

const char *judgement_key(enum judgement j)
{
    static const char *const keys[] = { NULL, "met", "on_track", "not_met" };
    return keys[j];
}

const char *judgement_label(enum judgement j)
{
    static const char *const labels[] = { "", "đạt", "đúng lộ trình", "chưa đạt" };
    return labels[j];
}

enum judgement judgement_parse(const char *key)
{
    for (int j = JUDGE_MET; j <= JUDGE_NOT_MET; j++)
        if (key && !strcmp(key, judgement_key((enum judgement)j)))
            return (enum judgement)j;
    return JUDGE_NONE;
}

/* ---- reading a value ------------------------------------------------------------------ */

static const struct {
    const char *key; /* fold key as typed */
    enum judgement j;
} judgement_words[] = {
    { "dat", JUDGE_MET },
    { "co", JUDGE_MET },
    { "da dat", JUDGE_MET },
    { "chua dat", JUDGE_NOT_MET },
    { "khong", JUDGE_NOT_MET },
    { "khong dat", JUDGE_NOT_MET },
    { "dung lo trinh", JUDGE_ON_TRACK },
};

/* A number with an optional rank word before it and '%' after it. */
static bool read_number(const char *key, struct measure_reading *out)
{
    static const char *const rank_words[] = { "xep thu ", "thu hang ", "thu ", "hang " };
    const char *p = key;
    for (size_t i = 0; i < sizeof(rank_words) / sizeof(*rank_words) && !out->rank; i++)
        if (!strncmp(p, rank_words[i], strlen(rank_words[i]))) {
            out->rank = true;
            p += strlen(rank_words[i]);
        }
    bool neg = *p == '-';
    p += neg;
    size_t n = target_read_number(p, &out->value);
    if (!n)
        return false;
    p += n;
    while (*p == ' ')
        p++;
    out->percent = *p == '%';
    p += out->percent;
    while (*p == ' ')
        p++;
    out->value = neg ? -out->value : out->value;
    out->has_value = true;
    return *p == '\0' && !(neg && out->rank);
}

int measure_read(const char *text, struct measure_reading *out, char **reason)
{
    memset(out, 0, sizeof(*out));
    char *key = text_fold(text ? text : "");
    for (size_t i = 0; i < sizeof(judgement_words) / sizeof(*judgement_words); i++)
        if (!strcmp(key, judgement_words[i].key))
            out->judgement = judgement_words[i].j;
    bool ok = out->judgement != JUDGE_NONE || read_number(key, out);
    free(key);
    if (ok)
        return 0;
    memset(out, 0, sizeof(*out));
    *reason = xasprintf("không đọc được giá trị '%s': ghi một số (82 hoặc 0,72), một tỷ lệ "
                        "(82%%), một thứ hạng (thứ 5) hoặc một đánh giá (đạt, chưa đạt, "
                        "đúng lộ trình)",
                        text ? text : "");
    return -1;
}

/* ---- checking ---------------------------------------------------------------------- */

static int refuse(char **reason, const char **field, const char *which, char *msg)
{
    *reason = msg;
    *field = which;
    return -1;
}

/* The unit a value is compared in: the clause's written unit, else the column. */
static const char *unit_of(const struct indicator *x, const struct target *t)
{
    if (t->n_clauses && t->clauses[0].unit)
        return t->clauses[0].unit;
    return x->unit ? x->unit : "";
}

/* "A, B" of t's labelled clauses; newly allocated. */
static char *part_list(const struct target *t)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n_clauses; i++)
        if (t->clauses[i].label)
            buf_addf(&b, "%s%s", b.len ? ", " : "", t->clauses[i].label);
    return buf_take(&b);
}

/* A number written as a percent or a rank must match what the indicator measures. */
static int check_kind(const struct indicator *x, const struct target *t,
                      const struct measure_reading *r, char **reason, const char **field)
{
    const char *unit = unit_of(x, t);
    if (t->kind == TARGET_TEXT)
        return refuse(reason, field, "value",
                      xasprintf("chỉ tiêu %s có mục tiêu định tính ('%s'): ghi đánh giá đạt, "
                                "chưa đạt hoặc đúng lộ trình, không ghi số",
                                x->code, x->target_text));
    if (r->percent && unit[0] != '%')
        return refuse(reason, field, "value",
                      xasprintf("giá trị là tỷ lệ %% nhưng chỉ tiêu %s tính bằng '%s'", x->code,
                                *unit ? unit : "số"));
    if (r->rank && !t->is_rank)
        return refuse(reason, field, "value",
                      xasprintf("chỉ tiêu %s không phải một xếp hạng: ghi giá trị không có chữ "
                                "'thứ'",
                                x->code));
    return 0;
}

/* A rank is a whole number from 1, a share lies in 0..100, only a rate may be negative. */
static int check_range(const struct indicator *x, const struct target *t,
                       const struct measure_reading *r, char **reason, const char **field)
{
    const char *unit = unit_of(x, t);
    bool share = unit[0] == '%', rate = strstr(unit, "/năm") != NULL;
    if (t->is_rank && (r->value < 1 || r->value != (double)(long)r->value))
        return refuse(
            reason, field, "value",
            xasprintf("thứ hạng của chỉ tiêu %s phải là số nguyên từ 1 trở lên", x->code));
    if (share && !rate && (r->value < 0 || r->value > 100))
        return refuse(reason, field, "value",
                      xasprintf("tỷ lệ của chỉ tiêu %s phải từ 0 đến 100%%", x->code));
    if (r->value < 0 && !rate)
        return refuse(reason, field, "value",
                      xasprintf("giá trị của chỉ tiêu %s không thể âm", x->code));
    return 0;
}

static int check_part(const struct indicator *x, const struct target *t, const char *part,
                      const char **label, char **reason, const char **field)
{
    *label = NULL;
    char *list = part_list(t);
    int ret = 0;
    if (part && *part) {
        const struct target_clause *c = target_find_part(t, part);
        if (c)
            *label = c->label;
        else if (*list)
            ret = refuse(reason, field, "part",
                         xasprintf("chỉ tiêu %s không có thang đo hay khối '%s' (có: %s)", x->code,
                                   part, list));
        else
            ret = refuse(reason, field, "part",
                         xasprintf("chỉ tiêu %s không chia theo thang đo hay khối", x->code));
    } else if (target_needs_part(t)) {
        ret = refuse(reason, field, "part",
                     xasprintf("chỉ tiêu %s có mục tiêu riêng cho từng thang đo hay khối (%s): "
                               "ghi số đo thuộc thang đo hay khối nào",
                               x->code, list));
    }
    free(list);
    return ret;
}

int indicator_check(const struct indicator *x, const struct target *t,
                    const struct measure_reading *r, const char *part, struct date on,
                    struct date today, const char **label, char **reason, const char **field)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    *label = NULL;
    if (date_is_set(today) && date_cmp(on, today) > 0) {
        date_dmy(on, a);
        date_dmy(today, b);
        return refuse(reason, field, "date",
                      xasprintf("ngày đo %s là ngày trong tương lai (hôm nay là %s)", a, b));
    }
    if (t->kind == TARGET_NONE)
        return refuse(reason, field, "value",
                      xasprintf("chỉ tiêu %s là nhóm, không có mục tiêu riêng: ghi số đo cho "
                                "các chỉ tiêu con",
                                x->code));
    if (r->has_value && (check_kind(x, t, r, reason, field) || check_range(x, t, r, reason, field)))
        return -1;
    return check_part(x, t, part, label, reason, field);
}

/* ---- the per-unit breakdown ------------------------------------------------------ */

size_t indicator_count_until(const struct indicator *x, struct date as_of)
{
    size_t n = 0;
    for (size_t i = 0; i < x->n_m; i++)
        n += date_cmp(x->m[i].on, as_of) <= 0;
    return n;
}
