/*
 * Unit tests for src/util/text: UTF-8 validation, NFC, fold keys, cell
 * clean-up and trimming of Vietnamese text.
 *
 * Every case is a row of a table looped over. After each fold the key is
 * re-checked against the invariants of text.h (valid UTF-8, no upper-case
 * ASCII, no leading, trailing or doubled space, folding it again changes
 * nothing), and after each text_nfc/text_clean the result is re-checked to
 * be NFC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Decomposed (NFD) spellings, written as bytes so the editor cannot recompose them. */
#define NFD_U_HOOK "U\xCC\x89"             /* U + combining hook above = Ủ */
#define NFD_O_GRAVE "o\xCC\x80"            /* o + combining grave = ò */
#define NFD_O_DOT "o\xCC\xA3"              /* o + combining dot below = ọ */
#define NFD_O_CIRC_DOT "o\xCC\x82\xCC\xA3" /* o + circumflex + dot below = ộ */
#define NFD_A_ACUTE "a\xCC\x81"            /* a + combining acute = á */

/* ------------------------------------------------------------ helpers */

/* The fold key invariants of text.h, checked on every key a test makes. */
static void assert_sane_key(const char *src, const char *key)
{
    size_t len = strlen(key);
    if (!text_is_utf8(key, len, NULL))
        fail_msg("fold of '%s': key is not UTF-8", src);
    for (size_t i = 0; i < len; i++) {
        if (key[i] >= 'A' && key[i] <= 'Z')
            fail_msg("fold of '%s': upper case in key '%s'", src, key);
        if (key[i] == '\t' || key[i] == '\n' || key[i] == '\r')
            fail_msg("fold of '%s': control white space in key '%s'", src, key);
        if (key[i] == ' ' && (i == 0 || i + 1 == len || key[i + 1] == ' '))
            fail_msg("fold of '%s': stray space in key '%s'", src, key);
    }
    char *again = text_fold(key);
    if (strcmp(again, key) != 0)
        fail_msg("fold of '%s' is not stable: '%s' then '%s'", src, key, again);
    free(again);
}

/* text_nfc() leaves NFC text unchanged, so an NFC result is a fixed point. */
static void assert_nfc(const char *what, const char *s)
{
    char *again = text_nfc(s);
    if (strcmp(again, s) != 0)
        fail_msg("%s: '%s' is not NFC", what, s);
    free(again);
}

/* ------------------------------------------------------------- text_fold */

static const struct {
    const char *in;
    const char *fold;    /* text_fold() */
    const char *nospace; /* text_fold_nospace() */
} fold_cases[] = {
    { "Bộ Công an", "bo cong an", "bocongan" },
    { "BỘ CÔNG AN", "bo cong an", "bocongan" },
    { "Ủy ban nhân dân", "uy ban nhan dan", "uybannhandan" },
    { "Uỷ ban nhân dân", "uy ban nhan dan", "uybannhandan" },
    { "UY  BAN", "uy ban", "uyban" },
    { "Toà án", "toa an", "toaan" },
    { "Tòa án", "toa an", "toaan" },
    { "hoá", "hoa", "hoa" },
    { "hóa", "hoa", "hoa" },
    { "đ", "d", "d" },
    { "Đ", "d", "d" },
    { "Đà Nẵng", "da nang", "danang" },
    { "Bộ Tài chính; Đảng uỷ", "bo tai chinh; dang uy", "botaichinh;danguy" },
    { "Thời  hạn", "thoi han", "thoihan" },
    { "  a \t b\n\nc  ", "a b c", "abc" },
    { "\r\nTT\r\n", "tt", "tt" },
    { "x\xC2\xA0y", "x y", "xy" },     /* no-break space */
    { "x\xE2\x80\xAFy", "x y", "xy" }, /* narrow no-break space */
    { "Ngân hàng Nhà nước Việt Nam", "ngan hang nha nuoc viet nam", "nganhangnhanuocvietnam" },
    { "Bộ Khoa học và Công nghệ", "bo khoa hoc va cong nghe", "bokhoahocvacongnghe" },
    { "Quý IV/2025", "quy iv/2025", "quyiv/2025" },
    { NFD_U_HOOK "y ban", "uy ban", "uyban" },
    { "T" NFD_O_GRAVE "a " NFD_A_ACUTE "n", "toa an", "toaan" },
    { "B" NFD_O_CIRC_DOT " C" NFD_O_DOT "ng an", "bo cong an", "bocongan" },
    { "", "", "" },
    { "   ", "", "" },
    { NULL, "", "" },
};

static void test_fold(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fold_cases) / sizeof(fold_cases[0]); i++) {
        const char *in = fold_cases[i].in;
        char *f = text_fold(in);
        char *n = text_fold_nospace(in);
        if (strcmp(f, fold_cases[i].fold) != 0)
            fail_msg("text_fold('%s') = '%s', want '%s'", in ? in : "(null)", f,
                     fold_cases[i].fold);
        if (strcmp(n, fold_cases[i].nospace) != 0)
            fail_msg("text_fold_nospace('%s') = '%s', want '%s'", in ? in : "(null)", n,
                     fold_cases[i].nospace);
        if (strchr(n, ' '))
            fail_msg("text_fold_nospace('%s') kept a space: '%s'", in ? in : "(null)", n);
        assert_sane_key(in ? in : "(null)", f);
        free(f);
        free(n);
    }
}

/* Spellings that must meet in one key: old/new tone placement, NFC/NFD, case. */
static const struct {
    const char *a, *b;
} fold_equal[] = {
    { "Uỷ ban", "Ủy ban" },
    { "Toà án", "Tòa án" },
    { "hoá", "hóa" },
    { "thuỷ lợi", "thủy lợi" },
    { "Ủy ban", NFD_U_HOOK "y ban" },
    { "Tòa án", "T" NFD_O_GRAVE "a " NFD_A_ACUTE "n" },
    { "Bộ Công an", "B" NFD_O_CIRC_DOT " C" NFD_O_DOT "ng an" },
    { "Bộ Công an", "bo cong an" },
    { "Bộ Công an", "BỘ   CÔNG  AN" },
    { "Đảng", "dang" },
    { "đường", "ĐƯỜNG" },
};

static void test_fold_equal(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fold_equal) / sizeof(fold_equal[0]); i++) {
        char *a = text_fold(fold_equal[i].a);
        char *b = text_fold(fold_equal[i].b);
        if (strcmp(a, b) != 0)
            fail_msg("'%s' folds to '%s' but '%s' folds to '%s'", fold_equal[i].a, a,
                     fold_equal[i].b, b);
        assert_sane_key(fold_equal[i].a, a);
        free(a);
        free(b);
    }
}

/* --------------------------------------------------------- text_fold_map */

/*
 * Folding `s` and finding `needle` (a key) in it, the map must cut the
 * original spelling `cut` out of s.
 */
static const struct {
    const char *s;
    const char *needle;
    const char *cut;
} map_cases[] = {
    { "Đà Nẵng", "nang", "Nẵng" },
    { "Đà Nẵng", "da", "Đà" },
    { "Đà Nẵng", "da nang", "Đà Nẵng" },
    { "  Bộ  Y tế ", "y te", "Y tế" },
    { "Giao Bộ Công an chủ trì", "bo cong an", "Bộ Công an" },
    { "Ủy ban Dân tộc", "dan toc", "Dân tộc" },
    { "B" NFD_O_CIRC_DOT " C" NFD_O_DOT "ng an", "cong", "C" NFD_O_DOT "ng" },
    { "abc", "abc", "abc" },
};

static void test_fold_map(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(map_cases) / sizeof(map_cases[0]); i++) {
        const char *s = map_cases[i].s;
        size_t *map = NULL;
        char *key = text_fold_map(s, &map);
        char *plain = text_fold(s);
        if (strcmp(key, plain) != 0)
            fail_msg("text_fold_map('%s') = '%s' but text_fold gives '%s'", s, key, plain);
        assert_sane_key(s, key);
        size_t klen = strlen(key);
        assert_int_equal(map[klen], strlen(s));
        for (size_t k = 0; k < klen; k++)
            if (map[k] > map[k + 1])
                fail_msg("map of '%s' goes back at key offset %zu", s, k);
        const char *hit = strstr(key, map_cases[i].needle);
        if (!hit)
            fail_msg("'%s' not found in key '%s'", map_cases[i].needle, key);
        size_t from = (size_t)(hit - key), to = from + strlen(map_cases[i].needle);
        size_t n = map[to] - map[from];
        /* The end offset is where the next character starts: drop trailing spaces. */
        while (n > 0 && s[map[from] + n - 1] == ' ')
            n--;
        if (n != strlen(map_cases[i].cut) || memcmp(s + map[from], map_cases[i].cut, n) != 0)
            fail_msg("cut of '%s' in '%s' is '%.*s', want '%s'", map_cases[i].needle, s, (int)n,
                     s + map[from], map_cases[i].cut);
        free(map);
        free(key);
        free(plain);
    }
}

static void test_fold_map_null(void **state)
{
    (void)state;
    size_t *map = NULL;
    char *key = text_fold_map("Bộ", NULL);
    assert_string_equal(key, "bo");
    free(key);
    key = text_fold_map(NULL, &map);
    assert_string_equal(key, "");
    assert_non_null(map);
    assert_int_equal(map[0], 0);
    free(key);
    free(map);
}

/* -------------------------------------------------------- text_clean */

static const struct {
    const char *in;
    bool keep_newlines;
    const char *out;
} clean_cases[] = {
    { "<p>Bộ Công an</p>", false, "Bộ Công an" },
    { "<p>A &amp; B</p>", false, "A & B" },
    { "Ủy ban&nbsp;nhân dân", false, "Ủy ban nhân dân" },
    { "&lt;b&gt; &quot;x&quot;", false, "<b> \"x\"" },
    { "<ul style=\"margin:0\"><li>một</li><li>hai</li></ul>", false, "một hai" },
    { "dòng 1<br/>dòng 2", false, "dòng 1 dòng 2" },
    { "x < y and 1 <2", false, "x < y and 1 <2" },
    { "<>", false, "<>" },
    { "  a \t\t b  ", false, "a b" },
    { "a\tb\r\nc", false, "a b c" },
    { "a\tb\r\nc", true, "a b\nc" },
    { "  a  \n\n  b  \n", true, "a\nb" },
    { "  a  \n\n  b  \n", false, "a b" },
    { "x\xC2\xA0\xC2\xA0y", false, "x y" },
    { NFD_U_HOOK "y ban", false, "Ủy ban" },
    { "T" NFD_O_GRAVE "a án", false, "Tòa án" },
    { "", false, "" },
    { " \t\r\n ", false, "" },
    { NULL, false, "" },
};

static void test_clean(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(clean_cases) / sizeof(clean_cases[0]); i++) {
        const char *in = clean_cases[i].in;
        char *out = text_clean(in, clean_cases[i].keep_newlines);
        if (strcmp(out, clean_cases[i].out) != 0)
            fail_msg("text_clean('%s', %d) = '%s', want '%s'", in ? in : "(null)",
                     clean_cases[i].keep_newlines, out, clean_cases[i].out);
        if (!text_is_utf8(out, strlen(out), NULL))
            fail_msg("text_clean('%s') is not UTF-8", in ? in : "(null)");
        assert_nfc("text_clean", out);
        free(out);
    }
}

/* ----------------------------------------------------------- text_nfc */

static const struct {
    const char *in;
    const char *out;
} nfc_cases[] = {
    { NFD_U_HOOK "y ban", "Ủy ban" },
    { "B" NFD_O_CIRC_DOT, "Bộ" },
    { "o\xCC\xA3\xCC\x82", "ộ" }, /* marks in the other order: canonical reordering */
    { "U\xCC\x9B\xCC\x81", "Ứ" },
    { "Ủy ban", "Ủy ban" },
    { "plain ASCII", "plain ASCII" },
    { "", "" },
    { NULL, "" },
};

static void test_nfc(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(nfc_cases) / sizeof(nfc_cases[0]); i++) {
        char *out = text_nfc(nfc_cases[i].in);
        if (strcmp(out, nfc_cases[i].out) != 0)
            fail_msg("text_nfc('%s') = '%s', want '%s'", nfc_cases[i].in ? nfc_cases[i].in : "",
                     out, nfc_cases[i].out);
        assert_nfc("text_nfc", out);
        free(out);
    }
}

/* -------------------------------------------------------- text_is_utf8 */

static const struct {
    const char *bytes;
    size_t len;
    bool valid;
    size_t bad_off; /* when !valid */
} utf8_cases[] = {
    { "", 0, true, 0 },
    { "abc", 3, true, 0 },
    { "Bộ Công an", sizeof("Bộ Công an") - 1, true, 0 },
    { "\xEF\xBB\xBFok", 5, true, 0 },    /* a BOM is a valid character */
    { "\xF0\x9F\x98\x80", 4, true, 0 },  /* 4-byte sequence */
    { "a\xFFz", 3, false, 1 },           /* never valid */
    { "ab\xE1\x80", 4, false, 2 },       /* truncated at the end */
    { "ab\xE1\x80z", 5, false, 2 },      /* truncated in the middle */
    { "\x80x", 2, false, 0 },            /* lone continuation byte */
    { "\xC0\xAF", 2, false, 0 },         /* overlong '/' */
    { "\xED\xA0\x80", 3, false, 0 },     /* UTF-16 surrogate */
    { "\xF4\x90\x80\x80", 4, false, 0 }, /* past U+10FFFF */
    { "Ph\xF2ng", 5, false, 2 },         /* Windows-1258 "Phòng" */
    { "ab\0c", 4, false, 2 },            /* NUL byte */
    { "B\xE1\xBB\x99", 3, false, 1 },    /* len cuts a character */
};

static void test_is_utf8(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(utf8_cases) / sizeof(utf8_cases[0]); i++) {
        size_t bad = (size_t)-1;
        bool ok = text_is_utf8(utf8_cases[i].bytes, utf8_cases[i].len, &bad);
        if (ok != utf8_cases[i].valid)
            fail_msg("case %zu: text_is_utf8 = %d, want %d", i, ok, utf8_cases[i].valid);
        if (!ok && bad != utf8_cases[i].bad_off)
            fail_msg("case %zu: bad offset %zu, want %zu", i, bad, utf8_cases[i].bad_off);
        if (ok && bad != (size_t)-1)
            fail_msg("case %zu: bad offset written on success", i);
        /* bad_off may be NULL. */
        assert_true(text_is_utf8(utf8_cases[i].bytes, utf8_cases[i].len, NULL) == ok);
    }
}

/* ------------------------------------------- text_trim, text_is_blank */

static const struct {
    const char *in;
    const char *trim;
    bool blank;
} trim_cases[] = {
    { "  Bộ Công an  ", "Bộ Công an", false },
    { "\t\r\n x  y \n", "x  y", false },
    { "x", "x", false },
    { "", "", true },
    { " \t\r\n\f\v", "", true },
};

static void test_trim(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(trim_cases) / sizeof(trim_cases[0]); i++) {
        char *t = text_trim(trim_cases[i].in);
        if (strcmp(t, trim_cases[i].trim) != 0)
            fail_msg("text_trim('%s') = '%s', want '%s'", trim_cases[i].in, t, trim_cases[i].trim);
        if (text_is_blank(trim_cases[i].in) != trim_cases[i].blank)
            fail_msg("text_is_blank('%s') != %d", trim_cases[i].in, trim_cases[i].blank);
        free(t);
    }
    assert_true(text_is_blank(NULL));
}

/* --------------------------------------------------- text_starts_folded */

static const struct {
    const char *s, *prefix;
    bool yes;
} starts_cases[] = {
    { "Bộ Công an", "bo cong", true },
    { "Bộ Công an", "BỘ  CÔNG", true },
    { "Bộ Công an", "Bộ Công an", true },
    { "Ủy ban nhân dân tỉnh", "Uỷ ban", true },
    { "Thời hạn hoàn thành", "thoi han", true },
    { NFD_U_HOOK "y ban", "ủy", true },
    { "Đảng ủy", "dang", true },
    { "x", "", true },
    { "Bộ", "bo cong", false },
    { "Bộ Công Thương", "bo cong an", false },
    { "Cơ quan chủ trì", "chu tri", false },
};

static void test_starts_folded(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(starts_cases) / sizeof(starts_cases[0]); i++)
        if (text_starts_folded(starts_cases[i].s, starts_cases[i].prefix) != starts_cases[i].yes)
            fail_msg("text_starts_folded('%s', '%s') != %d", starts_cases[i].s,
                     starts_cases[i].prefix, starts_cases[i].yes);
}

/* A logged field can neither end the line nor pass for the next field (issue #10, defect 9). */
static void test_escape_log(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "/tasks/12", "/tasks/12" },
        { "/abc\nPOST /admin/users 201 0ms", "/abc\\x0APOST\\x20/admin/users\\x20201\\x200ms" },
        { "\x1b[31mred\r", "\\x1B[31mred\\x0D" },
        { "a\\b", "a\\x5Cb" },
        { "Bộ Nội vụ", "Bộ\\x20Nội\\x20vụ" },
        { "csi\xc2\x9b", "csi\\xC2\\x9B" },
        { "bad\xff\xc3", "bad\\xFF\\xC3" },
        { "del\x7f", "del\\x7F" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct buf b = BUF_INIT;
        text_escape_log(&b, cases[i].in);
        if (strcmp(b.data, cases[i].out))
            fail_msg("escape_log(case %zu) = '%s', want '%s'", i, b.data, cases[i].out);
        buf_release(&b);
    }
}

/* Shortened text never ends inside a character (issue #11: messages cut names in two). */
static void test_prefix_len(void **state)
{
    (void)state;
    const char *s = "Bộ Nội vụ"; /* "B", "ộ" (3 bytes), " ", "N", "ộ", "i", " ", "v", "ụ" */
    assert_int_equal(text_prefix_len(s, 1), 1);
    assert_int_equal(text_prefix_len(s, 2), 1);
    assert_int_equal(text_prefix_len(s, 3), 1);
    assert_int_equal(text_prefix_len(s, 4), 4);
    assert_int_equal(text_prefix_len(s, 100), (int)strlen(s));
    assert_int_equal(text_prefix_len(s, 0), 0);
    for (int max = 0; max <= (int)strlen(s); max++)
        assert_true(text_is_utf8(s, (size_t)text_prefix_len(s, max), NULL));
    char cut[16];
    snprintf(cut, sizeof(cut), "%s", "ab\xe1\xbb"); /* "ộ" without its last byte */
    text_drop_partial(cut);
    assert_string_equal(cut, "ab");
    snprintf(cut, sizeof(cut), "%s", "Bộ");
    text_drop_partial(cut);
    assert_string_equal(cut, "Bộ");
    snprintf(cut, sizeof(cut), "%s", "x\xc3");
    text_drop_partial(cut);
    assert_string_equal(cut, "x");
}

/* Two writings of one task name share a match key (issue #11). */
static void test_match_key(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        { "Đề án “học tập số”…", "đề án \"hoc tap so\" ..." },
        { "Xây dựng Nghị định.", "XÂY  DỰNG nghị định:" },
        { "Cụ thể hóa nhiệm vụ", "Cụ thể hoá nhiệm vụ" },      /* both tone placements */
        { "Ban hành – sửa đổi", "Ban hành - sửa đổi" },
    };
    for (size_t i = 0; i < sizeof(same) / sizeof(*same); i++) {
        char *a = text_match_key(same[i][0]), *b = text_match_key(same[i][1]);
        if (strcmp(a, b))
            fail_msg("'%s' -> '%s' but '%s' -> '%s'", same[i][0], a, same[i][1], b);
        free(a);
        free(b);
    }
    char *k = text_match_key("  Đề án “học tập số”… ");
    assert_string_equal(k, "de an hoc tap so");
    free(k);
    char *other = text_match_key("Đề án học tập số 2");
    assert_string_equal(other, "de an hoc tap so 2");
    free(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),          cmocka_unit_test(test_fold_equal),
        cmocka_unit_test(test_fold_map),      cmocka_unit_test(test_fold_map_null),
        cmocka_unit_test(test_clean),         cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_is_utf8),       cmocka_unit_test(test_trim),
        cmocka_unit_test(test_starts_folded), cmocka_unit_test(test_escape_log),
        cmocka_unit_test(test_prefix_len), cmocka_unit_test(test_match_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
