// What the import template offers and says (io/template_content): the drop-down lists per
// column and the allowed values of the instructions sheet.

#include "io/template_content.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/reference_places.hpp"
#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

const TemplateOptions kOptions{{"FINSAM-team", "Novum"}, {"Stockholms stad", "Arbetsförmedlingen"}};

size_t IndexOf(Column column) {
    const auto& columns = TemplateColumns();
    for (size_t idx = 0; idx < columns.size(); ++idx)
        if (columns[idx].column == column) return idx;
    throw std::logic_error("column missing from the template");
}

const ValueList* ListOfColumn(const TemplateLists& lists, Column column) {
    const auto idx = lists.list_of_column.at(IndexOf(column));
    return idx ? &lists.lists.at(*idx) : nullptr;
}

bool Has(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

TEST(TemplateLists, EveryCodedColumnHasAList) {
    const TemplateLists lists = BuildTemplateLists(kOptions);
    ASSERT_EQ(lists.list_of_column.size(), TemplateColumns().size());
    for (size_t idx = 0; idx < TemplateColumns().size(); ++idx) {
        const ColumnSpec& spec = TemplateColumns()[idx];
        const bool coded = spec.kind == ValueKind::kCode || spec.kind == ValueKind::kCodes ||
                           spec.kind == ValueKind::kYesNo || spec.kind == ValueKind::kConsent;
        if (coded) {
            EXPECT_TRUE(lists.list_of_column[idx].has_value()) << spec.header;
        }
        if (spec.kind == ValueKind::kText || spec.kind == ValueKind::kDate || spec.kind == ValueKind::kYear) {
            EXPECT_FALSE(lists.list_of_column[idx].has_value()) << spec.header;
        }
    }
}

TEST(TemplateLists, CodeListsOfferTheSwedishLabels) {
    const TemplateLists lists = BuildTemplateLists(kOptions);
    const ValueList* education = ListOfColumn(lists, Column::kUtbildning);
    ASSERT_NE(education, nullptr);
    EXPECT_EQ(education->title, "Utbildning");
    EXPECT_TRUE(Has(education->values, "Förgymnasial utbildning"));
    EXPECT_FALSE(Has(education->values, "FORGYMN"));
    const ValueList* anonym = ListOfColumn(lists, Column::kAnonym);
    ASSERT_NE(anonym, nullptr);
    EXPECT_EQ(anonym->values, (std::vector<std::string>{"Ja", "Nej"}));
}

TEST(TemplateLists, AListUsedByTwoColumnsIsWrittenOnce) {
    const TemplateLists lists = BuildTemplateLists(kOptions);
    EXPECT_EQ(lists.list_of_column[IndexOf(Column::kForsorjningStart)],
              lists.list_of_column[IndexOf(Column::kForsorjningEfter)]);
    EXPECT_EQ(lists.list_of_column[IndexOf(Column::kAnonym)], lists.list_of_column[IndexOf(Column::kSamtycke)]);
    for (size_t a = 0; a < lists.lists.size(); ++a)
        for (size_t b = a + 1; b < lists.lists.size(); ++b)
            EXPECT_NE(lists.lists[a].values, lists.lists[b].values)
                << lists.lists[a].title << " / " << lists.lists[b].title;
}

TEST(TemplateLists, NamesAndPlacesComeWithTheirExtraChoices) {
    const TemplateLists lists = BuildTemplateLists(kOptions);
    EXPECT_EQ(ListOfColumn(lists, Column::kInsats)->values, kOptions.insats_names);
    EXPECT_EQ(ListOfColumn(lists, Column::kAnmalandePart)->values,
              (std::vector<std::string>{"Stockholms stad", "Arbetsförmedlingen", "Egenanmälan", "Annan"}));
    const ValueList* kommuner = ListOfColumn(lists, Column::kFolkbokforingskommun);
    EXPECT_EQ(kommuner->values.size(), domain::AllKommuner().size());
    EXPECT_EQ(kommuner->values.size(), 290u);
    EXPECT_TRUE(Has(kommuner->values, "Stockholm"));
    const ValueList* districts = ListOfColumn(lists, Column::kStadsdel);
    EXPECT_TRUE(Has(districts->values, "Järva"));
    EXPECT_TRUE(Has(districts->values, "Hisingen"));
    EXPECT_FALSE(Has(districts->values, "Spånga-Tensta")) << "merged away; accepted, but not offered";
    EXPECT_EQ(districts->values.end()[-2], "Hemlös");
    EXPECT_EQ(districts->values.back(), "Okänd");
}

TEST(TemplateLists, NoInsatserMeansNoInsatsList) {
    const TemplateLists lists = BuildTemplateLists({});
    EXPECT_EQ(ListOfColumn(lists, Column::kInsats), nullptr);
    for (const ValueList& list : lists.lists) EXPECT_FALSE(list.values.empty()) << list.title;
    EXPECT_EQ(ListOfColumn(lists, Column::kAnmalandePart)->values, (std::vector<std::string>{"Egenanmälan", "Annan"}));
}

TEST(AllowedValuesText, NamesLabelsWithTheirCodes) {
    const std::string text = AllowedValuesText(SpecOf(Column::kUtbildning), kOptions);
    EXPECT_NE(text.find("Förgymnasial utbildning (FORGYMN)"), std::string::npos) << text;
    const std::string several = AllowedValuesText(SpecOf(Column::kMalgrupp), kOptions);
    EXPECT_NE(several.find("semikolon"), std::string::npos) << several;
    EXPECT_NE(AllowedValuesText(SpecOf(Column::kStartdatum), kOptions).find("ÅÅÅÅ-MM-DD"), std::string::npos);
    EXPECT_NE(AllowedValuesText(SpecOf(Column::kInsats), kOptions).find("Novum"), std::string::npos);
}

TEST(AllowedValuesText, UsesOnlyATestPersonnummer) {
    // 19600226-2852 is in Skatteverket's test list (data/demo/testpersonnummer.txt).
    EXPECT_NE(AllowedValuesText(SpecOf(Column::kPersonnummer), kOptions).find("19600226-2852"), std::string::npos);
}

TEST(GeneralInstructions, StateTheRulesOfDomainMd) {
    std::string all;
    for (const Instruction& line : GeneralInstructions()) all += line.topic + ": " + line.text + "\n";
    for (const char* part : {"bara för insatser som registreras med identitet", "födelseår, kön och en pseudonym",
                             "sparas det inte", "Anonym = Ja", "Personnummer vara tomt", "Rad-id", "uppdateras",
                             "testpersonnummer", "ÅÅÅÅMMDD", "DD/MM/ÅÅÅÅ"})
        EXPECT_NE(all.find(part), std::string::npos) << part << "\n" << all;
}

TEST(SynonymsText, JoinsTheSynonymsOrShowsADash) {
    EXPECT_EQ(SynonymsText(SpecOf(Column::kInsats)), "Insatsnamn, Projekt");
    EXPECT_EQ(SynonymsText(SpecOf(Column::kAnonym)), "–");
}

}  // namespace
}  // namespace foljsam::io
