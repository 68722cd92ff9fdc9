// The import wizard's view models (web/import_view.hpp): the mapping step offers each
// header once and stores only known column ids; value decisions store codes the value may
// take or a rejection and nothing else; the error summary links to the table rows; the
// error workbook's name is plain ASCII whatever the uploaded file was called.

#include "web/import_view.hpp"

#include <gtest/gtest.h>

namespace foljsam::web {
namespace {

using nlohmann::json;

io::ImportPlan PlanWithHeaders() {
    io::ImportPlan plan;
    plan.header_row = 1;
    plan.headers = {"Insats", "Kön", " kön", "", "Kommentar"};
    plan.mapping = {io::Column::kInsats, io::Column::kKon, std::nullopt, std::nullopt, std::nullopt};
    return plan;
}

TEST(ImportView, MappingOffersEachHeaderOncePreselected) {
    const json fields = MappingFields(PlanWithHeaders());
    ASSERT_EQ(fields.size(), 3u) << fields.dump();
    EXPECT_EQ(fields[0]["name"], "kolumn_0");
    EXPECT_EQ(fields[0]["label"], "Kolumn A: ”Insats”");
    EXPECT_EQ(fields[1]["name"], "kolumn_1");
    EXPECT_EQ(fields[2]["name"], "kolumn_4") << "a repeated and an empty header are not offered";
    const auto& options = fields[2]["select"]["options"];
    EXPECT_EQ(options[0]["label"], "Importeras inte");
    EXPECT_TRUE(options[0]["selected"].get<bool>());
    bool kon_selected = false;
    for (const auto& option : fields[1]["select"]["options"])
        if (option["value"] == "kon") kon_selected = option["selected"].get<bool>();
    EXPECT_TRUE(kon_selected);
}

TEST(ImportView, MappingStoresKnownColumnIdsByHeaderKey) {
    Form form = Form::Parse("kolumn_0=insats&kolumn_1=&kolumn_4=nonsens&kolumn_2=startdatum");
    io::ImportSettings settings;
    ReadMapping(PlanWithHeaders(), form, settings);
    EXPECT_EQ(settings.columns, (std::map<std::string, std::string>{{"insats", "insats"}, {"kön", ""}}));
}

io::UnknownValue Unknown(io::Column column, const std::string& value, int first_row) {
    io::UnknownValue u;
    u.column = column;
    u.header = column == io::Column::kKon ? "Kön" : "Utbildning";
    u.value = value;
    u.key = io::NormalizeKey(value);
    u.rows = 2;
    u.first_row = first_row;
    u.choices = {{"K", "Kvinna"}, {"M", "Man"}};
    return u;
}

TEST(ImportView, ValueDecisionsAreCodesOfTheValueOrARejection) {
    const std::vector<io::UnknownValue> values = {Unknown(io::Column::kKon, "Dam", 2),
                                                  Unknown(io::Column::kKon, "Herre", 3),
                                                  Unknown(io::Column::kKon, "Okänt kön", 4)};
    io::ImportSettings settings;
    settings.values[{"kon", "okäntkön"}] = "K";
    std::vector<io::UnknownValue> decided;
    const json fields = ValueFields(values, settings);
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0]["label"], "Kön: ”Dam”");
    EXPECT_EQ(fields[0]["hint"], "Finns på 2 rader, första gången på rad 2.");

    ReadValues(values, Form::Parse("varde_0=K&varde_1=-avvisa-&varde_2="), settings, decided);
    EXPECT_EQ(settings.values, (std::map<std::pair<std::string, std::string>, std::string>{{{"kon", "dam"}, "K"},
                                                                                           {{"kon", "herre"}, ""}}));
    EXPECT_EQ(decided.size(), 2u);

    ReadValues(values, Form::Parse("varde_0=X"), settings, decided);  // not one of its choices
    EXPECT_EQ((settings.values[{"kon", "dam"}]), "K");
    EXPECT_EQ(decided.size(), 2u);
}

TEST(ImportView, DecidedValuesAreShownAgainWhileTheirColumnIsMapped) {
    io::ImportPlan plan = PlanWithHeaders();
    plan.unknown = {Unknown(io::Column::kKon, "Herre", 5)};
    const std::vector<io::UnknownValue> decided = {Unknown(io::Column::kKon, "Dam", 2),
                                                   Unknown(io::Column::kUtbildning, "Högskolan", 3)};
    const auto values = ValuesToDecide(plan, decided);
    ASSERT_EQ(values.size(), 2u) << "Utbildning is not mapped";
    EXPECT_EQ(values[0].value, "Dam");
    EXPECT_EQ(values[1].value, "Herre");
}

TEST(ImportView, ErrorSummaryLinksToTheFirstRowsAndThenTheTable) {
    std::vector<io::RowIssue> issues;
    for (int row = 2; row < 15; ++row) issues.push_back({row, "Startdatum", "x", "Ett datum."});
    issues.insert(issues.begin(), {0, "Startdatum", "", "En kolumn Startdatum (eller Anmälningsdatum)."});
    const json summary = IssueSummary(issues, 3);
    const auto& errors = summary["errors"];
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0]["href"], "#fel-1");
    EXPECT_EQ(errors[0]["message"], "Filen behöver en kolumn Startdatum (eller Anmälningsdatum).");
    EXPECT_EQ(errors[1]["message"], "Rad 2, Startdatum: Ett datum.");
    EXPECT_EQ(errors[3]["href"], "#fellista");
    EXPECT_EQ(errors[3]["message"], "Och 11 fel till i listan nedan.");
    EXPECT_TRUE(IssueSummary({}).is_null());
    const json rows = IssueRows(issues);
    EXPECT_EQ(rows[0]["row"], "Hela filen");
    EXPECT_EQ(rows[1]["id"], "fel-2");
}

TEST(ImportView, ErrorWorkbookNameIsAscii) {
    EXPECT_EQ(ErrorWorkbookName("deltagare.xlsx"), "fel-deltagare.xlsx");
    EXPECT_EQ(ErrorWorkbookName("Uppföljning Nästa år 2025.csv"), "fel-Uppfoljning_Nasta_ar_2025.xlsx");
    EXPECT_EQ(ErrorWorkbookName("ÅÄÖ.xlsx"), "fel-AAO.xlsx");
    EXPECT_EQ(ErrorWorkbookName("\"; rm -rf.xlsx"), "fel-_rm_-rf.xlsx");
    EXPECT_EQ(ErrorWorkbookName("日本.csv"), "fel-import.xlsx");
    EXPECT_EQ(ErrorWorkbookName(".xlsx"), "fel-import.xlsx");
    EXPECT_EQ(ErrorWorkbookName(std::string(300, 'a')).size(), std::string("fel-.xlsx").size() + 80);
}

TEST(ImportView, HistoryOffersUndoUntilUndone) {
    store::ImportBatch done;
    done.id = 4;
    done.username = "registrator.stad";
    done.file_name = "a.xlsx";
    done.mode = "VALID";
    done.created_at = "2026-01-02T03:04:05Z";
    store::ImportBatch undone = done;
    undone.undone_at = "2026-01-03T03:04:05Z";
    const json rows = HistoryRows({done, undone});
    EXPECT_TRUE(rows[0]["can_undo"].get<bool>());
    EXPECT_TRUE(rows[0]["undone"].is_null());
    EXPECT_EQ(rows[0]["mode"], "Bara felfria rader");
    EXPECT_FALSE(rows[1]["can_undo"].get<bool>());
    EXPECT_TRUE(rows[1]["undone"].is_string());
    EXPECT_EQ(LocalTimeText("inte en tid"), "inte en tid");
}

}  // namespace
}  // namespace foljsam::web
