/* measure_entry: read and check a measurement as given; see measure_entry.h. */
#include "measure_entry.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool given(const char *s)
{
    return s && *s;
}

/*
 * in->unit names a scale or bloc of the target (when no bloc is given),
 * or else an agency: then m is measured for that unit alone.
 */
static int resolve_unit(const struct registry *reg, const struct indicator *x,
                        const struct target *t, const struct measure_input *in,
                        struct measurement *m, const char **part, char **reason)
{
    *part = given(in->bloc) ? in->bloc : NULL;
    if (!given(in->unit))
        return 0;
    if (!*part && target_find_part(t, in->unit)) {
        *part = in->unit;
        return 0;
    }
    bool is_group = false;
    long idx = registry_lookup(reg, in->unit, &is_group);
    if (idx < 0 || is_group) {
        *reason = xasprintf("'%s' không phải một đơn vị, thang đo hay khối của chỉ tiêu %s",
                            in->unit, x->code);
        return -1;
    }
    const struct agency *a = &reg->agencies[registry_active(reg, (size_t)idx)];
    m->unit_id = a->id;
    m->unit_name = xstrdup(a->name);
    return 0;
}

/* A text longer than the store keeps is refused, never cut. */
static int too_long(const struct measure_input *in, char **reason, const char **field)
{
    const struct {
        const char *name, *text, *what;
        size_t max;
    } limits[] = {
        { "value", in->value, "giá trị", MEASURE_VALUE_MAX },
        { "unit", in->unit, "tên đơn vị", MEASURE_NAME_MAX },
        { "bloc", in->bloc, "tên khối hoặc thang đo", MEASURE_NAME_MAX },
        { "source", in->source, "nguồn số liệu", MEASURE_SOURCE_MAX },
    };
    for (size_t i = 0; i < sizeof(limits) / sizeof(*limits); i++) {
        if (!limits[i].text || strlen(limits[i].text) <= limits[i].max)
            continue;
        *field = limits[i].name;
        *reason = xasprintf("%s dài quá %zu byte", limits[i].what, limits[i].max);
        return -1;
    }
    return 0;
}

int measure_entry_prepare(const struct registry *reg, const struct indicator *x,
                          const struct target *t, const struct measure_input *in, struct date today,
                          struct measurement *m, char **reason, const char **field)
{
    struct measure_reading r;
    const char *part = NULL, *label = NULL;
    *field = "value";
    if (too_long(in, reason, field))
        return -1;
    if (!given(in->value)) {
        *reason =
            xasprintf("thiếu giá trị của chỉ tiêu %s (ví dụ 82%%, 0,72, thứ 5, đạt)", x->code);
        return -1;
    }
    if (!date_is_set(in->on)) {
        *field = "date";
        *reason = xasprintf("thiếu ngày đo của chỉ tiêu %s (dd/mm/yyyy)", x->code);
        return -1;
    }
    if (measure_read(in->value, &r, reason))
        return -1;
    if (resolve_unit(reg, x, t, in, m, &part, reason)) {
        *field = "unit";
        return -1;
    }
    m->on = in->on;
    if (indicator_check(x, t, &r, part, in->on, today, &label, reason, field)) {
        if (!strcmp(*field, "part"))
            *field = given(in->bloc) ? "bloc" : "unit";
        return -1;
    }
    m->has_value = r.has_value;
    m->value = r.value;
    m->judgement = r.judgement;
    m->bloc = label ? xstrdup(label) : NULL;
    m->text = text_clean(in->value, false);
    m->source = xstrdup(given(in->source) ? in->source : "");
    return 0;
}

/* ---- the baseline ------------------------------------------------------------------ */

bool baseline_applies(const struct target *t)
{
    if (t->kind != TARGET_NUMERIC)
        return false;
    for (size_t i = 0; i < t->n_clauses; i++)
        if (indicator_baseline_starts(t, &t->clauses[i]))
            return true;
    return false;
}

static int refuse(char **reason, const char **field, const char *which, char *msg)
{
    *reason = msg;
    *field = which;
    return -1;
}

/* Why t has no path for a baseline to start; newly allocated. */
static char *no_path(const struct indicator *x, const struct target *t)
{
    if (t->kind == TARGET_NONE)
        return xasprintf("chỉ tiêu %s là nhóm, không có mục tiêu riêng: đặt mốc cơ sở cho "
                         "các chỉ tiêu con",
                         x->code);
    if (t->kind == TARGET_TEXT)
        return xasprintf("chỉ tiêu %s có mục tiêu định tính ('%s'): không có lộ trình số "
                         "nên không có mốc cơ sở",
                         x->code, x->target_text);
    return xasprintf("chỉ tiêu %s có mục tiêu riêng cho từng thang đo hay khối: mốc cơ sở "
                     "của cả chỉ tiêu không được dùng để tính lộ trình",
                     x->code);
}

/* The date: given, and not after today. */
static int baseline_date(struct date on, struct date today, char **reason, const char **field)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (!date_is_set(on))
        return refuse(reason, field, "date", xstrdup("thiếu ngày của mốc cơ sở (dd/mm/yyyy)"));
    if (!date_is_set(today) || date_cmp(on, today) <= 0)
        return 0;
    date_dmy(on, a);
    date_dmy(today, b);
    return refuse(reason, field, "date",
                  xasprintf("ngày của mốc cơ sở %s là ngày trong tương lai (hôm nay là %s)", a, b));
}

int baseline_check(const struct indicator *x, const struct target *t, const char *value,
                   struct date on, struct date today, double *v, char **reason, const char **field)
{
    struct measure_reading r;
    const char *label = NULL;
    *field = "value";
    if (given(value) && strlen(value) > MEASURE_VALUE_MAX)
        return refuse(reason, field, "value",
                      xasprintf("giá trị dài quá %d byte", MEASURE_VALUE_MAX));
    if (!given(value) || text_is_blank(value))
        return refuse(reason, field, "value",
                      xstrdup("thiếu giá trị của mốc cơ sở (một số, ví dụ 40, 40% hoặc 0,5)"));
    if (baseline_date(on, today, reason, field))
        return -1;
    if (!baseline_applies(t))
        return refuse(reason, field, "value", no_path(x, t));
    if (measure_read(value, &r, reason))
        return -1;
    if (!r.has_value)
        return refuse(reason, field, "value",
                      xstrdup("một mốc cơ sở là một số, không phải một đánh giá"));
    /* The checks of a figure (the date is checked above, the scale or bloc does not apply). */
    const char *part = t->n_clauses == 1 ? t->clauses[0].label : NULL;
    if (indicator_check(x, t, &r, part, on, DATE_NONE, &label, reason, field)) {
        *field = "value";
        return -1;
    }
    *v = r.value;
    return 0;
}

void measure_table_release(struct measure_table *t)
{
    for (int f = 0; f < N_MEASURE_FIELDS; f++)
        free(t->header[f]);
    for (size_t i = 0; i < t->n; i++) {
        for (int f = 0; f < N_MEASURE_FIELDS; f++)
            free(t->rows[i].cell[f]);
        free(t->rows[i].written);
    }
    free(t->rows);
    *t = (struct measure_table)MEASURE_TABLE_INIT;
}
