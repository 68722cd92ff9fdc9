// Use case: identities never reach the database file in clear. After registering identified
// participations, neither foljsam.db nor its write-ahead log holds a personnummer in any
// form or a name.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "services/participation_service.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;

struct Person {
    const char* pnr;                 // as entered
    std::vector<std::string> forms;  // every form that must not appear
    const char* name;
};

TEST(RawFile, HoldsNoPersonnummerAndNoNames) {
    if (ft::OnPostgres()) GTEST_SKIP() << "reads SQLite's database file; PostgreSQL stores the same sealed values";
    ft::TestApp t;
    long long region = t.CreateMember("Region Testland", "REGION");
    long long insats = t.CreateInsats("Med identitet", region, ft::RegistrationMode::kWithIdentity);
    long long other = t.CreateInsats("Också med identitet", region, ft::RegistrationMode::kWithIdentity);
    auto registrar = t.CreateRegistrar("reg.region", region, {insats, other});

    const std::vector<Person> people = {
        {"198801042386", {"198801042386", "19880104-2386", "8801042386", "880104-2386"}, "Åsa Öberg-Testsson"},
        {"700123-9297", {"197001239297", "19700123-9297", "7001239297", "700123-9297"}, "Bengt Lindqvist"},
        {"19850120-2389", {"198501202389", "19850120-2389", "8501202389", "850120-2389"}, "Maja Karlsdotter"},
        {"7101169295", {"197101169295", "19710116-9295", "7101169295", "710116-9295"}, "Zlatan Testović"},
    };
    const std::vector<std::string> later_names = {"Kerstin Nyström", "Nyström"};
    for (const auto& person : people) {
        auto id = t.participations().Register(registrar, insats,
                                              ft::WithIdentity(ft::StartedParticipation(), person.pnr, person.name));
        ASSERT_TRUE(id.ok()) << person.name << ": " << ft::Describe(id.status());
        // A second participation of the same person in another insats, then reads and searches.
        auto again =
            t.participations().Register(registrar, other, ft::WithIdentity(ft::EndedParticipation(), person.pnr));
        ASSERT_TRUE(again.ok()) << ft::Describe(again.status());
        ASSERT_TRUE(t.participations().Get(registrar, *id).ok());
        foljsam::services::ListQuery query;
        query.search = person.pnr;
        ASSERT_TRUE(t.participations().List(registrar, insats, query).ok());
        query.search = std::string(person.name).substr(0, 4);
        ASSERT_TRUE(t.participations().List(registrar, insats, query).ok());
    }
    // Rename one person, so old and new sealed names both pass through the file.
    auto page = t.participations().List(registrar, insats, {});
    ASSERT_TRUE(page.ok());
    ASSERT_FALSE(page->rows.empty());
    const long long renamed = page->rows.front().participation.id;
    auto current = t.participations().Get(registrar, renamed);
    ASSERT_TRUE(current.ok() && current->identity.has_value());
    auto renamed_to = ft::WithIdentity(current->participation, current->identity->personnummer, "Kerstin Nyström");
    auto updated = t.participations().Update(registrar, renamed, renamed_to);
    ASSERT_TRUE(updated.ok()) << ft::Describe(updated);

    const std::string db = ft::ReadFileBytes(t.data_dir() / "foljsam.db");
    const std::string wal = ft::ReadFileBytes(t.data_dir() / "foljsam.db-wal");
    ASSERT_FALSE(db.empty() && wal.empty());
    // The registrations are really there (the search above found them), and at least the
    // log holds recent pages: make sure the test reads something meaningful.
    EXPECT_GT(db.size() + wal.size(), 4096u);
    for (const auto& person : people) {
        for (const auto& form : person.forms) {
            EXPECT_EQ(db.find(form), std::string::npos) << "foljsam.db holds " << form;
            EXPECT_EQ(wal.find(form), std::string::npos) << "foljsam.db-wal holds " << form;
        }
        const std::string name = person.name;
        EXPECT_EQ(db.find(name), std::string::npos) << "foljsam.db holds " << name;
        EXPECT_EQ(wal.find(name), std::string::npos) << "foljsam.db-wal holds " << name;
        // Surnames on their own, too.
        const std::string surname = name.substr(name.find(' ') + 1);
        EXPECT_EQ(db.find(surname), std::string::npos) << "foljsam.db holds " << surname;
        EXPECT_EQ(wal.find(surname), std::string::npos) << "foljsam.db-wal holds " << surname;
    }
    for (const auto& name : later_names) {
        EXPECT_EQ(db.find(name), std::string::npos) << "foljsam.db holds " << name;
        EXPECT_EQ(wal.find(name), std::string::npos) << "foljsam.db-wal holds " << name;
    }
}

TEST(RawFile, KeyFilesLiveOutsideTheDatabase) {
    if (std::getenv("FOLJSAM_KEY") != nullptr) GTEST_SKIP() << "keys are derived from FOLJSAM_KEY, not stored";
    ft::TestApp t;
    long long region = t.CreateMember("Region Testland", "REGION");
    t.CreateInsats("Med identitet", region, ft::RegistrationMode::kWithIdentity);
    EXPECT_TRUE(std::filesystem::exists(t.data_dir() / "keys" / ("controller-" + std::to_string(region) + ".key")));
}

}  // namespace
