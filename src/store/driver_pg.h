/*
 * driver_pg: the PostgreSQL driver (db_driver.h's db_driver_pg), through
 * libpq. Nothing outside the driver calls it directly: db_open() picks it
 * for a postgresql:// (or postgres://) URI. The file's top comment says
 * how statements, transactions and failures map onto PostgreSQL's.
 */
#ifndef GIAMSAT_DRIVER_PG_H
#define GIAMSAT_DRIVER_PG_H

#include "db_driver.h"

#endif
