/*
 * import_review: the parts of an import's summary page (Nhập dữ liệu) that
 * ask the user for a decision — a name matched only by similarity, a
 * completion stated in words, a new task equal or close to a stored one —
 * each row with its tick box in a dry run, and how the confirm step reads
 * the ticks back. Nothing here is taken without a tick: the store only
 * applies the lines the user ticked (the *_lines options of store_import.h and store_progress.h).
 *
 * The render functions append HTML to b (escaped, page.h); with ticks (a dry run) the
 * tables carry checkboxes named "accept" (suggestions), "complete"
 * (completions) and "link" (repeats and duplicates) whose value is the row's
 * line, checked when the summary says the row was taken; without, the first column says
 * what became of each row (the result page). With ticks they must be
 * inside the confirm form.
 */
#ifndef GIAMSAT_IMPORT_REVIEW_H
#define GIAMSAT_IMPORT_REVIEW_H

#include "core/resolve.h"
#include "http.h"
#include "store/store_progress.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/** The skipped rows, suggestions, proposed completions and warnings of a progress table. */
void review_progress(struct buf *b, const struct progress_summary *s, bool ticks);

/** Duplicates and proposed repeats of a task import. */
void review_tasks(struct buf *b, const struct import_summary *s, bool ticks);

/** Whether the rejected row `line` has a suggestion the user may tick instead. */
bool review_has_suggestion(const struct progress_summary *s, size_t line);

/**
 * The lines ticked in form field `key` (every value of it), in an array
 * from rq's arena (*out; NULL when none); returns their number. Values
 * that are no line number are ignored: a tick names a row, nothing else.
 */
size_t review_ticked(struct req *rq, const char *key, size_t **out);

#endif
