/*
 * plan: the bullet-style plan (seed 002), where each task is
 *
 *     - <task text, wrapped over several lines>
 *     + Kết quả thực hiện: ...
 *     + Cơ quan chủ trì (tổ chức triển khai): ...
 *     + Cơ quan phối hợp: ...
 *     + Thời hạn hoàn thành: ...
 *
 * under numbered fields ("1. Về nhận thức số") of section "II. NHIỆM VỤ".
 * Page numbers and the "DỰ THẢO" stamp interrupt the text and are skipped;
 * a line that ends in a hyphen ("57-" / "NQ/TW") is joined without a space.
 * Tasks get the code "<field>.<k>" (k counts from 1 within the field).
 */
#include "import.h"

#include "util/buf.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum plan_slot { SLOT_NONE, SLOT_NAME, SLOT_OUTPUT, SLOT_LEAD, SLOT_COORD, SLOT_DEADLINE };

static const struct {
    const char *prefix; /* fold key of the label, without "+" */
    enum plan_slot slot;
} labels[] = {
    { "ket qua thuc hien", SLOT_OUTPUT },     { "ket qua", SLOT_OUTPUT },
    { "san pham", SLOT_OUTPUT },              { "co quan chu tri", SLOT_LEAD },
    { "don vi chu tri", SLOT_LEAD },          { "co quan phoi hop", SLOT_COORD },
    { "don vi phoi hop", SLOT_COORD },        { "thoi han hoan thanh", SLOT_DEADLINE },
    { "thoi han", SLOT_DEADLINE },            { "thoi gian hoan thanh", SLOT_DEADLINE },
};

struct plan_state {
    struct batch *b;
    char *field;
    char *field_no;
    int n_in_field;
    struct buf slot_text[SLOT_DEADLINE + 1];
    enum plan_slot slot;
    size_t task_line; /* 0 while no task is open */
};

static bool is_noise(const char *key)
{
    if (!*key)
        return false;
    if (strcmp(key, "du thao") == 0)
        return true;
    return strspn(key, "0123456789") == strlen(key);
}

static void slot_append(struct plan_state *st, const char *text)
{
    struct buf *b = &st->slot_text[st->slot];
    if (b->len && b->data[b->len - 1] == '-' && !(b->len > 1 && b->data[b->len - 2] == ' '))
        buf_adds(b, text); /* "57-" + "NQ/TW" */
    else {
        if (b->len)
            buf_addch(b, ' ');
        buf_adds(b, text);
    }
}

static char *slot_take(struct plan_state *st, enum plan_slot s)
{
    char *raw = buf_take(&st->slot_text[s]);
    char *clean = text_clean(raw, false);
    free(raw);
    size_t n = strlen(clean);
    if (s != SLOT_NAME && n && clean[n - 1] == '.' && !(n > 1 && clean[n - 2] == '.'))
        clean[n - 1] = '\0'; /* "Tháng 6/2025." */
    return clean;
}

static void close_task(struct plan_state *st)
{
    if (!st->task_line)
        return;
    struct batch_task *t = batch_add_task(st->b, st->task_line);
    t->name = slot_take(st, SLOT_NAME);
    t->output = slot_take(st, SLOT_OUTPUT);
    t->lead = slot_take(st, SLOT_LEAD);
    t->coord = slot_take(st, SLOT_COORD);
    t->deadline = slot_take(st, SLOT_DEADLINE);
    t->field = xstrdup(st->field ? st->field : "");
    t->code = xasprintf("%s.%d", st->field_no ? st->field_no : "0", ++st->n_in_field);
    t->tt = xasprintf("%d", st->n_in_field);
    if (!*t->lead)
        batch_reject(st->b, st->task_line, xasprintf("task '%.60s' has no lead agency", t->name));
    st->task_line = 0;
    st->slot = SLOT_NONE;
}

/* "+ Cơ quan chủ trì tổ chức triển khai: Bộ X." -> SLOT_LEAD, value "Bộ X." */
static enum plan_slot label_slot(const char *line, const char **value)
{
    const char *colon = strchr(line, ':');
    if (!colon)
        return SLOT_NONE;
    char *label = xstrndup(line, (size_t)(colon - line));
    char *key = text_fold(label);
    const char *k = key;
    while (*k == '+' || *k == ' ')
        k++;
    enum plan_slot s = SLOT_NONE;
    for (size_t i = 0; i < sizeof(labels) / sizeof(*labels) && s == SLOT_NONE; i++)
        if (strncmp(k, labels[i].prefix, strlen(labels[i].prefix)) == 0)
            s = labels[i].slot;
    free(label);
    free(key);
    *value = colon + 1;
    return s;
}

static bool field_heading(struct plan_state *st, const char *line)
{
    const char *p = line;
    while (*p == ' ')
        p++;
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 2 || p[n] != '.' || p[n + 1] != ' ')
        return false;
    close_task(st);
    free(st->field);
    free(st->field_no);
    char *title = text_clean(p + n + 2, false);
    size_t len = strlen(title);
    if (len && title[len - 1] == '.')
        title[len - 1] = '\0';
    st->field = title;
    st->field_no = xstrndup(p, n);
    st->n_in_field = 0;
    return true;
}

static void plan_line(struct plan_state *st, const char *raw, size_t line_no)
{
    char *line = text_trim(raw);
    char *key = text_fold(line);
    const char *value;
    if (!*line || is_noise(key)) {
        /* blank lines end an attribute; noise is skipped */
        if (!*line && st->slot != SLOT_NAME)
            st->slot = SLOT_NONE;
    } else if (field_heading(st, line)) {
    } else if (line[0] == '-' && line[1] == ' ') {
        close_task(st);
        st->task_line = line_no;
        st->slot = SLOT_NAME;
        slot_append(st, line + 2);
    } else if (line[0] == '+' && st->task_line) {
        st->slot = label_slot(line, &value);
        if (st->slot != SLOT_NONE)
            slot_append(st, value);
        else
            batch_reject(st->b, line_no, xasprintf("unknown task attribute '%.60s'", line));
    } else if (st->slot != SLOT_NONE && st->task_line) {
        slot_append(st, line);
    }
    free(key);
    free(line);
}

/* The plan has no number: name it from its stamp and year. */
static void plan_document(struct batch *b, const struct lines *l)
{
    bool draft = lines_find(l, 0, "du thao") >= 0;
    int year = 0;
    for (size_t i = 0; i < l->n && !year; i++) {
        char *key = text_fold(l->items[i]);
        const char *p = strstr(key, "muc tieu cu the nam ");
        const char *digits = p ? p + 20 : NULL;
        if (digits)
            strparse_digits(&digits, 4, &year);
        free(key);
    }
    b->document_title = year ? xasprintf("Kế hoạch chuyển đổi số năm %d%s", year,
                                         draft ? " (dự thảo)" : "")
                             : xstrdup(draft ? "Kế hoạch (dự thảo)" : "Kế hoạch");
}

int import_plan(const struct lines *l, struct batch *b, struct err *e)
{
    long start = -1;
    for (size_t i = 0; i < l->n && start < 0; i++)
        if (text_starts_folded(l->items[i], "ii. nhiem vu"))
            start = (long)i;
    if (start < 0)
        return err_set(e, ERR_INVALID, "no section 'II. NHIỆM VỤ' in the plan");
    struct plan_state st = { .b = b };
    for (int s = 0; s <= SLOT_DEADLINE; s++)
        buf_init(&st.slot_text[s], 0);
    for (size_t i = (size_t)start + 1; i < l->n; i++) {
        const char *p = l->items[i];
        while (*p == ' ')
            p++;
        if (strncmp(p, "III.", 4) == 0)
            break;
        plan_line(&st, l->items[i], i + 1);
    }
    close_task(&st);
    for (int s = 0; s <= SLOT_DEADLINE; s++)
        buf_release(&st.slot_text[s]);
    free(st.field);
    free(st.field_no);
    plan_document(b, l);
    if (b->n_tasks == 0)
        return err_set(e, ERR_INVALID, "the plan has no task ('- ...' followed by '+ ...' lines)");
    return 0;
}
