#include "security/audit_chain.hpp"

#include <sodium.h>

#include <optional>

namespace foljsam::security {
namespace {

void Field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

void Optional(std::string& out, const std::optional<long long>& value) {
    Field(out, value ? "v" + std::to_string(*value) : std::string("n"));
}

}  // namespace

std::string AuditChainMessage(long long seq, std::string_view prev_link, const domain::AuditEvent& e) {
    std::string out = "foljsam-audit-v1\n";
    Field(out, std::to_string(seq));
    Field(out, prev_link);
    Field(out, e.at);
    Optional(out, e.forbund_id);
    Optional(out, e.user_id);
    Field(out, e.action);
    Field(out, e.entity);
    Optional(out, e.entity_id);
    Optional(out, e.insats_id);
    Field(out, e.personal_data ? "1" : "0");
    Field(out, e.detail);
    return out;
}

std::string AuditChainKey::Link(long long seq, std::string_view prev_link, const domain::AuditEvent& e) const {
    const std::string message = AuditChainMessage(seq, prev_link, e);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string(hex, 2 * sizeof mac);
}

}  // namespace foljsam::security
