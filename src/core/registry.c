/*
 * registry: agencies, groups and the agency-cell splitter; see registry.h.
 */
#include "registry.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const agency_kinds[] = { "bo_nganh", "dia_phuong", "dang",
                                     "quoc_hoi", "doan_the",   "khac", NULL };
static const char *const kind_labels[] = { "bộ/ngành", "địa phương", "Đảng",
                                           "Quốc hội", "đoàn thể",   "khác" };

const char *agency_kind_label(const char *kind)
{
    for (size_t i = 0; agency_kinds[i]; i++)
        if (strcmp(kind, agency_kinds[i]) == 0)
            return kind_labels[i];
    return kind;
}

static bool is_kind(const char *kind)
{
    for (size_t i = 0; agency_kinds[i]; i++)
        if (strcmp(kind, agency_kinds[i]) == 0)
            return true;
    return false;
}

/* ---- building ------------------------------------------------------------ */

size_t registry_add_agency(struct registry *r, struct agency *a)
{
    ALLOC_GROW(r->agencies, r->n_agencies + 1, r->cap_agencies);
    r->agencies[r->n_agencies] = *a;
    return r->n_agencies++;
}

size_t registry_add_group(struct registry *r, struct agency_group *g)
{
    ALLOC_GROW(r->groups, r->n_groups + 1, r->cap_groups);
    r->groups[r->n_groups] = *g;
    return r->n_groups++;
}

/* Split a line on tabs into at most max fields (missing fields are ""). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (char *p = line; n < max;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    for (size_t i = n; i < max; i++)
        fields[i] = "";
    return n;
}

static void split_aliases(struct strvec *out, const char *field)
{
    const char *p = field;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *raw = xstrndup(p, len);
        char *alias = text_trim(raw);
        free(raw);
        if (*alias)
            strvec_push_take(out, alias);
        else
            free(alias);
        p += len + (bar ? 1 : 0);
    }
}

static char *field_dup(const char *s)
{
    char *t = text_trim(s);
    char *n = text_nfc(t);
    free(t);
    return n;
}

typedef int (*tsv_row_cb)(struct registry *r, char **f, const char *file, size_t line,
                          struct err *e);

static int agency_row(struct registry *r, char **f, const char *file, size_t line, struct err *e)
{
    if (!*f[0] || !is_kind(f[1]))
        return err_set(e, ERR_INVALID, "%s line %zu: need a name and a kind (got '%s')", file,
                       line, f[1]);
    struct agency a = { 0 };
    a.name = field_dup(f[0]);
    a.kind = field_dup(f[1]);
    a.tags = field_dup(f[2]);
    split_aliases(&a.aliases, f[3]);
    a.successor = *f[4] ? field_dup(f[4]) : NULL;
    a.note = field_dup(f[5]);
    registry_add_agency(r, &a);
    return 0;
}

static int group_row(struct registry *r, char **f, const char *file, size_t line, struct err *e)
{
    if (!*f[0])
        return err_set(e, ERR_INVALID, "%s line %zu: a group needs a name", file, line);
    struct agency_group g = { 0 };
    g.name = field_dup(f[0]);
    split_aliases(&g.aliases, f[1]);
    g.rule = field_dup(f[2]);
    g.note = field_dup(f[3]);
    registry_add_group(r, &g);
    return 0;
}

static int parse_file(struct registry *r, const char *text, const char *file, tsv_row_cb row,
                      struct err *e)
{
    char *copy = xstrdup(text);
    int ret = 0;
    bool header_seen = false;
    size_t line = 0;
    for (char *p = copy; p && *p && !ret; line++) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        char *cr = strchr(p, '\r');
        if (cr)
            *cr = '\0';
        char *f[6];
        if (*p && *p != '#') {
            split_tabs(p, f, 6);
            if (header_seen)
                ret = row(r, f, file, line + 1, e);
            header_seen = true;
        }
        p = nl ? nl + 1 : NULL;
    }
    free(copy);
    return ret;
}

int registry_parse_tsv(struct registry *r, const char *agencies_tsv, const char *groups_tsv,
                       struct err *e)
{
    if (parse_file(r, agencies_tsv, "agencies.tsv", agency_row, e))
        return e->kind;
    if (parse_file(r, groups_tsv, "groups.tsv", group_row, e))
        return e->kind;
    return 0;
}

/* ---- index --------------------------------------------------------------- */

static const char *const province_prefixes[] = {
    "",         "tinh ",       "thanh pho ",       "tp. ",        "tp.",
    "tp ",      "ubnd tinh ",  "ubnd thanh pho ",  "ubnd tp ",    "ubnd tp. ",
    "ubndtp ",  "ubnd ",       "uy ban nhan dan tinh ", "uy ban nhan dan thanh pho ",
    "tinh uy ", "thanh uy ",   "dang bo tinh ",    "dang bo thanh pho ",
};

static int add_key(struct registry *r, char *key, bool is_group, size_t idx, struct err *e)
{
    long at = strmap_get(&r->index_keys, key);
    if (at) {
        struct name_entry *x = &r->index[at - 1];
        if (x->is_group == is_group && x->idx == idx) {
            free(key);
            return 0;
        }
        const char *a = x->is_group ? r->groups[x->idx].name : r->agencies[x->idx].name;
        const char *b = is_group ? r->groups[idx].name : r->agencies[idx].name;
        err_set(e, ERR_INVALID, "tên “%s” thuộc về cả “%s” lẫn “%s”", key, a, b);
        free(key);
        return ERR_INVALID;
    }
    ALLOC_GROW(r->index, r->n_index + 1, r->cap_index);
    r->index[r->n_index++] = (struct name_entry){ key, is_group, idx };
    strmap_add(&r->index_keys, key, (long)r->n_index);
    return 0;
}

static int index_agency(struct registry *r, size_t idx, struct err *e)
{
    const struct agency *a = &r->agencies[idx];
    int ret = add_key(r, text_fold(a->name), false, idx, e);
    for (size_t k = 0; k < a->aliases.n && !ret; k++)
        ret = add_key(r, text_fold(a->aliases.items[k]), false, idx, e);
    if (ret || strcmp(a->kind, "dia_phuong") != 0)
        return ret;
    char *base = text_fold(a->name);
    const char *bare = strncmp(base, "thanh pho ", 10) == 0 ? base + 10 : base;
    for (size_t k = 0; k < sizeof(province_prefixes) / sizeof(*province_prefixes) && !ret; k++)
        ret = add_key(r, xasprintf("%s%s", province_prefixes[k], bare), false, idx, e);
    free(base);
    return ret;
}

int registry_check_rule(const struct registry *r, const struct agency_group *g, struct err *e)
{
    char *rule = xstrdup(g->rule);
    char *save = NULL;
    int ret = 0;
    for (char *term = strtok_r(rule, "+", &save); term && !ret;
         term = strtok_r(NULL, "+", &save)) {
        char *t = text_trim(term);
        if (strncmp(t, "unit:", 5) == 0 && registry_find_agency(r, t + 5) < 0)
            ret = err_set(e, ERR_INVALID, "nhóm “%s”: không có đơn vị nào tên “%s”", g->name, t + 5);
        else if (strncmp(t, "kind:", 5) == 0 && !is_kind(t + 5))
            ret = err_set(e, ERR_INVALID, "nhóm “%s”: không có loại đơn vị “%s” (bo_nganh, dia_phuong, dang,"
                                          " quoc_hoi, doan_the, khac)",
                          g->name, t + 5);
        else if (strncmp(t, "tag:", 4) != 0 && strncmp(t, "unit:", 5) != 0 &&
                 strncmp(t, "kind:", 5) != 0)
            ret = err_set(e, ERR_INVALID, "nhóm “%s”: không hiểu phần “%s” của quy tắc (viết unit:TÊN,"
                                          " kind:LOẠI hoặc tag:NHÃN, nối bằng +)",
                          g->name, t);
        free(t);
    }
    free(rule);
    return ret;
}

int registry_build_index(struct registry *r, struct err *e)
{
    for (size_t i = 0; i < r->n_index; i++)
        free(r->index[i].key);
    r->n_index = 0;
    strmap_release(&r->index_keys);
    int ret = 0;
    for (size_t i = 0; i < r->n_agencies && !ret; i++)
        ret = index_agency(r, i, e);
    for (size_t i = 0; i < r->n_groups && !ret; i++) {
        const struct agency_group *g = &r->groups[i];
        ret = add_key(r, text_fold(g->name), true, i, e);
        for (size_t k = 0; k < g->aliases.n && !ret; k++)
            ret = add_key(r, text_fold(g->aliases.items[k]), true, i, e);
    }
    for (size_t i = 0; i < r->n_agencies && !ret; i++) {
        const struct agency *a = &r->agencies[i];
        if (a->successor && registry_find_agency(r, a->successor) < 0)
            ret = err_set(e, ERR_INVALID, "“%s”: không có đơn vị kế thừa nào tên “%s”", a->name, a->successor);
    }
    for (size_t i = 0; i < r->n_groups && !ret; i++)
        ret = registry_check_rule(r, &r->groups[i], e);
    return ret;
}

/* ---- lookup -------------------------------------------------------------- */

static long find_key(const struct registry *r, const char *key, bool *is_group)
{
    long at = strmap_get(&r->index_keys, key);
    if (!at)
        return -1;
    *is_group = r->index[at - 1].is_group;
    return (long)r->index[at - 1].idx;
}

long registry_lookup(const struct registry *r, const char *name, bool *is_group)
{
    char *key = text_fold(name);
    long idx = find_key(r, key, is_group);
    free(key);
    return idx;
}

/* Index of the item among items[0..n) (stride bytes apart, its char *name at
 * name_off) whose name folds like `name`, or -1. */
static long find_folded(const char *name, const void *items, size_t n, size_t stride,
                        size_t name_off)
{
    char *key = text_fold(name);
    long found = -1;
    for (size_t i = 0; i < n && found < 0; i++) {
        const char *item_name = *(char *const *)((const char *)items + i * stride + name_off);
        char *k = text_fold(item_name);
        if (strcmp(k, key) == 0)
            found = (long)i;
        free(k);
    }
    free(key);
    return found;
}

long registry_find_agency(const struct registry *r, const char *name)
{
    return find_folded(name, r->agencies, r->n_agencies, sizeof(struct agency),
                       offsetof(struct agency, name));
}

long registry_find_group(const struct registry *r, const char *name)
{
    return find_folded(name, r->groups, r->n_groups, sizeof(struct agency_group),
                       offsetof(struct agency_group, name));
}

size_t registry_active(const struct registry *r, size_t idx)
{
    /* Bounded walk: a successor cycle in edited data must not hang us. */
    for (size_t hops = 0; hops < 8 && r->agencies[idx].successor; hops++) {
        long next = registry_find_agency(r, r->agencies[idx].successor);
        if (next < 0)
            break;
        idx = (size_t)next;
    }
    return idx;
}

long registry_unit_id(const struct registry *r, const char *name)
{
    bool is_group = false;
    long idx = name ? registry_lookup(r, name, &is_group) : -1;
    if (idx < 0 || is_group)
        return 0;
    return r->agencies[registry_active(r, (size_t)idx)].id;
}

bool registry_has_tag(const char *tags, const char *tag)
{
    size_t n = strlen(tag);
    for (const char *p = tags; (p = strstr(p, tag)); p += n)
        if ((p == tags || p[-1] == ',' || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return true;
    return false;
}

static bool term_matches(const struct registry *r, size_t i, const char *term)
{
    const struct agency *a = &r->agencies[i];
    if (strncmp(term, "tag:", 4) == 0)
        return registry_has_tag(a->tags, term + 4);
    if (strncmp(term, "kind:", 5) == 0)
        return strcmp(a->kind, term + 5) == 0;
    if (strncmp(term, "unit:", 5) == 0)
        return registry_find_agency(r, term + 5) == (long)i;
    return false;
}

static bool rule_matches(const struct registry *r, size_t i, const char *rule)
{
    char *copy = xstrdup(rule);
    bool hit = false;
    char *save = NULL;
    for (char *term = strtok_r(copy, "+", &save); term && !hit; term = strtok_r(NULL, "+", &save)) {
        char *t = text_trim(term);
        hit = term_matches(r, i, t);
        free(t);
    }
    free(copy);
    return hit;
}

void registry_expand(const struct registry *r, size_t g, size_t **members, size_t *n)
{
    size_t cap = 0;
    *members = NULL;
    *n = 0;
    const char *rule = r->groups[g].rule;
    if (!*rule)
        return;
    for (size_t i = 0; i < r->n_agencies; i++) {
        if (r->agencies[i].successor || !rule_matches(r, i, rule))
            continue;
        ALLOC_GROW(*members, *n + 1, cap);
        (*members)[(*n)++] = i;
    }
}

static void agency_release(struct agency *a)
{
    free(a->name);
    free(a->kind);
    free(a->tags);
    free(a->successor);
    free(a->note);
    strvec_release(&a->aliases);
}

void registry_release(struct registry *r)
{
    for (size_t i = 0; i < r->n_agencies; i++)
        agency_release(&r->agencies[i]);
    for (size_t i = 0; i < r->n_groups; i++) {
        struct agency_group *g = &r->groups[i];
        free(g->name);
        free(g->rule);
        free(g->note);
        strvec_release(&g->aliases);
    }
    for (size_t i = 0; i < r->n_index; i++)
        free(r->index[i].key);
    free(r->agencies);
    free(r->groups);
    free(r->index);
    strmap_release(&r->index_keys);
    *r = (struct registry)REGISTRY_INIT;
}

/* ---- splitting cells ----------------------------------------------------- */

/* Words that join or qualify names in a cell and carry no unit themselves. */
static const char *const joiners[] = { "va", "chu tri", "phoi hop", "voi", "cung" };

static bool word_here(const char *key, size_t i, const char *w)
{
    size_t n = strlen(w);
    return strncmp(key + i, w, n) == 0 && !isalnum((unsigned char)key[i + n]);
}

static size_t skip_separators(const char *key, size_t i)
{
    for (;;) {
        while (key[i] && strchr(" ,;.:\n-+()", key[i]))
            i++;
        bool joined = false;
        for (size_t k = 0; k < sizeof(joiners) / sizeof(*joiners) && !joined; k++)
            if (word_here(key, i, joiners[k])) {
                i += strlen(joiners[k]);
                joined = true;
            }
        if (!joined)
            return i;
    }
}

static bool at_boundary(const char *key, size_t j)
{
    while (key[j] == ' ')
        j++;
    if (!key[j] || strchr(",;.\n()", key[j]))
        return true;
    for (size_t k = 0; k < sizeof(joiners) / sizeof(*joiners); k++)
        if (word_here(key, j, joiners[k]))
            return true;
    return false;
}

/* Longest index entry matching at key+i and ending at a boundary, or NULL. */
static const struct name_entry *longest_at(const struct registry *r, const char *key, size_t i)
{
    const struct name_entry *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; k < r->n_index; k++) {
        const struct name_entry *x = &r->index[k];
        size_t n = strlen(x->key);
        if (n > best_len && strncmp(key + i, x->key, n) == 0 && at_boundary(key, i + n)) {
            best = x;
            best_len = n;
        }
    }
    return best;
}

static void push_party(struct parties *out, enum party_kind kind, size_t idx, const char *cell,
                       const size_t *map, size_t from, size_t to)
{
    char *raw = xstrndup(cell + map[from], map[to] - map[from]);
    char *text = text_trim(raw);
    free(raw);
    ALLOC_GROW(out->items, out->n + 1, out->cap);
    out->items[out->n++] = (struct party){ kind, idx, text };
}

void registry_split(const struct registry *r, const char *cell, struct parties *out)
{
    size_t *map = NULL;
    char *key = text_fold_map(cell, &map);
    size_t i = skip_separators(key, 0);
    while (key[i]) {
        const struct name_entry *x = longest_at(r, key, i);
        size_t start = i;
        if (!x && word_here(key, i, "cac")) {
            /* "các Bộ": the name after the word, when there is one ("các" may end the key). */
            start = i + 3;
            while (key[start] == ' ')
                start++;
            x = longest_at(r, key, start);
        }
        if (x) {
            size_t end = start + strlen(x->key);
            push_party(out, x->is_group ? PARTY_GROUP : PARTY_AGENCY, x->idx, cell, map, start,
                       end);
            i = skip_separators(key, end);
            continue;
        }
        size_t end = i + strcspn(key + i, ",;\n");
        while (end > i && (key[end - 1] == '.' || key[end - 1] == ' '))
            end--;
        if (end == i) {
            i++;
            continue;
        }
        push_party(out, PARTY_UNRESOLVED, 0, cell, map, i, end);
        i = skip_separators(key, end);
    }
    free(key);
    free(map);
}

void parties_release(struct parties *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->items[i].text);
    free(p->items);
    *p = (struct parties)PARTIES_INIT;
}
