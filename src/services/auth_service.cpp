#include "services/auth_service.hpp"

#include <ctime>

#include "domain/login_lockout.hpp"
#include "domain/second_factor.hpp"
#include "security/crypto.hpp"
#include "security/keyring.hpp"
#include "security/totp.hpp"
#include "services/audit.hpp"
#include "services/two_factor_service.hpp"
#include "store/database.hpp"
#include "store/login_attempt_repo.hpp"
#include "store/organisation_repo.hpp"
#include "store/two_factor_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::services {
namespace {

constexpr long kIdleSeconds = 30 * 60;
constexpr long kSecondFactorSeconds = 5 * 60;  // to type the code after the password
constexpr long kAbsoluteSeconds = 12 * 60 * 60;
const char* kWrongLogin = "Fel användarnamn eller lösenord.";
// Failed log-ins of names not tried for a day are forgotten.
constexpr long kForgetAttemptsSeconds = 24 * 60 * 60;

// The same answer for every locked name, whether it exists or not.
Status LockedOut(int minutes) {
    const std::string message = "För många misslyckade inloggningar. Vänta " + std::to_string(minutes) +
                                (minutes == 1 ? " minut" : " minuter") + " och försök igen.";
    return Status::InvalidInput(message, {{"username", message}});
}

std::string FormatUtc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::time_t ParseUtc(const std::string& text) {
    std::tm tm{};
    if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return 0;
    return timegm(&tm);
}

// A dummy Argon2id hash so an unknown user costs as much time as a wrong password.
const std::string& DummyHash(security::HashCost cost) {
    static const std::string interactive =
        security::HashPassword("dummy-password-x", security::HashCost::kInteractive).value();
    static const std::string minimum = security::HashPassword("dummy-password-x", security::HashCost::kMinimum).value();
    return cost == security::HashCost::kInteractive ? interactive : minimum;
}

}  // namespace

Status CheckPasswordStrength(const std::string& password, const domain::CommonPasswords& common) {
    const auto problem = domain::PasswordProblem(password, common);
    if (problem) return Status::InvalidInput(*problem, {{"password", *problem}});
    return Status::Ok();
}

Result<domain::Actor> AuthService::LoadActor(long long user_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::UserRepo users(**uow);
    auto user = users.Get(user_id);
    if (!user.ok()) return user.status();
    domain::Actor actor;
    actor.user = *user;
    auto assignments = users.Assignments(user_id);
    if (!assignments.ok()) return assignments.status();
    const domain::Date today = domain::Today();
    for (const auto& a : *assignments)
        if (a.ActiveOn(today)) actor.roles.push_back(a);
    store::OrganisationRepo orgs(**uow);
    std::optional<long long> org = user->organisation_id;
    for (int depth = 0; org && depth < 32; ++depth) {
        actor.employer_chain.push_back(*org);
        auto o = orgs.GetOrganisation(*org);
        if (!o.ok()) break;
        org = o->parent_id;
    }
    return actor;
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::UserRepo users(**uow);
    auto found = users.FindByUsername(username);
    if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
    const bool known = found.ok();
    const std::optional<long long> known_id = known ? std::optional<long long>(found->first.id) : std::nullopt;
    const std::optional<long long> forbund = known ? found->first.forbund_id : std::nullopt;
    const std::time_t now = std::time(nullptr);

    // A locked name is refused before its password is looked at, known or not.
    store::LoginAttemptRepo attempts_repo(**uow);
    const std::string key = domain::LoginKey(username);
    auto attempts = attempts_repo.Get(key);
    if (!attempts.ok()) return attempts.status();
    if (domain::IsLocked(*attempts, now)) {
        FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, forbund, {"login.locked", "user", known_id}));
        FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
        return LockedOut(domain::MinutesLocked(*attempts, now));
    }

    const std::string& hash = known ? found->second : DummyHash(app_.options().hash_cost);
    const bool password_ok = security::VerifyPassword(password, hash);
    if (!known || !password_ok || !found->first.active) {
        const domain::LoginAttempts after = domain::AfterFailure(*attempts, now);
        FOLJSAM_RETURN_IF_ERROR(attempts_repo.Put(key, after, now - kForgetAttemptsSeconds));
        FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, forbund, {"login.failed", "user", known_id}));
        const bool locked_now = domain::IsLocked(after, now);
        if (locked_now) FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, forbund, {"login.locked", "user", known_id}));
        FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
        if (locked_now) return LockedOut(domain::MinutesLocked(after, now));
        return Status::InvalidInput(kWrongLogin, {{"username", kWrongLogin}});
    }
    auto totp = store::TwoFactorRepo(**uow).GetTotp(found->first.id);
    if (!totp.ok()) return totp.status();
    const bool second_factor_due = totp->has_value() && (*totp)->confirmed;
    // With two factors the failure count stays until the code is right too.
    if (attempts->failures > 0 && !second_factor_due) FOLJSAM_RETURN_IF_ERROR(attempts_repo.Clear(key));
    LoginResult out;
    out.session_token = security::RandomToken();
    out.csrf_token = security::RandomToken();
    out.second_factor_due = second_factor_due;
    store::SessionRecord rec{security::TokenHash(out.session_token),
                             found->first.id,
                             out.csrf_token,
                             FormatUtc(now),
                             FormatUtc(now),
                             FormatUtc(now + (second_factor_due ? kSecondFactorSeconds : kAbsoluteSeconds)),
                             second_factor_due};
    FOLJSAM_RETURN_IF_ERROR(users.InsertSession(rec));
    domain::Actor stub;
    stub.user = found->first;
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, found->first.forbund_id,
                                  {second_factor_due ? "login.password_ok" : "login.ok", "user", found->first.id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    const long long user_id = found->first.id;
    uow->reset();  // give the connection back before taking another one
    auto actor = LoadActor(user_id);
    if (!actor.ok()) return actor.status();
    out.actor = *actor;
    return out;
}

Result<Authenticated> AuthService::FromSession(const std::string& session_token) {
    if (session_token.empty() || session_token.size() > 100) return Status::NotFound("Ingen inloggning.");
    const std::string hash = security::TokenHash(session_token);
    std::optional<store::SessionRecord> session;
    {
        // Most requests only read: a write transaction (and SQLite's write lock) is taken
        // only to expire a session or to refresh its idle timer, at most once a minute.
        auto uow = app_.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        auto found = store::UserRepo(**uow).FindSession(hash);
        if (!found.ok()) return found.status();
        session = *found;
    }
    if (!session || session->pending_second_factor) return Status::NotFound("Ingen inloggning.");
    const std::time_t now = std::time(nullptr);
    const bool expired = now - ParseUtc(session->last_seen_at) > kIdleSeconds || now > ParseUtc(session->expires_at);
    if ((expired || now - ParseUtc(session->last_seen_at) > 60) && now >= write_backoff_until_.load()) {
        // Best effort: while a long write (a large import) holds SQLite's write lock, the
        // refresh waits out the busy timeout and fails. The session is still valid (or still
        // expired) by the times just read, so the request goes on, and no request of this
        // process tries again for 30 seconds, so they do not each wait out the timeout.
        Status written = [&]() -> Status {
            auto uow = app_.db().Begin();
            if (!uow.ok()) return uow.status();
            store::UserRepo users(**uow);
            FOLJSAM_RETURN_IF_ERROR(expired ? users.DeleteSession(hash) : users.TouchSession(hash, FormatUtc(now)));
            return (*uow)->Commit();
        }();
        if (!written.ok() && written.code() != StatusCode::kUnavailable) return written;
        if (!written.ok()) write_backoff_until_.store(now + 30);
    }
    if (expired) return Status::NotFound("Inloggningen har gått ut.");
    auto actor = LoadActor(session->user_id);
    if (!actor.ok()) return actor.status();
    if (!actor->user.active) return Status::NotFound("Kontot är inaktiverat.");
    Authenticated out{*actor, session->csrf_token};
    if (actor->user.forbund_id && domain::NeedsSecondFactor(*actor)) {
        auto uow = app_.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        store::TwoFactorRepo repo(**uow);
        auto required = repo.Required(*actor->user.forbund_id);
        if (!required.ok()) return required.status();
        if (*required) {
            auto totp = repo.GetTotp(actor->user.id);
            if (!totp.ok()) return totp.status();
            out.must_enrol_second_factor = !(totp->has_value() && (*totp)->confirmed);
        }
    }
    return out;
}

Result<Authenticated> AuthService::FromApiToken(const std::string& token) {
    if (token.empty() || token.size() > 100) return Status::NotFound("Ogiltig API-nyckel.");
    long long user_id = 0;
    {
        auto uow = app_.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        auto rec = store::UserRepo(**uow).FindApiToken(security::TokenHash(token));
        if (!rec.ok()) return rec.status();
        if (!rec->has_value() || (*rec)->revoked) return Status::NotFound("Ogiltig API-nyckel.");
        if (!(*rec)->expires_at.empty() && std::time(nullptr) > ParseUtc((*rec)->expires_at))
            return Status::NotFound("API-nyckeln har gått ut.");
        user_id = (*rec)->user_id;
    }
    auto actor = LoadActor(user_id);
    if (!actor.ok()) return actor.status();
    if (!actor->user.active) return Status::NotFound("Kontot är inaktiverat.");
    return Authenticated{*actor, ""};
}

Status AuthService::Logout(const std::string& session_token) {
    auto auth = FromSession(session_token);
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    FOLJSAM_RETURN_IF_ERROR(store::UserRepo(**uow).DeleteSession(security::TokenHash(session_token)));
    if (auth.ok())
        FOLJSAM_RETURN_IF_ERROR(
            Audit(**uow, &auth->actor, auth->actor.user.forbund_id, {"logout", "user", auth->actor.user.id}));
    return (*uow)->Commit();
}

Status AuthService::LogoutEverywhere(const domain::Actor& actor) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto ended = store::UserRepo(**uow).DeleteSessionsOfUser(actor.user.id);
    if (!ended.ok()) return ended.status();
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id,
                                  {"logout.everywhere", "user", actor.user.id, std::nullopt, false,
                                   "{\"sessions\":" + std::to_string(*ended) + "}"}));
    return (*uow)->Commit();
}

Result<LoginResult> AuthService::CompleteSecondFactor(const std::string& pending_token, const std::string& code) {
    if (pending_token.empty() || pending_token.size() > 100) return Status::NotFound("Ingen inloggning.");
    const std::string hash = security::TokenHash(pending_token);
    const std::time_t now = std::time(nullptr);
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::UserRepo users(**uow);
    auto session = users.FindSession(hash);
    if (!session.ok()) return session.status();
    if (!session->has_value() || !(*session)->pending_second_factor || now > ParseUtc((*session)->expires_at))
        return Status::NotFound("Inloggningen har gått ut. Logga in igen.");
    auto user = users.Get((*session)->user_id);
    if (!user.ok()) return user.status();
    domain::Actor stub;
    stub.user = *user;

    store::LoginAttemptRepo attempts_repo(**uow);
    const std::string key = domain::LoginKey(user->username);
    auto attempts = attempts_repo.Get(key);
    if (!attempts.ok()) return attempts.status();
    if (domain::IsLocked(*attempts, now)) {
        FOLJSAM_RETURN_IF_ERROR(users.DeleteSession(hash));
        FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, user->forbund_id, {"login.locked", "user", user->id}));
        FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
        return LockedOut(domain::MinutesLocked(*attempts, now));
    }

    store::TwoFactorRepo two_factor(**uow);
    auto totp = two_factor.GetTotp(user->id);
    if (!totp.ok()) return totp.status();
    if (!totp->has_value() || !(*totp)->confirmed) return Status::NotFound("Inloggningen har gått ut. Logga in igen.");
    auto keys = app_.keys().ForController(kAccountsKeyId, kAccountsKeyGeneration);
    if (!keys.ok()) return keys.status();
    auto secret = keys->Open((*totp)->secret_sealed);
    if (!secret.ok()) return secret.status();
    bool accepted = false;
    bool recovery = false;
    if (const auto step = security::VerifyTotp(*secret, code, now, (*totp)->last_step)) {
        auto used = two_factor.UseStep(user->id, *step);
        if (!used.ok()) return used.status();
        accepted = *used;
    } else if (NormaliseRecoveryCode(code).size() == 10) {
        auto used = two_factor.UseRecoveryCode(user->id, security::TokenHash(NormaliseRecoveryCode(code)));
        if (!used.ok()) return used.status();
        accepted = recovery = *used;
    }
    if (!accepted) {
        const domain::LoginAttempts after = domain::AfterFailure(*attempts, now);
        FOLJSAM_RETURN_IF_ERROR(attempts_repo.Put(key, after, now - kForgetAttemptsSeconds));
        FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, user->forbund_id, {"login.code_failed", "user", user->id}));
        const bool locked_now = domain::IsLocked(after, now);
        if (locked_now) {
            FOLJSAM_RETURN_IF_ERROR(users.DeleteSession(hash));
            FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, user->forbund_id, {"login.locked", "user", user->id}));
        }
        FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
        if (locked_now) return LockedOut(domain::MinutesLocked(after, now));
        const char* message = "Koden stämmer inte. Skriv de sex siffror appen visar nu, eller en reservkod.";
        return Status::InvalidInput(message, {{"code", message}});
    }
    if (attempts->failures > 0) FOLJSAM_RETURN_IF_ERROR(attempts_repo.Clear(key));
    // A new token for the full session: the pending one is spent.
    FOLJSAM_RETURN_IF_ERROR(users.DeleteSession(hash));
    LoginResult out;
    out.session_token = security::RandomToken();
    out.csrf_token = security::RandomToken();
    FOLJSAM_RETURN_IF_ERROR(
        users.InsertSession({security::TokenHash(out.session_token), user->id, out.csrf_token, FormatUtc(now),
                             FormatUtc(now), FormatUtc(now + kAbsoluteSeconds), false}));
    if (recovery)
        FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, user->forbund_id, {"recovery_code.use", "user", user->id}));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, user->forbund_id, {"login.ok", "user", user->id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    uow->reset();
    auto actor = LoadActor(user->id);
    if (!actor.ok()) return actor.status();
    out.actor = *actor;
    return out;
}

Result<std::string> AuthService::CreateApiToken(const std::string& username, const std::string& name, int days) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::UserRepo users(**uow);
    auto found = users.FindByUsername(username);
    if (!found.ok()) return found.status();
    std::string token = security::RandomToken();
    store::ApiTokenRecord rec;
    rec.user_id = found->first.id;
    rec.name = name;
    rec.token_hash = security::TokenHash(token);
    if (days > 0) rec.expires_at = FormatUtc(std::time(nullptr) + days * 86400L);
    auto id = users.InsertApiToken(rec);
    if (!id.ok()) return id.status();
    domain::Actor stub;
    stub.user = found->first;
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, found->first.forbund_id, {"api_token.create", "api_token", *id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return token;
}

Status AuthService::ChangePassword(const domain::Actor& actor, const std::string& current, const std::string& next) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::UserRepo users(**uow);
    auto found = users.FindByUsername(actor.user.username);
    if (!found.ok()) return found.status();
    ValidationErrors errors;
    if (!security::VerifyPassword(current, found->second)) errors.Add("current_password", "Nuvarande lösenord är fel.");
    Status strength = CheckPasswordStrength(next, app_.common_passwords());
    if (!strength.ok()) errors.Add("new_password", strength.fields().front().message);
    if (!errors.empty()) return errors.ToStatus();
    auto hash = security::HashPassword(next, app_.options().hash_cost);
    if (!hash.ok()) return hash.status();
    FOLJSAM_RETURN_IF_ERROR(users.SetPassword(actor.user.id, *hash, false));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id, {"password.change", "user", actor.user.id}));
    return (*uow)->Commit();
}

}  // namespace foljsam::services
