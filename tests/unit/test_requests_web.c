/*
 * The request bodies of POST /api/v1/requests... (json_request_read): only the fields an
 * endpoint accepts, dates as YYYY-MM-DD or dd/mm/yyyy, refusals naming the field; the
 * report's summary as JSON; and the letter of a request laid out as an rdoc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "json/json_requests.h"
#include "render/request_letter.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static const char *const issue_fields[] = { "task",    "indicator", "document", "unit", "due",
                                            "content", "number",    "date",     NULL };
static const char *const answer_fields[] = { "explanation", "remedy", "new_due", "date", NULL };

static const struct {
    const char *body;
    const char *const *allowed;
    const char *error; /* NULL: accepted; else a fragment of the message */
} cases[] = {
    { "{\"task\":12,\"unit\":\"Bộ Nội vụ\",\"due\":\"31/12/2025\",\"content\":\"x\"}", issue_fields,
      NULL },
    { "{\"indicator\":\"11.1\",\"unit\":\"Bộ KH&CN\",\"due\":\"2025-12-31\",\"content\":\"x\","
      "\"number\":null}",
      issue_fields, NULL },
    { "{\"explanation\":\"a\",\"remedy\":\"b\",\"new_due\":\"15/01/2026\"}", answer_fields, NULL },
    { "{\"explanation\":\"a\",\"comment\":\"b\"}", answer_fields, "unknown field 'comment'" },
    { "{\"task\":\"12\"}", issue_fields, "field 'task' must be a task id" },
    { "{\"task\":0}", issue_fields, "field 'task' must be a task id" },
    { "{\"due\":\"31/13/2025\"}", issue_fields, "field 'due' must be a date" },
    { "{\"content\":12}", issue_fields, "field 'content' must be a string" },
    { "{\"task\":1,\"task\":2}", issue_fields, "not valid JSON" },
    { "[1,2]", issue_fields, "must be a JSON object" },
    { "{\"date\":\"2025-12-24\"", answer_fields, "not valid JSON" },
};

static void test_read(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct request_body b = REQUEST_BODY_INIT;
        struct err e = ERR_INIT;
        int ret = json_request_read(cases[i].body, strlen(cases[i].body), cases[i].allowed, &b, &e);
        if (!cases[i].error && ret)
            fail_msg("'%s' refused: %s", cases[i].body, e.msg);
        if (cases[i].error && (!ret || !strstr(e.msg, cases[i].error)))
            fail_msg("'%s': got '%s', want '%s'", cases[i].body, ret ? e.msg : "(accepted)",
                     cases[i].error);
        request_body_release(&b);
    }
}

static void test_read_values(void **state)
{
    (void)state;
    static const char body[] = "{\"task\":12,\"unit\":\"Bộ Nội vụ\",\"due\":\"31/12/2025\","
                               "\"date\":\"2025-12-10\",\"content\":\"Đề nghị\",\"number\":\"\"}";
    struct request_body b = REQUEST_BODY_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(json_request_read(body, strlen(body), issue_fields, &b, &e), 0);
    assert_int_equal(b.task, 12);
    assert_string_equal(b.unit, "Bộ Nội vụ");
    assert_string_equal(b.content, "Đề nghị");
    assert_null(b.number); /* "" is absent */
    assert_int_equal(date_cmp(b.due, (struct date){ 2025, 12, 31 }), 0);
    assert_int_equal(date_cmp(b.date, (struct date){ 2025, 12, 10 }), 0);
    assert_false(date_is_set(b.new_due));
    request_body_release(&b);
}

static void test_summary_json(void **state)
{
    (void)state;
    struct request_summary_item it = { 7,
                                       (char *)"Bộ Nội vụ",
                                       (char *)"Nhiệm vụ: X",
                                       (char *)"Đề nghị",
                                       { 2025, 12, 10 },
                                       { 2025, 12, 20 },
                                       REQ_OVERDUE };
    struct request_summary s = { { 2025, 12, 24 }, { 0, 1, 2, 3 }, &it, 1 };
    assert_ptr_equal(request_summary_any(&s), &s);
    struct request_summary none = REQUEST_SUMMARY_INIT;
    assert_null(request_summary_any(&none));
    json_t *o = json_request_summary_value(&s);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 6);
    assert_int_equal(json_integer_value(json_object_get(o, "open")), 0);
    assert_int_equal(json_integer_value(json_object_get(o, "overdue")), 1);
    assert_int_equal(json_integer_value(json_object_get(o, "accepted")), 3);
    json_t *w = json_array_get(json_object_get(o, "waiting"), 0);
    assert_string_equal(json_string_value(json_object_get(w, "due")), "2025-12-20");
    assert_string_equal(json_string_value(json_object_get(w, "state")), "overdue");
    assert_int_equal(json_array_size(json_object_get(o, "waiting")), 1);
    json_decref(o);
}

static void test_letter(void **state)
{
    (void)state;
    struct request_letter l = { 3,        "Bộ Nội vụ",      "nhiệm vụ “X”",  "Chậm ban hành",
                                "125/VP", { 2025, 12, 10 }, { 2025, 12, 20 } };
    struct rdoc d = RDOC_INIT;
    request_letter_build(&l, &d);
    assert_string_equal(d.title, "CÔNG VĂN ĐỀ NGHỊ GIẢI TRÌNH");
    assert_non_null(strstr(d.subtitle, "Số: 125/VP, ngày 10/12/2025"));
    assert_int_equal(d.n_sections, 1);
    assert_string_equal(d.sections[0].title, "Kính gửi: Bộ Nội vụ");
    rdoc_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_values),
        cmocka_unit_test(test_summary_json),
        cmocka_unit_test(test_letter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
