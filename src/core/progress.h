/*
 * progress: progress reports (báo cáo tiến độ) as a unit enters them —
 * the cells as written — and the rules that read and check them.
 *
 * A report belongs to one assignment (task x lead unit) and is dated. A
 * completion is a report that states the completion date and the output;
 * a reopening is a report too. Reports are never overwritten: the store
 * appends, and status.c replays them.
 *
 * progress_read() turns the text of one report into typed values; the
 * store then resolves the task and unit and calls progress_check() with
 * what it found. Both return a reason a person can act on when the report
 * cannot be accepted. No I/O.
 */
#ifndef GIAMSAT_PROGRESS_H
#define GIAMSAT_PROGRESS_H

#include "date.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

/* One report as written (every field owned; NULL when absent). */
struct progress_row {
    size_t line;        /* source line; 0 for the command line */
    char *task_id;      /* giamsat task id (command line) */
    char *task_code;    /* Mã */
    char *task_name;    /* Tên nhiệm vụ */
    char *document;     /* Văn bản giao: narrows a code or name to one document */
    char *unit;         /* Đơn vị / Cơ quan chủ trì */
    char *reported_on;  /* Ngày báo cáo */
    char *done;         /* Hoàn thành: có/không, x, 1, đã hoàn thành, mở lại */
    char *completed_on; /* Ngày hoàn thành */
    char *output;       /* Văn bản kết quả */
    char *result;       /* Kết quả (đến ngày ...) */
    char *next;         /* Dự kiến kết quả kỳ tới */
    char *issues;       /* Vướng mắc, kiến nghị */
    char *percent;      /* Tỷ lệ / tiến độ (%) */
    char *attachment;   /* reference to an attached file */
    char *other;        /* "Header: value" lines of the table's other columns, kept as written */
    char *lead_text;    /* "Cơ quan chủ trì" as the unit copied it, when --unit names the unit */
    char *tt;           /* the table's own numbering (TT), or NULL; also kept in other */
    size_t section;     /* tables: 1 + the heading rows above it (rows whose TT is blank
                           or no task number: "I", "1. NHIỆM VỤ RIÊNG"), so rows between
                           two headings share one (the TT is read within a section) */
};

/* What a row means once read. */
struct progress_entry {
    enum progress_kind kind;
    struct date reported_on;
    struct date completed_on; /* PROGRESS_DONE only */
    bool completed_on_given;  /* false: defaulted to the report date */
    int percent;              /* 0..100, or -1 */
};

/**
 * Read a row's date, completion flag, completion date and percent.
 * Returns 0, or -1 with *reason set to a newly allocated message (free it)
 * naming the field and the text as written.
 * A completion without Ngày hoàn thành is dated on the report date (the
 * latest it can be) and completed_on_given is false so the store keeps
 * the fact.
 */
int progress_read(const struct progress_row *row, struct progress_entry *out, char **reason);

/* What the store found out about the row's task and unit. */
struct progress_context {
    struct date today;         /* the import's date: no report from the future */
    struct date document_date; /* earliest document of the task, or unset */
    bool unit_is_lead;         /* the unit has an assignment on the task */
    const char *unit_name;     /* canonical, for messages */
    long task_id;
};

/**
 * Check an entry against the task: no date in the future of the import,
 * a completion date neither after the report date nor before the task's
 * document date, and the unit a lead unit of the task.
 * Returns 0, or -1 with *reason (newly allocated).
 */
int progress_check(const struct progress_entry *en, const struct progress_context *ctx,
                   char **reason);

/*
 * The rules of a report a person enters, one at a time — the web form, POST
 * /api/v1/progress and `giamsat progress add` (not the rows of an imported
 * table, whose history may lack them): a report says something (a result,
 * next steps, issues, a percentage, or a completion); a reopening gives its
 * reason (the result); a completion cites its output document with its
 * number/symbol and its date of issue ("Quyết định số 12/QĐ-BNV ngày
 * 19/12/2025", "Số 12/BC-BNV ngày 20/12/2025"). Each lack has one
 * Vietnamese message, the one every front-end shows.
 */
enum progress_lack {
    PROGRESS_LACKS_CONTENT = 1u << 0,       /* nothing said */
    PROGRESS_LACKS_REASON = 1u << 1,        /* a reopening without its reason */
    PROGRESS_LACKS_OUTPUT_NUMBER = 1u << 2, /* a completion whose output cites no number/symbol */
    PROGRESS_LACKS_OUTPUT_DATE = 1u << 3,   /* a completion whose output cites no date of issue */
};

/**
 * What row, entered by a person, lacks: an OR of enum progress_lack, 0 when
 * nothing. A row whose Hoàn thành cannot be read lacks nothing here
 * (progress_read() refuses it).
 */
unsigned progress_entry_lacks(const struct progress_row *row);

/** The message of one lack (a single bit), static: "Nhập lý do mở lại". */
const char *progress_lack_message(enum progress_lack lack);

/** Every message of lacks joined with "; " (newly allocated, free()); NULL when lacks is 0. */
char *progress_lacks_reason(unsigned lacks);

/**
 * The output document cited as a completion cites it, from its number and
 * symbol and its date of issue: "Số 12/BC-BNV ngày 20/12/2025" ("Số " is
 * added when number starts with a digit). NULL when number is NULL; else
 * newly allocated (free()).
 */
char *progress_output_cite(const char *number, struct date issued);

/** Free the strings of a row (not the row). */
void progress_row_release(struct progress_row *row);

#endif
