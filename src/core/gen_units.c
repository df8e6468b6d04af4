/* gen_units: generated communes and their groups; see gen_units.h. */
#include "gen_units.h"

#include "util/strparse.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Syllables commune names are made of: "An Bình", "Tân Phú", "Long Hưng" ... */
static const char *const syllables[] = {
    "An",    "Bình",  "Tân", "Phú", "Hòa",   "Long",  "Thạnh", "Mỹ",    "Vĩnh",  "Phước",
    "Đông",  "Tây",   "Nam", "Bắc", "Trung", "Hưng",  "Thái",  "Quang", "Minh",  "Hiệp",
    "Thuận", "Lộc",   "Hải", "Sơn", "Thủy",  "Lâm",   "Định",  "Xuân",  "Hồng",  "Kim",
    "Ngọc",  "Thanh", "Cẩm", "Gia", "Đức",   "Nghĩa", "Lạc",   "Yên",   "Phong", "Tiến",
};
#define N_SYL (sizeof(syllables) / sizeof(*syllables))
#define N_PAIRS (N_SYL * (N_SYL - 1)) /* ordered pairs of two different syllables */

static bool is_province(const struct agency *a)
{
    return !a->successor && strcmp(a->kind, "dia_phuong") == 0;
}

/* "tỉnh Lào Cai", or the city's name as it is ("Thành phố Hà Nội"). */
static char *province_label(const struct agency *p)
{
    if (strncmp(p->name, "Thành phố ", strlen("Thành phố ")) == 0)
        return xstrdup(p->name);
    return xasprintf("tỉnh %s", p->name);
}

char *gen_units_group_name(const struct agency *province)
{
    char *label = province_label(province);
    char *name = xasprintf("Các xã, phường thuộc %s", label);
    free(label);
    return name;
}

/* The j-th commune of a province: a distinct name for every j (a number past the pairs). */
static char *commune_name(const struct agency *province, size_t j)
{
    /* 7 is coprime to N_PAIRS (1560), so j -> x is a permutation of the pairs. */
    size_t x = (j * 7 + 3) % N_PAIRS;
    size_t a = x / (N_SYL - 1), b = x % (N_SYL - 1);
    if (b >= a)
        b++;
    const char *prefix = j % 4 == 0 ? "Phường" : "Xã";
    char *label = province_label(province);
    char *name = j < N_PAIRS ? xasprintf("%s %s %s, %s", prefix, syllables[a], syllables[b], label)
                             : xasprintf("%s %s %s %zu, %s", prefix, syllables[a], syllables[b],
                                         j / N_PAIRS + 1, label);
    free(label);
    return name;
}

static void add_group(struct registry *out, char *name, char *rule)
{
    struct agency_group g = { 0 };
    g.name = name;
    g.rule = rule;
    g.note = xstrdup("đơn vị sinh tự động (giamsat gen)");
    registry_add_group(out, &g);
}

size_t gen_units(const struct registry *r, size_t n_units, struct registry *out)
{
    size_t *prov = xcalloc(r->n_agencies + 1, sizeof(size_t)), n_prov = 0;
    for (size_t i = 0; i < r->n_agencies; i++)
        if (is_province(&r->agencies[i]))
            prov[n_prov++] = i;
    size_t extra = n_prov && n_units > r->n_agencies ? n_units - r->n_agencies : 0;
    for (size_t k = 0; k < extra; k++) {
        size_t p = k % n_prov;
        struct agency a = { 0 };
        a.name = commune_name(&r->agencies[prov[p]], k / n_prov);
        a.kind = xstrdup("khac");
        a.tags = xasprintf("%s,%s_%02zu", GEN_COMMUNE_TAG, GEN_COMMUNE_TAG, p);
        a.note = xstrdup("đơn vị sinh tự động (giamsat gen)");
        registry_add_agency(out, &a);
    }
    if (extra) {
        add_group(out, xstrdup(GEN_COMMUNE_GROUP), xstrdup("tag:" GEN_COMMUNE_TAG));
        for (size_t p = 0; p < n_prov && p < extra; p++)
            add_group(out, gen_units_group_name(&r->agencies[prov[p]]),
                      xasprintf("tag:%s_%02zu", GEN_COMMUNE_TAG, p));
    }
    free(prov);
    return extra;
}

long gen_unit_province(const struct agency *a)
{
    const char *t = strstr(a->tags, GEN_COMMUNE_TAG "_");
    long p = -1;
    if (!t)
        return -1;
    char digits[8] = "";
    size_t n = strspn(t + 3, "0123456789");
    if (n == 0 || n >= sizeof(digits))
        return -1;
    memcpy(digits, t + 3, n);
    return strparse_long(digits, 0, 9999, &p) ? -1 : p;
}
