// Use case: gallring (issue 5, item 5; services/retention_service.hpp). Identity goes from
// persons whose participations all ended more than the retention period ago; the
// participations stay as anonymous statistics, so every report cell is the same before
// and after; a dry run writes nothing; a second run is a no-op; one audit event with
// counts. On SQLite files and on PostgreSQL.

#include "domain/retention.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/fact.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "services/demo_service.hpp"
#include "services/report_service.hpp"
#include "services/retention_service.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/integrity.hpp"
#include "store/person_repo.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

using report::Dimension;

// One participation's link to a person as stored, read with plain SQL.
struct Link {
    std::optional<long long> person_id;
    int anonymous = 0;
    std::optional<long long> statistics_person_key;
    std::string identity_removed_on;
    int version = 0;
};

std::map<long long, Link> Links(services::App& app) {
    std::map<long long, Link> out;
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    EXPECT_TRUE(uow.ok());
    Status st = store::Guard("links", [&] {
        long long id = 0;
        int anonymous = 0, version = 0;
        store::NullableInt person, key;
        store::NullableText removed;
        soci::statement s =
            (store::Sql(**uow).prepare << "SELECT id, person_id, anonymous, statistics_person_key, "
                                          "identity_removed_on, version FROM participation",
             soci::into(id), soci::into(person.value, person.ind), soci::into(anonymous),
             soci::into(key.value, key.ind), soci::into(removed.value, removed.ind), soci::into(version));
        s.execute();
        while (s.fetch()) {
            Link link;
            if (person.ind == soci::i_ok) link.person_id = person.value;
            link.anonymous = anonymous;
            if (key.ind == soci::i_ok) link.statistics_person_key = key.value;
            link.identity_removed_on = removed.ind == soci::i_ok ? removed.value : "";
            link.version = version;
            out[id] = link;
        }
    });
    EXPECT_TRUE(st.ok()) << Describe(st);
    return out;
}

// Persons with an identity row, and the participant code of every person ("" for none).
std::set<long long> IdentityPersons(services::App& app) {
    std::set<long long> out;
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    EXPECT_TRUE(uow.ok());
    Status st = store::Guard("identities", [&] {
        long long id = 0;
        soci::statement s = (store::Sql(**uow).prepare << "SELECT person_id FROM person_identity", soci::into(id));
        s.execute();
        while (s.fetch()) out.insert(id);
    });
    EXPECT_TRUE(st.ok()) << Describe(st);
    return out;
}

std::map<long long, std::string> PersonCodes(services::App& app) {
    std::map<long long, std::string> out;
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    EXPECT_TRUE(uow.ok());
    Status st = store::Guard("codes", [&] {
        long long id = 0;
        store::NullableText code;
        soci::statement s = (store::Sql(**uow).prepare << "SELECT id, participant_code FROM person", soci::into(id),
                             soci::into(code.value, code.ind));
        s.execute();
        while (s.fetch()) out[id] = code.ind == soci::i_ok ? code.value : "";
    });
    EXPECT_TRUE(st.ok()) << Describe(st);
    return out;
}

std::map<std::string, long long> RowCounts(services::App& app) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    EXPECT_TRUE(uow.ok());
    auto counts = store::CountRows(**uow);
    EXPECT_TRUE(counts.ok()) << Describe(counts.status());
    return counts.ok() ? *counts : std::map<std::string, long long>{};
}

std::string Text(const std::optional<domain::Date>& date) { return date ? date->ToString() : "-"; }

// Every fact of the association over its whole history, one line each: the input of
// every report cell, so equal lines mean equal cells for any measure and dimension.
std::string FactDigest(services::App& app, long long forbund_id) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    EXPECT_TRUE(uow.ok());
    auto all = report::Period::Custom({2000, 1, 1}, {2100, 12, 31});
    EXPECT_TRUE(all.ok());
    auto facts = store::LoadFacts(**uow, forbund_id, std::nullopt, *all);
    EXPECT_TRUE(facts.ok()) << Describe(facts.status());
    std::ostringstream out;
    if (!facts.ok()) return "";
    for (const report::Fact& f : *facts) {
        out << f.insats_id << '|' << (f.person_key ? std::to_string(*f.person_key) : "-") << '|' << f.anonymous << '|'
            << f.gender << '|' << f.age_group << '|' << Text(f.referral_date) << '|' << Text(f.start_date) << '|'
            << Text(f.end_date) << '|' << f.exit_reason << '|' << f.education << '|' << f.time_without_work << '|'
            << f.occupation_start << '|' << f.occupation_after << '|' << f.birth_region << '|' << f.referrer_member
            << '|' << f.referrer_unit << '|' << f.district << '|' << f.kommun << '|';
        for (const auto& list : {f.support_at_start, f.target_groups, f.support_after}) {
            for (const auto& code : list) out << code << ',';
            out << '|';
        }
        out << '\n';
    }
    return out.str();
}

// The cells of every measure by `dimensions` over `period`, suppressed or not, as text.
std::string Cells(services::App& app, long long forbund_id, const report::Period& period,
                  const std::vector<Dimension>& dimensions, bool no_suppress) {
    services::ReportRequest request;
    request.query.measures = report::AllMeasures();
    request.query.dimensions = dimensions;
    request.query.period = period;
    request.no_suppress = no_suppress;
    auto result = services::ReportService(app).RunAsOperator(forbund_id, request);
    if (!result.ok()) return "report failed: " + Describe(result.status());
    std::ostringstream out;
    for (const report::Cell& cell : result->report.cells) {
        out << report::MeasureName(cell.measure);
        for (const auto& [dimension, value] : cell.by) out << ' ' << report::DimensionName(dimension) << '=' << value;
        out << ' ' << cell.value << (cell.suppressed ? " (dold)" : "") << '\n';
    }
    return out.str();
}

// Totals, every dimension alone, and (`pairs`) every pair with insats or gender first.
std::vector<std::vector<Dimension>> Breakdowns(bool pairs) {
    std::vector<std::vector<Dimension>> out = {{}};
    for (Dimension dimension : report::AllDimensions()) out.push_back({dimension});
    if (!pairs) return out;
    for (Dimension first : {Dimension::kInsats, Dimension::kGender})
        for (Dimension second : report::AllDimensions())
            if (second != first) out.push_back({first, second});
    return out;
}

// Every year and half-year from `first_year` to this year: key -> cells. Years by every
// breakdown, unsuppressed, and by single dimensions suppressed too (suppression depends
// on every cell of a table); half-years by single dimensions.
std::map<std::string, std::string> EveryReport(services::App& app, long long forbund_id, int first_year) {
    std::map<std::string, std::string> out;
    const int this_year = domain::Today().year;
    for (int year = first_year; year <= this_year; ++year) {
        std::vector<report::Period> periods = {report::Period::Year(year), report::Period::Half(year, 1),
                                               report::Period::Half(year, 2)};
        for (const auto& period : periods) {
            const bool whole_year = period.Key().size() == 4;
            for (const auto& dimensions : Breakdowns(whole_year)) {
                std::string key = period.Key();
                for (Dimension dimension : dimensions) key += " " + std::string(report::DimensionName(dimension));
                out[key] = Cells(app, forbund_id, period, dimensions, true);
                if (whole_year && dimensions.size() <= 1)
                    out[key + " dold"] = Cells(app, forbund_id, period, dimensions, false);
            }
        }
    }
    return out;
}

void ExpectSameReports(const std::map<std::string, std::string>& before,
                       const std::map<std::string, std::string>& after) {
    ASSERT_EQ(before.size(), after.size());
    int differing = 0;
    for (const auto& [key, cells] : before) {
        auto it = after.find(key);
        ASSERT_NE(it, after.end()) << key;
        if (it->second != cells && ++differing <= 5)
            ADD_FAILURE() << key << "\nföre:\n" << cells << "efter:\n" << it->second;
    }
    EXPECT_EQ(differing, 0);
}

std::vector<domain::AuditEvent> GallringEvents(TestApp& app) {
    std::vector<domain::AuditEvent> out;
    for (const auto& e : app.AllAuditEvents())
        if (e.action == "gallring") out.push_back(e);
    return out;
}

// A participation started `start_days_ago` days ago and ended `end_days_ago` days ago.
domain::Participation EndedDaysAgo(int start_days_ago, int end_days_ago) {
    domain::Participation p = EndedParticipation();
    p.referral_date = DaysAgo(start_days_ago + 20);
    p.decision_date = DaysAgo(start_days_ago + 10);
    p.start_date = DaysAgo(start_days_ago);
    p.end_date = DaysAgo(end_days_ago);
    return p;
}

// The demo association (about three years of participations) with a retention period of
// 12 months: many persons are due, some held by a later episode.
TEST(Gallring, DemoDataKeepsEveryReportCellAndLosesTheDueIdentities) {
    TestApp app;
    auto filled = services::FillDemo(app.app(), {5, domain::Today()});
    ASSERT_TRUE(filled.ok()) << Describe(filled.status());
    services::RetentionService retention(app.app());
    ASSERT_TRUE(retention.SetRetentionMonths(app.forbund_id(), 12).ok());
    const domain::Date today = domain::Today();
    const domain::Date boundary = today.AddMonths(-12);

    const auto links_before = Links(app.app());
    const auto identities_before = IdentityPersons(app.app());
    const auto codes_before = PersonCodes(app.app());
    const std::string facts_before = FactDigest(app.app(), app.forbund_id());
    const auto reports_before = EveryReport(app.app(), app.forbund_id(), today.year - 4);
    ASSERT_GT(reports_before.size(), 250u);

    // Who is due, worked out here from the stored dates: persons all of whose
    // participations ended more than 12 months ago.
    std::map<long long, bool> person_due;
    {
        auto uow = app.app().db().Begin(store::Database::Mode::kRead);
        ASSERT_TRUE(uow.ok());
        Status st = store::Guard("ends", [&] {
            long long person = 0;
            store::NullableText end;
            soci::statement s = (store::Sql(**uow).prepare
                                     << "SELECT person_id, end_date FROM participation WHERE person_id IS NOT NULL",
                                 soci::into(person), soci::into(end.value, end.ind));
            s.execute();
            while (s.fetch()) {
                const auto date = store::DateFrom(end.value, end.ind);
                const bool due = date && date->AddMonths(12) < today;
                auto [it, fresh] = person_due.emplace(person, due);
                if (!fresh) it->second = it->second && due;
            }
        });
        ASSERT_TRUE(st.ok()) << Describe(st);
    }
    long long due_persons = 0, due_participations = 0, due_identities = 0;
    for (const auto& [person, due] : person_due) {
        if (!due) continue;
        ++due_persons;
        if (identities_before.count(person)) ++due_identities;
    }
    for (const auto& [id, link] : links_before)
        if (link.person_id && person_due[*link.person_id]) ++due_participations;
    ASSERT_GT(due_persons, 10) << "the demo should have persons due with 12 months";
    ASSERT_GT(due_identities, 0) << "and some of them with personnummer";
    ASSERT_LT(due_persons, static_cast<long long>(person_due.size()));

    // Dry run: the counts, and nothing written (counted here: reports write audit events).
    const auto rows_before = RowCounts(app.app());
    const long long audit_before = app.CountAudit(store::AuditFilter{});
    auto dry = retention.Run(today, true);
    ASSERT_TRUE(dry.ok()) << Describe(dry.status());
    ASSERT_EQ(dry->forbund.size(), 1u);
    EXPECT_EQ(dry->forbund[0].persons, due_persons);
    EXPECT_EQ(dry->forbund[0].removed, due_participations);
    EXPECT_GT(dry->forbund[0].held, 0) << "the demo should have episodes held by a later one";
    EXPECT_EQ(dry->forbund[0].first_end_not_due, domain::FirstEndDateNotDue(12, today));
    EXPECT_GE(dry->forbund[0].first_end_not_due, boundary.AddDays(-3));
    EXPECT_EQ(RowCounts(app.app()), rows_before);
    EXPECT_EQ(app.CountAudit(store::AuditFilter{}), audit_before);
    {
        const auto links = Links(app.app());
        bool same = links.size() == links_before.size();
        for (const auto& [id, link] : links_before) {
            const auto& now = links.at(id);
            same = same && now.person_id == link.person_id && now.version == link.version &&
                   now.anonymous == link.anonymous && !now.statistics_person_key;
        }
        EXPECT_TRUE(same) << "a dry run changed a participation";
    }
    EXPECT_EQ(IdentityPersons(app.app()), identities_before);

    // The real run.
    auto done = retention.Run(today, false);
    ASSERT_TRUE(done.ok()) << Describe(done.status());
    ASSERT_EQ(done->forbund.size(), 1u);
    EXPECT_EQ(done->forbund[0].persons, due_persons);
    EXPECT_EQ(done->forbund[0].removed, due_participations);
    EXPECT_EQ(done->forbund[0].held, dry->forbund[0].held);
    long long per_insats = 0;
    for (const auto& i : done->forbund[0].insatser) per_insats += i.removed;
    EXPECT_EQ(per_insats, due_participations);

    // Every report cell of every year and half-year is the same, and so is every fact.
    EXPECT_TRUE(FactDigest(app.app(), app.forbund_id()) == facts_before) << "the facts changed";
    ExpectSameReports(reports_before, EveryReport(app.app(), app.forbund_id(), today.year - 4));

    // Due participations are anonymous and keep their former person only as a key;
    // others are untouched.
    const auto links_after = Links(app.app());
    const auto identities_after = IdentityPersons(app.app());
    const auto codes_after = PersonCodes(app.app());
    for (const auto& [id, before] : links_before) {
        const Link& after = links_after.at(id);
        if (before.person_id && person_due[*before.person_id]) {
            EXPECT_FALSE(after.person_id) << id;
            EXPECT_EQ(after.anonymous, 1) << id;
            EXPECT_EQ(after.statistics_person_key, before.person_id) << id;
            EXPECT_EQ(after.identity_removed_on, today.ToString()) << id;
            EXPECT_EQ(after.version, before.version + 1) << id;
        } else {
            EXPECT_EQ(after.person_id, before.person_id) << id;
            EXPECT_EQ(after.anonymous, before.anonymous) << id;
            EXPECT_EQ(after.version, before.version) << id;
            EXPECT_FALSE(after.statistics_person_key) << id;
        }
    }
    for (const auto& [person, due] : person_due) {
        if (due) {
            EXPECT_EQ(identities_after.count(person), 0u) << "person " << person << " kept its identity";
            EXPECT_EQ(codes_after.at(person), "") << "person " << person << " kept its participant code";
        } else {
            EXPECT_EQ(identities_after.count(person), identities_before.count(person)) << person;
            EXPECT_EQ(codes_after.at(person), codes_before.at(person)) << person;
        }
    }
    EXPECT_EQ(identities_after.size(), identities_before.size() - due_identities);

    // One audit event with the counts and nothing about anyone.
    const auto events = GallringEvents(app);
    ASSERT_EQ(events.size(), 1u);
    const auto detail = nlohmann::json::parse(events[0].detail);
    EXPECT_EQ(detail.at("participations").get<long long>(), due_participations);
    EXPECT_EQ(detail.at("persons").get<long long>(), due_persons);
    EXPECT_EQ(detail.at("retention_months").get<int>(), 12);
    EXPECT_TRUE(events[0].personal_data);
    for (const auto& pnr : services::DemoPersonnummer()) {
        EXPECT_EQ(events[0].detail.find(pnr), std::string::npos);
        EXPECT_EQ(events[0].detail.find(pnr.substr(2)), std::string::npos);
    }
    for (const auto& [person, code] : codes_before)
        if (!code.empty()) EXPECT_EQ(events[0].detail.find("\"" + code + "\""), std::string::npos) << code;

    // A second run on the same day finds nothing and writes nothing.
    const auto rows_after = RowCounts(app.app());
    auto again = retention.Run(today, false);
    ASSERT_TRUE(again.ok()) << Describe(again.status());
    EXPECT_EQ(again->forbund[0].removed, 0);
    EXPECT_EQ(again->forbund[0].persons, 0);
    EXPECT_EQ(RowCounts(app.app()), rows_after);
    EXPECT_EQ(GallringEvents(app).size(), 1u);
    {
        const auto links = Links(app.app());
        for (const auto& [id, link] : links_after) EXPECT_EQ(links.at(id).version, link.version) << id;
    }

    auto uow = app.app().db().Begin(store::Database::Mode::kRead);
    ASSERT_TRUE(uow.ok());
    EXPECT_TRUE(store::CheckIntegrity(**uow).ok());
}

// Exact cases by hand, around the boundary of the default 36 months.
class GallringCases : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = app_.CreateMember("Region Testland", "REGION");
        with_id_ = app_.CreateInsats("Med identitet", region_, RegistrationMode::kWithIdentity);
        with_id_2_ = app_.CreateInsats("Med identitet 2", region_, RegistrationMode::kWithIdentity);
        with_code_ = app_.CreateInsats("Med kod", region_, RegistrationMode::kWithoutIdentity);
        registrar_ = app_.CreateRegistrar("reg.gallra", region_, {with_id_, with_id_2_, with_code_});
    }

    long long Register(long long insats, const services::ParticipationInput& input) {
        auto id = app_.participations().Register(registrar_, insats, input);
        EXPECT_TRUE(id.ok()) << Describe(id.status());
        return id.ok() ? *id : 0;
    }

    std::optional<long long> PersonOf(long long participation_id) {
        auto view = app_.participations().Get(registrar_, participation_id);
        EXPECT_TRUE(view.ok()) << Describe(view.status());
        return view.ok() ? view->participation.person_id : std::nullopt;
    }

    TestApp app_;
    long long region_ = 0, with_id_ = 0, with_id_2_ = 0, with_code_ = 0;
    domain::Actor registrar_;
};

TEST_F(GallringCases, OnlyPersonsWhoseParticipationsAllPassedTheBoundaryLoseTheirIdentity) {
    // Ended five days ago: kept through that day + 36 months, due the day after.
    const long long a = Register(with_id_, WithIdentity(EndedDaysAgo(100, 5), kPnrWoman1988, "Test Testsson"));
    const long long b1 = Register(with_id_, WithIdentity(EndedDaysAgo(100, 5), kPnrMan1970));
    const long long b2 = Register(with_id_2_, WithIdentity(StartedParticipation(3), kPnrMan1970));
    const long long c = Register(with_id_, WithIdentity(StartedParticipation(60), kPnrWoman1985));
    const long long d = Register(with_id_, Anonymous(EndedDaysAgo(100, 5), 1980));
    const long long e = Register(with_code_, WithCode(EndedDaysAgo(100, 5), "K-17", 1990));
    const long long f = Register(with_code_, WithCode(EndedDaysAgo(100, 4), "K-18", 1991));
    const auto person_a = PersonOf(a), person_b = PersonOf(b1), person_c = PersonOf(c), person_e = PersonOf(e);
    ASSERT_TRUE(person_a && person_b && person_c && person_e);
    EXPECT_EQ(PersonOf(b2), person_b);
    const std::string facts_before = FactDigest(app_.app(), app_.forbund_id());

    services::RetentionService retention(app_.app());
    const domain::Date kept_through = DaysAgo(5).AddMonths(36);
    auto on_boundary = retention.Run(kept_through, false);
    ASSERT_TRUE(on_boundary.ok()) << Describe(on_boundary.status());
    EXPECT_EQ(on_boundary->forbund[0].removed, 0);
    EXPECT_EQ(on_boundary->forbund[0].held, 0);
    EXPECT_TRUE(GallringEvents(app_).empty()) << "nothing removed, nothing to audit";

    const domain::Date day_after = kept_through.AddDays(1);
    const auto rows_before = RowCounts(app_.app());
    auto dry = retention.Run(day_after, true);
    ASSERT_TRUE(dry.ok()) << Describe(dry.status());
    EXPECT_TRUE(dry->dry_run);
    EXPECT_EQ(dry->forbund[0].persons, 2);  // a and e; f ended a day later
    EXPECT_EQ(dry->forbund[0].removed, 2);
    EXPECT_EQ(dry->forbund[0].held, 1);  // b1, held by b2
    EXPECT_EQ(RowCounts(app_.app()), rows_before);
    EXPECT_EQ(PersonOf(a), person_a);

    auto done = retention.Run(day_after, false);
    ASSERT_TRUE(done.ok()) << Describe(done.status());
    EXPECT_EQ(done->forbund[0].persons, 2);
    EXPECT_EQ(done->forbund[0].removed, 2);
    ASSERT_EQ(done->forbund[0].insatser.size(), 2u);
    EXPECT_EQ(done->forbund[0].insatser[0].insats_name, "Med identitet");
    EXPECT_EQ(done->forbund[0].insatser[0].removed, 1);
    EXPECT_EQ(done->forbund[0].insatser[0].held, 1);
    EXPECT_EQ(done->forbund[0].insatser[1].insats_name, "Med kod");
    EXPECT_EQ(done->forbund[0].insatser[1].removed, 1);

    // a: anonymous as a registration without identity; the registrar sees no identity.
    auto view = app_.participations().Get(registrar_, a);
    ASSERT_TRUE(view.ok()) << Describe(view.status());
    EXPECT_TRUE(view->participation.anonymous);
    EXPECT_FALSE(view->participation.person_id);
    EXPECT_FALSE(view->identity);
    EXPECT_FALSE(view->participation.consent_date);
    EXPECT_EQ(view->participant_code, "");
    {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        ASSERT_TRUE(uow.ok());
        store::PersonRepo persons(**uow);
        auto identity_a = persons.GetIdentity(*person_a);
        ASSERT_TRUE(identity_a.ok());
        EXPECT_FALSE(identity_a->has_value());
        auto identity_b = persons.GetIdentity(*person_b);
        ASSERT_TRUE(identity_b.ok());
        EXPECT_TRUE(identity_b->has_value());
        auto identity_c = persons.GetIdentity(*person_c);
        ASSERT_TRUE(identity_c.ok());
        EXPECT_TRUE(identity_c->has_value());
        auto code_e = persons.FindByCode(with_code_, "K-17");
        ASSERT_TRUE(code_e.ok());
        EXPECT_FALSE(code_e->has_value());
        auto code_f = persons.FindByCode(with_code_, "K-18");
        ASSERT_TRUE(code_f.ok());
        EXPECT_TRUE(code_f->has_value());
        auto emptied = persons.Get(*person_a);
        ASSERT_TRUE(emptied.ok());
        EXPECT_EQ(emptied->participant_code, "");
        EXPECT_FALSE(emptied->birth_year);
        EXPECT_EQ(emptied->legal_gender, "");
    }
    EXPECT_EQ(PersonOf(b1), person_b);
    EXPECT_EQ(PersonOf(b2), person_b);
    EXPECT_EQ(PersonOf(c), person_c);
    EXPECT_FALSE(PersonOf(d));
    EXPECT_TRUE(PersonOf(f));
    EXPECT_TRUE(FactDigest(app_.app(), app_.forbund_id()) == facts_before);

    // The audit event: counts per insats, nobody named.
    const auto events = GallringEvents(app_);
    ASSERT_EQ(events.size(), 1u);
    for (const char* secret : {kPnrWoman1988, "19880104", "Testsson", "K-17"})
        EXPECT_EQ(events[0].detail.find(secret), std::string::npos) << secret;
    const auto detail = nlohmann::json::parse(events[0].detail);
    EXPECT_EQ(detail.at("participations").get<int>(), 2);
    EXPECT_EQ(detail.at("held").get<int>(), 1);
    EXPECT_EQ(detail.at("insatser").size(), 2u);

    // The same personnummer registered again is a new person, unlinked to the old episode.
    const long long again = Register(with_id_, WithIdentity(StartedParticipation(2), kPnrWoman1988));
    ASSERT_NE(again, 0);
    EXPECT_NE(PersonOf(again), person_a);

    // Once b2 has ended and its period passed, b's identity goes too.
    auto b2_view = app_.participations().Get(registrar_, b2);
    ASSERT_TRUE(b2_view.ok());
    domain::ExitAnswers exit;
    exit.exit_reason = "STUDIER";
    exit.occupation_after = "STUDIER";
    exit.support_after = {{"STUDIEMEDEL", std::nullopt}};
    ASSERT_TRUE(
        app_.participations().RecordExit(registrar_, b2, b2_view->participation.version, DaysAgo(1), exit).ok());
    auto later = retention.Run(DaysAgo(1).AddMonths(36).AddDays(1), false);
    ASSERT_TRUE(later.ok()) << Describe(later.status());
    EXPECT_EQ(later->forbund[0].removed, 3);  // b1, b2 and f; c and the new one are ongoing
    EXPECT_FALSE(PersonOf(b1));
    EXPECT_FALSE(PersonOf(b2));
    EXPECT_EQ(GallringEvents(app_).size(), 2u);
}

TEST_F(GallringCases, TheRetentionSettingIsValidatedAndAudited) {
    services::RetentionService retention(app_.app());
    EXPECT_EQ(retention.SetRetentionMonths(app_.forbund_id(), 0).code(), StatusCode::kInvalidInput);
    EXPECT_EQ(retention.SetRetentionMonths(app_.forbund_id(), 601).code(), StatusCode::kInvalidInput);
    EXPECT_EQ(retention.SetRetentionMonths(987654, 24).code(), StatusCode::kNotFound);
    ASSERT_TRUE(retention.SetRetentionMonths(app_.forbund_id(), 24).ok());
    EXPECT_EQ(app_.CountAudit("gallringsfrist.update"), 1);
    auto forbund = app_.admin_service().TheForbund();
    ASSERT_TRUE(forbund.ok());
    EXPECT_EQ(forbund->retention_months, 24);
    auto dry = retention.Run(domain::Today(), true);
    ASSERT_TRUE(dry.ok());
    EXPECT_EQ(dry->forbund[0].retention_months, 24);
}

// `foljsam gallra`: --set-months, --dry-run prints and writes nothing, the real run
// prints a Swedish summary, a second run has nothing to do.
TEST_F(GallringCases, TheCommandRunsDryThenForReal) {
    if (OnPostgres()) GTEST_SKIP() << "runs the binary on the SQLite directory";
    const long long a = Register(with_id_, WithIdentity(EndedDaysAgo(200, 70), kPnrWoman1988));
    const long long c = Register(with_id_, WithIdentity(StartedParticipation(60), kPnrWoman1985));
    auto run = [&](const std::string& args, std::string& output) {
        output.clear();
        const std::string command =
            std::string(FOLJSAM_BIN) + " gallra --data '" + app_.data_dir().string() + "' " + args + " 2>&1";
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) return -1;
        char buffer[4096];
        size_t n = 0;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
        const int status = pclose(pipe);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    std::string out;
    EXPECT_EQ(run("--set-months 0", out), 2) << out;
    EXPECT_EQ(run("--set-months 2", out), 0) << out;
    EXPECT_NE(out.find("Gallringsfristen är nu 2 månader"), std::string::npos) << out;

    const auto rows_before = RowCounts(app_.app());
    EXPECT_EQ(run("--dry-run", out), 0) << out;
    EXPECT_NE(out.find("Provkörning"), std::string::npos) << out;
    EXPECT_NE(out.find("Med identitet: 1 deltagande skulle avidentifieras"), std::string::npos) << out;
    EXPECT_EQ(RowCounts(app_.app()), rows_before);
    EXPECT_TRUE(PersonOf(a));

    EXPECT_EQ(run("", out), 0) << out;
    EXPECT_NE(out.find("Med identitet: 1 deltagande avidentifierade"), std::string::npos) << out;
    EXPECT_NE(out.find("Totalt: 1 deltagande för 1 person avidentifierade"), std::string::npos) << out;
    EXPECT_EQ(out.find(kPnrWoman1988), std::string::npos) << out;
    EXPECT_FALSE(PersonOf(a));
    EXPECT_TRUE(PersonOf(c));
    EXPECT_EQ(GallringEvents(app_).size(), 1u);

    EXPECT_EQ(run("", out), 0) << out;
    EXPECT_NE(out.find("Inga deltaganden att gallra"), std::string::npos) << out;
    EXPECT_EQ(GallringEvents(app_).size(), 1u);
}

}  // namespace
}  // namespace foljsam::testing
