/*
 * dump_schema: prints the SQL of src/store/schema_pg.c's migrations, in order,
 * one per block with a comment naming its version, for psql (`make
 * pg-schema-test`, tests/pg/schema-compare.sh). With a version argument only
 * the steps above it (what a database at that version still needs).
 */
#include "store/schema_pg.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    long from = 0;
    if (argc > 2 || (argc == 2 && sscanf(argv[1], "%ld", &from) != 1)) {
        fprintf(stderr, "usage: dump_schema [FROM_VERSION]\n");
        return 2;
    }
    for (size_t i = 0; i < pg_n_migrations; i++) {
        if (pg_migrations[i].version <= from)
            continue;
        printf("-- schema %d\n%s\n", pg_migrations[i].version, pg_migrations[i].sql);
    }
    return ferror(stdout) || fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
