/*
 * The tool that made tests/data/measurements_001.xlsx (a measurement table
 * as an office's spreadsheet has it: a title row, the header on row 3,
 * dates as Excel dates, numbers as numbers, a percent typed as "55%" so
 * that Excel keeps 0.55 with the format 0%, and a rank as text). The
 * numbers with three decimals (0.725, 18.125) are what a Vietnamese reading
 * of "0.725" would take for thousands (725): they must read as 0,725.
 * Not built by make; to make the file again:
 *
 *   cc tests/data/make_measurements_xlsx.c $(pkg-config --cflags --libs xlsxwriter) \
 *       -o /tmp/mkx && /tmp/mkx tests/data/measurements_001.xlsx
 */
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    lxw_workbook *wb = workbook_new(argv[1]);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Số đo");
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0%");
    const char *head[] = { "STT", "MÃ CHỈ TIÊU", "Ngày đo", "Giá trị", "Đơn vị",
                           "Nguồn số liệu", "Ghi chú" };
    worksheet_write_string(ws, 0, 0, "SỐ LIỆU CÁC CHỈ TIÊU NĂM 2025", NULL);
    for (lxw_col_t c = 0; c < 7; c++)
        worksheet_write_string(ws, 2, c, head[c], NULL);
    lxw_datetime end2025 = { 2025, 12, 31, 0, 0, 0 };
    /* row 4: a percent number (55% as Excel stores it) on a 2025 target with a floor and a stretch */
    worksheet_write_number(ws, 3, 0, 1, NULL);
    worksheet_write_string(ws, 3, 1, "KH2025.11", NULL);
    worksheet_write_datetime(ws, 3, 2, &end2025, dmy);
    worksheet_write_number(ws, 3, 3, 0.55, pct);
    worksheet_write_string(ws, 3, 5, "Bộ Y tế", NULL);
    /* row 5: a number with three decimals (0,725, not 725) */
    worksheet_write_number(ws, 4, 0, 2, NULL);
    worksheet_write_number(ws, 4, 1, 14, NULL);
    worksheet_write_datetime(ws, 4, 2, &end2025, dmy);
    worksheet_write_number(ws, 4, 3, 0.725, NULL);
    worksheet_write_string(ws, 4, 6, "Ước tính", NULL);
    /* row 6: a rank */
    worksheet_write_number(ws, 5, 0, 3, NULL);
    worksheet_write_number(ws, 5, 1, 33, NULL);
    worksheet_write_datetime(ws, 5, 2, &end2025, dmy);
    worksheet_write_string(ws, 5, 3, "thứ 9", NULL);
    /* row 7: the same measurement as row 4 of measurements_001.csv (a duplicate) */
    worksheet_write_number(ws, 6, 0, 4, NULL);
    worksheet_write_number(ws, 6, 1, 12, NULL);
    worksheet_write_datetime(ws, 6, 2, &end2025, dmy);
    worksheet_write_number(ws, 6, 3, 50, NULL);
    /* row 8: a share of GDP with three decimals (18,125% GDP, not 18125: over 100%) */
    worksheet_write_number(ws, 7, 0, 5, NULL);
    worksheet_write_number(ws, 7, 1, 10, NULL);
    worksheet_write_datetime(ws, 7, 2, &end2025, dmy);
    worksheet_write_number(ws, 7, 3, 18.125, NULL);
    worksheet_write_string(ws, 7, 6, "% GDP", NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
