/*
 * json_internal: helpers the src/json/ modules share. Include only from
 * src/json/ (it pulls in jansson.h).
 */
#ifndef GIAMSAT_JSON_INTERNAL_H
#define GIAMSAT_JSON_INTERNAL_H

#include "core/date.h"
#include "util/strvec.h"

#include <jansson.h>

/** Serialise root (indented, key order kept), drop the reference; newly allocated text. */
char *json_dump_take(json_t *root);
/** A new array of the strings of v. */
json_t *json_strings(const struct strvec *v);
/** "YYYY-MM-DD", or null when d is unset. */
json_t *json_date(struct date d);

#endif
