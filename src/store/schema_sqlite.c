/*
 * schema_sqlite: the SQLite schema as its migrations, in order; see
 * schema_sqlite.h.
 */
#include "schema_sqlite.h"

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
const char *const sqlite_migrations[] = {
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

    /* 18: notifications (issue #15): a user's e-mail address, the in-app
     * inbox and the mail queue (store_notify.h). `dedup` makes every
     * notification and every mail idempotent (user+kind+item+date): a job
     * that runs again adds nothing. A mail moves queued -> sending -> sent
     * (or back to queued with a later next_at, or failed); a row left in
     * 'sending' by a crash is never resent by itself (docs/NOTIFY.md). */
    "ALTER TABLE app_user ADD COLUMN email TEXT;"
    "CREATE TABLE notification ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES app_user(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('request', 'answered', 'returned', 'deadline',"
    "  'warning', 'report_returned', 'digest')),"
    " dedup TEXT NOT NULL UNIQUE,"
    " title TEXT NOT NULL, body TEXT NOT NULL, link TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL, read_at TEXT);"
    "CREATE INDEX notification_by_user ON notification(user_id, read_at, id);"
    "CREATE TABLE mail_queue ("
    " id INTEGER PRIMARY KEY,"
    " dedup TEXT NOT NULL UNIQUE,"
    " recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent',"
    "  'failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_at INTEGER NOT NULL,"
    " last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT);"
    "CREATE INDEX mail_queue_due ON mail_queue(state, next_at);",

    /* 19: the administrative frame reports are issued in (issue #14): one row
     * per setting of core/frame.h an administrator gave (`giamsat frame set`);
     * a setting with no row gets the unsigned draft's placeholder. */
    "CREATE TABLE report_frame ("
    " key TEXT PRIMARY KEY CHECK (key IN ('issuer', 'number', 'place', 'signer',"
    "  'recipients')),"
    " value TEXT NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL);",

    /* 20: whether an indicator's target text reads as a target, stored when
     * it is written (the reconciliation counted it with an SQL callback into
     * core, which no other engine has). giamsat_has_target() exists for this
     * migration only. */
    "ALTER TABLE indicator ADD COLUMN has_target INTEGER NOT NULL DEFAULT 0;"
    "UPDATE indicator SET has_target = giamsat_has_target(target_text, unit);",
};
const int sqlite_n_migrations = (int)(sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0]));
