#include "store/user_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

struct UserColumns {
    long long id = 0;
    NullableInt forbund, org;
    std::string username, display_name, password_hash;
    int must_change = 0, active = 1;
};

const char* kUserSelect =
    "SELECT id, forbund_id, username, display_name, organisation_id, password_hash, must_change_password, active "
    "FROM app_user ";

void BindUser(soci::statement& s, UserColumns& c) {
    s.exchange(soci::into(c.id));
    s.exchange(soci::into(c.forbund.value, c.forbund.ind));
    s.exchange(soci::into(c.username));
    s.exchange(soci::into(c.display_name));
    s.exchange(soci::into(c.org.value, c.org.ind));
    s.exchange(soci::into(c.password_hash));
    s.exchange(soci::into(c.must_change));
    s.exchange(soci::into(c.active));
}

domain::User ToUser(const UserColumns& c) {
    domain::User u;
    u.id = c.id;
    if (c.forbund.ind == soci::i_ok) u.forbund_id = c.forbund.value;
    u.username = c.username;
    u.display_name = c.display_name;
    if (c.org.ind == soci::i_ok) u.organisation_id = c.org.value;
    u.must_change_password = c.must_change != 0;
    u.active = c.active != 0;
    return u;
}

}  // namespace

Result<long long> UserRepo::Insert(const domain::User& user, const std::string& password_hash) {
    long long id = 0;
    Status st = Guard("insert user", [&] {
        std::string now = NowUtc(), username = user.username, name = user.display_name, hash = password_hash;
        NullableInt forbund = ToNullable(user.forbund_id), org = ToNullable(user.organisation_id);
        int must = user.must_change_password ? 1 : 0, active = user.active ? 1 : 0;
        id = InsertReturningId(uow_,
                               "INSERT INTO app_user (forbund_id, username, display_name, organisation_id, "
                               "password_hash, must_change_password, active, created_at) VALUES (:f, :u, :d, :o, :p, "
                               ":m, :a, :c)",
                               soci::use(forbund.value, forbund.ind), soci::use(username), soci::use(name),
                               soci::use(org.value, org.ind), soci::use(hash), soci::use(must), soci::use(active),
                               soci::use(now));
    });
    if (!st.ok()) {
        if (st.code() == StatusCode::kConflict)
            return Status::Conflict("Användarnamnet finns redan.", {{"username", "Användarnamnet finns redan."}});
        return st;
    }
    return id;
}

Result<domain::User> UserRepo::Get(long long id) {
    UserColumns c;
    bool found = false;
    Status st = Guard("get user", [&] {
        soci::statement s = Sql(uow_).prepare << std::string(kUserSelect) + "WHERE id = :id";
        BindUser(s, c);
        s.exchange(soci::use(id));
        s.define_and_bind();
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Användaren finns inte.");
    return ToUser(c);
}

Result<std::pair<domain::User, std::string>> UserRepo::FindByUsername(const std::string& username) {
    UserColumns c;
    bool found = false;
    Status st = Guard("find user", [&] {
        std::string name = username;
        soci::statement s = Sql(uow_).prepare << std::string(kUserSelect) + "WHERE username = :u";
        BindUser(s, c);
        s.exchange(soci::use(name));
        s.define_and_bind();
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Användaren finns inte.");
    return std::make_pair(ToUser(c), c.password_hash);
}

Result<std::vector<domain::User>> UserRepo::List(long long forbund_id) {
    std::vector<domain::User> out;
    Status st = Guard("list users", [&] {
        UserColumns c;
        soci::statement s = Sql(uow_).prepare << std::string(kUserSelect) + "WHERE forbund_id = :f ORDER BY username";
        BindUser(s, c);
        s.exchange(soci::use(forbund_id));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) out.push_back(ToUser(c));
    });
    if (!st.ok()) return st;
    return out;
}

Status UserRepo::SetPassword(long long user_id, const std::string& password_hash, bool must_change) {
    return Guard("set password", [&] {
        std::string hash = password_hash;
        int must = must_change ? 1 : 0;
        Sql(uow_) << "UPDATE app_user SET password_hash = :p, must_change_password = :m WHERE id = :id",
            soci::use(hash), soci::use(must), soci::use(user_id);
    });
}

Result<long long> UserRepo::AddAssignment(long long user_id, const domain::RoleAssignment& a) {
    long long id = 0;
    Status st = Guard("add assignment", [&] {
        std::string role = domain::RoleCode(a.role), from = a.valid_from.ToString();
        NullableInt forbund = ToNullable(a.forbund_id), insats = ToNullable(a.insats_id);
        NullableText to = ToNullable(a.valid_to);
        id = InsertReturningId(uow_,
                               "INSERT INTO role_assignment (user_id, role, forbund_id, insats_id, valid_from, "
                               "valid_to) VALUES (:u, :r, :f, :i, :vf, :vt)",
                               soci::use(user_id), soci::use(role), soci::use(forbund.value, forbund.ind),
                               soci::use(insats.value, insats.ind), soci::use(from), soci::use(to.value, to.ind));
    });
    if (!st.ok()) return st;
    return id;
}

Result<std::vector<domain::RoleAssignment>> UserRepo::Assignments(long long user_id) {
    std::vector<domain::RoleAssignment> out;
    Status st = Guard("assignments", [&] {
        long long id = 0;
        std::string role, from;
        NullableInt forbund, insats;
        NullableText to;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT id, role, forbund_id, insats_id, valid_from, valid_to FROM "
                                  "role_assignment WHERE user_id = :u ORDER BY id",
             soci::into(id), soci::into(role), soci::into(forbund.value, forbund.ind),
             soci::into(insats.value, insats.ind), soci::into(from), soci::into(to.value, to.ind), soci::use(user_id));
        s.execute();
        while (s.fetch()) {
            auto parsed = domain::ParseRole(role);
            if (!parsed) continue;
            domain::RoleAssignment a;
            a.id = id;
            a.role = *parsed;
            if (forbund.ind == soci::i_ok) a.forbund_id = forbund.value;
            if (insats.ind == soci::i_ok) a.insats_id = insats.value;
            a.valid_from = domain::ParseIsoDate(from).value_or(domain::Date{1970, 1, 1});
            a.valid_to = DateFrom(to.value, to.ind);
            out.push_back(a);
        }
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<long long>> UserRepo::UsersWithRoleOnInsats(domain::Role role, long long insats_id) {
    std::vector<long long> out;
    Status st = Guard("users with role", [&] {
        long long id = 0;
        std::string code = domain::RoleCode(role);
        soci::statement s = (Sql(uow_).prepare << "SELECT DISTINCT user_id FROM role_assignment WHERE role = :r AND "
                                                  "insats_id = :i ORDER BY user_id",
                             soci::into(id), soci::use(code), soci::use(insats_id));
        s.execute();
        while (s.fetch()) out.push_back(id);
    });
    if (!st.ok()) return st;
    return out;
}

Status UserRepo::InsertSession(const SessionRecord& rec) {
    return Guard("insert session", [&] {
        SessionRecord s = rec;
        int pending = s.pending_second_factor ? 1 : 0;
        Sql(uow_) << "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, "
                     "pending_second_factor) VALUES (:t, :u, :c, :ca, :l, :e, :p)",
            soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token), soci::use(s.created_at),
            soci::use(s.last_seen_at), soci::use(s.expires_at), soci::use(pending);
    });
}

Result<std::optional<SessionRecord>> UserRepo::FindSession(const std::string& token_hash) {
    SessionRecord s;
    bool found = false;
    Status st = Guard("find session", [&] {
        std::string hash = token_hash;
        int pending = 0;
        soci::statement q =
            (Sql(uow_).prepare << "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, "
                                  "expires_at, pending_second_factor FROM user_session WHERE token_hash = :t",
             soci::into(s.token_hash), soci::into(s.user_id), soci::into(s.csrf_token), soci::into(s.created_at),
             soci::into(s.last_seen_at), soci::into(s.expires_at), soci::into(pending), soci::use(hash));
        found = q.execute(true);
        s.pending_second_factor = pending != 0;
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(s);
}

Status UserRepo::TouchSession(const std::string& token_hash, const std::string& last_seen_at) {
    return Guard("touch session", [&] {
        std::string hash = token_hash, seen = last_seen_at;
        Sql(uow_) << "UPDATE user_session SET last_seen_at = :l WHERE token_hash = :t", soci::use(seen),
            soci::use(hash);
    });
}

Status UserRepo::DeleteSession(const std::string& token_hash) {
    return Guard("delete session", [&] {
        std::string hash = token_hash;
        Sql(uow_) << "DELETE FROM user_session WHERE token_hash = :t", soci::use(hash);
    });
}

Result<long long> UserRepo::DeleteSessionsOfUser(long long user_id) {
    long long count = 0;
    Status st = Guard("delete the sessions of a user", [&] {
        Sql(uow_) << "SELECT COUNT(*) FROM user_session WHERE user_id = :u", soci::into(count), soci::use(user_id);
        Sql(uow_) << "DELETE FROM user_session WHERE user_id = :u", soci::use(user_id);
    });
    if (!st.ok()) return st;
    return count;
}

Result<long long> UserRepo::InsertApiToken(const ApiTokenRecord& t) {
    long long id = 0;
    Status st = Guard("insert api token", [&] {
        std::string now = NowUtc(), name = t.name, hash = t.token_hash;
        NullableText expires =
            ToNullable(t.expires_at.empty() ? std::nullopt : std::optional<std::string>(t.expires_at));
        long long user = t.user_id;
        id = InsertReturningId(uow_,
                               "INSERT INTO api_token (user_id, name, token_hash, created_at, expires_at) VALUES (:u, "
                               ":n, :h, :c, :e)",
                               soci::use(user), soci::use(name), soci::use(hash), soci::use(now),
                               soci::use(expires.value, expires.ind));
    });
    if (!st.ok()) return st;
    return id;
}

Result<std::optional<ApiTokenRecord>> UserRepo::FindApiToken(const std::string& token_hash) {
    ApiTokenRecord t;
    NullableText expires, revoked;
    bool found = false;
    Status st = Guard("find api token", [&] {
        std::string hash = token_hash;
        soci::statement q =
            (Sql(uow_).prepare << "SELECT id, user_id, name, token_hash, expires_at, revoked_at FROM "
                                  "api_token WHERE token_hash = :h",
             soci::into(t.id), soci::into(t.user_id), soci::into(t.name), soci::into(t.token_hash),
             soci::into(expires.value, expires.ind), soci::into(revoked.value, revoked.ind), soci::use(hash));
        found = q.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<ApiTokenRecord>();
    t.expires_at = expires.ind == soci::i_ok ? expires.value : "";
    t.revoked = revoked.ind == soci::i_ok;
    return std::optional<ApiTokenRecord>(t);
}

}  // namespace foljsam::store
