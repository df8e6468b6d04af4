/*
 * batch: what an importer read from one file, before it is resolved and
 * stored. Importers (src/import/) fill a batch from bytes; the store
 * (src/store/) writes a resolved batch in one transaction.
 *
 * Every text field keeps the cell as written (after markup clean-up), so
 * nothing a user entered is lost between reading and storing. The batch
 * owns all its strings; batch_release() frees them.
 */
#ifndef GIAMSAT_BATCH_H
#define GIAMSAT_BATCH_H

#include "docref.h"
#include "progress.h"

#include <stdbool.h>
#include <stddef.h>

struct batch_task {
    size_t line;         /* source line (1-based) where the row starts */
    char *code;          /* key within its document: "16", "32.(3)", "2.5", or the Mã column */
    char *tt;            /* TT as written: "16.", "(3)" */
    char *name;
    char *field;         /* section / lĩnh vực title */
    char *lead;          /* Cơ quan chủ trì cell */
    char *coord;         /* Cơ quan phối hợp cell */
    char *output;        /* Kết quả */
    char *deadline;      /* Thời hạn as written */
    char *documents;     /* table imports: the Văn bản giao cell, or NULL */
    char *parent_code;   /* code of the parent task, or NULL */
    char *repeat_code;   /* code of the earlier task this one repeats, or NULL */
    long parent;         /* index of the parent in the batch, or -1 */
    int is_group;        /* has sub-tasks: not counted itself */
};

struct batch_indicator {
    size_t line;
    char *code;          /* "11.1" */
    char *parent_code;   /* "11", or NULL */
    char *name;
    char *unit;
    char *target;        /* as written: "≥ 80" */
    char *agency;        /* monitoring agency cell */
    char *field;         /* group heading ("Chính phủ số"), or NULL */
    int horizon;         /* 2030, 2045 */
};

struct batch_reject {
    size_t line;
    char *reason;
};

struct batch {
    const char *format;          /* "program", "indicators", "plan", "table", "progress" (static) */
    struct docref document;      /* the source document; kind may be NULL for tables */
    char *document_title;        /* title for documents without number ("Kế hoạch ...") */
    struct batch_task *tasks;
    size_t n_tasks, cap_tasks;
    struct batch_indicator *indicators;
    size_t n_indicators, cap_indicators;
    struct batch_reject *rejects;
    size_t n_rejects, cap_rejects;
    struct progress_row *progress; /* format "progress": reports, as written */
    size_t n_progress, cap_progress;
    struct batch_code_index *codes; /* batch_find_task()'s index, made by batch_add_task() */
    /* Progress tables: */
    char *progress_date;     /* the date a result header gives ("Kết quả (đến ngày 10/5/2025)") */
    bool progress_dated;     /* the table has a report date column */
    bool progress_has_unit;  /* the table has a unit column (else --unit must name it) */
    size_t skipped_headings; /* heading, part, section and group rows: nothing reported */
    size_t sections;         /* heading rows among them (a TT that is no task number) */
    struct batch_reject *skipped; /* those rows: line and their cells, as read ("reason") */
    size_t n_skipped, cap_skipped;
};

#define BATCH_INIT { NULL, DOCREF_INIT, NULL, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0 }

/** Append an empty task (all strings NULL, parent -1) and return it. */
struct batch_task *batch_add_task(struct batch *b, size_t line);
struct batch_indicator *batch_add_indicator(struct batch *b, size_t line);
/** Append an empty progress row (all fields NULL) and return it. */
struct progress_row *batch_add_progress(struct batch *b, size_t line);
/** Record a rejected row; takes ownership of reason. */
void batch_reject(struct batch *b, size_t line, char *reason);
/** Record a row skipped as reporting nothing (counted in skipped_headings); takes ownership of text. */
void batch_skip(struct batch *b, size_t line, char *text);
/**
 * Index of the first task with this code, or -1. Constant time: tasks are
 * indexed as they are looked up, so a code must be set before the next
 * lookup and not changed after.
 */
long batch_find_task(const struct batch *b, const char *code);
void batch_release(struct batch *b);

#endif
