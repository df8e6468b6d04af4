/*
 * Unit tests for src/web/multipart: parsing multipart/form-data bodies.
 *
 * Good bodies are rows of {content type, body, expected parts}; bad ones
 * are rows of {content type, body, words the message must contain}. After
 * every successful parse the parts are re-checked against the contract of
 * multipart.h: at most MULTIPART_MAX_PARTS, every name non-empty, every
 * part's data inside the body and followed by the CRLF of the next
 * delimiter (which the data never includes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"
#include "web/multipart.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CT "multipart/form-data; boundary=XyZ"
#define D "--XyZ"
#define CRLF "\r\n"
#define DISP(name) "Content-Disposition: form-data; name=\"" name "\"" CRLF
#define FIELD(name, value)                                                                         \
    D CRLF DISP(name)                                                                              \
    CRLF value CRLF
#define END D "--" CRLF

/* A string literal with its length (bodies may contain NUL bytes). */
#define BODY(s) s, sizeof(s) - 1

/* ------------------------------------------------------------ helpers */

static void assert_sane_parts(const char *what, const char *body, size_t len,
                              const struct multipart_part *p, size_t n)
{
    if (n > MULTIPART_MAX_PARTS)
        fail_msg("%s: %zu parts", what, n);
    for (size_t i = 0; i < n; i++) {
        if (!p[i].name || !*p[i].name)
            fail_msg("%s: part %zu has no name", what, i);
        if (!p[i].content_type)
            fail_msg("%s: part %zu has a NULL content type", what, i);
        if (p[i].data < body || p[i].data + p[i].len > body + len)
            fail_msg("%s: part %zu's data is outside the body", what, i);
        if (p[i].data + p[i].len + 4 > body + len || memcmp(p[i].data + p[i].len, "\r\n--", 4))
            fail_msg("%s: part %zu is not followed by CRLF and a delimiter", what, i);
    }
}

/* ------------------------------------------------------------ good bodies */

struct want_part {
    const char *name;
    const char *filename; /* NULL: not a file */
    const char *content_type;
    const char *data;
    size_t len;
};

static const struct {
    const char *what;
    const char *content_type;
    const char *body;
    size_t len;
    size_t n;
    struct want_part parts[4];
} good[] = {
    { "two fields and a file",
      CT,
      BODY(FIELD("step", "check") D CRLF "Content-Disposition: form-data; name=\"file\";"
                                         " filename=\"t.csv\"" CRLF
                                         "Content-Type: text/csv" CRLF CRLF "a,b" CRLF
                                         "1,2" CRLF FIELD("format", "table") END),
      3,
      { { "step", NULL, "", "check", 5 },
        { "file", "t.csv", "text/csv", "a,b\r\n1,2", 8 },
        { "format", NULL, "", "table", 5 } } },
    { "preamble and epilogue",
      CT,
      BODY("This is the preamble." CRLF FIELD("a", "1") END "epilogue, ignored"),
      1,
      { { "a", NULL, "", "1", 1 } } },
    { "quoted boundary, any case",
      "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"XyZ\"",
      BODY(FIELD("a", "1") END),
      1,
      { { "a", NULL, "", "1", 1 } } },
    { "binary data with NUL, CR, LF and near-delimiters",
      CT,
      BODY(D CRLF DISP("bin") CRLF "\0\x01\r\n--XyQ\r\n-XyZ\r\r\n\0" CRLF END),
      1,
      { { "bin", NULL, "", "\0\x01\r\n--XyQ\r\n-XyZ\r\r\n\0", 19 } } },
    { "an empty file",
      CT,
      BODY(D CRLF "Content-Disposition: form-data; name=\"file\"; filename=\"\"" CRLF
                  "Content-Type: application/octet-stream" CRLF CRLF CRLF END),
      1,
      { { "file", "", "application/octet-stream", "", 0 } } },
    { "only the closing delimiter", CT, BODY(END), 0, { { 0 } } },
    { "no CRLF after the closing delimiter",
      CT,
      BODY(FIELD("a", "x") D "--"),
      1,
      { { "a", NULL, "", "x", 1 } } },
    { "transport padding after a delimiter",
      CT,
      BODY(D " \t" CRLF DISP("a") CRLF "v" CRLF END),
      1,
      { { "a", NULL, "", "v", 1 } } },
    { "escaped quote in a file name, header names in any case",
      CT,
      BODY(D CRLF "content-disposition: FORM-DATA; filename=\"a\\\"b.csv\"; name=f" CRLF
                  "X-Other: ignored" CRLF CRLF "z" CRLF END),
      1,
      { { "f", "a\"b.csv", "", "z", 1 } } },
    { "a Vietnamese file name",
      CT,
      BODY(D CRLF
           "Content-Disposition: form-data; name=\"file\"; filename=\"Báo cáo.csv\"" CRLF CRLF
           "x" CRLF END),
      1,
      { { "file", "Báo cáo.csv", "", "x", 1 } } },
};

static void check_part(const char *what, size_t i, const struct multipart_part *got,
                       const struct want_part *want)
{
    if (strcmp(got->name, want->name))
        fail_msg("%s: part %zu is named '%s', want '%s'", what, i, got->name, want->name);
    if (!want->filename != !got->filename ||
        (want->filename && strcmp(want->filename, got->filename)))
        fail_msg("%s: part %zu file name '%s', want '%s'", what, i,
                 got->filename ? got->filename : "(none)",
                 want->filename ? want->filename : "(none)");
    if (strcmp(got->content_type, want->content_type))
        fail_msg("%s: part %zu content type '%s'", what, i, got->content_type);
    if (got->len != want->len || memcmp(got->data, want->data, want->len))
        fail_msg("%s: part %zu has %zu bytes of data, want %zu", what, i, got->len, want->len);
}

static void test_good(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(good) / sizeof(*good); k++) {
        struct arena *a = arena_new();
        struct multipart_part *p = NULL;
        size_t n = 99;
        struct err e = ERR_INIT;
        if (multipart_parse(a, good[k].content_type, good[k].body, good[k].len, &p, &n, &e))
            fail_msg("%s: %s", good[k].what, e.msg);
        assert_sane_parts(good[k].what, good[k].body, good[k].len, p, n);
        if (n != good[k].n)
            fail_msg("%s: %zu parts, want %zu", good[k].what, n, good[k].n);
        for (size_t i = 0; i < n; i++)
            check_part(good[k].what, i, &p[i], &good[k].parts[i]);
        arena_free(a);
    }
}

/* ------------------------------------------------------------ bad bodies */

static const struct {
    const char *what;
    const char *content_type;
    const char *body;
    size_t len;
    const char *message;
} bad[] = {
    { "urlencoded", "application/x-www-form-urlencoded", BODY("a=1"), "not multipart" },
    { "a prefix of the type", "multipart/form-dataX; boundary=XyZ", BODY(END), "not multipart" },
    { "no boundary", "multipart/form-data", BODY(END), "no boundary" },
    { "empty boundary", "multipart/form-data; boundary=\"\"", BODY(END), "no boundary" },
    { "boundary too long",
      "multipart/form-data; boundary="
      "12345678901234567890123456789012345678901234567890123456789012345678901",
      BODY(END), "not valid" },
    { "boundary with a bad character", "multipart/form-data; boundary=\"a;b\"", BODY(END),
      "not valid" },
    { "empty body", CT, BODY(""), "no opening boundary" },
    { "another boundary in the body", CT,
      BODY("--Other" CRLF DISP("a") CRLF "1" CRLF "--Other--" CRLF), "no opening boundary" },
    { "LF-only line endings", CT, BODY(D "\n" DISP("a") "\n1\n" D "--\n"), "CRLF" },
    { "LF-only header lines", CT,
      BODY(D CRLF "Content-Disposition: form-data; name=\"a\"\n\n1" CRLF END), "CRLF" },
    { "truncated", CT, BODY(D CRLF DISP("file") CRLF "half a fi"), "truncated" },
    { "truncated in the headers", CT, BODY(D CRLF "Content-Disp"), "CRLF" },
    { "no Content-Disposition", CT, BODY(D CRLF "Content-Type: text/plain" CRLF CRLF "x" CRLF END),
      "no Content-Disposition" },
    { "no field name", CT,
      BODY(D CRLF "Content-Disposition: form-data; filename=\"a.csv\"" CRLF CRLF "x" CRLF END),
      "no field name" },
    { "empty field name", CT, BODY(D CRLF DISP("") CRLF "x" CRLF END), "no field name" },
    { "not form-data", CT,
      BODY(D CRLF "Content-Disposition: attachment; name=\"a\"" CRLF CRLF "x" CRLF END),
      "not form-data" },
    { "a header line without a colon", CT, BODY(D CRLF "Bogus" CRLF CRLF "x" CRLF END),
      "malformed" },
    { "garbage after a delimiter", CT, BODY(FIELD("a", "1") D "junk" CRLF), "CRLF" },
};

static void test_bad(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++) {
        struct arena *a = arena_new();
        struct multipart_part *p = (struct multipart_part *)1;
        size_t n = 99;
        struct err e = ERR_INIT;
        int ret = multipart_parse(a, bad[k].content_type, bad[k].body, bad[k].len, &p, &n, &e);
        if (ret != ERR_INVALID)
            fail_msg("%s: returned %d, want ERR_INVALID", bad[k].what, ret);
        if (!strstr(e.msg, bad[k].message))
            fail_msg("%s: message '%s' lacks '%s'", bad[k].what, e.msg, bad[k].message);
        if (p != NULL || n != 0)
            fail_msg("%s: parts returned on failure", bad[k].what);
        arena_free(a);
    }
}

/* ------------------------------------------------------------ bounds */

/* A body of n_parts fields named f0, f1, ... */
static void many_parts(struct buf *b, size_t n_parts)
{
    for (size_t i = 0; i < n_parts; i++)
        buf_addf(b, D CRLF "Content-Disposition: form-data; name=\"f%zu\"" CRLF CRLF "%zu" CRLF, i,
                 i);
    buf_adds(b, END);
}

static void test_part_limit(void **state)
{
    (void)state;
    for (size_t n_parts = MULTIPART_MAX_PARTS; n_parts <= MULTIPART_MAX_PARTS + 1; n_parts++) {
        struct arena *a = arena_new();
        struct buf b = BUF_INIT;
        many_parts(&b, n_parts);
        struct multipart_part *p;
        size_t n;
        struct err e = ERR_INIT;
        int ret = multipart_parse(a, CT, b.data, b.len, &p, &n, &e);
        if (n_parts <= MULTIPART_MAX_PARTS) {
            assert_int_equal(ret, 0);
            assert_int_equal(n, n_parts);
            assert_sane_parts("limit", b.data, b.len, p, n);
        } else {
            assert_int_equal(ret, ERR_INVALID);
            assert_non_null(strstr(e.msg, "more than"));
        }
        buf_release(&b);
        arena_free(a);
    }
}

static void test_header_limit(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct buf b = BUF_INIT;
    buf_adds(&b, D CRLF DISP("a") "X-Long: ");
    for (size_t i = 0; i < MULTIPART_MAX_HEADER; i++)
        buf_addch(&b, 'x');
    buf_adds(&b, CRLF CRLF "v" CRLF END);
    struct multipart_part *p;
    size_t n;
    struct err e = ERR_INIT;
    assert_int_equal(multipart_parse(a, CT, b.data, b.len, &p, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "too long"));
    buf_release(&b);
    arena_free(a);
}

/* ------------------------------------------------------------ text of a field */

static void test_text(void **state)
{
    (void)state;
    static const char body[] =
        FIELD("ok", "Bộ Nội vụ") FIELD("latin1", "Ph\xf2ng") FIELD("nul", "a\0b") END;
    struct arena *a = arena_new();
    struct multipart_part *p;
    size_t n;
    struct err e = ERR_INIT;
    assert_int_equal(multipart_parse(a, CT, body, sizeof(body) - 1, &p, &n, &e), 0);
    assert_int_equal(n, 3);
    const char *t = NULL;
    assert_int_equal(multipart_text(a, p, n, "ok", &t, &e), 0);
    assert_string_equal(t, "Bộ Nội vụ");
    /* Text that cannot be kept whole is refused, naming the field; never emptied. */
    assert_int_equal(multipart_text(a, p, n, "latin1", &t, &e), ERR_INVALID);
    assert_null(t);
    assert_non_null(strstr(e.msg, "'latin1'"));
    err_clear(&e);
    assert_int_equal(multipart_text(a, p, n, "nul", &t, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'nul'"));
    err_clear(&e);
    assert_int_equal(multipart_text(a, p, n, "missing", &t, &e), 0);
    assert_null(t);
    assert_ptr_equal(multipart_find(p, n, "nul"), &p[2]);
    assert_null(multipart_find(p, n, "missing"));
    arena_free(a);
}

static void test_boundary(void **state)
{
    (void)state;
    static const struct {
        const char *content_type, *boundary;
    } cases[] = {
        { "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
          "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
        { "multipart/form-data;boundary=abc", "abc" },
        { " multipart/form-data ; charset=utf-8 ; boundary = \"a b:c\"", "a b:c" },
        { "multipart/form-data; boundary=------------------------d74496d66958873e",
          "------------------------d74496d66958873e" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct arena *a = arena_new();
        const char *got = NULL;
        struct err e = ERR_INIT;
        if (multipart_boundary(a, cases[i].content_type, &got, &e))
            fail_msg("'%s': %s", cases[i].content_type, e.msg);
        assert_string_equal(got, cases[i].boundary);
        arena_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),       cmocka_unit_test(test_bad),
        cmocka_unit_test(test_part_limit), cmocka_unit_test(test_header_limit),
        cmocka_unit_test(test_text),       cmocka_unit_test(test_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
