// The password rule (domain/password_policy): length in characters, and a password that is
// a listed one, a listed word with digits and symbols around it, or one word repeated, is
// refused.

#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace foljsam::domain {
namespace {

CommonPasswords SmallList() {
    std::istringstream lines(
        "#!comment: a list in john's format\n"
        "password\r\n"
        "qwerty\n"
        "\n"
        "sommar\n"
        "Lösenord\n"
        "winniethepooh\n");
    CommonPasswords list;
    list.AddLines(lines);
    return list;
}

TEST(PasswordPolicy, CommentsAndBlankLinesAreNotPasswords) {
    EXPECT_EQ(SmallList().size(), 5u);
    EXPECT_FALSE(SmallList().IsCommon("#!comment: a list in john's format"));
}

TEST(PasswordPolicy, LengthCountsCharactersNotBytes) {
    const CommonPasswords none;
    EXPECT_TRUE(PasswordProblem("kort-ord-11", none));
    EXPECT_FALSE(PasswordProblem("tolv-tecken!", none));
    EXPECT_TRUE(PasswordProblem("åäöåäöåäöåä", none)) << "11 characters are 22 bytes, still too short";
    EXPECT_FALSE(PasswordProblem("åäöåäöåäöåäx", none));
    EXPECT_TRUE(PasswordProblem(std::string(257, 'x'), none));
    EXPECT_NE(PasswordProblem("kort", none)->find("minst 12 tecken"), std::string::npos);
}

TEST(PasswordPolicy, ListedPasswordsAreRefusedInAnyCase) {
    const auto list = SmallList();
    EXPECT_TRUE(list.IsCommon("WinnieThePooh"));
    EXPECT_TRUE(PasswordProblem("WINNIETHEPOOH", list));
    EXPECT_TRUE(list.IsCommon("LÖSENORD")) << "Swedish letters are lower-cased too";
    EXPECT_NE(PasswordProblem("winniethepooh", list)->find("för vanligt"), std::string::npos);
}

TEST(PasswordPolicy, AListedWordWithDigitsAndSymbolsAroundItIsCommon) {
    const auto list = SmallList();
    for (const char* common : {"password1234", "Password!2024", "2024-Sommar-!!", "lösenord12345", "p4ssword"})
        EXPECT_EQ(list.IsCommon(common), std::string(common) != "p4ssword") << common;
    EXPECT_TRUE(list.IsCommon("123456789012")) << "digits only";
    EXPECT_TRUE(list.IsCommon("!!!!????....")) << "symbols only";
}

TEST(PasswordPolicy, OneWordRepeatedIsCommon) {
    const auto list = SmallList();
    EXPECT_TRUE(list.IsCommon("qwertyqwerty"));
    EXPECT_TRUE(list.IsCommon("sommarsommar1"));
    EXPECT_TRUE(list.IsCommon("abababababab")) << "a short pattern repeated";
    EXPECT_TRUE(list.IsCommon("xxxxxxxxxxxx"));
    EXPECT_FALSE(list.IsCommon("husbathusbat")) << "an unlisted word repeated";
}

TEST(PasswordPolicy, OrdinaryPassphrasesPass) {
    const auto list = SmallList();
    for (const char* fine :
         {"korv med bröd och senap", "Följsam-demo-2026", "sommarregn-över-taken", "password-manager-x"})
        EXPECT_FALSE(PasswordProblem(fine, list)) << fine;
}

}  // namespace
}  // namespace foljsam::domain
