/* Agency registry: the shipped data loads, and cells split into whole names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/embedded.h"
#include "core/registry.h"
#include "shipped_registry.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>


/* cell -> the canonical names it must split into, "|"-separated ("G:" marks a group). */
static const struct {
    const char *cell;
    const char *expect;
} cases[] = {
    { "Bộ Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Môi trường" },
    { "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch" },
    { "Ban Tuyên giáo và Dân vận Trung ương", "Ban Tuyên giáo và Dân vận Trung ương" },
    { "Bộ Tài chính và các bộ, ngành, địa phương", "Bộ Tài chính|G:Các bộ, ngành, địa phương" },
    { "Bộ Công an; Bộ Văn hóa, Thể thao và Du lịch; Bộ Tài chính",
      "Bộ Công an|Bộ Văn hóa, Thể thao và Du lịch|Bộ Tài chính" },
    { "VTV, VOV, TTXVN, các địa phương",
      "Đài Truyền hình Việt Nam|Đài Tiếng nói Việt Nam|Thông tấn xã Việt Nam|G:Các địa phương" },
    { "Bộ Quốc phòng,\nBộ Công an", "Bộ Quốc phòng|Bộ Công an" },
    { "Bộ Thông tin và Truyền thông.", "Bộ Thông tin và Truyền thông" },
    { "UBND tỉnh Nghệ An", "Nghệ An" },
    { "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh" },
    { "Các địa phương có đảo", "G:Các địa phương có đảo" },
};

static const char *name_of(const struct party *p)
{
    return p->kind == PARTY_GROUP ? reg.groups[p->idx].name : reg.agencies[p->idx].name;
}

static void test_split(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct parties p = PARTIES_INIT;
        registry_split(&reg, cases[i].cell, &p);
        char got[1024] = "";
        for (size_t k = 0; k < p.n; k++) {
            if (k)
                strcat(got, "|");
            if (p.items[k].kind == PARTY_UNRESOLVED) {
                strcat(got, "?");
                strcat(got, p.items[k].text);
                continue;
            }
            if (p.items[k].kind == PARTY_GROUP)
                strcat(got, "G:");
            strcat(got, name_of(&p.items[k]));
        }
        parties_release(&p);
        if (strcmp(got, cases[i].expect) != 0)
            fail_msg("'%s': got '%s', want '%s'", cases[i].cell, got, cases[i].expect);
    }
}

static void test_unknown_is_kept(void **state)
{
    (void)state;
    struct parties p = PARTIES_INIT;
    registry_split(&reg, "Bộ Công an, Cục Không Tồn Tại", &p);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.items[1].kind, PARTY_UNRESOLVED);
    assert_string_equal(p.items[1].text, "Cục Không Tồn Tại");
    parties_release(&p);
}

static void test_successors_and_groups(void **state)
{
    (void)state;
    long old = registry_find_agency(&reg, "Bộ Thông tin và Truyền thông");
    assert_true(old >= 0);
    assert_string_equal(reg.agencies[registry_active(&reg, (size_t)old)].name,
                        "Bộ Khoa học và Công nghệ");
    long bd = registry_find_agency(&reg, "Bình Dương");
    assert_string_equal(reg.agencies[registry_active(&reg, (size_t)bd)].name,
                        "Thành phố Hồ Chí Minh");
    size_t *m, n;
    registry_expand(&reg, (size_t)registry_find_group(&reg, "Các tỉnh, thành phố"), &m, &n);
    assert_int_equal(n, 34);
    free(m);
    registry_expand(&reg, (size_t)registry_find_group(&reg, "Các bộ, cơ quan ngang bộ"), &m, &n);
    assert_int_equal(n, 17);
    free(m);
}

/*
 * Seed 004's per-unit table ("20.  Bộ Nội vụ 2 10"): every unit it names
 * resolves to one agency of the registry.
 */
static bool unit_row(const char *line, size_t len, char *name, size_t cap)
{
    size_t i = 0;
    while (i < len && line[i] == ' ')
        i++;
    size_t digits = i;
    while (i < len && line[i] >= '0' && line[i] <= '9')
        i++;
    if (i == digits || i >= len || line[i] != '.')
        return false;
    size_t start = i + 1, end = len;
    for (int k = 0; k < 2; k++) { /* two trailing counts */
        while (end > start && line[end - 1] == ' ')
            end--;
        size_t num_end = end;
        while (end > start && line[end - 1] >= '0' && line[end - 1] <= '9')
            end--;
        if (end == num_end || line[end - 1] != ' ')
            return false;
    }
    while (start < end && line[start] == ' ')
        start++;
    while (end > start && line[end - 1] == ' ')
        end--;
    if (end - start >= cap || end == start)
        return false;
    memcpy(name, line + start, end - start);
    name[end - start] = '\0';
    return true;
}

static void test_seed_004_units(void **state)
{
    (void)state;
    const struct embedded_file *f = embedded_find("data/seeds/004_21fbf60b9a96082d.txt");
    assert_non_null(f);
    size_t found = 0;
    for (const char *p = f->data; p < f->data + f->len;) {
        const char *nl = memchr(p, '\n', (size_t)(f->data + f->len - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(f->data + f->len - p);
        char name[256];
        if (unit_row(p, len, name, sizeof(name))) {
            bool is_group = true;
            if (registry_lookup(&reg, name, &is_group) < 0 || is_group)
                fail_msg("seed 004 unit '%s' does not resolve to one agency", name);
            found++;
        }
        p += len + 1;
    }
    assert_int_equal(found, 62); /* the table lists 62 units */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_unknown_is_kept),
        cmocka_unit_test(test_successors_and_groups),
        cmocka_unit_test(test_seed_004_units),
    };
    return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
