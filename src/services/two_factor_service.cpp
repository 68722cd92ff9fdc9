#include "services/two_factor_service.hpp"

#include <ctime>

#include "domain/second_factor.hpp"
#include "security/crypto.hpp"
#include "security/keyring.hpp"
#include "security/policy.hpp"
#include "security/totp.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/two_factor_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::services {
namespace {

const char* kIssuer = "Följsam";

Status WrongCode() {
    const char* message = "Koden stämmer inte. Skriv de sex siffror appen visar nu.";
    return Status::InvalidInput(message, {{"code", message}});
}

// New recovery codes: the clear codes (returned) and their hashes (stored).
std::vector<std::string> MakeRecoveryCodes(std::vector<std::string>* hashes) {
    std::vector<std::string> codes;
    for (int i = 0; i < kRecoveryCodeCount; ++i) {
        std::string raw = security::Base32Encode(security::NewTotpSecret()).substr(0, 10);
        for (auto& c : raw) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
        hashes->push_back(security::TokenHash(NormaliseRecoveryCode(codes.back())));
    }
    return codes;
}

Result<std::string> OpenSecret(App& app, const std::string& sealed) {
    auto keys = app.keys().ForController(kAccountsKeyId, kAccountsKeyGeneration);
    if (!keys.ok()) return keys.status();
    return keys->Open(sealed);
}

}  // namespace

std::string NormaliseRecoveryCode(const std::string& typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

Result<TwoFactorState> TwoFactorService::State(const domain::Actor& actor) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::TwoFactorRepo repo(**uow);
    TwoFactorState state;
    auto totp = repo.GetTotp(actor.user.id);
    if (!totp.ok()) return totp.status();
    state.enabled = totp->has_value() && (*totp)->confirmed;
    state.pending = totp->has_value() && !(*totp)->confirmed;
    if (actor.user.forbund_id && domain::NeedsSecondFactor(actor)) {
        auto required = repo.Required(*actor.user.forbund_id);
        if (!required.ok()) return required.status();
        state.required = *required;
    }
    auto unused = repo.UnusedRecoveryCodes(actor.user.id);
    if (!unused.ok()) return unused.status();
    state.unused_recovery_codes = *unused;
    return state;
}

Result<TotpEnrolment> TwoFactorService::Begin(const domain::Actor& actor) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::TwoFactorRepo repo(**uow);
    auto totp = repo.GetTotp(actor.user.id);
    if (!totp.ok()) return totp.status();
    if (totp->has_value() && (*totp)->confirmed)
        return Status::Conflict("Tvåfaktorsinloggning är redan på. Stäng av den först för att byta app.");
    auto keys = app_.keys().ForController(kAccountsKeyId, kAccountsKeyGeneration);
    if (!keys.ok()) return keys.status();
    const std::string secret = security::NewTotpSecret();
    FOLJSAM_RETURN_IF_ERROR(repo.PutUnconfirmed(actor.user.id, keys->Seal(secret)));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id, {"two_factor.enrol", "user", actor.user.id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return TotpEnrolment{security::Base32Encode(secret), security::OtpauthUri(kIssuer, actor.user.username, secret)};
}

Result<TotpEnrolment> TwoFactorService::Pending(const domain::Actor& actor) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto totp = store::TwoFactorRepo(**uow).GetTotp(actor.user.id);
    if (!totp.ok()) return totp.status();
    if (!totp->has_value() || (*totp)->confirmed) return Status::NotFound("Ingen påbörjad aktivering.");
    auto secret = OpenSecret(app_, (*totp)->secret_sealed);
    if (!secret.ok()) return secret.status();
    return TotpEnrolment{security::Base32Encode(*secret), security::OtpauthUri(kIssuer, actor.user.username, *secret)};
}

Result<std::vector<std::string>> TwoFactorService::Confirm(const domain::Actor& actor, const std::string& code) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::TwoFactorRepo repo(**uow);
    auto totp = repo.GetTotp(actor.user.id);
    if (!totp.ok()) return totp.status();
    if (!totp->has_value() || (*totp)->confirmed) return Status::NotFound("Ingen påbörjad aktivering.");
    auto secret = OpenSecret(app_, (*totp)->secret_sealed);
    if (!secret.ok()) return secret.status();
    const auto step = security::VerifyTotp(*secret, code, std::time(nullptr), (*totp)->last_step);
    if (!step) return WrongCode();
    FOLJSAM_RETURN_IF_ERROR(repo.Confirm(actor.user.id, *step));
    std::vector<std::string> hashes;
    auto codes = MakeRecoveryCodes(&hashes);
    FOLJSAM_RETURN_IF_ERROR(repo.ReplaceRecoveryCodes(actor.user.id, hashes));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id, {"two_factor.enable", "user", actor.user.id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return codes;
}

Result<std::vector<std::string>> TwoFactorService::NewRecoveryCodes(const domain::Actor& actor,
                                                                    const std::string& code) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::TwoFactorRepo repo(**uow);
    auto totp = repo.GetTotp(actor.user.id);
    if (!totp.ok()) return totp.status();
    if (!totp->has_value() || !(*totp)->confirmed) return Status::NotFound("Tvåfaktorsinloggning är inte på.");
    auto secret = OpenSecret(app_, (*totp)->secret_sealed);
    if (!secret.ok()) return secret.status();
    const auto step = security::VerifyTotp(*secret, code, std::time(nullptr), (*totp)->last_step);
    if (!step) return WrongCode();
    auto used = repo.UseStep(actor.user.id, *step);
    if (!used.ok()) return used.status();
    if (!*used) return WrongCode();
    std::vector<std::string> hashes;
    auto codes = MakeRecoveryCodes(&hashes);
    FOLJSAM_RETURN_IF_ERROR(repo.ReplaceRecoveryCodes(actor.user.id, hashes));
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, actor.user.forbund_id, {"two_factor.recovery_codes", "user", actor.user.id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return codes;
}

Status TwoFactorService::Disable(const domain::Actor& actor, const std::string& password) {
    auto state = State(actor);
    if (!state.ok()) return state.status();
    if (state->required) return Status::Forbidden("Din roll kräver tvåfaktorsinloggning; den kan inte stängas av.");
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto found = store::UserRepo(**uow).FindByUsername(actor.user.username);
    if (!found.ok()) return found.status();
    if (!security::VerifyPassword(password, found->second)) {
        const char* message = "Lösenordet är fel.";
        return Status::InvalidInput(message, {{"password", message}});
    }
    FOLJSAM_RETURN_IF_ERROR(store::TwoFactorRepo(**uow).Remove(actor.user.id));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id, {"two_factor.disable", "user", actor.user.id}));
    return (*uow)->Commit();
}

Status TwoFactorService::SetRequired(const domain::Actor& actor, bool required) {
    if (!actor.user.forbund_id) return Status::Forbidden("Du har inte behörighet.");
    const security::policy::Resource forbund{*actor.user.forbund_id};
    if (!security::policy::Can(actor, security::policy::Action::kAdminUsers, forbund))
        return Status::Forbidden("Du har inte behörighet att ändra förbundets inställningar.");
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    FOLJSAM_RETURN_IF_ERROR(store::TwoFactorRepo(**uow).SetRequired(*actor.user.forbund_id, required));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id,
                                  {"config.two_factor", "forbund", *actor.user.forbund_id, std::nullopt, false,
                                   required ? "{\"required\":true}" : "{\"required\":false}"}));
    return (*uow)->Commit();
}

}  // namespace foljsam::services
