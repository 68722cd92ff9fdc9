// Writes small real xlsx files as seeds for the xlsx_reader fuzz target: binary seeds are
// made at build time by scripts/fuzz instead of being committed. Usage: make_xlsx_seeds DIR

#include <xlsxwriter.h>

#include <cstdio>
#include <string>

namespace {

bool Write(const std::string& path, bool constant_memory) {
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) return false;
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Deltagare");
    lxw_worksheet* second = workbook_add_worksheet(workbook, "Övrigt");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_datetime start = {2024, 2, 29, 0, 0, 0};
    worksheet_write_string(sheet, 0, 0, "Namn", nullptr);
    worksheet_write_string(sheet, 0, 1, "Start", nullptr);
    worksheet_write_string(sheet, 0, 2, "Timmar", nullptr);
    worksheet_write_string(sheet, 1, 0, "Åsa Öberg", nullptr);
    worksheet_write_datetime(sheet, 1, 1, &start, date);
    worksheet_write_number(sheet, 1, 2, 12.5, nullptr);
    worksheet_write_boolean(sheet, 3, 3, 1, nullptr);
    worksheet_write_formula_str(sheet, 4, 0, "=A2", nullptr, "Åsa Öberg");
    worksheet_write_number(second, 2, 1, 7, nullptr);
    return workbook_close(workbook) == LXW_NO_ERROR;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_xlsx_seeds DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    if (!Write(dir + "/xlsxwriter.xlsx", false) || !Write(dir + "/xlsxwriter_constant_memory.xlsx", true)) {
        std::fprintf(stderr, "make_xlsx_seeds: writing failed\n");
        return 1;
    }
    return 0;
}
