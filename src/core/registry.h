/*
 * registry: the agencies (đơn vị) and group expressions that tasks name,
 * and the parser that turns an agency cell into them.
 *
 * A registry is filled from the shipped TSV files (registry_parse_tsv) or
 * from the database (registry_add_*), then registry_build_index() checks it
 * (every successor exists, no alias names two things, every group rule is
 * well formed) and indexes every name, alias and generated province form
 * ("UBND tỉnh X", "Tỉnh ủy X", "TP. X"...) by its fold key.
 *
 * Agencies with a successor (Bộ Thông tin và Truyền thông -> Bộ Khoa học và
 * Công nghệ; Bình Dương -> Thành phố Hồ Chí Minh) still resolve by name;
 * registry_active() follows the chain to the unit that carries the task
 * now, and the original name stays with the caller.
 *
 * A group's rule is '+'-separated terms "tag:X", "kind:X" or "unit:Name";
 * its members are the active agencies matching any term. An empty rule
 * means a person must choose the members.
 *
 * The registry owns all its strings; registry_release() frees everything.
 */
#ifndef GIAMSAT_REGISTRY_H
#define GIAMSAT_REGISTRY_H

#include "util/err.h"
#include "util/strmap.h"
#include "util/strvec.h"

#include <stdbool.h>
#include <stddef.h>

struct agency {
    long id;              /* database id; 0 until stored */
    char *name;           /* canonical name */
    char *kind;           /* bo_nganh, dia_phuong, dang, quoc_hoi, doan_the, khac */
    char *tags;           /* comma-separated tags, "" when none */
    char *successor;      /* canonical name of the successor, or NULL */
    char *note;           /* free text, "" when none */
    struct strvec aliases;
};

struct agency_group {
    long id;
    char *name;
    char *rule; /* "" = members chosen by a person */
    char *note;
    struct strvec aliases;
};

struct name_entry {
    char *key;     /* fold key of a name, alias or generated form */
    bool is_group;
    size_t idx;    /* into agencies or groups */
};

struct registry {
    struct agency *agencies;
    size_t n_agencies, cap_agencies;
    struct agency_group *groups;
    size_t n_groups, cap_groups;
    struct name_entry *index; /* built by registry_build_index() */
    size_t n_index, cap_index;
    struct strmap index_keys; /* key -> its place in index + 1, so a lookup is one probe */
};

#define REGISTRY_INIT { 0 }

extern const char *const agency_kinds[]; /* NULL-terminated */

/** Vietnamese label of an agency kind ("bộ/ngành", "địa phương"...). */
const char *agency_kind_label(const char *kind);

/**
 * Add the rows of the two TSV texts (see data/agencies.tsv). Errors name
 * the file and line: ERR_INVALID.
 */
int registry_parse_tsv(struct registry *r, const char *agencies_tsv, const char *groups_tsv,
                       struct err *e);

/** Append an agency, taking ownership of its strings. Returns its index. */
size_t registry_add_agency(struct registry *r, struct agency *a);
/** Append a group, taking ownership of its strings. Returns its index. */
size_t registry_add_group(struct registry *r, struct agency_group *g);

/** Check that g's rule names known tags/kinds/units; ERR_INVALID names the bad term. */
int registry_check_rule(const struct registry *r, const struct agency_group *g, struct err *e);
/** Check and index the registry; ERR_INVALID names the problem. */
int registry_build_index(struct registry *r, struct err *e);

/** Index of the agency whose canonical name folds like `name`, or -1. */
long registry_find_agency(const struct registry *r, const char *name);
/** Index of the group whose canonical name folds like `name`, or -1. */
long registry_find_group(const struct registry *r, const char *name);

/** Resolve any name or alias: sets *is_group and returns the index, or -1. */
long registry_lookup(const struct registry *r, const char *name, bool *is_group);

/** Follow successor links to the agency that carries tasks now. */
size_t registry_active(const struct registry *r, size_t idx);

/**
 * The database id of the unit that carries tasks now for `name` (a name,
 * alias or abbreviation; an old name gives its successor), or 0 when the
 * name is unknown or names a group of units.
 */
long registry_unit_id(const struct registry *r, const char *name);

/** Whether the comma-separated list tags holds tag (whole items only). */
bool registry_has_tag(const char *tags, const char *tag);

/**
 * Members of group g: a newly allocated array of agency indexes (free with
 * free()), in registry order; *n may be 0 (then *members is NULL).
 */
void registry_expand(const struct registry *r, size_t g, size_t **members, size_t *n);

/** Free everything and leave *r empty. */
void registry_release(struct registry *r);

/* ---- splitting an agency cell ------------------------------------------ */

enum party_kind { PARTY_AGENCY, PARTY_GROUP, PARTY_UNRESOLVED };

struct party {
    enum party_kind kind;
    size_t idx; /* agency or group index; unused for PARTY_UNRESOLVED */
    char *text; /* the words as written in the cell */
};

struct parties {
    struct party *items;
    size_t n, cap;
};

#define PARTIES_INIT { NULL, 0, 0 }

/**
 * Split a lead or coordinating cell into agencies and groups, by longest
 * match of known names at each position, so names that contain "và" or
 * commas stay whole. Text that matches nothing is returned as a
 * PARTY_UNRESOLVED item (never dropped). Appends to *out.
 */
void registry_split(const struct registry *r, const char *cell, struct parties *out);

void parties_release(struct parties *p);

#endif
