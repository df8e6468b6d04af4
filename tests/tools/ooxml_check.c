/*
 * ooxml-check: a test tool that checks the .xlsx and .docx files giamsat
 * writes, and dumps their text so shell tests can grep it.
 *
 *   ooxml-check FILE.xlsx|FILE.docx         check the package, list its parts
 *   ooxml-check --text FILE.xlsx|FILE.docx  the same, then print its text
 *   ooxml-check --xml FILE                  check that FILE is well-formed XML
 *
 * A package passes when: the zip opens and every entry reads back with a
 * good CRC; [Content_Types].xml exists and gives every part a content type;
 * every *.xml and *.rels part is well-formed, namespace-correct XML; every
 * internal relationship points at a part that exists; and the main part
 * exists (word/document.xml for .docx, xl/workbook.xml for .xlsx, either
 * for other names). It prints "NAME<TAB>BYTES" per part and exits 0, or
 * prints the problem on stderr and exits 1 (2 on bad usage).
 *
 * With --text the part list goes to stderr and stdout holds only text, one
 * item per line (line breaks inside an item become spaces):
 *  - docx: each paragraph's w:t text, from word/document.xml then
 *    word/footnotes.xml (empty paragraphs skipped);
 *  - xlsx: for each worksheet in zip order, each cell's value: shared
 *    strings resolved, inline strings, numbers as stored in <v>.
 *
 * Test-only code: it is not linked into giamsat; it uses util/buf, strvec
 * and xalloc, libzip and expat.
 */
#include "util/buf.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"

struct part {
    char *name;
    struct buf data;
};

struct pkg {
    struct part *parts;
    size_t n, cap;
};

/* Prints the problem on stderr; returns -1. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ooxml-check: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return -1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ------------------------------------------------------------ XML */

struct xml_cb {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;
    void *user;
};

/* Parse data with namespaces ("uri|local" names); on error "line N: msg" in why. */
static int xml_parse(const struct buf *data, const struct xml_cb *cb, char *why, size_t why_len)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p)
        abort();
    if (cb) {
        XML_SetUserData(p, cb->user);
        XML_SetElementHandler(p, cb->start, cb->end);
        XML_SetCharacterDataHandler(p, cb->text);
    }
    int ret = 0;
    size_t off = 0, chunk = (size_t)1 << 20;
    do {
        size_t n = data->len - off < chunk ? data->len - off : chunk;
        bool last = off + n == data->len;
        if (XML_Parse(p, data->data + off, (int)n, last) == XML_STATUS_ERROR) {
            snprintf(why, why_len, "line %lu: %s", (unsigned long)XML_GetCurrentLineNumber(p),
                     XML_ErrorString(XML_GetErrorCode(p)));
            ret = -1;
            break;
        }
        off += n;
    } while (off < data->len);
    XML_ParserFree(p);
    return ret;
}

static bool is_el(const char *name, const char *ns, const char *local)
{
    size_t n = strlen(ns);
    return strncmp(name, ns, n) == 0 && name[n] == '|' && strcmp(name + n + 1, local) == 0;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

/* ------------------------------------------------------------ package */

static void pkg_release(struct pkg *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->parts[i].name);
        buf_release(&k->parts[i].data);
    }
    free(k->parts);
}

static const struct part *pkg_find(const struct pkg *k, const char *name)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->parts[i].name, name) == 0)
            return &k->parts[i];
    return NULL;
}

/* Reads entry i to its end, so that libzip checks its CRC. */
static int read_entry(zip_t *za, zip_uint64_t i, struct buf *out)
{
    zip_file_t *f = zip_fopen_index(za, i, 0);
    if (!f)
        return fail("cannot open '%s': %s", zip_get_name(za, i, 0), zip_strerror(za));
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0)
        buf_add(out, chunk, (size_t)n);
    int ret = 0;
    if (n < 0)
        ret = fail("cannot read '%s': %s", zip_get_name(za, i, 0), zip_file_strerror(f));
    zip_fclose(f);
    return ret;
}

static int pkg_load(struct pkg *k, const char *path)
{
    int zerr = 0, ret = -1;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        fail("'%s' is not a readable zip archive: %s", path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        goto cleanup;
    }
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        if (!name || ends_with(name, "/"))
            continue;
        ALLOC_GROW(k->parts, k->n + 1, k->cap);
        struct part *p = &k->parts[k->n++];
        p->name = xstrdup(name);
        buf_init(&p->data, 0);
        if (read_entry(za, (zip_uint64_t)i, &p->data) < 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    if (za)
        zip_discard(za);
    return ret;
}

/* ------------------------------------------------------------ content types */

struct types {
    struct strvec defaults;  /* extensions, as written */
    struct strvec overrides; /* part names without the leading '/' */
};

static void types_start(void *user, const char *name, const char **atts)
{
    struct types *t = user;
    const char *v;
    if (is_el(name, NS_CT, "Default") && (v = attr(atts, "Extension")))
        strvec_push(&t->defaults, v);
    if (is_el(name, NS_CT, "Override") && (v = attr(atts, "PartName")))
        strvec_push(&t->overrides, v[0] == '/' ? v + 1 : v);
}

static bool has_type(const struct types *t, const char *part)
{
    if (strvec_find(&t->overrides, part) >= 0)
        return true;
    const char *dot = strrchr(part, '.');
    for (size_t i = 0; dot && i < t->defaults.n; i++)
        if (strcasecmp(t->defaults.items[i], dot + 1) == 0)
            return true;
    return false;
}

static int check_types(const struct pkg *k)
{
    const struct part *ct = pkg_find(k, "[Content_Types].xml");
    if (!ct)
        return fail("missing part '[Content_Types].xml'");
    struct types t = { STRVEC_INIT, STRVEC_INIT };
    struct xml_cb cb = { types_start, NULL, NULL, &t };
    char why[256];
    int ret = xml_parse(&ct->data, &cb, why, sizeof(why)) < 0
                  ? fail("'%s' is not well-formed XML: %s", ct->name, why)
                  : 0;
    for (size_t i = 0; i < k->n && ret == 0; i++)
        if (k->parts[i].name != ct->name && !has_type(&t, k->parts[i].name))
            ret = fail("part '%s' has no content type", k->parts[i].name);
    strvec_release(&t.defaults);
    strvec_release(&t.overrides);
    return ret;
}

/* ------------------------------------------------------------ relationships */

struct rels {
    const struct pkg *k;
    const char *rels_name;
    char *dir; /* folder of the source part, "" or "word/" */
    int ret;
};

/* dir + target with "./" and "../" segments resolved; newly allocated. */
static char *resolve(const char *dir, const char *target)
{
    if (target[0] == '/')
        return xstrdup(target + 1);
    struct buf b = BUF_INIT;
    buf_adds(&b, dir);
    for (const char *p = target; *p;) {
        size_t len = strcspn(p, "/");
        if (len == 2 && strncmp(p, "..", 2) == 0) {
            b.len = b.len ? b.len - 1 : 0; /* drop the trailing '/' and the folder */
            while (b.len && b.data[b.len - 1] != '/')
                b.len--;
            b.data[b.len] = '\0';
        } else if (!(len == 1 && p[0] == '.')) {
            buf_add(&b, p, len);
            if (p[len])
                buf_addch(&b, '/');
        }
        p += len + (p[len] == '/');
    }
    return buf_take(&b);
}

static void rels_start(void *user, const char *name, const char **atts)
{
    struct rels *r = user;
    const char *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
    if (!is_el(name, NS_REL, "Relationship") || !target || r->ret < 0)
        return;
    if (mode && strcmp(mode, "External") == 0)
        return;
    char *part = resolve(r->dir, target);
    if (!pkg_find(r->k, part))
        r->ret = fail("'%s' points to missing part '%s'", r->rels_name, part);
    free(part);
}

/* "word/_rels/document.xml.rels" -> source folder "word/". */
static int check_rels(const struct pkg *k, const struct part *p)
{
    const char *slash = strstr(p->name, "_rels/");
    struct rels r = { k, p->name, xstrndup(p->name, slash ? (size_t)(slash - p->name) : 0), 0 };
    struct xml_cb cb = { rels_start, NULL, NULL, &r };
    char why[256];
    xml_parse(&p->data, &cb, why, sizeof(why)); /* well-formedness is checked elsewhere */
    free(r.dir);
    return r.ret;
}

static int check_parts(const struct pkg *k, const char *path)
{
    char why[256];
    for (size_t i = 0; i < k->n; i++) {
        const struct part *p = &k->parts[i];
        if (!ends_with(p->name, ".xml") && !ends_with(p->name, ".rels"))
            continue;
        if (xml_parse(&p->data, NULL, why, sizeof(why)) < 0)
            return fail("'%s' is not well-formed XML: %s", p->name, why);
        if (ends_with(p->name, ".rels") && check_rels(k, p) < 0)
            return -1;
    }
    bool docx = ends_with(path, ".docx"), xlsx = ends_with(path, ".xlsx");
    bool has_doc = pkg_find(k, "word/document.xml"), has_wb = pkg_find(k, "xl/workbook.xml");
    if ((docx && !has_doc) || (xlsx && !has_wb) || (!has_doc && !has_wb))
        return fail("missing part '%s'", docx   ? "word/document.xml"
                                         : xlsx ? "xl/workbook.xml"
                                                : "main document");
    return check_types(k);
}

/* ------------------------------------------------------------ text */

struct text {
    const char *ns;           /* NS_W or NS_S */
    struct buf cur;           /* text of the current paragraph or cell */
    bool in_t;                /* inside w:t, or inside v / is//t of a cell */
    bool in_rph;              /* inside a phonetic run: not text */
    char cell_type[16];       /* t attribute of the current cell */
    const struct strvec *sst; /* shared strings, for cells */
    struct strvec *out;       /* collected items */
};

/* The item collected so far, on one line without outer spaces, unless empty. */
static void text_flush(struct text *t)
{
    char *s = t->cur.data;
    for (size_t i = 0; i < t->cur.len; i++)
        if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            s[i] = ' ';
    size_t len = t->cur.len;
    while (len && s[len - 1] == ' ')
        s[--len] = '\0';
    s += strspn(s, " ");
    if (*s)
        strvec_push(t->out, s);
    buf_reset(&t->cur);
}

static void text_chars(void *user, const char *s, int len)
{
    struct text *t = user;
    if (t->in_t && !t->in_rph)
        buf_add(&t->cur, s, (size_t)len);
}

static void text_start(void *user, const char *name, const char **atts)
{
    struct text *t = user;
    if (is_el(name, t->ns, "t") || is_el(name, t->ns, "v"))
        t->in_t = true;
    else if (is_el(name, t->ns, "rPh"))
        t->in_rph = true;
    else if (is_el(name, NS_S, "c"))
        snprintf(t->cell_type, sizeof(t->cell_type), "%s", attr(atts, "t") ? attr(atts, "t") : "n");
}

/* A shared-string cell holds an index: replace it by the string. */
static void cell_resolve(struct text *t)
{
    size_t idx = 0;
    bool ok = t->cur.len > 0;
    for (size_t i = 0; i < t->cur.len && ok; i++) {
        ok = t->cur.data[i] >= '0' && t->cur.data[i] <= '9';
        idx = idx * 10 + (size_t)(t->cur.data[i] - '0');
    }
    buf_reset(&t->cur);
    buf_adds(&t->cur, ok && idx < t->sst->n ? t->sst->items[idx] : "?bad shared string?");
}

static void text_end(void *user, const char *name)
{
    struct text *t = user;
    if (is_el(name, t->ns, "t") || is_el(name, t->ns, "v"))
        t->in_t = false;
    else if (is_el(name, t->ns, "rPh"))
        t->in_rph = false;
    else if (is_el(name, NS_W, "p") || is_el(name, NS_S, "si"))
        text_flush(t);
    else if (is_el(name, NS_S, "c")) {
        if (strcmp(t->cell_type, "s") == 0 && t->sst)
            cell_resolve(t);
        text_flush(t);
    }
}

/* Items of part name (if present) appended to out. */
static void collect(const struct pkg *k, const char *name, const char *ns, const struct strvec *sst,
                    struct strvec *out)
{
    const struct part *p = pkg_find(k, name);
    if (!p)
        return;
    struct text t = { .ns = ns, .sst = sst, .out = out };
    buf_init(&t.cur, 0);
    struct xml_cb cb = { text_start, text_end, text_chars, &t };
    char why[256];
    xml_parse(&p->data, &cb, why, sizeof(why));
    buf_release(&t.cur);
}

static void print_text(const struct pkg *k)
{
    struct strvec out = STRVEC_INIT, sst = STRVEC_INIT;
    if (pkg_find(k, "word/document.xml")) {
        collect(k, "word/document.xml", NS_W, NULL, &out);
        collect(k, "word/footnotes.xml", NS_W, NULL, &out);
    } else {
        collect(k, "xl/sharedStrings.xml", NS_S, NULL, &sst);
        for (size_t i = 0; i < k->n; i++)
            if (strncmp(k->parts[i].name, "xl/worksheets/", 14) == 0 &&
                ends_with(k->parts[i].name, ".xml") && !strchr(k->parts[i].name + 14, '/'))
                collect(k, k->parts[i].name, NS_S, &sst, &out);
    }
    for (size_t i = 0; i < out.n; i++)
        puts(out.items[i]);
    strvec_release(&out);
    strvec_release(&sst);
}

/* ------------------------------------------------------------ main */

static int check_plain_xml(const char *path)
{
    struct buf b = BUF_INIT;
    char chunk[65536], why[256];
    size_t n;
    int ret = -1;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail("cannot open '%s'", path);
        goto cleanup;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    if (ferror(f))
        fail("cannot read '%s'", path);
    else if (xml_parse(&b, NULL, why, sizeof(why)) < 0)
        fail("'%s' is not well-formed XML: %s", path, why);
    else
        ret = 0;
cleanup:
    if (f)
        fclose(f);
    buf_release(&b);
    return ret;
}

static int check_package(const char *path, bool text)
{
    struct pkg k = { NULL, 0, 0 };
    int ret = -1;
    if (pkg_load(&k, path) < 0 || check_parts(&k, path) < 0)
        goto cleanup;
    for (size_t i = 0; i < k.n; i++)
        fprintf(text ? stderr : stdout, "%s\t%zu\n", k.parts[i].name, k.parts[i].data.len);
    if (text)
        print_text(&k);
    ret = 0;
cleanup:
    pkg_release(&k);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--xml") == 0)
        return check_plain_xml(argv[2]) < 0 ? 1 : 0;
    if (argc == 3 && strcmp(argv[1], "--text") == 0)
        return check_package(argv[2], true) < 0 ? 1 : 0;
    if (argc == 2 && argv[1][0] != '-')
        return check_package(argv[1], false) < 0 ? 1 : 0;
    fprintf(stderr, "usage: ooxml-check [--text] FILE.xlsx|FILE.docx\n"
                    "       ooxml-check --xml FILE\n");
    return 2;
}
