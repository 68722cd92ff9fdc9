// The audit chain's link (security/audit_chain): a function of every stored field, the
// place in the chain, the previous link and the key, so that any change shows.

#include "security/audit_chain.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "security/keyring.hpp"

namespace foljsam::security {
namespace {

constexpr const char* kMasterA = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kMasterB = "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100";

AuditChainKey KeyFrom(const char* master) {
    auto keyring = Keyring::FromMasterKey(master);
    EXPECT_TRUE(keyring.ok());
    auto key = (*keyring)->ForAudit();
    EXPECT_TRUE(key.ok());
    return *key;
}

domain::AuditEvent Event() {
    domain::AuditEvent e;
    e.at = "2026-12-03T10:00:00Z";
    e.forbund_id = 1;
    e.user_id = 7;
    e.action = "participation.view";
    e.entity = "participation";
    e.entity_id = 42;
    e.insats_id = 3;
    e.personal_data = true;
    e.detail = R"({"source":"web"})";
    return e;
}

TEST(AuditChainLink, IsHexOfThirtyTwoBytesAndTheSameForTheSameInput) {
    const AuditChainKey key = KeyFrom(kMasterA);
    const std::string link = key.Link(5, "abc", Event());
    EXPECT_EQ(link.size(), 64u);
    EXPECT_EQ(link.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(key.Link(5, "abc", Event()), link);
}

TEST(AuditChainLink, ChangesWithEveryFieldThePlaceThePreviousLinkAndTheKey) {
    const AuditChainKey key = KeyFrom(kMasterA);
    const std::string base = key.Link(5, "abc", Event());
    std::vector<std::function<void(domain::AuditEvent&)>> edits = {
        [](auto& e) { e.at = "2026-12-03T10:00:01Z"; },
        [](auto& e) { e.forbund_id = 2; },
        [](auto& e) { e.forbund_id.reset(); },
        [](auto& e) { e.user_id = 8; },
        [](auto& e) { e.user_id.reset(); },
        [](auto& e) { e.action = "participation.update"; },
        [](auto& e) { e.entity = "person"; },
        [](auto& e) { e.entity_id = 43; },
        [](auto& e) { e.insats_id.reset(); },
        [](auto& e) { e.personal_data = false; },
        [](auto& e) { e.detail = R"({"source":"api"})"; },
    };
    std::set<std::string> links = {base};
    for (size_t i = 0; i < edits.size(); ++i) {
        domain::AuditEvent e = Event();
        edits[i](e);
        EXPECT_TRUE(links.insert(key.Link(5, "abc", e)).second) << "edit " << i << " left the link as it was";
    }
    EXPECT_NE(key.Link(6, "abc", Event()), base);
    EXPECT_NE(key.Link(5, "abd", Event()), base);
    EXPECT_NE(KeyFrom(kMasterB).Link(5, "abc", Event()), base);
    // Fields not covered by the link: the id and the display name are not part of it.
    domain::AuditEvent shown = Event();
    shown.id = 99;
    shown.username = "someone";
    EXPECT_EQ(key.Link(5, "abc", shown), base);
}

TEST(AuditChainMessage, KeepsFieldsApartAndAbsentValuesApartFromPresentOnes) {
    domain::AuditEvent a = Event(), b = Event();
    a.action = "ab";
    a.entity = "c";
    b.action = "a";
    b.entity = "bc";
    EXPECT_NE(AuditChainMessage(1, "", a), AuditChainMessage(1, "", b));
    domain::AuditEvent absent = Event(), zero = Event();
    absent.entity_id.reset();
    zero.entity_id = 0;
    EXPECT_NE(AuditChainMessage(1, "", absent), AuditChainMessage(1, "", zero));
}

}  // namespace
}  // namespace foljsam::security
