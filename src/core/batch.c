/* batch: the in-memory result of reading one file; see batch.h. */
#include "batch.h"

#include "util/strmap.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Code -> task index + 1, for tasks [0, indexed). */
struct batch_code_index {
    struct strmap map;
    size_t indexed;
};

struct batch_task *batch_add_task(struct batch *b, size_t line)
{
    if (!b->codes)
        b->codes = xcalloc(1, sizeof(*b->codes));
    ALLOC_GROW(b->tasks, b->n_tasks + 1, b->cap_tasks);
    struct batch_task *t = &b->tasks[b->n_tasks++];
    memset(t, 0, sizeof(*t));
    t->line = line;
    t->parent = -1;
    return t;
}

struct batch_indicator *batch_add_indicator(struct batch *b, size_t line)
{
    ALLOC_GROW(b->indicators, b->n_indicators + 1, b->cap_indicators);
    struct batch_indicator *x = &b->indicators[b->n_indicators++];
    memset(x, 0, sizeof(*x));
    x->line = line;
    return x;
}

void batch_reject(struct batch *b, size_t line, char *reason)
{
    ALLOC_GROW(b->rejects, b->n_rejects + 1, b->cap_rejects);
    b->rejects[b->n_rejects++] = (struct batch_reject){ line, reason };
}

void batch_skip(struct batch *b, size_t line, char *text)
{
    ALLOC_GROW(b->skipped, b->n_skipped + 1, b->cap_skipped);
    b->skipped[b->n_skipped++] = (struct batch_reject){ line, text };
    b->skipped_headings++;
}

long batch_find_task(const struct batch *b, const char *code)
{
    struct batch_code_index *ix = b->codes;
    if (!ix)
        return -1;
    for (; ix->indexed < b->n_tasks; ix->indexed++) {
        const char *c = b->tasks[ix->indexed].code;
        if (c && !strmap_get(&ix->map, c))
            strmap_add(&ix->map, c, (long)ix->indexed + 1);
    }
    return strmap_get(&ix->map, code) - 1;
}

static void task_release(struct batch_task *t)
{
    free(t->code);
    free(t->tt);
    free(t->name);
    free(t->field);
    free(t->lead);
    free(t->coord);
    free(t->output);
    free(t->deadline);
    free(t->documents);
    free(t->parent_code);
    free(t->repeat_code);
}

static void indicator_release(struct batch_indicator *x)
{
    free(x->code);
    free(x->parent_code);
    free(x->name);
    free(x->unit);
    free(x->target);
    free(x->agency);
    free(x->field);
}

struct progress_row *batch_add_progress(struct batch *b, size_t line)
{
    ALLOC_GROW(b->progress, b->n_progress + 1, b->cap_progress);
    struct progress_row *row = &b->progress[b->n_progress++];
    *row = (struct progress_row){ .line = line };
    return row;
}

void batch_release(struct batch *b)
{
    for (size_t i = 0; i < b->n_tasks; i++)
        task_release(&b->tasks[i]);
    for (size_t i = 0; i < b->n_indicators; i++)
        indicator_release(&b->indicators[i]);
    for (size_t i = 0; i < b->n_rejects; i++)
        free(b->rejects[i].reason);
    for (size_t i = 0; i < b->n_progress; i++)
        progress_row_release(&b->progress[i]);
    for (size_t i = 0; i < b->n_skipped; i++)
        free(b->skipped[i].reason);
    free(b->skipped);
    free(b->tasks);
    free(b->indicators);
    free(b->progress);
    free(b->rejects);
    docref_release(&b->document);
    free(b->document_title);
    free(b->progress_date);
    if (b->codes)
        strmap_release(&b->codes->map);
    free(b->codes);
    *b = (struct batch)BATCH_INIT;
}
