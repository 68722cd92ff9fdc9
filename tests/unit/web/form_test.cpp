// Form decoding and participation parsing: well-formed input, malformed input, and random
// bytes (they must never crash or throw, only produce values or field errors).

#include "web/form.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "web/participation_form.hpp"

namespace foljsam::web {
namespace {

TEST(Form, DecodesPlusPercentAndRepeatedFields) {
    Form f = Form::Parse("name=%C3%85sa+Test&support_at_start=LON&support_at_start=SJUKPENNING&empty=&flag");
    EXPECT_EQ(f.Get("name"), "Åsa Test");
    EXPECT_EQ(f.All("support_at_start"), (std::vector<std::string>{"LON", "SJUKPENNING"}));
    EXPECT_TRUE(f.Has("empty"));
    EXPECT_TRUE(f.Has("flag"));
    EXPECT_EQ(f.Get("missing"), "");
}

TEST(Form, KeepsMalformedEscapesLiterally) {
    Form f = Form::Parse("a=%&b=%4&c=%zz&d=100%25");
    EXPECT_EQ(f.Get("a"), "%");
    EXPECT_EQ(f.Get("b"), "%4");
    EXPECT_EQ(f.Get("c"), "%zz");
    EXPECT_EQ(f.Get("d"), "100%");
}

TEST(Form, UrlEncodeRoundTrips) {
    const std::string text = "Åsa & Öl = 100% / ?";
    EXPECT_EQ(Form::Parse("x=" + UrlEncode(text)).Get("x"), text);
}

TEST(ParticipationForm, ParsesEveryFieldAndReferrerForms) {
    Form f = Form::Parse(
        "participant_code=K-1&birth_year=1984&gender=K&referral_date=2026-01-02&referrer=ORG%3A12"
        "&co_referrer_org_ids=3&start_date=2026-02-01&support_at_start=LON&support_at_start_extent_LON=50"
        "&target_groups=UNGA_16_29&end_date=2026-05-01&exit_reason=ARBETE&version=4");
    ParsedParticipation parsed = ParseParticipation(f);
    ASSERT_TRUE(parsed.errors.empty());
    const auto& p = parsed.input.participation;
    EXPECT_EQ(parsed.input.person.participant_code, "K-1");
    EXPECT_EQ(parsed.input.person.birth_year, 1984);
    EXPECT_EQ(p.intake.referrer, "ORG");
    EXPECT_EQ(p.intake.referrer_org_id, 12);
    EXPECT_EQ(p.intake.co_referrer_org_ids, std::vector<long long>{3});
    ASSERT_EQ(p.intake.support_at_start.size(), 1u);
    EXPECT_EQ(p.intake.support_at_start[0].extent, 50);
    EXPECT_EQ(p.exit.exit_reason, "ARBETE");
    EXPECT_EQ(p.version, 4);
}

TEST(ParticipationForm, MalformedDatesAndNumbersAreFieldErrors) {
    ParsedParticipation parsed =
        ParseParticipation(Form::Parse("birth_year=19x8&start_date=2026-02-30&referrer=ORG%3Aabc"
                                       "&support_at_start=LON&support_at_start_extent_LON=half"));
    std::set<std::string> fields;
    for (const auto& e : parsed.errors) fields.insert(e.field);
    EXPECT_TRUE(fields.count("birth_year"));
    EXPECT_TRUE(fields.count("start_date"));
    EXPECT_TRUE(fields.count("referrer"));
    EXPECT_TRUE(fields.count("support_at_start_extent_LON"));
}

TEST(ParticipationForm, JsonBodyMapsToTheSameFields) {
    auto body = nlohmann::json::parse(R"({"participant_code":"K-2","birth_year":1990,"anonymous":false,
        "support_at_start":[{"code":"LON","extent":40},{"code":"A_KASSA"}],"target_groups":["UNGA_16_29"],
        "referrer":"ORG","referrer_org_id":7,"occupation_start_extent":12.5})");
    ParsedParticipation parsed = ParseParticipation(FormFromJson(body));
    const auto& p = parsed.input.participation;
    EXPECT_EQ(parsed.input.person.birth_year, 1990);
    ASSERT_EQ(p.intake.support_at_start.size(), 2u);
    EXPECT_EQ(p.intake.support_at_start[0].extent, 40);
    EXPECT_FALSE(p.intake.support_at_start[1].extent.has_value());
    EXPECT_EQ(p.intake.referrer_org_id, 7);
    ASSERT_EQ(parsed.errors.size(), 1u);  // 12.5 is not an integer percent
    EXPECT_EQ(parsed.errors[0].field, "occupation_start_extent");
    EXPECT_TRUE(FormFromJson(nlohmann::json::array({1, 2})).All("x").empty());
}

TEST(ParticipationForm, RandomBytesNeverCrash) {
    std::mt19937 rng(20261122);
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyz_=&%+0123456789-:;\xC3\xA5\xFF";
    for (int round = 0; round < 3000; ++round) {
        std::string input;
        const int length = static_cast<int>(rng() % 200);
        for (int idx = 0; idx < length; ++idx) input += alphabet[rng() % alphabet.size()];
        if (round % 3 == 0) input = "birth_year=" + input + "&start_date=" + input + "&support_at_start=" + input;
        ParsedParticipation parsed = ParseParticipation(Form::Parse(input));
        for (const auto& e : parsed.errors) {
            ASSERT_FALSE(e.field.empty()) << input;
            ASSERT_FALSE(e.message.empty()) << input;
        }
        const auto& p = parsed.input.participation;
        for (const auto* date : {&p.referral_date, &p.start_date, &p.end_date, &p.decision_date})
            if (*date) {
                ASSERT_TRUE((*date)->IsValid()) << input;
            }
        for (const auto& s : p.intake.support_at_start) {
            ASSERT_FALSE(s.code.empty()) << input;
        }
    }
}

}  // namespace
}  // namespace foljsam::web
