/*
 * cmd_backup: `giamsat backup FILE` (a consistent copy of the live
 * database, checked) and `giamsat restore FILE` (put such a copy back,
 * keeping the database it replaces).
 */
#include "cli.h"

#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void print_copy(const char *verb, const char *path, const struct db_copy_info *info)
{
    printf("%s '%s': %ld nhiệm vụ, %ld báo cáo tiến độ, %ld dòng nhật ký; lược đồ %d;"
           " kiểm tra toàn vẹn: ok\n",
           verb, path, info->tasks, info->reports, info->audit_lines, info->schema);
}

/* One positional FILE, or help; ERR_INVALID naming the command otherwise. */
static int file_arg(struct cli *c, int argc, char **argv, const char *cmd, const char **file,
                    bool *help)
{
    struct opt opts[] = { { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    if (args_parse(argc, argv, opts, pos, 1, &n_pos, help, &c->err))
        return c->err.kind;
    if (!*help && n_pos != 1)
        return err_set(&c->err, ERR_INVALID, "use 'giamsat %s FILE'", cmd);
    *file = n_pos ? pos[0] : NULL;
    return 0;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
    const char *file;
    bool help;
    if (file_arg(c, argc, argv, "backup", &file, &help))
        return c->err.kind;
    if (help)
        return cli_usage("backup");
    struct db_copy_info info;
    if (cli_open_existing(c) || db_backup(c->db, file, &info, &c->err))
        return c->err.kind;
    print_copy("Đã sao lưu vào", file, &info);
    return 0;
}

/*
 * Before a restore replaces it, the database is itself backed up beside
 * it ("giamsat.db.truoc-khoi-phuc-20261202-101500"): nothing is lost to a
 * restore of the wrong file.
 */
static int keep_current(struct cli *c, char **kept)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
    *kept = xasprintf("%s.truoc-khoi-phuc-%s", c->db_path, stamp);
    struct db_copy_info info;
    return db_backup(c->db, *kept, &info, &c->err);
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
    const char *file;
    bool help;
    if (file_arg(c, argc, argv, "restore", &file, &help))
        return c->err.kind;
    if (help)
        return cli_usage("restore");
    struct db_copy_info info;
    /* Checked before anything is opened or created: a bad file changes nothing. */
    if (db_check_copy(file, &info, &c->err))
        return c->err.kind;
    bool existed = access(c->db_path, F_OK) == 0;
    char *kept = NULL;
    int ret = db_open(c->db_path, &c->db, &c->err);
    if (!ret && existed)
        ret = keep_current(c, &kept);
    if (!ret)
        ret = db_restore(c->db, file, &info, &c->err);
    if (!ret) {
        if (kept)
            printf("Cơ sở dữ liệu trước khi khôi phục được giữ tại '%s'\n", kept);
        print_copy("Đã khôi phục từ", file, &info);
    }
    free(kept);
    return ret;
}
