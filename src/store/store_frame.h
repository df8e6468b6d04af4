/*
 * store_frame: the administrative frame of the installation's reports
 * (core/frame.h) as an administrator set it (schema 18, table
 * report_frame: one row per setting given).
 *
 * Same contracts as the other store modules: 0 or a negative err kind with the message in
 * *e; a write opens and commits its own transaction with its audit line and
 * rolls back on any failure.
 */
#ifndef GIAMSAT_STORE_FRAME_H
#define GIAMSAT_STORE_FRAME_H

#include "core/frame.h"
#include "store_auth.h"

/** The stored settings into *out (FRAME_SETTINGS_INIT); unset keys stay NULL. */
int store_frame_get(struct db *db, struct frame_settings *out, struct err *e);

/**
 * Store every set value of changes (an empty value removes the setting, so
 * its placeholder applies again), audited as a (action "report_frame.set",
 * entity "report_frame", before and after as JSON objects of the changed
 * keys). Values are checked by frame_settings_set() before reaching here.
 */
int store_frame_set(struct db *db, const struct frame_settings *changes,
                    const struct audit_entry *a, struct err *e);

#endif
