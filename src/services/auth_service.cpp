#include "services/auth_service.hpp"

#include <ctime>

#include "domain/login_lockout.hpp"
#include "security/crypto.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/login_attempt_repo.hpp"
#include "store/organisation_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::services {
namespace {

constexpr long kIdleSeconds = 30 * 60;
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

Status CheckPasswordStrength(const std::string& password) {
    // Count characters, not bytes (UTF-8 continuation bytes excluded).
    size_t chars = 0;
    for (unsigned char c : password)
        if ((c & 0xC0) != 0x80) ++chars;
    if (chars < 12)
        return Status::InvalidInput("Lösenordet är för kort.", {{"password", "Lösenordet ska ha minst 12 tecken."}});
    if (password.size() > 256)
        return Status::InvalidInput("Lösenordet är för långt.", {{"password", "Lösenordet får ha högst 256 tecken."}});
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
    if (attempts->failures > 0) FOLJSAM_RETURN_IF_ERROR(attempts_repo.Clear(key));
    LoginResult out;
    out.session_token = security::RandomToken();
    out.csrf_token = security::RandomToken();
    store::SessionRecord rec{
        security::TokenHash(out.session_token), found->first.id, out.csrf_token, FormatUtc(now), FormatUtc(now),
        FormatUtc(now + kAbsoluteSeconds)};
    FOLJSAM_RETURN_IF_ERROR(users.InsertSession(rec));
    domain::Actor stub;
    stub.user = found->first;
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &stub, found->first.forbund_id, {"login.ok", "user", found->first.id}));
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
    if (!session) return Status::NotFound("Ingen inloggning.");
    const std::time_t now = std::time(nullptr);
    const bool expired = now - ParseUtc(session->last_seen_at) > kIdleSeconds || now > ParseUtc(session->expires_at);
    if (expired || now - ParseUtc(session->last_seen_at) > 60) {
        auto uow = app_.db().Begin();
        if (!uow.ok()) return uow.status();
        store::UserRepo users(**uow);
        FOLJSAM_RETURN_IF_ERROR(expired ? users.DeleteSession(hash) : users.TouchSession(hash, FormatUtc(now)));
        FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
        if (expired) return Status::NotFound("Inloggningen har gått ut.");
    }
    auto actor = LoadActor(session->user_id);
    if (!actor.ok()) return actor.status();
    if (!actor->user.active) return Status::NotFound("Kontot är inaktiverat.");
    return Authenticated{*actor, session->csrf_token};
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
    Status strength = CheckPasswordStrength(next);
    if (!strength.ok()) errors.Add("new_password", strength.fields().front().message);
    if (!errors.empty()) return errors.ToStatus();
    auto hash = security::HashPassword(next, app_.options().hash_cost);
    if (!hash.ok()) return hash.status();
    FOLJSAM_RETURN_IF_ERROR(users.SetPassword(actor.user.id, *hash, false));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, actor.user.forbund_id, {"password.change", "user", actor.user.id}));
    return (*uow)->Commit();
}

}  // namespace foljsam::services
