/*
 * Unit tests for src/web/table_stack: the column headings copied into the
 * cells of data tables, so that they stack on a phone (issue #13).
 *
 * Rows of {input HTML, expected output}: tables with a <thead> are marked
 * and labelled, colspans counted, existing labels and head-less tables left
 * alone, nested tables labelled by their own headings, everything else
 * copied byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/buf.h"
#include "web/table_stack.h"

#include <string.h>

static const struct {
    const char *in, *want;
} cases[] = {
    /* No table: unchanged. */
    { "<p>a &lt; b</p><!-- x --><br/>", "<p>a &lt; b</p><!-- x --><br/>" },
    /* The usual list: headings with links and nested tags, a number column. */
    { "<table class=\"tasks\"><thead><tr><th scope=\"col\"><a href=\"?sort=n\">Tên\n  nhiệm vụ</a></th>"
      "<th class=\"num\">Hạn <span>(ngày)</span></th></tr></thead><tbody><tr><td><a href=\"/tasks/1\">A"
      "</a></td><td class=\"num\">3</td></tr><tr><td>B</td><td>4</td></tr></tbody></table>",
      "<table data-stack=\"\" class=\"tasks\"><thead><tr><th scope=\"col\"><a href=\"?sort=n\">Tên\n"
      "  nhiệm vụ</a></th><th class=\"num\">Hạn <span>(ngày)</span></th></tr></thead><tbody><tr>"
      "<td data-label=\"Tên nhiệm vụ\"><a href=\"/tasks/1\">A</a></td><td data-label=\"Hạn (ngày)\""
      " class=\"num\">3</td></tr><tr><td data-label=\"Tên nhiệm vụ\">B</td><td data-label=\"Hạn"
      " (ngày)\">4</td></tr></tbody></table>" },
    /* Escaped heading text stays escaped; a row heading counts as a column; colspan. */
    { "<table><caption>x</caption><thead><tr><th>Đơn vị</th><th colspan=\"2\">A &amp; &quot;B&quot;</th>"
      "<th></th></tr></thead><tbody><tr><th scope=\"row\">X</th><td>1</td><td>2</td><td>3</td></tr>"
      "<tr><td colspan=\"2\">w</td><td>z</td></tr></tbody><tfoot><tr><td>T</td></tr></tfoot></table>",
      "<table data-stack=\"\"><caption>x</caption><thead><tr><th>Đơn vị</th><th colspan=\"2\">A &amp; "
      "&quot;B&quot;</th><th></th></tr></thead><tbody><tr><th scope=\"row\">X</th><td data-label=\"A"
      " &amp; &quot;B&quot;\">1</td><td data-label=\"A &amp; &quot;B&quot;\">2</td><td>3</td></tr>"
      "<tr><td data-label=\"Đơn vị\" colspan=\"2\">w</td><td data-label=\"A &amp; &quot;B&quot;\">z"
      "</td></tr></tbody><tfoot><tr><td data-label=\"Đơn vị\">T</td></tr></tfoot></table>" },
    /* No head: left alone. A label already there is kept. */
    { "<table><tr><td>a</td></tr></table><table><thead><tr><th>H</th></tr></thead><tr>"
      "<td data-label=\"own\">a</td></tr></table>",
      "<table><tr><td>a</td></tr></table><table data-stack=\"\"><thead><tr><th>H</th></tr></thead>"
      "<tr><td data-label=\"own\">a</td></tr></table>" },
    /* A table in a cell has its own headings; the outer columns go on after it. */
    { "<table><thead><tr><th>O1</th><th>O2</th></tr></thead><tbody><tr><td><table><thead><tr>"
      "<th>I1</th></tr></thead><tbody><tr><td>i</td></tr></tbody></table></td><td>o</td></tr>"
      "</tbody></table><td>after</td>",
      "<table data-stack=\"\"><thead><tr><th>O1</th><th>O2</th></tr></thead><tbody><tr><td data-label"
      "=\"O1\"><table data-stack=\"\"><thead><tr><th>I1</th></tr></thead><tbody><tr><td data-label="
      "\"I1\">i</td></tr></tbody></table></td><td data-label=\"O2\">o</td></tr></tbody></table>"
      "<td>after</td>" },
    /* The last head row names the columns; a tag cut short is copied as it is. */
    { "<table><thead><tr><th colspan=\"2\">Group</th></tr><tr><th>a</th><th>b</th></tr></thead>"
      "<tr><td>1</td><td>2</td></tr></table><td",
      "<table data-stack=\"\"><thead><tr><th colspan=\"2\">Group</th></tr><tr><th>a</th><th>b</th>"
      "</tr></thead><tr><td data-label=\"a\">1</td><td data-label=\"b\">2</td></tr></table><td" },
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct buf out = BUF_INIT;
        table_stack_labels(cases[i].in, strlen(cases[i].in), &out);
        assert_true(buf_ok(&out));
        if (strcmp(out.data, cases[i].want))
            fail_msg("case %zu:\n got: %s\nwant: %s", i, out.data, cases[i].want);
        buf_release(&out);
    }
}

/* A cap on the output is honoured through the buf's sticky error. */
static void test_overflow(void **state)
{
    (void)state;
    const char *in = "<table><thead><tr><th>Heading</th></tr></thead><tr><td>x</td></tr></table>";
    struct buf out;
    buf_init(&out, strlen(in) + 5);
    table_stack_labels(in, strlen(in), &out);
    assert_false(buf_ok(&out));
    buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
