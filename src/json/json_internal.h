/*
 * json_internal: helpers the src/json/ modules share. Include only from
 * src/json/ (it pulls in jansson.h).
 */
#ifndef GIAMSAT_JSON_INTERNAL_H
#define GIAMSAT_JSON_INTERNAL_H

#include "core/date.h"
#include "core/indicator.h"
#include "util/strvec.h"

#include <jansson.h>

/**
 * Serialise root (indented, key order kept, reals with up to 15 significant
 * digits: 0,72 is 0.72), drop the reference; newly allocated text.
 */
char *json_dump_take(json_t *root);
/** A similarity score in 0..1 to three decimals (0.971), as people read it. */
json_t *json_score(double v);
/** json_dump_take() on one line (for audit details). */
char *json_dump_compact_take(json_t *root);
/** A new array of the strings of v. */
json_t *json_strings(const struct strvec *v);
/** "YYYY-MM-DD", or null when d is unset. */
json_t *json_date(struct date d);

/**
 * One indicator as `giamsat indicators --format json` writes it (see
 * json_indicator_list()); defined in json_indicators.c, shared with the
 * report's indicator section so the two forms cannot drift apart.
 */
json_t *json_indicator_item(const struct indicator *x, const struct target *t,
                            const struct indicator_result *r, struct date as_of);

struct task_view;     /* core/task.h */
struct progress_view; /* store/store_programme.h */

/*
 * The values json_tasks(), json_task() and json_progress_list() write
 * (new references): the API extends them with its own keys instead of
 * reading their text back, so one writer keeps each contract shape.
 */
json_t *json_tasks_value(const struct task_view *t, size_t n);
json_t *json_task_value(const struct task_view *t);
json_t *json_progress_list_value(const struct progress_view *v, size_t n);

#endif
