/* XML/HTML escaping shared by the pages and the charts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/xml.h"

#include <string.h>

static const struct {
    const char *in;
    enum xml_space space;
    const char *out;
} cases[] = {
    { "Bộ Công an", XML_SPACE_KEEP, "Bộ Công an" },
    { "a & b < c > d", XML_SPACE_KEEP, "a &amp; b &lt; c &gt; d" },
    { "\"nói\" 'x'", XML_SPACE_KEEP, "&quot;nói&quot; &#39;x&#39;" },
    { "dòng 1\ndòng 2\tx\r", XML_SPACE_KEEP, "dòng 1\ndòng 2\tx\r" },
    { "dòng 1\ndòng 2\tx\r", XML_SPACE_BLANK, "dòng 1 dòng 2 x " },
    { "trang\fmới\x01", XML_SPACE_KEEP, "trangmới" }, /* controls XML cannot carry */
    { "", XML_SPACE_KEEP, "" },
};

static void test_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct buf b = BUF_INIT;
        xml_escape(&b, cases[i].in, cases[i].space);
        if (strcmp(b.data, cases[i].out))
            fail_msg("case %zu: got '%s', want '%s'", i, b.data, cases[i].out);
        buf_release(&b);
    }
}

static void test_length_and_null(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    xml_escape_n(&b, "a<bc", 2, XML_SPACE_KEEP);
    assert_string_equal(b.data, "a&lt;");
    xml_escape(&b, NULL, XML_SPACE_KEEP);
    assert_string_equal(b.data, "a&lt;");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_length_and_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
