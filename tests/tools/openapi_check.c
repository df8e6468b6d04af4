/*
 * openapi-check: a test tool that checks real API responses against the
 * OpenAPI 3.0 document giamsat serves (data/web/openapi.json).
 *
 *   openapi-check SPEC METHOD PATH STATUS FILE
 *       FILE (JSON) must match the schema of the response STATUS of
 *       operation METHOD PATH. PATH is a concrete path ("/api/v1/tasks/7",
 *       a query is ignored) matched against the templates of SPEC's paths
 *       ("/api/v1/tasks/{id}"); STATUS falls back to "default".
 *   openapi-check --request SPEC METHOD PATH FILE
 *       FILE must match the operation's application/json request body.
 *   openapi-check --doc SPEC
 *       SPEC is an OpenAPI 3.0.x document whose every $ref resolves, whose
 *       every operation has responses, and whose schemas use only the
 *       keywords below.
 *
 * Schema keywords understood (the subset openapi.json uses): $ref (local
 * JSON pointers), type (string, integer, number, boolean, array, object),
 * nullable, enum, properties, required, additionalProperties (boolean or
 * a schema), items, minimum, maximum, format "date" (YYYY-MM-DD), plus
 * the annotations description, default, example, title. Any other keyword
 * is an error, so the document never claims a rule that is not checked.
 *
 * Prints each problem as "FILE: $.json.path: what" on stderr and exits 1;
 * 0 when FILE matches; 2 on bad usage or an unreadable input.
 *
 * Test-only code: it is not linked into giamsat; it uses jansson.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64   /* nested schemas / $ref hops before we call it a cycle */
#define MAX_ERRORS 20  /* problems printed per file */
#define PATH_MAX_LEN 512

struct ctx {
    json_t *spec;
    const char *file; /* for messages */
    int n_errors;
};

static void problem(struct ctx *c, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct ctx *c, const char *where, const char *fmt, ...)
{
    if (c->n_errors++ >= MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: %s: ", c->file, where);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- JSON pointers and $ref ------------------------------------------------------ */

/* The value at local pointer ref ("#/components/schemas/Task"), or NULL. */
static json_t *resolve_pointer(json_t *root, const char *ref)
{
    if (strncmp(ref, "#", 1))
        return NULL;
    json_t *cur = root;
    const char *p = ref + 1;
    while (*p == '/' && cur) {
        p++;
        char key[256];
        size_t n = 0;
        for (; *p && *p != '/' && n + 1 < sizeof(key); p++) {
            if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) {
                key[n++] = p[1] == '0' ? '~' : '/';
                p++;
            } else {
                key[n++] = *p;
            }
        }
        key[n] = '\0';
        cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
    }
    return *p ? NULL : cur;
}

/* Follow $ref chains; NULL (and a problem) when one does not resolve. */
static json_t *deref(struct ctx *c, json_t *node, const char *where)
{
    for (int hops = 0; json_is_object(node) && json_object_get(node, "$ref"); hops++) {
        const char *ref = json_string_value(json_object_get(node, "$ref"));
        json_t *target = ref && hops < MAX_DEPTH ? resolve_pointer(c->spec, ref) : NULL;
        if (!target) {
            problem(c, where, "$ref '%s' does not resolve", ref ? ref : "(not a string)");
            return NULL;
        }
        node = target;
    }
    return node;
}

/* ---- validation ------------------------------------------------------------------- */

static const char *const known_keywords[] = {
    "$ref", "type", "nullable", "enum", "properties", "required", "additionalProperties",
    "items", "minimum", "maximum", "format", "description", "default", "example", "title", NULL,
};

static bool is_known_keyword(const char *k)
{
    for (size_t i = 0; known_keywords[i]; i++)
        if (!strcmp(k, known_keywords[i]))
            return true;
    return false;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    case JSON_NULL:
        return "null";
    }
    return "?";
}

static bool type_matches(const char *type, const json_t *v)
{
    if (!strcmp(type, "number"))
        return json_is_number(v);
    return !strcmp(type, type_name(v));
}

static bool is_iso_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void validate(struct ctx *c, json_t *schema, json_t *v, const char *where, int depth);

static void child_path(char *out, const char *where, const char *key, long index)
{
    if (key)
        snprintf(out, PATH_MAX_LEN, "%s.%s", where, key);
    else
        snprintf(out, PATH_MAX_LEN, "%s[%ld]", where, index);
}

static void validate_object(struct ctx *c, json_t *schema, json_t *v, const char *where,
                            int depth)
{
    json_t *props = json_object_get(schema, "properties");
    json_t *extra = json_object_get(schema, "additionalProperties");
    json_t *req = json_object_get(schema, "required");
    size_t i;
    json_t *name;
    json_array_foreach(req, i, name) {
        if (json_is_string(name) && !json_object_get(v, json_string_value(name)))
            problem(c, where, "required property '%s' is missing", json_string_value(name));
    }
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val) {
        char sub[PATH_MAX_LEN];
        child_path(sub, where, key, 0);
        json_t *ps = props ? json_object_get(props, key) : NULL;
        if (ps)
            validate(c, ps, val, sub, depth + 1);
        else if (json_is_false(extra))
            problem(c, sub, "property '%s' is not in the schema (additionalProperties: false)",
                    key);
        else if (json_is_object(extra))
            validate(c, extra, val, sub, depth + 1);
    }
}

static void validate_scalar(struct ctx *c, json_t *schema, json_t *v, const char *where)
{
    json_t *min = json_object_get(schema, "minimum"), *max = json_object_get(schema, "maximum");
    if (json_is_number(v) && min && json_number_value(v) < json_number_value(min))
        problem(c, where, "%g is below the minimum %g", json_number_value(v),
                json_number_value(min));
    if (json_is_number(v) && max && json_number_value(v) > json_number_value(max))
        problem(c, where, "%g is above the maximum %g", json_number_value(v),
                json_number_value(max));
    const char *format = json_string_value(json_object_get(schema, "format"));
    if (json_is_string(v) && format && !strcmp(format, "date") &&
        !is_iso_date(json_string_value(v)))
        problem(c, where, "'%s' is not a date (YYYY-MM-DD)", json_string_value(v));
    json_t *en = json_object_get(schema, "enum");
    if (!en)
        return;
    size_t i;
    json_t *item;
    json_array_foreach(en, i, item) {
        if (json_equal(item, v))
            return;
    }
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    problem(c, where, "%s is not one of the enum values", text ? text : "?");
    free(text);
}

/* Check the schema's own keywords once per schema object we reach. */
static void check_keywords(struct ctx *c, json_t *schema, const char *where)
{
    const char *key;
    json_t *val;
    json_object_foreach(schema, key, val) {
        if (!is_known_keyword(key))
            problem(c, where, "schema keyword '%s' is not supported by this checker", key);
    }
}

static void validate(struct ctx *c, json_t *schema, json_t *v, const char *where, int depth)
{
    if (depth > MAX_DEPTH) {
        problem(c, where, "schema nesting deeper than %d (a $ref cycle?)", MAX_DEPTH);
        return;
    }
    schema = deref(c, schema, where);
    if (!json_is_object(schema))
        return;
    check_keywords(c, schema, where);
    if (json_is_null(v) && json_is_true(json_object_get(schema, "nullable")))
        return;
    const char *type = json_string_value(json_object_get(schema, "type"));
    if (type && !type_matches(type, v)) {
        problem(c, where, "expected %s%s, got %s", type,
                json_is_true(json_object_get(schema, "nullable")) ? " or null" : "",
                type_name(v));
        return;
    }
    if (json_is_object(v)) {
        validate_object(c, schema, v, where, depth);
    } else if (json_is_array(v)) {
        json_t *items = json_object_get(schema, "items");
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            char sub[PATH_MAX_LEN];
            child_path(sub, where, NULL, (long)i);
            if (items)
                validate(c, items, item, sub, depth + 1);
        }
    } else {
        validate_scalar(c, schema, v, where);
    }
}

/* ---- finding the operation --------------------------------------------------------- */

/* True when concrete path matches template ("{x}" segments match any one segment). */
static bool path_matches(const char *tmpl, const char *path)
{
    while (*tmpl && *path) {
        if (*tmpl == '{') {
            const char *te = strchr(tmpl, '}');
            if (!te || *path == '/')
                return false;
            tmpl = te + 1;
            while (*path && *path != '/')
                path++;
            continue;
        }
        if (*tmpl != *path)
            return false;
        tmpl++;
        path++;
    }
    return !*tmpl && (!*path || *path == '?');
}

static json_t *find_operation(struct ctx *c, const char *method, const char *path)
{
    json_t *paths = json_object_get(c->spec, "paths");
    const char *tmpl;
    json_t *item;
    char lower[16];
    size_t n = 0;
    for (; method[n] && n + 1 < sizeof(lower); n++)
        lower[n] = (char)(method[n] >= 'A' && method[n] <= 'Z' ? method[n] + 32 : method[n]);
    lower[n] = '\0';
    json_object_foreach(paths, tmpl, item) {
        if (path_matches(tmpl, path))
            return json_object_get(deref(c, item, tmpl), lower);
    }
    return NULL;
}

/* The application/json schema of a response or request body object. */
static json_t *json_schema_of(struct ctx *c, json_t *holder, const char *where)
{
    holder = deref(c, holder, where);
    json_t *media = json_object_get(json_object_get(holder, "content"), "application/json");
    return json_object_get(media, "schema");
}

/* ---- the document itself ------------------------------------------------------------ */

/* Every $ref anywhere in node resolves. */
static void check_refs(struct ctx *c, json_t *node, const char *where, int depth)
{
    if (depth > 200)
        return;
    if (json_is_object(node)) {
        const char *key;
        json_t *val;
        json_object_foreach(node, key, val) {
            char sub[PATH_MAX_LEN];
            child_path(sub, where, key, 0);
            if (!strcmp(key, "$ref") && (!json_is_string(val) ||
                                          !resolve_pointer(c->spec, json_string_value(val))))
                problem(c, sub, "$ref does not resolve");
            check_refs(c, val, sub, depth + 1);
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *val;
        json_array_foreach(node, i, val) {
            char sub[PATH_MAX_LEN];
            child_path(sub, where, NULL, (long)i);
            check_refs(c, val, sub, depth + 1);
        }
    }
}

/* Walk every schema of the document for unsupported keywords. */
static void check_schema_tree(struct ctx *c, json_t *schema, const char *where, int depth)
{
    if (!json_is_object(schema) || depth > MAX_DEPTH || json_object_get(schema, "$ref"))
        return;
    check_keywords(c, schema, where);
    json_t *props = json_object_get(schema, "properties");
    const char *key;
    json_t *val;
    json_object_foreach(props, key, val) {
        char sub[PATH_MAX_LEN];
        child_path(sub, where, key, 0);
        check_schema_tree(c, val, sub, depth + 1);
    }
    check_schema_tree(c, json_object_get(schema, "items"), where, depth + 1);
    check_schema_tree(c, json_object_get(schema, "additionalProperties"), where, depth + 1);
}

static void check_doc(struct ctx *c)
{
    const char *version = json_string_value(json_object_get(c->spec, "openapi"));
    if (!version || strncmp(version, "3.0.", 4))
        problem(c, "$.openapi", "not an OpenAPI 3.0.x document");
    if (!json_is_object(json_object_get(c->spec, "info")))
        problem(c, "$.info", "missing");
    json_t *paths = json_object_get(c->spec, "paths");
    if (!json_is_object(paths) || !json_object_size(paths))
        problem(c, "$.paths", "no paths");
    check_refs(c, c->spec, "$", 0);
    const char *p, *m;
    json_t *item, *op;
    json_object_foreach(paths, p, item) {
        json_object_foreach(item, m, op) {
            if (!json_is_object(json_object_get(op, "responses")))
                problem(c, p, "operation '%s' has no responses", m);
        }
    }
    const char *name;
    json_t *schema;
    json_object_foreach(json_object_get(json_object_get(c->spec, "components"), "schemas"), name,
                        schema) {
        char where[PATH_MAX_LEN];
        snprintf(where, sizeof(where), "#/components/schemas/%s", name);
        check_schema_tree(c, schema, where, 0);
    }
}

/* ---- main ------------------------------------------------------------------------ */

static json_t *load(const char *file)
{
    json_error_t jerr;
    json_t *v = json_load_file(file, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (!v)
        fprintf(stderr, "%s: not JSON: %s (line %d)\n", file, jerr.text, jerr.line);
    return v;
}

static int usage(void)
{
    fprintf(stderr, "usage: openapi-check SPEC METHOD PATH STATUS FILE\n"
                    "       openapi-check --request SPEC METHOD PATH FILE\n"
                    "       openapi-check --doc SPEC\n");
    return 2;
}

/* The schema the response (status) or request body of METHOD PATH must match, or NULL. */
static json_t *target_schema(struct ctx *c, const char *method, const char *path,
                             const char *status)
{
    json_t *op = find_operation(c, method, path);
    if (!op) {
        fprintf(stderr, "%s: no operation %s %s in the document\n", c->file, method, path);
        return NULL;
    }
    json_t *holder = json_object_get(op, "requestBody");
    if (status) {
        json_t *responses = json_object_get(op, "responses");
        holder = json_object_get(responses, status);
        holder = holder ? holder : json_object_get(responses, "default");
    }
    json_t *schema = holder ? json_schema_of(c, holder, path) : NULL;
    if (!schema)
        fprintf(stderr, "%s: %s %s documents no application/json %s%s\n", c->file, method, path,
                status ? "response " : "request body", status ? status : "");
    return schema;
}

int main(int argc, char **argv)
{
    bool doc = argc == 3 && !strcmp(argv[1], "--doc");
    bool request = argc == 6 && !strcmp(argv[1], "--request");
    if (!doc && !request && argc != 6)
        return usage();
    int a = doc || request ? 2 : 1;
    struct ctx c = { load(argv[a]), argv[a], 0 };
    if (!c.spec)
        return 2;
    int ret = 0;
    if (doc) {
        check_doc(&c);
    } else {
        const char *file = argv[5];
        json_t *schema = target_schema(&c, argv[a + 1], argv[a + 2], request ? NULL : argv[a + 3]);
        json_t *v = schema ? load(file) : NULL;
        c.file = file;
        if (v)
            validate(&c, schema, v, "$", 0);
        else
            ret = 2;
        json_decref(v);
    }
    json_decref(c.spec);
    if (c.n_errors > MAX_ERRORS)
        fprintf(stderr, "%s: ... %d problems in all\n", c.file, c.n_errors);
    return ret ? ret : c.n_errors ? 1 : 0;
}
