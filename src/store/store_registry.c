/* store_registry: agencies, aliases and groups in the database; see store_registry.h. */
#include "store_registry.h"

#include "db_internal.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int insert_named(struct db *db, const char *sql, const char *a, const char *b,
                        const char *c, const char *d, const char *f, bool *added, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, sql, &st, e))
        return e->kind;
    const char *vals[] = { a, b, c, d, f };
    for (int i = 0; i < 5; i++)
        db_bind_text(st, i + 1, vals[i]);
    int ret = db_step_done(db, st, e);
    if (added)
        *added = db_changes(db) > 0;
    stmt_finalize(st);
    return ret;
}

static int seed_aliases(struct db *db, const char *sql, const char *owner,
                        const struct strvec *aliases, struct err *e)
{
    for (size_t k = 0; k < aliases->n; k++) {
        char *key = text_fold(aliases->items[k]);
        int ret = insert_named(db, sql, aliases->items[k], key, owner, NULL, NULL, NULL, e);
        free(key);
        if (ret)
            return ret;
    }
    return 0;
}

static int seed_agency(struct db *db, const struct agency *a, size_t *n_added, struct err *e)
{
    char *key = text_fold(a->name);
    bool added = false;
    int ret = insert_named(db,
                           "INSERT INTO agency (name, name_key, kind, tags, note)"
                           " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           a->name, key, a->kind, a->tags, a->note, &added, e);
    free(key);
    if (!ret && added) {
        (*n_added)++;
        ret = seed_aliases(db,
                           "INSERT INTO agency_alias (agency_id, alias, alias_key)"
                           " SELECT id, ?, ? FROM agency WHERE name = ? ON CONFLICT DO NOTHING",
                           a->name, &a->aliases, e);
    }
    return ret;
}

static int seed_group(struct db *db, const struct agency_group *g, size_t *n_added,
                      struct err *e)
{
    bool added = false;
    int ret = insert_named(db,
                           "INSERT INTO agency_group (name, rule, note) VALUES (?, ?, ?)"
                           " ON CONFLICT DO NOTHING",
                           g->name, g->rule, g->note, NULL, NULL, &added, e);
    if (!ret && added) {
        (*n_added)++;
        ret = seed_aliases(db,
                           "INSERT INTO group_alias (group_id, alias, alias_key)"
                           " SELECT id, ?, ? FROM agency_group WHERE name = ? ON CONFLICT DO NOTHING",
                           g->name, &g->aliases, e);
    }
    return ret;
}

int store_seed_registry(struct db *db, const struct registry *r, size_t *n_added, struct err *e)
{
    *n_added = 0;
    if (db_begin(db, e))
        return e->kind;
    int ret = 0;
    for (size_t i = 0; i < r->n_agencies && !ret; i++)
        ret = seed_agency(db, &r->agencies[i], n_added, e);
    for (size_t i = 0; i < r->n_agencies && !ret; i++) {
        const struct agency *a = &r->agencies[i];
        if (a->successor)
            ret = insert_named(db,
                               "UPDATE agency SET successor_id = (SELECT id FROM agency WHERE"
                               " name = ?) WHERE name = ? AND successor_id IS NULL",
                               a->successor, a->name, NULL, NULL, NULL, NULL, e);
    }
    for (size_t i = 0; i < r->n_groups && !ret; i++)
        ret = seed_group(db, &r->groups[i], n_added, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

/* The alias list of every owner, in one query: rows (owner_id, alias). */
static int load_aliases(struct db *db, const char *sql, struct strvec *by_row, long *ids,
                        size_t n, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, sql, &st, e))
        return e->kind;
    int rc;
    while (db_row(st, &rc)) {
        long owner = stmt_int(st, 0);
        for (size_t i = 0; i < n; i++)
            if (ids[i] == owner)
                strvec_push(&by_row[i], db_col_text(st, 1));
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read aliases", e);
}

static int load_agencies(struct db *db, struct registry *r, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT a.id, a.name, a.kind, a.tags, s.name, a.note FROM agency a"
                   " LEFT JOIN agency s ON s.id = a.successor_id ORDER BY a.id",
                   &st, e))
        return e->kind;
    while (stmt_step(st) == DB_ROW) {
        struct agency a = { 0 };
        a.id = stmt_int(st, 0);
        a.name = db_col_dup(st, 1);
        a.kind = db_col_dup(st, 2);
        a.tags = db_col_dup(st, 3);
        a.successor = stmt_is_null(st, 4) ? NULL : db_col_dup(st, 4);
        a.note = db_col_dup(st, 5);
        registry_add_agency(r, &a);
    }
    stmt_finalize(st);
    long *ids = xcalloc(r->n_agencies + 1, sizeof(long));
    struct strvec *al = xcalloc(r->n_agencies + 1, sizeof(*al));
    for (size_t i = 0; i < r->n_agencies; i++)
        ids[i] = r->agencies[i].id;
    int ret = load_aliases(db, "SELECT agency_id, alias FROM agency_alias ORDER BY id", al, ids,
                           r->n_agencies, e);
    for (size_t i = 0; i < r->n_agencies; i++)
        r->agencies[i].aliases = al[i];
    free(ids);
    free(al);
    return ret;
}

static int load_groups(struct db *db, struct registry *r, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "SELECT id, name, rule, note FROM agency_group ORDER BY id", &st, e))
        return e->kind;
    while (stmt_step(st) == DB_ROW) {
        struct agency_group g = { 0 };
        g.id = stmt_int(st, 0);
        g.name = db_col_dup(st, 1);
        g.rule = db_col_dup(st, 2);
        g.note = db_col_dup(st, 3);
        registry_add_group(r, &g);
    }
    stmt_finalize(st);
    long *ids = xcalloc(r->n_groups + 1, sizeof(long));
    struct strvec *al = xcalloc(r->n_groups + 1, sizeof(*al));
    for (size_t i = 0; i < r->n_groups; i++)
        ids[i] = r->groups[i].id;
    int ret = load_aliases(db, "SELECT group_id, alias FROM group_alias ORDER BY id", al, ids,
                           r->n_groups, e);
    for (size_t i = 0; i < r->n_groups; i++)
        r->groups[i].aliases = al[i];
    free(ids);
    free(al);
    return ret;
}

int store_load_registry(struct db *db, struct registry *r, struct err *e)
{
    int ret = load_agencies(db, r, e);
    if (!ret)
        ret = load_groups(db, r, e);
    if (!ret)
        ret = registry_build_index(r, e);
    if (ret)
        registry_release(r);
    return ret;
}
