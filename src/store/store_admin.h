/*
 * store_admin: what the import and administration pages write beyond
 * store_import.h and store_registry.h — uploads waiting for confirmation,
 * imports committed together with their audit line, and registry edits
 * (aliases, re-linking the names an import could not resolve).
 *
 * The contracts of the other store modules hold here too: functions return 0 or a
 * negative err kind with the message in *e; functions that write open and
 * commit their own transaction, together with the audit line they are
 * given, and roll back on any failure; returned structs are owned by the
 * caller and freed with the function named beside them.
 */
#ifndef GIAMSAT_STORE_ADMIN_H
#define GIAMSAT_STORE_ADMIN_H

#include "core/registry.h"
#include "store_auth.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- uploads ------------------------------------------------------------------------- */

#define UPLOAD_MAX_AGE_S (24L * 3600) /* an upload not confirmed within a day is dropped */

/* A file uploaded for import, kept between the dry run and the confirmation. */
struct upload_record {
    long id;
    char *name;     /* the file's name as uploaded */
    char *format;   /* "program", "table"..., or NULL for detection */
    char *document; /* a reference overriding the file's source document, or NULL */
    char *bytes;    /* the file, NUL-terminated after len bytes */
    size_t len;
    long created_by; /* app_user id */
    long created_at; /* unix seconds */
};

/**
 * Keep u's file (u->id and u->created_at are ignored; it is stamped with
 * now), first dropping every upload older than UPLOAD_MAX_AGE_S, in one
 * transaction. *id receives the new id.
 */
int store_upload_add(struct db *db, const struct upload_record *u, long now, long *id,
                     struct err *e);
/**
 * The upload `id` for user_id at unix time now, into *out (free with
 * upload_record_release()). ERR_NOT_FOUND when there is no such upload or
 * it is older than UPLOAD_MAX_AGE_S; ERR_FORBIDDEN when another user
 * uploaded it.
 */
int store_upload_get(struct db *db, long id, long user_id, long now, struct upload_record *out,
                     struct err *e);
/** Drop the upload `id` (after its import); no error when it is gone already. */
int store_upload_drop(struct db *db, long id, struct err *e);
void upload_record_release(struct upload_record *u);

/* ---- imports with their audit line ---------------------------------------------------- */


/* ---- registry edits ------------------------------------------------------------------- */

/* A party of a task (lead or coordinating) that no agency or group matched. */
struct unresolved_view {
    char *text; /* the words as written in the cell */
    long task_id;
    char *tt;  /* the task's TT, "" when none */
    long line; /* source line of the task's row, 0 when unknown */
    bool lead; /* a lead party (an assignment follows once it is mapped) */
};

/** Every unresolved party, by text then task. Free with unresolved_views_free(). */
int store_unresolved(struct db *db, struct unresolved_view **out, size_t *n, struct err *e);
void unresolved_views_free(struct unresolved_view *v, size_t n);

/** The canonical name of agency `id` (newly allocated; free()); ERR_NOT_FOUND. */
int store_agency_name(struct db *db, long id, char **name, struct err *e);

/**
 * Make `alias` a name of agency agency_id and re-link what it names, in
 * one transaction with the audit line a (entity "agency", after = the
 * alias, the unit and the number of parties linked). The alias is
 * cleaned (text_clean: trimmed, NFC) first.
 *  - the alias is added unless the agency has it already (by fold key);
 *  - every unresolved task party whose text folds like the alias is
 *    linked to agency_id, and each such lead party gives its task an
 *    assignment to active_id (the agency's active successor, or itself),
 *    unless the task has that assignment already (a removed one is
 *    revived).
 * *n_linked receives the number of parties linked. ERR_CONFLICT when the
 * alias is the name or an alias of another agency or of a group;
 * ERR_INVALID when it is blank; ERR_NOT_FOUND for an unknown agency.
 */
int store_alias_add(struct db *db, long agency_id, long active_id, const char *alias,
                    const struct audit_entry *a, size_t *n_linked, struct err *e);

/**
 * Change group g's member rule (registry.h syntax: "tag:X+kind:Y+unit:Name")
 * and re-expand every task led by the group, in one transaction with the
 * audit line a (before and after rule): members that join get an
 * assignment; members that leave lose theirs — deleted when it has no
 * report, marked removed (history kept) when it has — unless the task
 * names the unit itself. r is a registry freshly loaded from db; its rule
 * for g is updated. ERR_INVALID names a bad term; ERR_NOT_FOUND an
 * unknown group.
 */
int store_group_set_rule(struct db *db, struct registry *r, long group_id, const char *rule,
                         const struct audit_entry *a, struct err *e);

#endif
