// FillDemo: plausible volumes, determinism, refusal to fill twice, the shape of one
// insats, and that no demo identity ever reaches the database file in clear.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "domain/participation.hpp"
#include "domain/personnummer.hpp"
#include "security/crypto.hpp"
#include "services/app.hpp"
#include "services/demo_service.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/participation_repo.hpp"

namespace foljsam {
namespace {

namespace fs = std::filesystem;

constexpr unsigned kSeed = 7;
const domain::Date kToday{2026, 11, 22};

std::string Text(const std::optional<domain::Date>& date) { return date ? date->ToString() : "-"; }
std::string Text(const std::optional<long long>& value) { return value ? std::to_string(*value) : "-"; }
std::string Text(const std::optional<int>& value) { return value ? std::to_string(*value) : "-"; }

// Every stored field of one participation, as one line.
std::string Describe(const domain::Participation& p, const std::string& code) {
    std::ostringstream out;
    out << p.id << '|' << p.insats_id << '|' << Text(p.person_id) << '|' << code << '|' << p.anonymous << '|'
        << p.gender << '|' << Text(p.birth_year) << '|' << Text(p.referral_date) << '|' << p.decision << '|'
        << Text(p.decision_date) << '|' << Text(p.start_date) << '|' << Text(p.end_date) << '|' << p.intake.referrer
        << '|' << Text(p.intake.referrer_org_id) << '|' << p.intake.residence_kommun << '|'
        << p.intake.residence_district << '|' << p.intake.residence_special << '|' << p.intake.education << '|'
        << p.intake.time_without_work << '|' << p.intake.occupation_start << '|'
        << Text(p.intake.occupation_start_extent) << '|' << p.intake.time_in_support << '|' << p.intake.sgi_noll << '|'
        << p.intake.birth_region << '|' << p.exit.exit_reason << '|' << p.exit.occupation_after << '|'
        << Text(p.exit.occupation_after_extent) << '|' << Text(p.consent_date) << '|' << p.consent_form << '|';
    for (const auto& s : p.intake.support_at_start) out << s.code << ':' << Text(s.extent) << ',';
    out << '|';
    for (const auto& g : p.intake.target_groups) out << g << ',';
    out << '|';
    for (const auto& s : p.exit.support_after) out << s.code << ':' << Text(s.extent) << ',';
    return out.str();
}

struct Observed {
    Result<services::DemoSummary> summary = Status::Internal("not run");
    std::string digest;  // every participation of every insats
    long long insatser = 0;
    long long aktivitetsplatsen_started = 0;
    long long aktivitetsplatsen_women = 0;
    long long started = 0;
    long long ended = 0;
    long long ended_to_work_or_studies = 0;
    long long anonymous = 0;
    long long with_identity = 0;  // participations linked to a person in the MED_ID insats
};

// Reads every participation back through the store, outside the services.
Status Observe(services::App& app, Observed& seen) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    auto forbund = orgs.ListForbund();
    if (!forbund.ok()) return forbund.status();
    auto insatser = orgs.ListInsatser(forbund->front().id);
    if (!insatser.ok()) return insatser.status();
    seen.insatser = static_cast<long long>(insatser->size());
    store::ParticipationRepo repo(**uow);
    for (const auto& insats : *insatser) {
        store::ParticipationFilter filter;
        filter.insats_id = insats.id;
        filter.limit = 0;
        auto rows = repo.List(filter);
        if (!rows.ok()) return rows.status();
        for (const auto& row : *rows) {
            auto full = repo.Get(row.participation.id);
            if (!full.ok()) return full.status();
            const domain::Participation& p = *full;
            seen.digest += insats.name + '|' + Describe(p, row.participant_code) + '\n';
            if (p.anonymous) ++seen.anonymous;
            if (insats.with_identity() && p.person_id) ++seen.with_identity;
            if (p.start_date) ++seen.started;
            if (p.end_date && p.exit.exit_reason != "FELREG") {
                ++seen.ended;
                if (p.exit.exit_reason == "ARBETE" || p.exit.exit_reason == "STUDIER") ++seen.ended_to_work_or_studies;
            }
            if (insats.name == "Aktivitetsplatsen" && p.start_date) {
                ++seen.aktivitetsplatsen_started;
                if (p.gender == "K") ++seen.aktivitetsplatsen_women;
            }
        }
    }
    return Status::Ok();
}

fs::path FreshDir(const std::string& label) {
    static int counter = 0;
    fs::path dir = fs::temp_directory_path() /
                   ("foljsam-demo-test-" + std::to_string(::getpid()) + "-" + label + "-" + std::to_string(++counter));
    fs::remove_all(dir);
    return dir;
}

std::string ReadAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class DemoData : public ::testing::Test {
   protected:
    static void SetUpTestSuite() {
        dir_a_ = FreshDir("a");
        dir_b_ = FreshDir("b");
        RunFill(dir_a_, first_, &second_fill_);
        RunFill(dir_b_, other_dir_, nullptr);
    }
    static void TearDownTestSuite() {
        fs::remove_all(dir_a_);
        fs::remove_all(dir_b_);
    }

    // Opens an App on `dir`, fills it, observes it and (optionally) tries to fill it again.
    // The App is destroyed on return, so the database files are closed.
    static void RunFill(const fs::path& dir, Observed& seen, std::optional<Status>* again) {
        services::AppOptions options;
        options.data_dir = dir;
        options.hash_cost = security::HashCost::kMinimum;
        auto app = services::App::Open(options);
        ASSERT_TRUE(app.ok()) << app.status().message();
        seen.summary = services::FillDemo(**app, {kSeed, kToday});
        ASSERT_TRUE(seen.summary.ok()) << seen.summary.status().message() << " " << seen.summary.status().internal()
                                       << " "
                                       << (seen.summary.status().fields().empty()
                                               ? ""
                                               : seen.summary.status().fields().front().field);
        Status observed = Observe(**app, seen);
        ASSERT_TRUE(observed.ok()) << observed.message();
        if (again) *again = services::FillDemo(**app, {kSeed, kToday}).status();
    }

    static inline fs::path dir_a_;
    static inline fs::path dir_b_;
    static inline Observed first_;
    static inline Observed other_dir_;
    static inline std::optional<Status> second_fill_;
};

TEST_F(DemoData, FillsPlausibleVolumes) {
    ASSERT_TRUE(first_.summary.ok());
    const auto& summary = *first_.summary;
    EXPECT_EQ(summary.insatser, 5);
    EXPECT_EQ(first_.insatser, 5);
    EXPECT_GE(summary.organisations, 26);
    EXPECT_GE(summary.users, 6);
    EXPECT_EQ(summary.users_list.size(), static_cast<size_t>(summary.users));
    EXPECT_FALSE(summary.password.empty());
    EXPECT_GE(summary.participations, 900);
    EXPECT_LE(summary.participations, 1400);
    EXPECT_EQ(static_cast<long long>(std::count(first_.digest.begin(), first_.digest.end(), '\n')),
              summary.participations);
    // Most referrals start; about 5 % are anonymous.
    EXPECT_GT(first_.started, summary.participations * 8 / 10);
    EXPECT_GT(first_.anonymous, summary.participations * 2 / 100);
    EXPECT_LT(first_.anonymous, summary.participations * 9 / 100);
    // About 35-45 % of those who ended went on to work or studies.
    ASSERT_GT(first_.ended, 0);
    const double work_share = static_cast<double>(first_.ended_to_work_or_studies) / first_.ended;
    EXPECT_GE(work_share, 0.33) << first_.ended_to_work_or_studies << " of " << first_.ended;
    EXPECT_LE(work_share, 0.47) << first_.ended_to_work_or_studies << " of " << first_.ended;
}

TEST_F(DemoData, SameSeedAndDayGiveTheSameParticipations) {
    ASSERT_TRUE(first_.summary.ok());
    ASSERT_TRUE(other_dir_.summary.ok());
    EXPECT_EQ(first_.summary->participations, other_dir_.summary->participations);
    EXPECT_EQ(first_.digest.size(), other_dir_.digest.size());
    EXPECT_TRUE(first_.digest == other_dir_.digest);
}

TEST_F(DemoData, SecondFillOfTheSameAssociationIsAConflict) {
    ASSERT_TRUE(second_fill_.has_value());
    EXPECT_EQ(second_fill_->code(), StatusCode::kConflict) << second_fill_->message();
}

TEST_F(DemoData, AktivitetsplatsenIsMostlyWomen) {
    ASSERT_GT(first_.aktivitetsplatsen_started, 0);
    const double share = static_cast<double>(first_.aktivitetsplatsen_women) / first_.aktivitetsplatsen_started;
    EXPECT_GE(share, 0.70) << first_.aktivitetsplatsen_women << " of " << first_.aktivitetsplatsen_started;
    EXPECT_LE(share, 0.90) << first_.aktivitetsplatsen_women << " of " << first_.aktivitetsplatsen_started;
}

TEST_F(DemoData, DatabaseFileHoldsNoIdentityInClear) {
    ASSERT_TRUE(first_.summary.ok());
    ASSERT_GT(first_.with_identity, 50) << "the identity insats must really hold identities";
    std::string bytes = ReadAll(dir_a_ / "foljsam.db");
    ASSERT_FALSE(bytes.empty());
    if (fs::exists(dir_a_ / "foljsam.db-wal")) bytes += ReadAll(dir_a_ / "foljsam.db-wal");
    const auto& numbers = services::DemoPersonnummer();
    ASSERT_GE(numbers.size(), 100u);
    for (const auto& pnr : numbers) {
        ASSERT_EQ(pnr.size(), 12u);
        const std::string forms[] = {pnr, pnr.substr(2), pnr.substr(0, 8) + "-" + pnr.substr(8),
                                     pnr.substr(2, 6) + "-" + pnr.substr(8)};
        for (const auto& form : forms) EXPECT_EQ(bytes.find(form), std::string::npos) << "a demo personnummer form";
    }
    const auto& names = services::DemoNames();
    ASSERT_EQ(names.size(), numbers.size());
    for (const auto& name : names) EXPECT_EQ(bytes.find(name), std::string::npos) << "a demo name";
}

TEST(DemoIdentities, NumbersAreValidTestNumbersBornFrom1960To2006) {
    for (const auto& pnr : services::DemoPersonnummer()) {
        auto parsed = domain::Personnummer::Parse(pnr, kToday);
        ASSERT_TRUE(parsed.ok()) << pnr;
        EXPECT_GE(parsed->birth_year(), 1960) << pnr;
        EXPECT_LE(parsed->birth_year(), 2006) << pnr;
    }
}

}  // namespace
}  // namespace foljsam
