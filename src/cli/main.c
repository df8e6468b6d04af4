/* main: the giamsat executable; everything happens in cli_main(). */
#include "util/collate.h"

int cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
    int status = cli_main(argc, argv);
    collate_shutdown();
    return status;
}
