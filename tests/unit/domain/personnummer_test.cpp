#include "domain/personnummer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace foljsam::domain {
namespace {

// Fixed so the century rules give the same answers whenever the tests run.
constexpr Date kToday{2026, 11, 22};

// Skatteverket's published test personnummer (12 digits each), see shared/reference.
const std::vector<std::string>& TestNumbers() {
    static const std::vector<std::string> numbers = [] {
        std::vector<std::string> loaded;
        std::filesystem::path path = FOLJSAM_SOURCE_DIR "/../shared/reference/testpersonnummer.csv";
        if (!std::filesystem::exists(path)) {
            const char* shared = std::getenv("FOLJSAM_SHARED_DIR");
            if (shared == nullptr) return loaded;
            path = std::filesystem::path(shared) / "reference" / "testpersonnummer.csv";
        }
        std::ifstream in(path);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line == "personnummer") continue;
            loaded.push_back(line);
        }
        return loaded;
    }();
    return numbers;
}

#define REQUIRE_TEST_NUMBERS()                                                                            \
    if (TestNumbers().empty()) {                                                                          \
        GTEST_SKIP() << "testpersonnummer.csv not found: set FOLJSAM_SHARED_DIR to the shared directory"; \
    }

// Builds a 12-digit number from "YYYYMMDD" and a three-digit serial, with a correct check digit.
std::string WithCheckDigit(const std::string& yyyymmdd, const std::string& serial) {
    std::string nine = yyyymmdd.substr(2) + serial;
    return yyyymmdd + serial + std::to_string(LuhnCheckDigit(nine));
}

// True when the person born on `canonical` (12 digits) has turned 100 on kToday.
bool IsCentenarian(const std::string& canonical) {
    Date birth{std::stoi(canonical.substr(0, 4)), std::stoi(canonical.substr(4, 2)), std::stoi(canonical.substr(6, 2))};
    int age = kToday.year - birth.year;
    if (birth.month > kToday.month || (birth.month == kToday.month && birth.day > kToday.day)) --age;
    return age >= 100;
}

// Messages may be shown and logged, so they must not carry any part of the number.
void ExpectMessageHidesNumber(const Status& status, const std::string& input) {
    int digit_run = 0;
    for (char c : status.message()) {
        digit_run = (c >= '0' && c <= '9') ? digit_run + 1 : 0;
        EXPECT_LT(digit_run, 3) << "message: " << status.message() << " input: " << input;
    }
    ASSERT_EQ(status.fields().size(), 1u) << input;
    EXPECT_EQ(status.fields()[0].field, "personnummer");
    EXPECT_EQ(status.fields()[0].message, status.message());
}

void ExpectRefused(const std::string& input) {
    auto parsed = Personnummer::Parse(input, kToday);
    ASSERT_FALSE(parsed.ok()) << input;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << input;
    ExpectMessageHidesNumber(parsed.status(), input);
}

TEST(Personnummer, ReferenceFileHoldsAllTestNumbers) {
    REQUIRE_TEST_NUMBERS();
    EXPECT_EQ(TestNumbers().size(), 41493u);
}

TEST(Personnummer, EveryTestNumberIsAcceptedInTwelveDigitForm) {
    REQUIRE_TEST_NUMBERS();
    for (const std::string& number : TestNumbers()) {
        auto parsed = Personnummer::Parse(number, kToday);
        ASSERT_TRUE(parsed.ok()) << number << ": " << parsed.status().message();
        EXPECT_EQ(parsed->canonical(), number);
        EXPECT_FALSE(parsed->is_samordningsnummer()) << number;
        EXPECT_EQ(parsed->birth_year(), std::stoi(number.substr(0, 4))) << number;
        Date expected_birth{std::stoi(number.substr(0, 4)), std::stoi(number.substr(4, 2)),
                            std::stoi(number.substr(6, 2))};
        EXPECT_EQ(parsed->birth_date(), expected_birth) << number;
        LegalGender expected_gender = (number[10] - '0') % 2 == 1 ? LegalGender::kMan : LegalGender::kWoman;
        EXPECT_EQ(parsed->legal_gender(), expected_gender) << number;

        auto with_separator = Personnummer::Parse(number.substr(0, 8) + "-" + number.substr(8), kToday);
        ASSERT_TRUE(with_separator.ok()) << number;
        EXPECT_EQ(with_separator->canonical(), number);
    }
}

TEST(Personnummer, EveryTestNumberInTenDigitFormGivesBackTheCanonicalNumber) {
    REQUIRE_TEST_NUMBERS();
    for (const std::string& number : TestNumbers()) {
        bool centenarian = IsCentenarian(number);
        std::string ten = number.substr(2, 6) + (centenarian ? "+" : "-") + number.substr(8);
        auto parsed = Personnummer::Parse(ten, kToday);
        ASSERT_TRUE(parsed.ok()) << ten << ": " << parsed.status().message();
        EXPECT_EQ(parsed->canonical(), number) << ten;
        if (centenarian) continue;
        // Without a separator the person is taken to be under 100, like with '-'.
        auto bare = Personnummer::Parse(number.substr(2), kToday);
        ASSERT_TRUE(bare.ok()) << number.substr(2);
        EXPECT_EQ(bare->canonical(), number);
    }
}

TEST(Personnummer, SingleDigitMutationsAreRefused) {
    REQUIRE_TEST_NUMBERS();
    // Luhn detects every change of one digit in the 10-digit part. The century digits are not
    // covered by the check digit, so they are left alone here.
    const std::vector<std::string>& numbers = TestNumbers();
    for (size_t number_idx = 0; number_idx < numbers.size(); number_idx += 7) {
        const std::string& number = numbers[number_idx];
        for (size_t position = 2; position < number.size(); ++position) {
            for (char digit = '0'; digit <= '9'; ++digit) {
                if (digit == number[position]) continue;
                std::string mutated = number;
                mutated[position] = digit;
                auto parsed = Personnummer::Parse(mutated, kToday);
                ASSERT_FALSE(parsed.ok()) << number << " mutated to " << mutated;
                ExpectMessageHidesNumber(parsed.status(), mutated);
            }
        }
    }
}

TEST(Personnummer, SamordningsnummerIsAcceptedAndFlagged) {
    REQUIRE_TEST_NUMBERS();
    const std::vector<std::string>& numbers = TestNumbers();
    for (size_t number_idx = 0; number_idx < numbers.size(); number_idx += 101) {
        const std::string& number = numbers[number_idx];
        int day = std::stoi(number.substr(6, 2));
        std::string coded_date = number.substr(0, 6) + std::to_string(day + 60);
        std::string samordning = WithCheckDigit(coded_date, number.substr(8, 3));

        auto parsed = Personnummer::Parse(samordning, kToday);
        ASSERT_TRUE(parsed.ok()) << samordning << ": " << parsed.status().message();
        EXPECT_TRUE(parsed->is_samordningsnummer());
        EXPECT_EQ(parsed->canonical(), samordning);
        EXPECT_EQ(parsed->birth_date().day, day) << samordning;
        EXPECT_EQ(parsed->birth_year(), std::stoi(number.substr(0, 4)));

        std::string ten = samordning.substr(2, 6) + (IsCentenarian(number) ? "+" : "-") + samordning.substr(8);
        auto from_ten = Personnummer::Parse(ten, kToday);
        ASSERT_TRUE(from_ten.ok()) << ten;
        EXPECT_EQ(from_ten->canonical(), samordning);
    }
}

TEST(Personnummer, ImpossibleDatesAreRefusedEvenWithACorrectCheckDigit) {
    const std::vector<std::string> dates = {"19230229", "19000229", "19901301", "19900001", "19900100",
                                            "19900132", "19900431", "19900160", "19900192", "19900229"};
    for (const std::string& date : dates) {
        std::string number = WithCheckDigit(date, "123");
        auto parsed = Personnummer::Parse(number, kToday);
        ASSERT_FALSE(parsed.ok()) << number;
        EXPECT_EQ(parsed.status().message(), "Personnumret har ett datum som inte finns.") << number;
        ExpectMessageHidesNumber(parsed.status(), number);
    }
    // 2000 was a leap year, 1900 was not: the century of a 10-digit number decides.
    std::string leap_day = WithCheckDigit("20000229", "123");
    EXPECT_TRUE(Personnummer::Parse(leap_day.substr(2, 6) + "-" + leap_day.substr(8), kToday).ok());
    EXPECT_FALSE(Personnummer::Parse(leap_day.substr(2, 6) + "+" + leap_day.substr(8), kToday).ok());
}

TEST(Personnummer, WrongCheckDigitIsNamed) {
    std::string number = WithCheckDigit("19900115", "123");
    number.back() = static_cast<char>('0' + (number.back() - '0' + 1) % 10);
    auto parsed = Personnummer::Parse(number, kToday);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().message(), "Kontrollsiffran stämmer inte.");
}

TEST(Personnummer, TenDigitCenturyKeepsTheAgeBetweenZeroAndNinetyNine) {
    struct Case {
        std::string date;  // YYYYMMDD the person was born
        char separator;
    };
    // kToday is 2026-11-22.
    const std::vector<Case> cases = {
        {"20261122", '-'}, {"19261123", '-'}, {"19270101", '-'}, {"20000101", '-'},
        {"19261122", '+'}, {"18261123", '+'}, {"19000101", '+'},
    };
    for (const Case& c : cases) {
        std::string number = WithCheckDigit(c.date, "234");
        std::string ten = number.substr(2, 6) + c.separator + number.substr(8);
        auto parsed = Personnummer::Parse(ten, kToday);
        ASSERT_TRUE(parsed.ok()) << ten << ": " << parsed.status().message();
        EXPECT_EQ(parsed->canonical(), number) << ten;
    }
}

TEST(Personnummer, TwelveDigitsWithPlusKeepTheirOwnCentury) {
    std::string number = WithCheckDigit("19900115", "123");
    auto parsed = Personnummer::Parse(number.substr(0, 8) + "+" + number.substr(8), kToday);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->canonical(), number);
}

TEST(Personnummer, LettersWrongLengthsAndMisplacedSeparatorsAreRefused) {
    std::string valid = WithCheckDigit("19900115", "123");  // 19900115-1231 shape
    std::string ten = valid.substr(2);
    const std::vector<std::string> inputs = {
        "",
        "-",
        "abcdefghijkl",
        valid.substr(0, 11) + "A",
        valid.substr(0, 6) + "O" + valid.substr(7),
        valid.substr(0, 11),
        valid + "0",
        ten.substr(0, 9),
        ten + "0",
        valid.substr(0, 8) + " " + valid.substr(8),
        " " + valid,
        valid + " ",
        valid.substr(0, 8) + "--" + valid.substr(8),
        valid.substr(0, 8) + "-+" + valid.substr(8),
        valid.substr(0, 4) + "-" + valid.substr(4, 4) + "-" + valid.substr(8),
        valid.substr(0, 7) + "-" + valid.substr(7),
        valid.substr(0, 9) + "-" + valid.substr(9),
        "-" + valid,
        valid + "-",
        ten.substr(0, 5) + "-" + ten.substr(5),
        ten.substr(0, 6) + "/" + ten.substr(6),
        ten.substr(0, 6) + "_" + ten.substr(6),
        valid.substr(0, 8) + "\xE2\x80\x93" + valid.substr(8),  // en dash
        std::string(valid.substr(0, 6)) + '\0' + valid.substr(6),
    };
    for (const std::string& input : inputs) {
        ExpectRefused(input);
    }
}

TEST(Personnummer, LuhnCheckDigitMatchesKnownValues) {
    EXPECT_EQ(LuhnCheckDigit("811218987"), 6);
    EXPECT_EQ(LuhnCheckDigit("900101980"), 2);
    EXPECT_EQ(LuhnCheckDigit("000000000"), 0);
}

}  // namespace
}  // namespace foljsam::domain
