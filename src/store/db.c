/* db: opening, migrating and transactions; see db.h. */
#include "db_internal.h"

#include "core/target.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Migration 5: three triggers that bump data_generation on any change to table t. */
#define GENERATION_TRIGGERS(t)                                                                     \
    "CREATE TRIGGER " t "_generation_insert AFTER INSERT ON " t                                     \
    " BEGIN UPDATE data_generation SET n = n + 1; END;"                                            \
    "CREATE TRIGGER " t "_generation_update AFTER UPDATE ON " t                                     \
    " BEGIN UPDATE data_generation SET n = n + 1; END;"                                            \
    "CREATE TRIGGER " t "_generation_delete AFTER DELETE ON " t                                     \
    " BEGIN UPDATE data_generation SET n = n + 1; END;"

/* Migration 13: the same triggers bumping the structure generation too (one of them recreated). */
#define STRUCTURE_TRIGGER(t, op, OP)                                                               \
    "DROP TRIGGER " t "_generation_" op ";"                                                        \
    "CREATE TRIGGER " t "_generation_" op " AFTER " OP " ON " t                                     \
    " BEGIN UPDATE data_generation SET n = n + 1, structure = structure + 1; END;"
#define STRUCTURE_TRIGGERS(t)                                                                      \
    STRUCTURE_TRIGGER(t, "insert", "INSERT") STRUCTURE_TRIGGER(t, "update", "UPDATE")              \
    STRUCTURE_TRIGGER(t, "delete", "DELETE")

/* Each migration takes the schema from version i to i + 1. Never edit a
 * released one: add the next. */
static const char *const migrations[] = {
    /* 1: the programme: agencies, groups, documents, tasks, assignments, indicators */
    "CREATE TABLE agency ("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, name_key TEXT NOT NULL,"
    " kind TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '',"
    " successor_id INTEGER REFERENCES agency(id), note TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE agency_alias ("
    " id INTEGER PRIMARY KEY, agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " alias TEXT NOT NULL, alias_key TEXT NOT NULL, UNIQUE (agency_id, alias));"
    "CREATE TABLE agency_group ("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, rule TEXT NOT NULL,"
    " note TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE group_alias ("
    " id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL REFERENCES agency_group(id),"
    " alias TEXT NOT NULL, alias_key TEXT NOT NULL, UNIQUE (group_id, alias));"
    "CREATE TABLE document ("
    " id INTEGER PRIMARY KEY, ref_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " name_key TEXT NOT NULL, kind TEXT, number TEXT, symbol TEXT, date TEXT,"
    " original TEXT NOT NULL);"
    "CREATE TABLE document_mention ("
    " document_id INTEGER NOT NULL REFERENCES document(id), text TEXT NOT NULL,"
    " PRIMARY KEY (document_id, text));"
    "CREATE TABLE import_run ("
    " id INTEGER PRIMARY KEY, at TEXT NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL,"
    " summary TEXT NOT NULL);"
    "CREATE TABLE task ("
    " id INTEGER PRIMARY KEY, origin_key TEXT NOT NULL UNIQUE, code TEXT,"
    " tt TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, name_key TEXT NOT NULL,"
    " search_key TEXT NOT NULL DEFAULT '',"
    " field TEXT NOT NULL DEFAULT '', parent_id INTEGER REFERENCES task(id),"
    " parent_code TEXT, repeat_of_id INTEGER REFERENCES task(id), repeat_code TEXT,"
    " is_group INTEGER NOT NULL DEFAULT 0, lead_text TEXT NOT NULL, coord_text TEXT NOT NULL,"
    " output TEXT NOT NULL, deadline_text TEXT NOT NULL, due TEXT, deadline_kind TEXT NOT NULL,"
    " documents_text TEXT, source_line INTEGER,"
    " import_id INTEGER REFERENCES import_run(id), updated_import_id INTEGER);"
    "CREATE INDEX task_parent ON task(parent_id);"
    "CREATE TABLE task_document ("
    " task_id INTEGER NOT NULL REFERENCES task(id), document_id INTEGER NOT NULL"
    " REFERENCES document(id), PRIMARY KEY (task_id, document_id));"
    "CREATE TABLE task_party ("
    " task_id INTEGER NOT NULL REFERENCES task(id), role TEXT NOT NULL"
    " CHECK (role IN ('lead', 'coord')), position INTEGER NOT NULL, text TEXT NOT NULL,"
    " agency_id INTEGER REFERENCES agency(id), group_id INTEGER REFERENCES agency_group(id),"
    " PRIMARY KEY (task_id, role, position));"
    "CREATE TABLE assignment ("
    " id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES task(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " via_group_id INTEGER REFERENCES agency_group(id), named_as TEXT NOT NULL,"
    " UNIQUE (task_id, agency_id));"
    "CREATE INDEX assignment_agency ON assignment(agency_id);"
    "CREATE TABLE task_history ("
    " id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES task(id),"
    " import_id INTEGER REFERENCES import_run(id), field TEXT NOT NULL,"
    " before TEXT, after TEXT);"
    "CREATE TABLE indicator ("
    " id INTEGER PRIMARY KEY, document_id INTEGER REFERENCES document(id),"
    " code TEXT NOT NULL, parent_code TEXT, name TEXT NOT NULL, unit TEXT NOT NULL,"
    " target_text TEXT NOT NULL, horizon INTEGER, agency_text TEXT NOT NULL,"
    " agency_id INTEGER REFERENCES agency(id), source_line INTEGER,"
    " UNIQUE (document_id, code));",

    /* 2: progress reports. Append-only: a correction or a reopening is a
     * new report, so any past date can be replayed. fingerprint makes a
     * re-imported identical report a no-op. */
    "CREATE TABLE progress_report ("
    " id INTEGER PRIMARY KEY,"
    " assignment_id INTEGER NOT NULL REFERENCES assignment(id),"
    " reported_on TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('progress', 'done', 'reopen')),"
    " completed_on TEXT, completed_on_given INTEGER NOT NULL DEFAULT 1,"
    " result TEXT NOT NULL DEFAULT '', next_step TEXT NOT NULL DEFAULT '',"
    " issues TEXT NOT NULL DEFAULT '', percent INTEGER CHECK (percent BETWEEN 0 AND 100),"
    " output TEXT NOT NULL DEFAULT '', output_kind TEXT, output_number TEXT, output_date TEXT,"
    " attachment TEXT NOT NULL DEFAULT '',"
    " original TEXT NOT NULL,"
    " source TEXT NOT NULL, source_line INTEGER, import_id INTEGER REFERENCES import_run(id),"
    " entered_at TEXT NOT NULL, fingerprint TEXT NOT NULL,"
    " CHECK (kind = 'done' OR completed_on IS NULL),"
    " CHECK (completed_on IS NULL OR completed_on <= reported_on),"
    " UNIQUE (assignment_id, fingerprint));"
    "CREATE INDEX progress_by_assignment ON progress_report(assignment_id, reported_on, id);"
    /* An assignment with reports is never deleted: when its unit leaves the
     * task's lead cell it is marked removed, and its history stays. */
    "ALTER TABLE assignment ADD COLUMN removed_import_id INTEGER REFERENCES import_run(id);"
    "CREATE TRIGGER progress_report_no_update BEFORE UPDATE ON progress_report"
    " BEGIN SELECT RAISE(ABORT, 'progress reports are append-only'); END;"
    "CREATE TRIGGER progress_report_no_delete BEFORE DELETE ON progress_report"
    " BEGIN SELECT RAISE(ABORT, 'progress reports are append-only'); END;",

    /* 3: accounts, sessions, API tokens and the audit log. Tokens are
     * stored as digests only; the audit log is append-only. */
    "CREATE TABLE app_user ("
    " id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " display_name TEXT NOT NULL, password_hash TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit', 'viewer')),"
    " agency_id INTEGER REFERENCES agency(id), active INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " CHECK (role <> 'unit' OR agency_id IS NOT NULL));"
    "CREATE TABLE session ("
    " digest TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES app_user(id),"
    " csrf TEXT NOT NULL, created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL);"
    "CREATE TABLE api_token ("
    " id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit', 'viewer')),"
    " agency_id INTEGER REFERENCES agency(id), created_by INTEGER REFERENCES app_user(id),"
    " created_at TEXT NOT NULL, revoked_at TEXT,"
    " CHECK (role <> 'unit' OR agency_id IS NOT NULL));"
    "CREATE TABLE audit_log ("
    " id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
    " user_id INTEGER REFERENCES app_user(id), token_id INTEGER REFERENCES api_token(id),"
    " action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
    " before TEXT, after TEXT, client TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX audit_by_entity ON audit_log(entity, entity_id);"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

    /* 4: uploads waiting for confirmation on the import page: the file's
     * bytes between the dry run and the import, for at most a day. */
    "CREATE TABLE upload ("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL, format TEXT, document TEXT,"
    " bytes BLOB NOT NULL, created_by INTEGER NOT NULL REFERENCES app_user(id),"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX upload_by_age ON upload(created_at);",

    /* 5: the data generation: a counter that every committed change to
     * what the programme snapshot, the statistics report or a document or
     * unit lookup reads moves forward, so the server can cache a report
     * and know with one query whether it is still current (any writer —
     * the server, the command line — bumps it, by these triggers). */
    "CREATE TABLE data_generation (n INTEGER NOT NULL);"
    "INSERT INTO data_generation (n) VALUES (1);"
    GENERATION_TRIGGERS("agency") GENERATION_TRIGGERS("agency_alias")
    GENERATION_TRIGGERS("agency_group") GENERATION_TRIGGERS("group_alias")
    GENERATION_TRIGGERS("document") GENERATION_TRIGGERS("document_mention")
    GENERATION_TRIGGERS("task") GENERATION_TRIGGERS("task_document")
    GENERATION_TRIGGERS("task_party") GENERATION_TRIGGERS("assignment")
    GENERATION_TRIGGERS("progress_report") GENERATION_TRIGGERS("indicator"),

    /* 6: a due date set by a person (DOMAIN.md: a deadline phrase with no
     * date is "flagged for a person to set one"). Kept apart from `due`,
     * which re-imports recompute from the phrase, so an import never
     * overwrites what a person decided. */
    "ALTER TABLE task ADD COLUMN due_set TEXT;"
    "ALTER TABLE task ADD COLUMN due_set_note TEXT NOT NULL DEFAULT '';",

    /* 7: indicator measurements (issue #5). Append-only like progress
     * reports: a correction is a new measurement (the latest on a date
     * wins), so the status of any past date can be replayed. A value is a
     * number (value) or a person's judgement (judgement: met / not_met /
     * on_track), never both; unit_id is the agency measured and bloc the
     * scale or bloc of a broken-down target ("khối bộ", "Thế giới"), both
     * NULL for the indicator as a whole. An indicator gains an optional
     * baseline and the group it belongs to ("Chính phủ số", seed 002). */
    "CREATE TABLE measurement ("
    " id INTEGER PRIMARY KEY,"
    " indicator_id INTEGER NOT NULL REFERENCES indicator(id),"
    " measured_on TEXT NOT NULL, value REAL,"
    " judgement TEXT CHECK (judgement IN ('met', 'not_met', 'on_track')),"
    " unit_id INTEGER REFERENCES agency(id), bloc TEXT,"
    " original TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',"
    " entered_via TEXT NOT NULL CHECK (entered_via IN ('cli', 'web', 'api', 'import')),"
    " entered_by TEXT NOT NULL DEFAULT '', entered_at TEXT NOT NULL,"
    " CHECK ((value IS NULL) <> (judgement IS NULL)));"
    "CREATE INDEX measurement_by_indicator ON measurement(indicator_id, measured_on, id);"
    "CREATE TRIGGER measurement_no_update BEFORE UPDATE ON measurement"
    " BEGIN SELECT RAISE(ABORT, 'measurements are append-only'); END;"
    "CREATE TRIGGER measurement_no_delete BEFORE DELETE ON measurement"
    " BEGIN SELECT RAISE(ABORT, 'measurements are append-only'); END;"
    "ALTER TABLE indicator ADD COLUMN baseline_value REAL;"
    "ALTER TABLE indicator ADD COLUMN baseline_date TEXT;"
    "ALTER TABLE indicator ADD COLUMN field TEXT NOT NULL DEFAULT '';"
    GENERATION_TRIGGERS("measurement"),

    /* 8: measurements imported from a table (issue #5), like progress
     * reports: the import run they came from, the line of the file, and
     * the whole row as written ("Header: cell" lines), so the columns no
     * field reads are kept. All NULL for a measurement entered by hand. */
    "ALTER TABLE measurement ADD COLUMN import_id INTEGER REFERENCES import_run(id);"
    "ALTER TABLE measurement ADD COLUMN source_line INTEGER;"
    "ALTER TABLE measurement ADD COLUMN row_text TEXT;",

    /* 9: imports stay linear in the size of the database (issue #10): a
     * row naming its task by Mã or by name, and the checks a foreign key
     * makes on delete, find their rows through an index, not a scan. */
    "CREATE INDEX task_by_code ON task(code);"
    "CREATE INDEX task_by_name_key ON task(name_key);"
    "CREATE INDEX task_history_by_task ON task_history(task_id);"
    "CREATE INDEX task_by_repeat ON task(repeat_of_id);",

    /* 10: a task's name_key is its match key (util/text.h text_match_key()):
     * a unit's table that writes "..." for "…", straight quotes, or no
     * final "." still names the task (issue #11). */
    "UPDATE task SET name_key = giamsat_match_key(name);",

    /* 11: read paths at national size (issue #12). Loading the programme
     * reads every report's assignment, date, id, kind and completion date:
     * an index holding all five is read alone, in its order, instead of a
     * lookup into a multi-GB table per report; it also serves everything
     * the old progress_by_assignment (a prefix of it) did. */
    "CREATE INDEX progress_events ON progress_report"
    "(assignment_id, reported_on, id, kind, completed_on);"
    "DROP INDEX progress_by_assignment;",

    /* 12: a document's tasks by document (the primary key leads with the task):
     * matching a progress row by its TT within a section reads the tasks of one
     * document and field (store_numbering.c), a document's page and export too. */
    "CREATE INDEX task_document_by_document ON task_document(document_id, task_id);",

    /* 13: the structure generation (issue #12): moved by every write the
     * data generation counts except a new progress report. Reports are
     * append-only, so while the structure stays the same the server's
     * snapshot follows writes by reading the reports after the last one it
     * holds (store_load_reports_after()) instead of loading the programme. */
    "ALTER TABLE data_generation ADD COLUMN structure INTEGER NOT NULL DEFAULT 1;"
    STRUCTURE_TRIGGERS("agency") STRUCTURE_TRIGGERS("agency_alias")
    STRUCTURE_TRIGGERS("agency_group") STRUCTURE_TRIGGERS("group_alias")
    STRUCTURE_TRIGGERS("document") STRUCTURE_TRIGGERS("document_mention")
    STRUCTURE_TRIGGERS("task") STRUCTURE_TRIGGERS("task_document")
    STRUCTURE_TRIGGERS("task_party") STRUCTURE_TRIGGERS("assignment")
    STRUCTURE_TRIGGERS("indicator") STRUCTURE_TRIGGERS("measurement")
    STRUCTURE_TRIGGER("progress_report", "update", "UPDATE")
    STRUCTURE_TRIGGER("progress_report", "delete", "DELETE"),

    /* 14: the early warnings' settings an administrator edits (issue #15):
     * one row per rule changed from core/warning.h's defaults (a rule with
     * no row keeps its default), with when and by whom; every change has
     * its audit line with the row before and after. */
    "CREATE TABLE warning_rule ("
    " rule TEXT PRIMARY KEY CHECK (rule IN ('overdue', 'due_soon', 'no_report',"
    "  'indicator_red', 'indicator_worse', 'unit_rate')),"
    " enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),"
    " severity TEXT NOT NULL CHECK (severity IN ('cao', 'trung_binh', 'thap')),"
    " days INTEGER NOT NULL CHECK (days BETWEEN 0 AND 366),"
    " threshold INTEGER NOT NULL CHECK (threshold BETWEEN 0 AND 100),"
    " changed_at TEXT NOT NULL, changed_by TEXT NOT NULL);",

    /* 15: requests for explanation (issue #15): what the steering office
     * asked of a unit about a task or an indicator, and the dated steps that
     * follow (the unit's answer, the office's acceptance or return), both
     * append-only: the state as of any date is replayed from the steps. */
    "CREATE TABLE explanation_request ("
    " id INTEGER PRIMARY KEY,"
    " task_id INTEGER REFERENCES task(id),"
    " indicator_id INTEGER REFERENCES indicator(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " content TEXT NOT NULL, number TEXT,"
    " issued_on TEXT NOT NULL, due_on TEXT NOT NULL,"
    " created_at TEXT NOT NULL, created_by TEXT NOT NULL,"
    " CHECK ((task_id IS NULL) <> (indicator_id IS NULL)));"
    "CREATE INDEX explanation_request_by_agency ON explanation_request(agency_id);"
    "CREATE TABLE explanation_step ("
    " id INTEGER PRIMARY KEY,"
    " request_id INTEGER NOT NULL REFERENCES explanation_request(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('answer', 'accept', 'return')),"
    " taken_on TEXT NOT NULL, new_due TEXT,"
    " explanation TEXT, remedy TEXT, comment TEXT,"
    " created_at TEXT NOT NULL, created_by TEXT NOT NULL);"
    "CREATE INDEX explanation_step_by_request ON explanation_step(request_id, id);"
    "CREATE TRIGGER explanation_request_no_update BEFORE UPDATE ON explanation_request"
    " BEGIN SELECT RAISE(ABORT, 'requests are append-only'); END;"
    "CREATE TRIGGER explanation_request_no_delete BEFORE DELETE ON explanation_request"
    " BEGIN SELECT RAISE(ABORT, 'requests are append-only'); END;"
    "CREATE TRIGGER explanation_step_no_update BEFORE UPDATE ON explanation_step"
    " BEGIN SELECT RAISE(ABORT, 'request steps are append-only'); END;"
    "CREATE TRIGGER explanation_step_no_delete BEFORE DELETE ON explanation_step"
    " BEGIN SELECT RAISE(ABORT, 'request steps are append-only'); END;",

    /* 16: the report as the office sends it (issue #14): a document's meeting
     * ("Phiên họp thứ hai của Ban Chỉ đạo"), its date and a summary for the
     * report's paragraph; named document sets (a rule on the issuer and/or
     * kind, or an explicit list of documents). */
    "ALTER TABLE document ADD COLUMN meeting TEXT;"
    "ALTER TABLE document ADD COLUMN meeting_date TEXT;"
    "ALTER TABLE document ADD COLUMN summary TEXT;"
    "CREATE TABLE document_set ("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " issuer TEXT, kind TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL);"
    "CREATE TABLE document_set_member ("
    " set_id INTEGER NOT NULL REFERENCES document_set(id) ON DELETE CASCADE,"
    " document_id INTEGER NOT NULL REFERENCES document(id),"
    " PRIMARY KEY (set_id, document_id));",

    /* 17: approval of progress reports (issue #15). The unit leader role
     * (lanh_dao_don_vi, stored "unit_leader") widens two CHECK constraints,
     * which SQLite changes only by rebuilding the table (db_migrate() runs
     * migrations with foreign keys off and checks them before committing).
     * A unit may require approval of its staff's reports; a report entered
     * then is marked needs_approval; review steps are append-only and any
     * change to them or to the counting rule moves the structure generation,
     * so the read model reloads the windows they give (core/approval.h). */
    "CREATE TABLE app_user_new ("
    " id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " display_name TEXT NOT NULL, password_hash TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit_leader', 'unit', 'viewer')),"
    " agency_id INTEGER REFERENCES agency(id), active INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " CHECK (role NOT IN ('unit', 'unit_leader') OR agency_id IS NOT NULL));"
    "INSERT INTO app_user_new SELECT * FROM app_user;"
    "DROP TABLE app_user;"
    "ALTER TABLE app_user_new RENAME TO app_user;"
    "CREATE TABLE api_token_new ("
    " id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit_leader', 'unit', 'viewer')),"
    " agency_id INTEGER REFERENCES agency(id), created_by INTEGER REFERENCES app_user(id),"
    " created_at TEXT NOT NULL, revoked_at TEXT,"
    " CHECK (role NOT IN ('unit', 'unit_leader') OR agency_id IS NOT NULL));"
    "INSERT INTO api_token_new SELECT * FROM api_token;"
    "DROP TABLE api_token;"
    "ALTER TABLE api_token_new RENAME TO api_token;"
    "ALTER TABLE progress_report ADD COLUMN needs_approval INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX progress_awaiting_approval ON progress_report(id) WHERE needs_approval = 1;"
    "CREATE TABLE unit_approval ("
    " agency_id INTEGER PRIMARY KEY REFERENCES agency(id), required INTEGER NOT NULL,"
    " changed_at TEXT NOT NULL, changed_by TEXT NOT NULL);"
    "CREATE TABLE progress_review ("
    " id INTEGER PRIMARY KEY,"
    " report_id INTEGER NOT NULL REFERENCES progress_report(id),"
    " step TEXT NOT NULL CHECK (step IN ('approve', 'reject', 'accept', 'return')),"
    " taken_on TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL, created_by TEXT NOT NULL,"
    " UNIQUE (report_id, step));"
    "CREATE TRIGGER progress_review_no_update BEFORE UPDATE ON progress_review"
    " BEGIN SELECT RAISE(ABORT, 'review steps are append-only'); END;"
    "CREATE TRIGGER progress_review_no_delete BEFORE DELETE ON progress_review"
    " BEGIN SELECT RAISE(ABORT, 'review steps are append-only'); END;"
    "CREATE TRIGGER progress_review_generation_insert AFTER INSERT ON progress_review"
    " BEGIN UPDATE data_generation SET n = n + 1, structure = structure + 1; END;"
    "CREATE TABLE count_policy ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " policy TEXT NOT NULL CHECK (policy IN ('da_gui', 'da_chap_nhan', 'tat_ca')),"
    " changed_at TEXT NOT NULL, changed_by TEXT NOT NULL);"
    "INSERT INTO count_policy VALUES (1, 'da_gui', '', 'schema');"
    "CREATE TRIGGER count_policy_generation_update AFTER UPDATE ON count_policy"
    " BEGIN UPDATE data_generation SET n = n + 1, structure = structure + 1; END;",
};
#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int db_schema_version(void)
{
    return N_MIGRATIONS;
}

/* A lock still held after the bounded wait is ERR_BUSY (the caller may try again later). */
static enum err_kind kind_of(int rc)
{
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? ERR_BUSY : ERR_STORAGE;
}

int db_error(struct db *db, const char *what, struct err *e)
{
    return err_set(e, kind_of(sqlite3_extended_errcode(db->conn)), "%s: %s", what,
                   sqlite3_errmsg(db->conn));
}

/* The path is not in the message: it may reach a web client; the command line adds it. */
int db_exec(struct db *db, const char *sql, struct err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return 0;
    int ret = err_set(e, kind_of(rc), "database error: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return ret;
}

int db_prepare(struct db *db, const char *sql, sqlite3_stmt **st, struct err *e)
{
    if (sqlite3_prepare_v2(db->conn, sql, -1, st, NULL) == SQLITE_OK)
        return 0;
    *st = NULL;
    return db_error(db, "cannot prepare a query", e);
}

int db_prepare_cached(struct db *db, const char *sql, sqlite3_stmt **st, struct err *e)
{
    size_t i = 0;
    while (i < db->n_cached && strcmp(db->cached[i].sql, sql))
        i++;
    if (i < db->n_cached && !sqlite3_stmt_busy(db->cached[i].st)) {
        *st = db->cached[i].st;
        return 0;
    }
    /* In use higher up the stack, or no room left: a statement of its own. */
    if (i < db->n_cached || db->n_cached == DB_STMT_CACHE)
        return db_prepare(db, sql, st, e);
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return db_error(db, "cannot prepare a query", e);
    }
    db->cached[db->n_cached].sql = xstrdup(sql);
    db->cached[db->n_cached++].st = *st;
    return 0;
}

void db_finish_cached(struct db *db, sqlite3_stmt *st)
{
    for (size_t i = 0; st && i < db->n_cached; i++) {
        if (db->cached[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return;
        }
    }
    sqlite3_finalize(st);
}

int db_step_done(struct db *db, sqlite3_stmt *st, struct err *e)
{
    int rc;
    while (db_row(st, &rc))
        ;
    if (rc == SQLITE_DONE)
        return 0;
    return db_error(db, "cannot write to the database", e);
}

void db_bind_text(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, col);
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

char *db_col_dup(sqlite3_stmt *st, int col)
{
    return xstrdup(db_col_text(st, col));
}

void db_timestamp(char out[DB_TS_LEN])
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(out, DB_TS_LEN, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
}

int db_import_run(struct db *db, const char *file, const char *format, long *id,
                  struct err *e)
{
    char at[DB_TS_LEN];
    db_timestamp(at);
    const char *args[] = { at, file ? file : "", format };
    int ret = db_run(db, "INSERT INTO import_run (at, file, format, summary) VALUES (?, ?, ?, '')",
                     args, 3, e);
    *id = ret ? 0 : db_last_id(db);
    return ret;
}

struct date db_col_date(sqlite3_stmt *st, int col)
{
    struct date d = DATE_NONE;
    if (sqlite3_column_type(st, col) != SQLITE_NULL)
        date_parse_iso(db_col_text(st, col), &d);
    return d;
}

void db_bind_date(sqlite3_stmt *st, int col, struct date d)
{
    char iso[DATE_ISO_LEN];
    date_iso(d, iso);
    if (*iso)
        db_bind_text(st, col, iso);
    else
        sqlite3_bind_null(st, col);
}

long db_last_id(struct db *db)
{
    return (long)sqlite3_last_insert_rowid(db->conn);
}

int db_query_id(struct db *db, const char *sql, const char *arg, long *id, struct err *e)
{
    sqlite3_stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    db_bind_text(st, 1, arg);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_finish_cached(db, st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, "cannot read", e);
}

int db_run(struct db *db, const char *sql, const char *const *args, int n, struct err *e)
{
    sqlite3_stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    for (int i = 0; i < n; i++)
        db_bind_text(st, i + 1, args[i]);
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

static int user_version(struct db *db, int *v, struct err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, "PRAGMA user_version", &st, e))
        return e->kind;
    *v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

static int foreign_keys_hold(struct db *db, int version, struct err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, "PRAGMA foreign_key_check", &st, e))
        return e->kind;
    int rc = sqlite3_step(st);
    char table[128] = "";
    if (rc == SQLITE_ROW)
        snprintf(table, sizeof(table), "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return err_set(e, ERR_STORAGE,
                       "migration to schema %d would break a reference from table %s", version,
                       table);
    return rc == SQLITE_DONE ? 0 : db_error(db, "cannot check the references", e);
}

int db_migrate(struct db *db, struct err *e)
{
    int v = 0;
    if (user_version(db, &v, e))
        return e->kind;
    if (v > N_MIGRATIONS)
        return err_set(e, ERR_STORAGE,
                       "'%s' was written by a newer giamsat (schema %d, this one knows %d)",
                       db->path, v, N_MIGRATIONS);
    if (v == N_MIGRATIONS)
        return 0;
    /* SQLite's way to change a table (a rebuild): foreign keys off outside the
     * transaction, checked in full before it commits. */
    int ret = db_exec(db, "PRAGMA foreign_keys = OFF", e);
    for (; v < N_MIGRATIONS && !ret; v++) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
        if (db_begin(db, e) || db_exec(db, migrations[v], e) || db_exec(db, pragma, e) ||
            foreign_keys_hold(db, v + 1, e) || db_commit(db, e)) {
            db_rollback(db);
            ret = e->kind ? e->kind : ERR_STORAGE;
        }
    }
    struct err ignored = ERR_INIT;
    db_exec(db, "PRAGMA foreign_keys = ON", ret ? &ignored : e);
    return ret ? ret : e->kind;
}

/*
 * giamsat_has_target(target_text, unit): 1 when target_parse() reads the
 * text as a target (not a heading without one). The indicator
 * reconciliation counts with it in SQL, apart from the indicator list, so
 * the two counts share the reading of a target and nothing else.
 */
static void has_target_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct target t = TARGET_INIT;
    (void)argc;
    target_parse(&t, (const char *)sqlite3_value_text(argv[0]),
                 (const char *)sqlite3_value_text(argv[1]));
    sqlite3_result_int(ctx, t.kind != TARGET_NONE);
    target_release(&t);
}

/*
 * Per connection: WAL (readers never wait for the writer), foreign keys,
 * a page cache (32 MiB) and memory map (256 MiB) large enough that an
 * import of tens of thousands of rows does not read the same pages from
 * the kernel again for every row, and statement journals in memory (on
 * disk they cost dozens of writes per imported row).
 */
#define DB_PRAGMAS                                                                                \
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;"            \
    " PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;"

/*
 * A connection of the server's pool serves read after read of a database
 * that grows to gigabytes (years of reports): mmap all of it that SQLite
 * allows (2 GiB less 64 KiB, its usual compile-time cap; the pages live
 * once, in the kernel's cache, however many connections read them) and
 * give each connection a private cache of 64 MiB for the rest. At most
 * the pool's 16 connections: 1 GiB of private cache at the very worst.
 */
#define DB_SERVER_PRAGMAS "PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112;"

int db_tune_for_server(struct db *db, struct err *e)
{
    return db_exec(db, DB_SERVER_PRAGMAS, e);
}

/* giamsat_match_key(name): text_match_key(), for migration 10. */
static void match_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char *key = text_match_key((const char *)sqlite3_value_text(argv[0]));
    sqlite3_result_text(ctx, key, -1, free);
}

/*
 * SQLite counts every allocation under one global mutex unless told not
 * to; with the server's threads reading at once that mutex was a fifth of
 * a task page. Nothing here reads those counters. Must precede
 * sqlite3_initialize(), so it runs once before the first connection.
 */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open(const char *path, struct db **out, struct err *e)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    struct db *db = xcalloc(1, sizeof(*db));
    db->path = xstrdup(path);
    *out = NULL;
    /* NOMUTEX: a connection is used by one thread at a time (web/dbpool.h lends it). */
    if (sqlite3_open_v2(path, &db->conn,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        err_set(e, ERR_STORAGE, "cannot open '%s': %s", path,
                db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
        db_close(db);
        return ERR_STORAGE;
    }
    sqlite3_busy_timeout(db->conn, DB_BUSY_WAIT_MS);
    sqlite3_create_function_v2(db->conn, "giamsat_match_key", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, match_key_fn, NULL, NULL,
                               NULL);
    sqlite3_create_function_v2(db->conn, "giamsat_has_target", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, has_target_fn, NULL, NULL,
                               NULL);
    if (db_exec(db, DB_PRAGMAS, e) ||
        db_migrate(db, e)) {
        err_prefix(e, "cannot open '%s'", path);
        db_close(db);
        return ERR_STORAGE;
    }
    *out = db;
    return 0;
}

/*
 * The writers of this process queue on a mutex before they ask SQLite for
 * its write lock. SQLite's busy handler polls with sleeps that grow to
 * 100 ms, so of 16 server threads writing at once the unlucky ones slept
 * again and again (a progress POST's p99 over a second); on the mutex the
 * next writer wakes when the last one commits. Other processes (the
 * command line) still meet SQLite's lock and its busy wait.
 */
static pthread_mutex_t writer = PTHREAD_MUTEX_INITIALIZER;

static void release_writer(struct db *db)
{
    if (!db->holds_writer)
        return;
    db->holds_writer = false;
    pthread_mutex_unlock(&writer);
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n_cached; i++) {
        sqlite3_finalize(db->cached[i].st);
        free(db->cached[i].sql);
    }
    sqlite3_close(db->conn); /* rolls back a transaction left open */
    release_writer(db);
    free(db->path);
    free(db);
}

int db_begin(struct db *db, struct err *e)
{
    pthread_mutex_lock(&writer);
    db->holds_writer = true;
    if (db_exec(db, "BEGIN IMMEDIATE", e)) {
        release_writer(db);
        return e->kind;
    }
    db->in_tx = true;
    return 0;
}

int db_begin_read(struct db *db, struct err *e)
{
    if (db_exec(db, "BEGIN", e))
        return e->kind;
    db->in_tx = true;
    return 0;
}

int db_read_begin(struct db *db, bool *began, struct err *e)
{
    *began = !db->in_tx;
    return *began ? db_begin_read(db, e) : 0;
}

void db_read_end(struct db *db, bool began)
{
    if (began)
        db_rollback(db); /* nothing was written: ending the read is all it does */
}

int db_commit(struct db *db, struct err *e)
{
    if (db_exec(db, "COMMIT", e))
        return e->kind;
    db->in_tx = false;
    release_writer(db);
    return 0;
}

bool db_is_idle(struct db *db)
{
    if (!sqlite3_get_autocommit(db->conn))
        return false;
    for (sqlite3_stmt *st = sqlite3_next_stmt(db->conn, NULL); st;
         st = sqlite3_next_stmt(db->conn, st))
        if (sqlite3_stmt_busy(st))
            return false; /* stepped and not reset: it holds a read snapshot */
    return true;
}

void db_rollback(struct db *db)
{
    if (db->in_tx)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    db->in_tx = false;
    release_writer(db);
}
