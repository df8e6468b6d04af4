/* task: freeing the read-side views; see task.h. */
#include "task.h"

#include <stdlib.h>
#include <string.h>

void task_view_release(struct task_view *t)
{
    free(t->code);
    free(t->tt);
    free(t->name);
    free(t->field);
    free(t->output);
    free(t->deadline_text);
    free(t->deadline_kind);
    free(t->due_note);
    free(t->lead_text);
    free(t->coord_text);
    strvec_release(&t->documents);
    strvec_release(&t->lead);
    strvec_release(&t->coordinating);
    for (size_t i = 0; i < t->n_parties; i++) {
        free(t->parties[i].role);
        free(t->parties[i].text);
        free(t->parties[i].resolved);
        strvec_release(&t->parties[i].members);
    }
    free(t->parties);
    free(t->children);
    memset(t, 0, sizeof(*t));
}

void task_views_free(struct task_view *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        task_view_release(&t[i]);
    free(t);
}

void agency_views_free(struct agency_view *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i].name);
        free(a[i].kind);
        free(a[i].successor);
        strvec_release(&a[i].aliases);
    }
    free(a);
}

void document_views_free(struct document_view *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].name);
        free(d[i].kind);
        free(d[i].number);
    }
    free(d);
}
