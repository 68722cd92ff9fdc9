#include "security/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>

namespace foljsam::security {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const EVP_MD* Digest(TotpHash hash) {
    switch (hash) {
        case TotpHash::kSha1:
            return EVP_sha1();
        case TotpHash::kSha256:
            return EVP_sha256();
        case TotpHash::kSha512:
            return EVP_sha512();
    }
    return EVP_sha1();
}

std::string PercentEncode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::int64_t TotpStep(std::int64_t unix_time, const TotpParams& params) {
    const std::int64_t step = params.step > 0 ? params.step : 30;
    return unix_time >= 0 ? unix_time / step : -((-unix_time + step - 1) / step);
}

std::string TotpCodeAt(std::string_view secret, std::int64_t step, const TotpParams& params) {
    std::array<unsigned char, 8> counter{};
    auto value = static_cast<std::uint64_t>(step);
    for (int i = 7; i >= 0; --i) {
        counter[static_cast<size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
        value >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(Digest(params.hash), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(), mac,
         &mac_len);
    // Dynamic truncation (RFC 4226, 5.3).
    const unsigned offset = mac[mac_len - 1] & 0x0F;
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                                 (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                                 (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
    const int digits = params.digits < 6 ? 6 : (params.digits > 8 ? 8 : params.digits);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

std::string TotpCode(std::string_view secret, std::int64_t unix_time, const TotpParams& params) {
    return TotpCodeAt(secret, TotpStep(unix_time, params), params);
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                       std::int64_t last_used_step, int window, const TotpParams& params) {
    std::string digits;
    for (char c : code) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits += c;
    }
    if (digits.size() != static_cast<size_t>(params.digits)) return std::nullopt;
    const std::int64_t now = TotpStep(unix_time, params);
    std::optional<std::int64_t> match;
    for (std::int64_t step = now - window; step <= now + window; ++step) {
        const std::string expected = TotpCodeAt(secret, step, params);
        if (sodium_memcmp(expected.data(), digits.data(), digits.size()) == 0 && step > last_used_step && !match)
            match = step;
    }
    return match;
}

std::string Base32Encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char raw : text) {
        if (raw == ' ' || raw == '=' || raw == '-') continue;
        const char c = (raw >= 'a' && raw <= 'z') ? static_cast<char>(raw - 'a' + 'A') : raw;
        int value = -1;
        if (c >= 'A' && c <= 'Z') value = c - 'A';
        if (c >= '2' && c <= '7') value = c - '2' + 26;
        if (value < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
            bits -= 8;
        }
    }
    return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
    return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
           "?secret=" + Base32Encode(secret) + "&issuer=" + PercentEncode(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

std::string NewTotpSecret() {
    std::string secret(20, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

}  // namespace foljsam::security
