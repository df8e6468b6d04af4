/*
 * page_task: the page of one task (/tasks/:id) — its facts, each lead
 * unit's status, the timeline of reports and the forms (page_task_form.h)
 * — filled into a view first, then written. page_task_post.c draws it
 * again after a refused or unconfirmed submission.
 */
#ifndef GIAMSAT_PAGE_TASK_H
#define GIAMSAT_PAGE_TASK_H

#include "page_task_form.h"

/**
 * Write the page of task ti of pd (its facts, each assignment's status,
 * the timeline of reports and, for a user who may report, the form
 * filled from *form). 0, or -1 after an error response.
 */
int page_task_show(struct req *rq, struct resp *rs, const struct page_data *pd, size_t ti,
                   const struct progress_form *form);

#endif
