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
 *
 * The targets of section "b) Mục tiêu cụ thể năm <year>" become
 * indicators (import_plan_targets(), at the end of this file).
 */
#include "import.h"

#include "core/target.h"
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
        batch_reject(st->b, st->task_line, xasprintf("nhiệm vụ “%.*s” không có cơ quan chủ trì",
                                                       text_prefix_len(t->name, 60), t->name));
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
            batch_reject(st->b, line_no, xasprintf("không hiểu thuộc tính nhiệm vụ “%.*s”",
                                                  text_prefix_len(line, 60), line));
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
        return err_set(e, ERR_INVALID, "kế hoạch không có mục 'II. NHIỆM VỤ'");
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
    import_plan_targets(l, b, e);
    plan_document(b, l);
    if (b->n_tasks == 0)
        return err_set(e, ERR_INVALID, "kế hoạch không có nhiệm vụ nào (dòng '- ...' rồi các dòng '+ ...')");
    return 0;
}

/* ---- Mục tiêu cụ thể năm <year>: the plan's targets -------------------------- */

/*
 * The section is bullets ("- ...", wrapped over lines) under group headings
 * ("Chính phủ số:"). A bullet can hold several targets: its sentences are
 * read one by one (a sentence without a figure stays with the next one, or
 * with the one before when it is last), and "A đạt 20 - 25%/năm và B đạt
 * 50%" is two targets. Each target is an indicator "KH<year>.<n>" with
 * horizon <year>, in the group of its heading. Its name is the words
 * before "X: <figure>" or "X đạt <figure>", otherwise the whole sentence;
 * its target is the words from the first figure on (target_find_start()),
 * or the whole sentence, a text target, when there is no figure.
 */
struct goal_state {
    struct batch *b;
    int year;
    char *field;     /* the group heading, without ':' */
    struct buf text; /* the open bullet */
    size_t line;     /* its first line; 0 while none is open */
    int n;           /* indicators made so far */
};

/* s[0..len) without surrounding spaces and trailing ".,;" as a new string. */
static char *dup_trimmed(const char *s, size_t len)
{
    while (len && *s == ' ') {
        s++;
        len--;
    }
    while (len && strchr(" .,;", s[len - 1]))
        len--;
    return xstrndup(s, len);
}

static void goal_emit(struct goal_state *st, char *name, char *target)
{
    struct target t;
    target_parse(&t, target, NULL);
    const char *unit = t.n_clauses && t.clauses[0].unit ? t.clauses[0].unit : "";
    struct batch_indicator *x = batch_add_indicator(st->b, st->line);
    x->code = xasprintf("KH%d.%d", st->year, ++st->n);
    if (name[0] >= 'a' && name[0] <= 'z')
        name[0] = (char)(name[0] - 'a' + 'A'); /* "tỷ lệ ..." cut out of a sentence */
    x->name = name;
    x->target = target;
    x->unit = xstrdup(t.is_rank ? "Thứ bậc" : unit);
    x->agency = xstrdup("");
    x->field = st->field ? xstrdup(st->field) : NULL;
    x->horizon = st->year;
    target_release(&t);
}

/* "X: 80%" or "X đạt 80%": the offset in s where the target after sep starts, or 0. */
static size_t split_after(const char *s, const char *sep)
{
    for (const char *p = strstr(s, sep); p; p = strstr(p + 1, sep)) {
        const char *after = p + strlen(sep);
        if (target_find_start(after) == 0)
            return (size_t)(after - s);
    }
    return 0;
}

static void goal_statement(struct goal_state *st, const char *s)
{
    static const char *const seps[] = { ": ", " đạt " };
    for (size_t i = 0; i < 2; i++) {
        size_t at = split_after(s, seps[i]);
        if (at) {
            goal_emit(st, dup_trimmed(s, at - strlen(seps[i])), dup_trimmed(s + at, strlen(s + at)));
            return;
        }
    }
    size_t off = target_find_start(s);
    if (off == TARGET_NO_START)
        off = 0;
    goal_emit(st, dup_trimmed(s, strlen(s)), dup_trimmed(s + off, strlen(s + off)));
}

/* "A đạt 20 - 25%/năm và B đạt 50%": the offset of B, or 0. */
static size_t and_split(const char *s)
{
    for (const char *p = strstr(s, " và "); p; p = strstr(p + 1, " và ")) {
        char *left = xstrndup(s, (size_t)(p - s));
        const char *right = p + strlen(" và ");
        bool two = target_find_start(left) != TARGET_NO_START && target_find_start(right) != 0 &&
                   split_after(right, " đạt ") != 0;
        free(left);
        if (two)
            return (size_t)(right - s);
    }
    return 0;
}

static void goal_sentences(struct goal_state *st, const char *s, size_t a, size_t b)
{
    char *text = xstrndup(s + a, b - a);
    size_t two = and_split(text);
    if (two) {
        char *first = xstrndup(text, two - strlen(" và "));
        goal_statement(st, first);
        goal_statement(st, text + two);
        free(first);
    } else {
        goal_statement(st, text);
    }
    free(text);
}

static bool sentence_end(const char *s, size_t i)
{
    if (s[i] != '.' || s[i + 1] != ' ')
        return false;
    unsigned char next = (unsigned char)s[i + 2];
    return (next >= 'A' && next <= 'Z') || next >= 0x80;
}

static bool has_figure(const char *s, size_t a, size_t b)
{
    char *part = xstrndup(s + a, b - a);
    bool yes = target_find_start(part) != TARGET_NO_START;
    free(part);
    return yes;
}

/*
 * One bullet: its sentences end at ". " before a capital. A statement runs
 * up to a sentence with a figure; sentences without one join the next
 * statement, or the last one when nothing follows.
 */
static void goal_bullet(struct goal_state *st, const char *s)
{
    size_t len = strlen(s), *ends = NULL, n_ends = 0, cap = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && !sentence_end(s, i))
            continue;
        if (has_figure(s, start, i)) {
            ALLOC_GROW(ends, n_ends + 1, cap);
            ends[n_ends++] = i;
        }
        start = i + 2;
    }
    if (n_ends == 0 || ends[n_ends - 1] < len) {
        ALLOC_GROW(ends, n_ends + 1, cap);
        n_ends += n_ends == 0;
        ends[n_ends - 1] = len;
    }
    for (size_t k = 0, from = 0; k < n_ends; from = ends[k++] + 2)
        goal_sentences(st, s, from, ends[k]);
    free(ends);
}

static void goal_close(struct goal_state *st)
{
    if (!st->line)
        return;
    char *raw = buf_take(&st->text);
    char *clean = text_clean(raw, false);
    goal_bullet(st, clean);
    free(clean);
    free(raw);
    st->line = 0;
}

static bool goal_heading(struct goal_state *st, const char *line)
{
    size_t len = strlen(line), n_words = 1;
    for (const char *p = line; *p; p++)
        n_words += *p == ' ';
    if (!len || line[len - 1] != ':' || line[0] == '-' || n_words > 6)
        return false;
    goal_close(st);
    free(st->field);
    st->field = dup_trimmed(line, len - 1);
    return true;
}

static void goal_line(struct goal_state *st, const char *raw, size_t line_no)
{
    char *line = text_trim(raw);
    char *key = text_fold(line);
    if (!*line || is_noise(key)) {
        /* blank lines and page furniture */
    } else if (line[0] == '-' && line[1] == ' ') {
        goal_close(st);
        st->line = line_no;
        buf_adds(&st->text, line + 2);
    } else if (goal_heading(st, line)) {
    } else if (st->line) {
        bool joined = st->text.len && st->text.data[st->text.len - 1] == '-';
        if (!joined)
            buf_addch(&st->text, ' ');
        buf_adds(&st->text, line);
    }
    free(key);
    free(line);
}

static bool section_end(const char *line)
{
    while (*line == ' ')
        line++;
    size_t n = strspn(line, "IVX");
    return (n && line[n] == '.') || (line[0] >= 'a' && line[0] <= 'z' && line[1] == ')');
}

/* The line of "Mục tiêu cụ thể năm <year>" and the year, or -1. */
static long goals_at(const struct lines *l, int *year)
{
    for (size_t i = 0; i < l->n; i++) {
        char *key = text_fold(l->items[i]);
        const char *p = strstr(key, "muc tieu cu the nam ");
        const char *digits = p ? p + strlen("muc tieu cu the nam ") : NULL;
        bool found = digits && strparse_digits(&digits, 4, year) == 0 && *year >= 1900;
        free(key);
        if (found)
            return (long)i;
    }
    return -1;
}

int import_plan_targets(const struct lines *l, struct batch *b, struct err *e)
{
    (void)e; /* reading targets cannot fail: a bullet without a figure is a text target */
    struct goal_state st = { .b = b };
    long start = goals_at(l, &st.year);
    if (start < 0)
        return 0;
    buf_init(&st.text, 0);
    for (size_t i = (size_t)start + 1; i < l->n && !section_end(l->items[i]); i++)
        goal_line(&st, l->items[i], i + 1);
    goal_close(&st);
    buf_release(&st.text);
    free(st.field);
    return 0;
}
