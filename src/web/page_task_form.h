/*
 * page_task_form: the forms of a task page — the progress form (báo cáo
 * tiến độ, hoàn thành), the form "Mở lại" and the confirmation panel —
 * drawn from a struct progress_form holding what the user typed and the
 * refusals of the last submission. Drawing only: the submission is
 * page_task_post.c, the page around the forms page_task.c; both use this
 * module, which uses neither.
 */
#ifndef GIAMSAT_PAGE_TASK_FORM_H
#define GIAMSAT_PAGE_TASK_FORM_H

#include "form.h"
#include "page_lists.h"

#include <stdbool.h>
#include <stddef.h>

/* The progress and reopening forms' fields: as the user typed them, or the defaults. */
struct progress_form {
    long unit_id;     /* agency id chosen; 0 = none */
    const char *date; /* Ngày báo cáo, as typed (arena or static) */
    const char *result, *next, *issues, *percent, *completed_on;
    const char *output_number, *output_date; /* Văn bản kết quả: số, ký hiệu; ngày ban hành */
    bool done;                               /* Hoàn thành */
    bool reopen;                /* the submission was the reopening form (result = its reason) */
    bool confirm;               /* the user confirmed (confirm=1) */
    bool confirming;            /* checked, not confirmed: the page shows the confirmation panel */
    const char *due, *due_note; /* the due-date form (steering office), as typed */
    struct form errors;         /* refusals of the last submission (form.h): prefix "p" (progress),
                           "r" (reopening) or "due" (the due-date form) */
};

/**
 * The agencies (programme indexes) of task ti's assignments the signed-in
 * user may report for (access_can_report), in lead-cell order, into an
 * arena array; *n receives their number (0: no form).
 */
size_t *page_report_units(struct req *rq, const struct page_data *pd, size_t ti, size_t *n);

/**
 * The progress form of task ti for the allowed units (page_report_units()),
 * and the form "Mở lại" for those of them whose completion is recorded.
 * Each field shows form->errors beside it when the form was the one submitted.
 */
void page_progress_form(const struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                        const size_t *units, size_t n_units, const struct progress_form *form);

/**
 * When form->confirming: the panel "Xác nhận ghi nhận hoàn thành" (or "Xác
 * nhận mở lại nhiệm vụ") summarising what will be recorded, with a form
 * posting the same fields again with confirm=1 and a link back to edit.
 */
void page_progress_confirm(struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                           const struct progress_form *form);

/** True when the completion of task ti by agency (programme indexes) is recorded (not reopened). */
bool page_task_unit_completed(const struct page_data *pd, size_t ti, size_t agency);

/**
 * The output document of a completion form as it is stored ("Số 12/BC-BNV
 * ngày 20/12/2025", progress_output_cite()), in arena a; NULL without a number.
 */
const char *page_progress_output(struct arena *a, const char *number, struct date issued);

#endif
