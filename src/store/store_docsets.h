/*
 * store_docsets: named document sets (schema 16, tables document_set and
 * document_set_member; core/docset.h says what a set is) and the fields of
 * a document the report's paragraph uses (document.meeting, meeting_date,
 * summary).
 *
 * Same contracts as the other store modules: 0 or a negative err kind with the message in
 * *e; a write opens and commits its own transaction with its audit line and
 * rolls back on any failure, leaving the database unchanged.
 */
#ifndef GIAMSAT_STORE_DOCSETS_H
#define GIAMSAT_STORE_DOCSETS_H

#include "core/report_notes.h"
#include "store_auth.h"

/* A set as stored, with the documents it holds today. */
struct docset_view {
    long id;
    char *name;
    char *issuer;    /* rule, or NULL */
    char *kind;      /* rule, or NULL */
    long *documents; /* ids of the documents it holds, by date (a rule resolved now) */
    char **names;    /* their canonical names, same order */
    size_t n_documents;
};

/* What `sets add` asks for: a rule (issuer and/or kind) or explicit document ids. */
struct docset_spec {
    const char *name;
    const char *issuer;
    const char *kind;
    const long *documents;
    size_t n_documents;
};

/**
 * Add a set, audited as a (action "document_set.add"). ERR_INVALID when
 * the name is blank, when neither a rule nor documents are given or both
 * are, or when the rule matches no document today; ERR_CONFLICT when the
 * name is taken.
 */
int store_docset_add(struct db *db, const struct docset_spec *s, const struct audit_entry *a,
                     struct err *e);

/** Remove the set named name, audited ("document_set.remove"); ERR_NOT_FOUND when none. */
int store_docset_remove(struct db *db, const char *name, const struct audit_entry *a,
                        struct err *e);

/** Every set by name, resolved. Free with docset_views_free(). */
int store_docsets(struct db *db, struct docset_view **out, size_t *n, struct err *e);

/** The set named name (case-insensitive), resolved into *out; ERR_NOT_FOUND when none. */
int store_docset_find(struct db *db, const char *name, struct docset_view *out, struct err *e);

void docset_view_release(struct docset_view *v);
void docset_views_free(struct docset_view *v, size_t n);

/* The report fields of a document; NULL leaves a field as it is, "" clears it. */
struct document_info {
    const char *meeting;      /* "Phiên họp thứ hai của Ban Chỉ đạo" */
    const char *meeting_date; /* ISO yyyy-mm-dd */
    const char *summary;
};

/** Set the report fields of document id, audited ("document.set"); ERR_NOT_FOUND when none. */
int store_document_set_info(struct db *db, long id, const struct document_info *in,
                            const struct audit_entry *a, struct err *e);

/**
 * For every assignment, its latest progress report dated on or before
 * as_of with a non-empty issues field (assignment_id, on, text; assignment
 * unset), by assignment id. Free with report_issues_free().
 */
int store_issues_raised(struct db *db, struct date as_of, struct report_issue **out, size_t *n,
                        struct err *e);

/**
 * The notes of report r (built on a programme this database loaded): the
 * issues raised as of its date (store_issues_raised() kept by
 * report_issues_select()) and the assignments stale after stale_after days
 * (report_stale_build()), into *out (REPORT_NOTES_INIT; release with
 * report_notes_release(), also after a failure).
 */
int store_report_notes(struct db *db, const struct report *r, long stale_after,
                       struct report_notes *out, struct err *e);

#endif
