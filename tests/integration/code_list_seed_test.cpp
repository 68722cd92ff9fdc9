// The code lists seeded by db/migrations/0002_code_lists.sql agree with domain/code_lists.cpp.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/code_lists.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"
#include "support/test_app.hpp"

namespace {

using Values = std::vector<std::pair<std::string, std::string>>;  // (code, label) in display order

TEST(CodeListSeed, DatabaseMatchesDomain) {
    foljsam::testing::TestApp t;
    auto uow = t.app().db().Begin(foljsam::store::Database::Mode::kRead);
    ASSERT_TRUE(uow.ok()) << foljsam::testing::Describe(uow.status());
    auto stored = foljsam::store::ListStoredCodeValues(**uow);
    ASSERT_TRUE(stored.ok()) << foljsam::testing::Describe(stored.status());

    // The store returns lists ordered by id and values by sort order; the domain keeps its
    // own list order, so compare list by list (order of values inside a list matters).
    std::map<std::string, Values> in_database;
    for (const auto& v : *stored) in_database[v.list_id].emplace_back(v.code, v.label);
    std::map<std::string, Values> in_domain;
    size_t domain_values = 0;
    for (const auto& list : foljsam::domain::AllCodeLists()) {
        Values& values = in_domain[std::string(list.id)];
        for (const auto& v : list.values) values.emplace_back(std::string(v.code), std::string(v.label));
        domain_values += list.values.size();
    }

    EXPECT_EQ(stored->size(), domain_values);
    for (const auto& [list_id, values] : in_domain) {
        auto found = in_database.find(list_id);
        ASSERT_NE(found, in_database.end()) << "list missing in the database: " << list_id;
        EXPECT_EQ(found->second, values) << "list differs: " << list_id;
    }
    for (const auto& [list_id, values] : in_database)
        EXPECT_TRUE(in_domain.count(list_id)) << "list only in the database: " << list_id;
}

TEST(CodeListSeed, EveryDomainListHasUniqueCodes) {
    for (const auto& list : foljsam::domain::AllCodeLists()) {
        std::map<std::string, int> seen;
        for (const auto& v : list.values) EXPECT_EQ(++seen[std::string(v.code)], 1) << list.id << " " << v.code;
    }
}

}  // namespace
