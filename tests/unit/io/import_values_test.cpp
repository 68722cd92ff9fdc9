// Cell values of import files: dates in every form the old Excel files use, years,
// yes/no, codes by code, label or synonym, and extents.

#include "io/import_values.hpp"

#include <gtest/gtest.h>

#include "domain/code_lists.hpp"
#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

Cell Text(std::string s) { return {Cell::Kind::kText, std::move(s), 0}; }
Cell Number(double n) { return {Cell::Kind::kNumber, std::to_string(n), n}; }
Cell DateCell(double serial) { return {Cell::Kind::kDate, std::to_string(serial), serial}; }

TEST(ImportDates, EveryAcceptedFormGivesTheSameDate) {
    const domain::Date want{2024, 2, 29};
    for (const auto& cell : {Text("2024-02-29"), Text("20240229"), Text("29/02/2024"), Text("29.2.2024"),
                             Text(" 2024-02-29 00:00:00 "), DateCell(45351), Number(45351), Number(20240229)}) {
        auto date = ParseDateCell(cell);
        ASSERT_TRUE(date.ok()) << cell.text << ": " << date.status().message();
        EXPECT_EQ(*date, want) << cell.text;
    }
}

TEST(ImportDates, SerialsFollowExcelsCalendar) {
    EXPECT_EQ(DateFromSerial(1), (domain::Date{1900, 1, 1}));
    EXPECT_EQ(DateFromSerial(59), (domain::Date{1900, 2, 28}));
    EXPECT_FALSE(DateFromSerial(60));  // Excel's phantom 1900-02-29
    EXPECT_EQ(DateFromSerial(61), (domain::Date{1900, 3, 1}));
    EXPECT_FALSE(DateFromSerial(0));
    for (double serial : {1.0, 59.0, 61.0, 45351.0, 2958465.0})
        EXPECT_EQ(SerialFromDate(*DateFromSerial(serial)), serial);
}

TEST(ImportDates, ImpossibleDatesAndTextAreRefusedWithWhatWasExpected) {
    auto impossible = ParseDateCell(Text("2023-02-29"));
    ASSERT_FALSE(impossible.ok());
    EXPECT_NE(impossible.status().message().find("finns inte"), std::string::npos);
    for (const char* text : {"i mars", "2025-13", "2025/03-01", "1/2/3", "12345", "2025-1-1x"}) {
        auto date = ParseDateCell(Text(text));
        ASSERT_FALSE(date.ok()) << text;
        EXPECT_NE(date.status().message().find("ÅÅÅÅ-MM-DD"), std::string::npos) << text;
    }
}

TEST(ImportValues, YearsAndYesNo) {
    EXPECT_EQ(*ParseYearCell(Text("1990")), 1990);
    EXPECT_EQ(*ParseYearCell(Number(1990)), 1990);
    EXPECT_FALSE(ParseYearCell(Text("90")).ok());
    EXPECT_FALSE(ParseYearCell(Number(1990.5)).ok());
    EXPECT_TRUE(*ParseYesNo(Text("Ja")));
    EXPECT_TRUE(*ParseYesNo(Text(" x ")));
    EXPECT_FALSE(*ParseYesNo(Text("NEJ")));
    EXPECT_FALSE(*ParseYesNo(Text("")));
    EXPECT_FALSE(ParseYesNo(Text("kanske")).ok());
}

TEST(ImportValues, CodesMatchByCodeLabelOrSynonymIgnoringCaseAndPunctuation) {
    EXPECT_EQ(MatchCode("gender", "kvinna"), "K");
    EXPECT_EQ(MatchCode("gender", " M "), "M");
    EXPECT_EQ(MatchCode("education", "GYMNASIAL UTBILDNING"), "GYMN");
    EXPECT_EQ(MatchCode("education", "Grundskola"), "FORGYMN");
    EXPECT_EQ(MatchCode("time_without_work", "1-2 år"), "1_2");
    EXPECT_EQ(MatchCode("time_without_work", "1_2"), "1_2");
    EXPECT_EQ(MatchCode("support", "a-kassa"), "A_KASSA");
    EXPECT_EQ(MatchCode("exit_reason", "Avbrutit / ej anträffbar"), "AVBROTT");
    EXPECT_EQ(MatchCode("target_group", "Unga 16–29 år"), "UNGA_16_29");
    EXPECT_FALSE(MatchCode("gender", "Q"));
    EXPECT_FALSE(MatchCode("education", ""));
    EXPECT_FALSE(MatchCode("no_such_list", "K"));
}

TEST(ImportValues, EveryLabelOfEveryCodedColumnMatchesItsOwnCode) {
    for (const auto& spec : TemplateColumns()) {
        if (spec.code_list.empty()) continue;
        const auto* list = domain::FindCodeList(spec.code_list);
        ASSERT_NE(list, nullptr) << spec.code_list;
        for (const auto& v : list->values) {
            EXPECT_EQ(MatchCode(spec.code_list, v.label), std::string(v.code)) << spec.code_list << " " << v.label;
            EXPECT_EQ(MatchCode(spec.code_list, v.code), std::string(v.code)) << spec.code_list << " " << v.code;
        }
    }
}

TEST(ImportValues, ExtentsSplitOnlyWhenSeparated) {
    auto a = SplitTrailingExtent("Sjukpenning 50 %");
    EXPECT_EQ(a.rest, "Sjukpenning");
    EXPECT_EQ(a.extent, 50);
    auto b = SplitTrailingExtent("SJUKPENNING:25");
    EXPECT_EQ(b.rest, "SJUKPENNING");
    EXPECT_EQ(b.extent, 25);
    auto c = SplitTrailingExtent("Lön (100%)");
    EXPECT_EQ(c.rest, "Lön");
    EXPECT_EQ(c.extent, 100);
    EXPECT_FALSE(SplitTrailingExtent("Lön 150 %").extent);
    EXPECT_FALSE(SplitTrailingExtent("A_KASSA").extent);
    EXPECT_EQ(SplitValues("Lön; Sjukpenning 50 %,A-kassa\n"),
              (std::vector<std::string>{"Lön", "Sjukpenning 50 %", "A-kassa"}));
}

TEST(ImportColumns, HeadersAndSynonymsMatchAfterNormalisation) {
    EXPECT_EQ(ColumnForHeader(" STARTDATUM "), Column::kStartdatum);
    EXPECT_EQ(ColumnForHeader("Tid utan arbete/studier"), std::nullopt);
    EXPECT_EQ(ColumnForHeader("Tid utan arbete"), Column::kTidUtanArbete);
    EXPECT_EQ(ColumnForHeader("Löpnummer"), Column::kRadId);
    EXPECT_EQ(ColumnForHeader("pnr"), Column::kPersonnummer);
    EXPECT_EQ(ColumnForHeader("Juridiskt kön"), Column::kKon);
    EXPECT_EQ(NormalizeKey("Ålder – ÖVRIGT (år)"), "ålderövrigtår");
    for (const auto& spec : TemplateColumns()) {
        EXPECT_EQ(ColumnForHeader(spec.header), spec.column) << spec.header;
        EXPECT_EQ(ColumnFromId(ColumnId(spec.column)), spec.column);
    }
}

}  // namespace
}  // namespace foljsam::io
