/*
 * json_out: the JSON forms other systems and our tests read (the contracts
 * in issue #2). This is the only module that includes jansson.h.
 *
 * Every function returns a newly allocated, NUL-terminated JSON text
 * (indented, UTF-8, not ASCII-escaped); free it with free().
 */
#ifndef GIAMSAT_JSON_OUT_H
#define GIAMSAT_JSON_OUT_H

#include "core/batch.h"
#include "core/resolve.h"
#include "core/task.h"
#include "store/store_docsets.h"

#include <stddef.h>

/** {"tasks":N,...,"unresolved":[{"line":N,"name":"..."}],"rejected":[{"line":N,"reason":"..."}]} */
char *json_import_summary(const struct import_summary *sum, const struct batch *b,
                          const struct resolved_task *rt);
char *json_tasks(const struct task_view *t, size_t n);
/** One task with its parties and group expansions. */
char *json_task(const struct task_view *t);
char *json_agencies(const struct agency_view *a, size_t n);
char *json_documents(const struct document_view *d, size_t n);
/** [{"name","issuer","kind","documents":[names]}] (issuer, kind: null when not a rule). */
char *json_docsets(const struct docset_view *v, size_t n);

#endif
