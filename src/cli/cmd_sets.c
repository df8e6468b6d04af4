/*
 * cmd_sets: `giamsat sets` (named sets of directive documents a report
 * can report on: add, list, remove, audited) and `giamsat document set`
 * (a document's meeting, meeting date and summary, which the report's
 * paragraph per document uses). Issue #14.
 */
#include "cli.h"

#include "json/json_out.h"
#include "store/store_auth.h"
#include "store/store_docsets.h"
#include "store/store_query.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct audit_entry cli_audit = { .actor = "cli", .client = "" };

/* The ids of the documents refs name, newly allocated into *ids. */
static int find_documents(struct cli *c, const struct strvec *refs, long **ids)
{
    *ids = xcalloc(refs->n + 1, sizeof(long));
    for (size_t i = 0; i < refs->n; i++)
        if (store_find_document(c->db, refs->items[i], &(*ids)[i], &c->err))
            return c->err.kind;
    return 0;
}

static int sets_add(struct cli *c, const char *name, const struct opt *opts,
                    const struct strvec *refs)
{
    long *ids = NULL;
    int ret = find_documents(c, refs, &ids);
    struct docset_spec s = { name, opt_value(opts, "--issuer"), opt_value(opts, "--kind"), ids,
                             refs->n };
    if (!ret)
        ret = store_docset_add(c->db, &s, &cli_audit, &c->err);
    struct docset_view v = { 0 };
    if (!ret)
        ret = store_docset_find(c->db, name, &v, &c->err);
    if (!ret)
        printf("set '%s': %zu documents\n", v.name, v.n_documents);
    docset_view_release(&v);
    free(ids);
    return ret;
}

static void print_set(const struct docset_view *v)
{
    printf("%s", v->name);
    if (v->issuer)
        printf("  cơ quan ban hành: %s", v->issuer);
    if (v->kind)
        printf("  loại: %s", v->kind);
    printf("  (%zu văn bản)\n", v->n_documents);
    for (size_t i = 0; i < v->n_documents; i++)
        printf("    %5ld  %s\n", v->documents[i], v->names[i]);
}

static int sets_list(struct cli *c, const char *format)
{
    struct docset_view *v;
    size_t n;
    if (store_docsets(c->db, &v, &n, &c->err))
        return c->err.kind;
    if (format && !strcmp(format, "json")) {
        char *js = json_docsets(v, n);
        printf("%s\n", js);
        free(js);
    } else {
        for (size_t i = 0; i < n; i++)
            print_set(&v[i]);
    }
    docset_views_free(v, n);
    return 0;
}

/* The sets subcommand pos[0..n_pos) names. */
static int sets_run(struct cli *c, const char *const *pos, int n_pos, const struct opt *opts,
                    const struct strvec *refs)
{
    if (!strcmp(pos[0], "list") && n_pos == 1)
        return sets_list(c, opt_value(opts, "--format"));
    if (!strcmp(pos[0], "add") && n_pos == 2)
        return sets_add(c, pos[1], opts, refs);
    if (!strcmp(pos[0], "remove") && n_pos == 2)
        return store_docset_remove(c->db, pos[1], &cli_audit, &c->err);
    return err_set(&c->err, ERR_INVALID, "unknown sets command '%s' (add NAME, list, remove NAME)",
                   pos[0]);
}

int cmd_sets(struct cli *c, int argc, char **argv)
{
    struct strvec refs = STRVEC_INIT;
    struct opt opts[] = { { "--issuer", true, NULL },
                          { "--kind", true, NULL },
                          { "--document", true, NULL, &refs },
                          { "--format", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    int ret = args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err);
    if (!ret && (help || n_pos == 0))
        ret = cli_usage("sets");
    else if (!ret)
        ret = cli_open_existing(c) ? c->err.kind : sets_run(c, pos, n_pos, opts, &refs);
    strvec_release(&refs);
    return ret;
}

/* `document set REF [--meeting TEXT] [--meeting-date D] [--summary TEXT]`. */
static int document_set(struct cli *c, const char *ref, const struct opt *opts)
{
    const char *date_text = opt_value(opts, "--meeting-date");
    char iso[DATE_ISO_LEN] = "";
    struct date d;
    if (date_text && *date_text) {
        if (cli_parse_date(date_text, "--meeting-date", &d, &c->err))
            return c->err.kind;
        date_iso(d, iso);
    }
    struct document_info in = { opt_value(opts, "--meeting"), date_text ? iso : NULL,
                                opt_value(opts, "--summary") };
    if (!in.meeting && !in.meeting_date && !in.summary)
        return err_set(&c->err, ERR_INVALID,
                       "nothing to set: give --meeting, --meeting-date or --summary");
    long id;
    if (store_find_document(c->db, ref, &id, &c->err) ||
        store_document_set_info(c->db, id, &in, &cli_audit, &c->err))
        return c->err.kind;
    printf("document %ld updated\n", id);
    return 0;
}

int cmd_document(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--meeting", true, NULL },
                          { "--meeting-date", true, NULL },
                          { "--summary", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help || n_pos == 0)
        return cli_usage("document");
    if (strcmp(pos[0], "set") || n_pos != 2)
        return err_set(&c->err, ERR_INVALID, "unknown document command '%s' (set REF)", pos[0]);
    if (cli_open_existing(c))
        return c->err.kind;
    return document_set(c, pos[1], opts);
}
