/* commands: the command table, option parsing and shared set-up; see cli.h. */
#include "cli.h"

#include "core/embedded.h"
#include "store/store_registry.h"
#include "util/clock.h"
#include "util/strparse.h"
#include "util/xalloc.h"
#include "web/server.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Record value v of option o: the first one, and every one for an option that repeats. */
static int opt_take(struct opt *o, const char *v, struct err *e)
{
    /* A second value would silently replace the first: say so instead. */
    if (o->value && o->has_arg && !o->all)
        return err_set(e, ERR_INVALID, "option '%s' is given twice ('%s' and '%s'): give it once",
                       o->name, o->value, v);
    if (!o->value)
        o->value = v;
    if (o->all)
        strvec_push(o->all, v);
    return 0;
}

int args_parse(int argc, char **argv, struct opt *opts, const char **pos, int max_pos,
               int *n_pos, bool *help, struct err *e)
{
    *n_pos = 0;
    *help = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = true;
            continue;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (*n_pos >= max_pos)
                return err_set(e, ERR_INVALID, "unexpected argument '%s'", a);
            pos[(*n_pos)++] = a;
            continue;
        }
        struct opt *o = opts;
        while (o->name && strcmp(o->name, a) != 0)
            o++;
        if (!o->name)
            return err_set(e, ERR_INVALID, "unknown option '%s'", a);
        if (o->has_arg && i + 1 >= argc)
            return err_set(e, ERR_INVALID, "option '%s' needs a value", a);
        if (opt_take(o, o->has_arg ? argv[++i] : "", e))
            return e->kind;
    }
    return 0;
}

const char *opt_value(const struct opt *opts, const char *name)
{
    for (; opts->name; opts++)
        if (strcmp(opts->name, name) == 0)
            return opts->value;
    return NULL;
}

int cli_read_file(const char *path, char **data, size_t *len, struct err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_NOT_FOUND, "cannot open '%s': %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0)
            break;
        n += got;
        if (n + 1 >= cap) {
            if (cap >= ((size_t)256 << 20)) {
                fclose(f);
                free(buf);
                return err_set(e, ERR_INVALID, "'%s' is larger than 256 MiB", path);
            }
            cap *= 2;
            buf = xreallocarray(buf, cap, 1);
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return err_set(e, ERR_STORAGE, "cannot read '%s'", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int cli_parse_id(const char *text, long *id, struct err *e)
{
    if (strparse_long(text, 1, LONG_MAX, id))
        return err_set(e, ERR_INVALID, "'%s' is not a task id (a positive number)", text);
    return 0;
}

int cli_parse_date(const char *text, const char *opt, struct date *out, struct err *e)
{
    if (date_parse_user(text, out) == 0)
        return 0;
    return err_set(e, ERR_INVALID, "%s '%s' is not a date (use dd/mm/yyyy or yyyy-mm-dd)", opt,
                   text);
}

struct date cli_today(void)
{
    struct date d;
    clock_today(&d.y, &d.m, &d.d);
    return date_is_valid(d.y, d.m, d.d) ? d : DATE_NONE;
}

int cli_write_output(const char *path, const char *data, size_t len, struct err *e)
{
    bool to_stdout = !path || !strcmp(path, "-");
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    if (!f)
        return err_set(e, ERR_STORAGE, "cannot write '%s': %s", path, strerror(errno));
    size_t put = fwrite(data, 1, len, f);
    int failed = put != len || fflush(f) != 0;
    if (!to_stdout)
        failed |= fclose(f) != 0;
    if (failed)
        return err_set(e, ERR_STORAGE, "cannot write '%s'", to_stdout ? "standard output" : path);
    return 0;
}

int cli_open_existing(struct cli *c)
{
    if (db_is_file(c->db_path) && access(c->db_path, F_OK) != 0)
        return err_set(&c->err, ERR_NOT_FOUND,
                       "no database '%s' (create it with 'giamsat init' or 'giamsat demo')",
                       c->db_path);
    return cli_open(c);
}

int cli_open(struct cli *c)
{
    if (db_open(c->db_path, &c->db, &c->err))
        return c->err.kind;
    /* A new database gets the shipped registry at once, so every command works. */
    struct registry shipped = REGISTRY_INIT;
    const struct embedded_file *a = embedded_find("data/agencies.tsv");
    const struct embedded_file *g = embedded_find("data/groups.tsv");
    size_t added;
    int ret = !a || !g ? err_set(&c->err, ERR_INTERNAL, "the agency registry is missing")
                       : registry_parse_tsv(&shipped, a->data, g->data, &c->err);
    if (!ret)
        ret = registry_build_index(&shipped, &c->err);
    if (!ret)
        ret = store_seed_registry(c->db, &shipped, &added, &c->err);
    registry_release(&shipped);
    if (!ret)
        ret = store_load_registry(c->db, &c->reg, &c->err);
    return ret;
}

static const struct command {
    const char *name;
    int (*fn)(struct cli *c, int argc, char **argv);
    const char *usage;
} commands[] = {
    { "init", cmd_init, "init                 create the database and load the agency registry" },
    { "import", cmd_import,
      "import FILE [--format program|indicators|plan|table|progress|measurements]\n"
      "                     (FILE: CSV, XLSX, DOCX or UTF-8 text; the format is detected)\n"
      "                     [--document REF] [--dry-run] [--allow-partial] [--json]\n"
      "                     [--unit UNIT] [--date D]   (progress tables: the reporting unit and\n"
      "                     the report date; else the unit column, a date column or the date\n"
      "                     in the result header) [--accept-suggestions]   (take the task a\n"
      "                     name nearly matches, when well ahead of the next: docs/DATA.md)\n"
      "                     [--accept-completions]   (record as done a result that says so:\n"
      "                     'Đã hoàn thành', 'Đã ban hành <văn bản>')\n"
      "                     [--link-repeats]   (record the new tasks whose names equal tasks of\n"
      "                     earlier documents as their repeats, 'nhắc lại', not counted twice)\n"
      "                     [--allow-duplicates]   (create tasks whose names equal tasks already\n"
      "                     stored for the same document; refused otherwise)" },
    { "tasks", cmd_tasks,
      "tasks [--agency A] [--document D] [--field F] [--search TEXT] [--status S [--as-of D]]\n"
      "                     [--format table|json|csv]   (--status: overdue, in_progress, recurring,\n"
      "                     in_progress_on_time, done, done_on_time, done_late as of D, default\n"
      "                     today, the rule of the task page and the API)" },
    { "task", cmd_task, "task ID [--format text|json]" },
    { "agencies", cmd_agencies, "agencies [--format table|json]" },
    { "documents", cmd_documents, "documents [--format table|json]" },
    { "document", cmd_document,
      "document set REF [--meeting TEXT] [--meeting-date D] [--summary TEXT]\n"
      "                     the meeting, its date and the summary the report's paragraph on\n"
      "                     the document uses (\"\" clears one; audited)" },
    { "sets", cmd_sets,
      "sets add NAME (--issuer X [--kind K] | --kind K | --document REF [--document REF ...])\n"
      "                     a named set of documents: a rule (every document of issuer X, e.g.\n"
      "                     BCĐTW, and/or kind K, e.g. \"Thông báo\") or a list (audited)\n"
      "sets list [--format json]          every set with the documents it holds today\n"
      "sets remove NAME                   (audited)" },
    { "progress", cmd_progress,
      "progress add --task ID|--code MÃ [--document DOC] --unit UNIT --date D\n"
      "                     [--done [--completed-on D2] [--output TEXT]] [--reopen] [--result TEXT]\n"
      "                     [--next TEXT] [--issues TEXT] [--percent N] [--attachment REF]\n"
      "                     [--dry-run] [--json]\n"
      "  giamsat [--db FILE] progress list [--task ID] [--format table|json]" },
    { "report", cmd_report,
      "report --as-of D [--due-by D2] [--document DOC ...] [--agency A] [--compare D0]\n"
      "                     [--set NAME ...] [--stale-after N]   (--document repeats: their\n"
      "                     union; --set adds a part per document set; N days, default 45)\n"
      "                     [--format json|md|html|csv|xlsx|docx] [--section KEY] [-o FILE]\n"
      "                     sections: tong_hop van_ban qua_han sap_den_han don_vi linh_vuc\n"
      "                     chi_tieu doi_soat, so_sanh with --compare D0 (the figures\n"
      "                     as of D0 beside D's, tasks overdue and completed since D0),\n"
      "                     nhom_1... with --set, y_kien, chua_bao_cao, phu_luc_don_vi,\n"
      "                     phu_luc_qua_han phu_luc_sap_den_han (every overdue/due task;\n"
      "                     docx leaves these two to the xlsx unless --lists)\n"
      "                     [--lists] [--annex]   (docx/html: a 'Phụ lục' without the\n"
      "                     administrative frame) [--issuer T] [--number T] [--place T]\n"
      "                     [--signer T] [--recipients T]   (this report's frame: see `frame`)" },
    { "frame", cmd_frame,
      "frame [show]       the administrative frame of docx/html reports (Nghị định 30/2020)\n"
      "frame set [--issuer 'BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG'] [--number '/BC-VPBCĐ']\n"
      "                     [--place 'Hà Nội'] [--signer 'KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN\n"
      "                     PHÒNG / Nguyễn Văn A'] [--recipients 'Như trên; Lưu: VT']\n"
      "                     (\" / \" separates lines, \";\" recipients; '' clears; audited)" },
    { "remind", cmd_remind,
      "remind --as-of D --within N [--agency A] [--format text|json|docx] [-o FILE]\n"
      "remind --send [--as-of D] [--within N] [--smtp-config FILE]   queue each unit's letter\n"
      "                     of D's week (default today, 14 days; once per unit and week) to\n"
      "                     its accounts' inbox and e-mail, then send the mail queue (cron)" },
    { "warnings", cmd_warnings,
      "warnings [--as-of D] [--agency A] [--rule R] [--format table|json|csv] [-o FILE]\n"
      "                     early warnings as of D (default today), each with its reason:\n"
      "                     overdue, due_soon (14 days), no_report (30 days), indicator_red,\n"
      "                     indicator_worse and unit_rate (than a month earlier, below 50%)\n"
      "warnings rules [--format json]      each rule's setting in force\n"
      "warnings set RULE [--on|--off] [--severity cao|trung_binh|thap] [--days N]\n"
      "                     [--threshold P]  change a rule (audited)" },
    { "request", cmd_request,
      "request add --task ID|--indicator CODE --unit UNIT --due D --content TEXT\n"
      "                     [--number REF] [--date D] [--json]   a request for explanation\n"
      "request answer ID --explanation TEXT --remedy TEXT --new-due D [--date D]\n"
      "request accept ID [--date D]\n"
      "request return ID --comment TEXT [--due D] [--date D]   ask again (a new round)\n"
      "request letter ID -o FILE.docx   the letter \"Công văn đề nghị giải trình\"\n"
      "request list [--state open|overdue|answered|accepted] [--unit UNIT] [--as-of D]\n"
      "                     [--format table|json]" },
    { "approval", cmd_approval,
      "approval require UNIT --on|--off   the unit's leader approves its focal points' reports\n"
      "approval approve|reject ID [--comment TEXT] [--date D]   the unit leader's step\n"
      "approval accept|return ID [--comment TEXT] [--date D]    the office's step (a reject or a\n"
      "                     return needs --comment); an accepted completion is locked\n"
      "approval list [--unit UNIT] [--state pending|submitted|rejected|accepted|returned]\n"
      "                     [--format table|json]   the reports under review, newest first\n"
      "approval counting [da_gui|da_chap_nhan|tat_ca]   which reports the statistics count" },
    { "serve", cmd_serve,
      "serve [--listen ADDR] [--port N] [--threads N] [--secure-cookie]\n"
      "                     [--per-address N] [--idle-timeout S] [--request-timeout S]\n"
      "                     [--trusted-proxy ADDR] [--notify-every S] [--digest-day N]\n"
      "                     [--smtp-config FILE]\n"
      "      --listen ADDR        IPv4 address to listen on (default 127.0.0.1)\n"
      "      --port N             TCP port (default 8080)\n"
      "      --threads N          worker threads (default " SERVER_STR(SERVER_THREADS) ")\n"
      "      --per-address N      open connections from one client address (default "
      SERVER_STR(SERVER_PER_ADDRESS) "; " SERVER_STR(SERVER_CONNECTIONS) " in all)\n"
      "      --idle-timeout S     close a connection silent for S seconds (default "
      SERVER_STR(SERVER_IDLE_TIMEOUT) ")\n"
      "      --request-timeout S  drop a request whose body takes longer than S seconds (default "
      SERVER_STR(SERVER_REQUEST_TIMEOUT) ")\n"
      "      --trusted-proxy ADDR the reverse proxy (IPv4): its X-Forwarded-For gives the client\n"
      "                           and X-Forwarded-Proto: https makes the session cookie Secure\n"
      "      --secure-cookie      always mark the session cookie Secure\n"      "      --notify-every S     run the notifications every S seconds (default 300; 0: never):\n"
      "                           new warnings and deadlines, the weekly digest, the mail queue\n"
      "      --digest-day N       the digest's weekday, 1 = Monday (default) .. 7 = Sunday\n"
      "      --smtp-config FILE   the SMTP settings (docs/NOTIFY.md)\n"
      "      SIGTERM/SIGINT: stop accepting, finish the requests in flight (at most "
      SERVER_STR(SERVER_DRAIN_TIMEOUT) " s), exit" },
    { "user", cmd_user,
      "user add LOGIN --role quan_tri|giam_sat|don_vi|xem [--unit UNIT] [--name TEXT]\n"
      "                     [--password P] [--if-missing]   (password from stdin, or made and"
      " printed once)\n"
      "user set LOGIN --email ADDRESS   the address notifications are mailed to ('' clears)" },
    { "mail", cmd_mail,
      "mail queue           the mail queue: id, state, attempts, next try or sent time, to,\n"
      "                     subject, last error\n"
      "mail send [--smtp-config FILE]   send the mail that is due once (the SMTP settings:\n"
      "                     FILE, else $GIAMSAT_SMTP_CONFIG, else /etc/giamsat/smtp.conf)\n"
      "mail notify [--as-of D] [--smtp-config FILE]   what serve does on its schedule, once:\n"
      "                     notices of the warnings that began in the last 7 days (due_soon:\n"
      "                     approaching deadline) for the units' accounts, then send\n"
      "mail retry ID        queue a mail left 'sending' or 'failed' again" },
    { "token", cmd_token,
      "token add --role ROLE [--unit UNIT] [--name NAME]   (prints the token once)" },
    { "indicators", cmd_indicators, "indicators [--as-of D] [--format table|json|csv]" },
    { "measure", cmd_measure,
      "measure add --indicator CODE --date D --value V [--unit UNIT] [--bloc BLOC]\n"
      "                     [--source TEXT] [--document DOC] [--json]\n"
      "  giamsat [--db FILE] measure list --indicator CODE [--document DOC] [--format table|json]\n"
      "  giamsat [--db FILE] measure baseline --indicator CODE --date D --value V [--document DOC]" },
    { "backup", cmd_backup,
      "backup FILE          a consistent copy of the database, even while serving (checked)" },
    { "restore", cmd_restore,
      "restore FILE         put a backup back (stop the server first; the database it\n"
      "                     replaces is kept beside it as DB.truoc-khoi-phuc-DATE)" },
    { "migrate", cmd_migrate,
      "migrate --from SOURCE --to DEST\n"
      "                     copy the whole database between engines: a SQLite file into an\n"
      "                     empty PostgreSQL database (postgresql://...), or back into a new\n"
      "                     SQLite file; same ids, every report identical (--db is not used)" },
    { "demo", cmd_demo, "demo                 init, import the shipped programme data, summarise" },
    { "gen", cmd_gen,
      "gen --tasks N --reports N [--units N] [--seed S] [--until D]\n"
      "                     a generated programme (documents, tasks, reports over the two years\n"
      "                     before D, default today) in a database without tasks; --units N adds\n"
      "                     communes until the registry holds N units; same seed, same data" },
};

int cli_usage(const char *cmd)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        if (!cmd || strcmp(cmd, commands[i].name) == 0)
            printf("%sgiamsat [--db FILE] %s\n", cmd ? "usage: " : "  ", commands[i].usage);
    return 0;
}

int cli_main(int argc, char **argv);

/* The database's own messages do not name its file (they may reach the web): add it here. */
static void print_error(const struct cli *c, const char *cmd)
{
    if ((c->err.kind == ERR_STORAGE || c->err.kind == ERR_BUSY) && c->db)
        fprintf(stderr, "giamsat %s: '%s': %s\n", cmd, db_display_name(c->db_path), c->err.msg);
    else
        fprintf(stderr, "giamsat %s: %s\n", cmd, c->err.msg);
}

int cli_main(int argc, char **argv)
{
    /* --db, else GIAMSAT_DB (a deployment's PostgreSQL URI), else the file beside us. */
    const char *db_env = getenv("GIAMSAT_DB");
    struct cli c = { .db_path = db_env && *db_env ? db_env : "giamsat.db", .err = ERR_INIT,
                     .reg = REGISTRY_INIT };
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            c.db_path = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("giamsat: theo dõi nhiệm vụ và chỉ tiêu (monitoring tasks and indicators)\n");
            return cli_usage(NULL);
        } else {
            fprintf(stderr, "giamsat: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (i >= argc) {
        cli_usage(NULL);
        return 2;
    }
    const struct command *cmd = NULL;
    for (size_t k = 0; k < sizeof(commands) / sizeof(*commands); k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            cmd = &commands[k];
    if (!cmd) {
        fprintf(stderr, "giamsat: unknown command '%s' (see giamsat --help)\n", argv[i]);
        return 2;
    }
    int ret = cmd->fn(&c, argc - i, argv + i);
    if (ret < 0)
        print_error(&c, cmd->name);
    registry_release(&c.reg);
    db_close(c.db);
    return ret < 0 ? err_exit_code(c.err.kind) : ret;
}
