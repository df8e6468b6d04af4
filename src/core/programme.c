/* programme: the snapshot counting works on; see programme.h. */
#include "programme.h"

#include <stdlib.h>

bool programme_counts_task(const struct prog_task *t)
{
    return !t->is_group && t->repeat_of_id == 0;
}

size_t programme_find_task(const struct programme *p, long id)
{
    for (size_t i = 0; i < p->n_tasks; i++)
        if (p->tasks[i].id == id)
            return i;
    return PROG_NONE;
}

size_t programme_find_agency(const struct programme *p, long id)
{
    for (size_t i = 0; i < p->n_agencies; i++)
        if (p->agencies[i].id == id)
            return i;
    return PROG_NONE;
}

size_t programme_find_document(const struct programme *p, long id)
{
    for (size_t i = 0; i < p->n_documents; i++)
        if (p->documents[i].id == id)
            return i;
    return PROG_NONE;
}

void programme_release(struct programme *p)
{
    for (size_t i = 0; i < p->n_documents; i++)
        free(p->documents[i].name);
    for (size_t i = 0; i < p->n_agencies; i++) {
        free(p->agencies[i].name);
        free(p->agencies[i].kind);
    }
    for (size_t i = 0; i < p->n_tasks; i++) {
        struct prog_task *t = &p->tasks[i];
        free(t->code);
        free(t->tt);
        free(t->name);
        free(t->field);
        free(t->deadline_text);
        free(t->lead_text);
        free(t->documents);
        free(t->assignments);
    }
    for (size_t i = 0; i < p->n_assignments; i++)
        free(p->assignments[i].events);
    free(p->documents);
    free(p->agencies);
    free(p->tasks);
    free(p->assignments);
    *p = (struct programme)PROGRAMME_INIT;
}
