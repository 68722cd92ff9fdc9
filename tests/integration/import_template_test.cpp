// Use case: download the import template (issue 4, item 1). The workbook is read back two
// ways: LibreOffice converts every sheet to CSV (a real third-party reader sees the headers
// of the data sheet and the labels of the hidden list sheet), and the sheet XML inside the
// zip is read with `unzip -p` to check the drop-down validations, which a CSV cannot show.
// The LibreOffice tests are skipped when soffice is missing; scripts/setup installs it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "io/import_columns.hpp"
#include "io/template_content.hpp"
#include "io/template_writer.hpp"
#include "support/libreoffice.hpp"

namespace {

namespace fs = std::filesystem;
namespace io = foljsam::io;

const io::TemplateOptions kOptions{{"FINSAM-team", "Novum"}, {"Stockholms stad", "Region Stockholm"}};

// RFC 4180 records: ',' between fields, '"' quotes, doubled inside; line breaks in quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t pos = 0; pos < text.size(); ++pos) {
        const char ch = text[pos];
        if (quoted) {
            if (ch == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
                field += '"';
                ++pos;
            } else if (ch == '"') {
                quoted = false;
            } else {
                field += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else {
            field += ch;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// "A".."Z", "AA".. for a 0-based column index.
std::string Letters(size_t col) {
    std::string letters;
    for (size_t value = col + 1; value > 0; value = (value - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (value - 1) % 26));
    return letters;
}

// 0-based column index of "A".."Z", "AA"...
size_t ColumnIndex(const std::string& letters) {
    size_t value = 0;
    for (char ch : letters) value = value * 26 + static_cast<size_t>(ch - 'A' + 1);
    return value - 1;
}

std::string Unescape(std::string text) {
    const std::pair<const char*, const char*> entities[] = {
        {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [entity, plain] : entities)
        for (size_t pos; (pos = text.find(entity)) != std::string::npos;) text.replace(pos, strlen(entity), plain);
    return text;
}

// One <dataValidation> of a sheet: its attributes (unescaped) and its <formula1>.
struct Validation {
    std::map<std::string, std::string> attributes;
    std::string formula;
    std::string Attr(const std::string& name) const {
        auto it = attributes.find(name);
        return it == attributes.end() ? "" : it->second;
    }
};

std::vector<Validation> Validations(const std::string& xml) {
    std::vector<Validation> out;
    const std::regex attribute_re("([A-Za-z:]+)=\"([^\"]*)\"");
    for (size_t pos = 0; (pos = xml.find("<dataValidation ", pos)) != std::string::npos;) {
        const size_t tag_end = xml.find('>', pos);
        const std::string tag = xml.substr(pos, tag_end - pos);
        Validation validation;
        for (std::sregex_iterator it(tag.begin(), tag.end(), attribute_re), last; it != last; ++it)
            validation.attributes[(*it)[1].str()] = Unescape((*it)[2].str());
        pos = tag_end;
        if (xml[tag_end - 1] != '/') {
            const size_t end = xml.find("</dataValidation>", tag_end);
            const size_t f1 = xml.find("<formula1>", tag_end);
            if (f1 != std::string::npos && f1 < end)
                validation.formula = xml.substr(f1 + 10, xml.find("</formula1>", f1) - f1 - 10);
            pos = end;
        }
        out.push_back(std::move(validation));
    }
    return out;
}

using foljsam::testing::HasLibreOffice;
using foljsam::testing::XlsxSheetsToCsvWithLibreOffice;

// One workbook, and at most one LibreOffice run (seconds each), for the whole suite.
class ImportTemplate : public ::testing::Test {
   public:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("foljsam-template-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "csv");
        xlsx_ = dir_ / "mall.xlsx";
        written_ = io::WriteTemplateXlsx(xlsx_, kOptions);
        converted_ = false;
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

   protected:
    void SetUp() override { ASSERT_TRUE(written_.ok()) << written_.message() << " " << written_.internal(); }

    // Every sheet as its own CSV file in dir_/csv, "mall-<sheet>.csv".
    static void ConvertToCsv() {
        if (converted_) return;
        ASSERT_NO_THROW(XlsxSheetsToCsvWithLibreOffice(xlsx_, dir_ / "csv"));
        converted_ = true;
    }
    std::vector<std::vector<std::string>> Sheet(const std::string& name) {
        const fs::path path = dir_ / "csv" / ("mall-" + name + ".csv");
        EXPECT_TRUE(fs::exists(path)) << path;
        return ParseCsv(ReadFile(path));
    }

    // The bytes of one zip entry of the workbook.
    std::string Entry(const std::string& name) {
        const std::string command = "unzip -p '" + xlsx_.string() + "' '" + name + "' 2>/dev/null";
        std::string out;
        FILE* pipe = popen(command.c_str(), "r");
        EXPECT_NE(pipe, nullptr) << command;
        if (pipe == nullptr) return out;
        char buffer[8192];
        for (size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, got);
        EXPECT_EQ(pclose(pipe), 0) << command << " (is unzip installed?)";
        return out;
    }
    // The zip entry of sheet `name`, found through workbook.xml and its relationships.
    std::string SheetXml(const std::string& name) {
        const std::string workbook = Entry("xl/workbook.xml");
        std::smatch sheet;
        const std::regex sheet_re("<sheet name=\"" + name + "\"[^>]*r:id=\"([^\"]+)\"");
        EXPECT_TRUE(std::regex_search(workbook, sheet, sheet_re)) << workbook;
        const std::string rels = Entry("xl/_rels/workbook.xml.rels");
        std::smatch target;
        const std::regex target_re("Id=\"" + sheet[1].str() + "\"[^>]*Target=\"([^\"]+)\"");
        EXPECT_TRUE(std::regex_search(rels, target, target_re)) << rels;
        const std::string path = target[1].str();
        return Entry(path.rfind('/', 0) == 0 ? path.substr(1) : "xl/" + path);
    }

    static inline fs::path dir_, xlsx_;
    static inline foljsam::Status written_;
    static inline bool converted_ = false;
};

bool Offered(const io::ColumnSpec& spec) {
    return spec.kind == io::ValueKind::kCode || spec.kind == io::ValueKind::kCodes ||
           spec.kind == io::ValueKind::kYesNo || spec.kind == io::ValueKind::kConsent ||
           spec.column == io::Column::kInsats || spec.column == io::Column::kAnmalandePart ||
           spec.column == io::Column::kFolkbokforingskommun || spec.column == io::Column::kStadsdel;
}

TEST_F(ImportTemplate, LibreOfficeSeesEveryHeaderInOrderOnTheDataSheet) {
    if (!HasLibreOffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed; run scripts/setup";
    ASSERT_NO_FATAL_FAILURE(ConvertToCsv());
    const auto rows = Sheet("Deltagare");
    ASSERT_EQ(rows.size(), 1u) << "the header row and nothing else";
    const auto& columns = io::TemplateColumns();
    ASSERT_EQ(rows[0].size(), columns.size());
    for (size_t idx = 0; idx < columns.size(); ++idx) EXPECT_EQ(rows[0][idx], columns[idx].header) << idx;
}

TEST_F(ImportTemplate, EachDropDownPointsAtItsLabelsOnTheHiddenListSheet) {
    if (!HasLibreOffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed; run scripts/setup";
    ASSERT_NO_FATAL_FAILURE(ConvertToCsv());
    const auto lists = Sheet("Listor");
    ASSERT_GE(lists.size(), 2u);
    auto column_of = [&](size_t col) {
        std::vector<std::string> values;
        for (size_t row = 1; row < lists.size(); ++row)
            if (col < lists[row].size() && !lists[row][col].empty()) values.push_back(lists[row][col]);
        return values;
    };
    std::string all;
    for (const auto& row : lists)
        for (const auto& field : row) all += field + "\n";
    for (const char* label : {"Förgymnasial utbildning", "Stockholm", "Järva", "Hemlös", "Okänd", "FINSAM-team",
                              "Region Stockholm", "Egenanmälan", "Annan", "Ja", "Nej", "Unga 16–29 år"})
        EXPECT_NE(all.find(std::string(label) + "\n"), std::string::npos) << label;

    // Every drop-down's range is exactly the values under its list's header.
    const std::regex range_re(R"(^Listor!\$([A-Z]+)\$2:\$([A-Z]+)\$(\d+)$)");
    const io::TemplateLists expected = io::BuildTemplateLists(kOptions);
    const auto& columns = io::TemplateColumns();
    size_t checked = 0;
    for (const auto& validation : Validations(SheetXml("Deltagare"))) {
        if (validation.Attr("type") != "list") continue;
        ++checked;
        std::smatch range;
        ASSERT_TRUE(std::regex_match(validation.formula, range, range_re)) << validation.formula;
        const size_t list_col = ColumnIndex(range[1].str());
        const size_t data_col =
            ColumnIndex(validation.Attr("sqref").substr(0, validation.Attr("sqref").find_first_of("0123456789")));
        ASSERT_LT(data_col, columns.size());
        const auto& list = expected.lists.at(expected.list_of_column.at(data_col).value());
        EXPECT_EQ(lists[0].at(list_col), list.title) << columns[data_col].header;
        EXPECT_EQ(std::stoul(range[3].str()), list.values.size() + 1) << columns[data_col].header;
        EXPECT_EQ(column_of(list_col), list.values) << columns[data_col].header;
    }
    size_t offered = 0;
    for (const auto& list_idx : expected.list_of_column) offered += list_idx.has_value();
    EXPECT_EQ(checked, offered) << "one drop-down per column with a list";
}

TEST_F(ImportTemplate, CodedColumnsHaveListValidationsOverEveryDataRow) {
    const auto validations = Validations(SheetXml("Deltagare"));
    const auto& columns = io::TemplateColumns();
    for (size_t idx = 0; idx < columns.size(); ++idx) {
        const std::string data_range = Letters(idx) + "2:" + Letters(idx) + "1048576";
        const Validation* found = nullptr;
        for (const auto& validation : validations)
            if (validation.Attr("sqref") == data_range) found = &validation;
        ASSERT_NE(found, nullptr) << columns[idx].header << ": no validation on " << data_range;
        EXPECT_EQ(found->Attr("type") == "list", Offered(columns[idx])) << columns[idx].header;
        EXPECT_EQ(found->Attr("promptTitle"), columns[idx].header);
        if (found->Attr("type") == "list") {
            EXPECT_EQ(found->formula.rfind("Listor!", 0), 0u) << found->formula;
        }
        if (columns[idx].kind == io::ValueKind::kCodes) {
            // Several values must stay possible: no error alert, and the message says how.
            EXPECT_NE(found->Attr("showErrorMessage"), "1") << columns[idx].header;
            EXPECT_NE(found->Attr("prompt").find("semikolon"), std::string::npos) << found->Attr("prompt");
        }
        if (columns[idx].column == io::Column::kAnonym) {
            EXPECT_EQ(found->Attr("errorStyle"), "") << "stop: only Ja or Nej";
        }
    }
}

TEST_F(ImportTemplate, EveryHeaderShowsItsHelpWhenSelected) {
    const auto validations = Validations(SheetXml("Deltagare"));
    const auto& columns = io::TemplateColumns();
    for (size_t idx = 0; idx < columns.size(); ++idx) {
        const Validation* found = nullptr;
        for (const auto& validation : validations)
            if (validation.Attr("sqref") == Letters(idx) + "1") found = &validation;
        ASSERT_NE(found, nullptr) << columns[idx].header;
        EXPECT_EQ(found->Attr("type"), "") << "any value";
        EXPECT_EQ(found->Attr("promptTitle"), columns[idx].header);
        EXPECT_EQ(found->Attr("prompt"), columns[idx].help);
    }
}

TEST_F(ImportTemplate, DataSheetComesFirstAndTheListSheetIsHidden) {
    const std::string workbook = Entry("xl/workbook.xml");
    const size_t data = workbook.find("<sheet name=\"Deltagare\"");
    const size_t instructions = workbook.find("<sheet name=\"Instruktioner\"");
    const size_t lists = workbook.find("<sheet name=\"Listor\"");
    ASSERT_NE(data, std::string::npos) << workbook;
    EXPECT_LT(data, instructions);
    EXPECT_LT(instructions, lists);
    EXPECT_EQ(workbook.find("<sheet ", 0), data) << "Deltagare is the first sheet";
    EXPECT_NE(workbook.substr(lists, workbook.find("/>", lists) - lists).find("state=\"hidden\""), std::string::npos);
    const std::string data_xml = SheetXml("Deltagare");
    EXPECT_NE(data_xml.find("state=\"frozen\""), std::string::npos);
    EXPECT_NE(data_xml.find("<autoFilter ref=\"A1:"), std::string::npos);
    EXPECT_NE(Entry("xl/styles.xml").find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
}

TEST_F(ImportTemplate, InstructionsExplainEveryColumn) {
    if (!HasLibreOffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed; run scripts/setup";
    ASSERT_NO_FATAL_FAILURE(ConvertToCsv());
    const auto rows = Sheet("Instruktioner");
    std::map<std::string, std::vector<std::string>> by_header;
    for (const auto& row : rows)
        if (!row.empty()) by_header[row[0]] = row;
    for (const auto& spec : io::TemplateColumns()) {
        auto it = by_header.find(std::string(spec.header));
        ASSERT_NE(it, by_header.end()) << spec.header;
        ASSERT_EQ(it->second.size(), 4u) << spec.header;
        EXPECT_EQ(it->second[1], spec.help);
        EXPECT_EQ(it->second[2], io::AllowedValuesText(spec, kOptions));
        EXPECT_EQ(it->second[3], io::SynonymsText(spec));
    }
    EXPECT_NE(by_header["Utbildning"][2].find("Förgymnasial utbildning (FORGYMN)"), std::string::npos);
}

}  // namespace
