#include "store/audit_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

struct Where {
    std::string clause = " WHERE 1 = 1";
    std::string entity, action;
    long long entity_id = 0, user_id = 0;
};

Where BuildWhere(const AuditFilter& f) {
    Where w;
    if (f.entity) {
        w.clause += " AND a.entity = :e";
        w.entity = *f.entity;
    }
    if (f.entity_id) {
        w.clause += " AND a.entity_id = :ei";
        w.entity_id = *f.entity_id;
    }
    if (f.action) {
        w.clause += " AND a.action = :ac";
        w.action = *f.action;
    }
    if (f.user_id) {
        w.clause += " AND a.user_id = :u";
        w.user_id = *f.user_id;
    }
    return w;
}

void BindWhere(soci::statement& s, const AuditFilter& f, Where& w) {
    if (f.entity) s.exchange(soci::use(w.entity));
    if (f.entity_id) s.exchange(soci::use(w.entity_id));
    if (f.action) s.exchange(soci::use(w.action));
    if (f.user_id) s.exchange(soci::use(w.user_id));
}

}  // namespace

Result<long long> AuditRepo::Append(const domain::AuditEvent& e) {
    long long id = 0;
    Status st = Guard("append audit event", [&] {
        std::string now = NowUtc(), action = e.action, entity = e.entity, detail = e.detail;
        NullableInt forbund = ToNullable(e.forbund_id), user = ToNullable(e.user_id),
                    entity_id = ToNullable(e.entity_id), insats = ToNullable(e.insats_id);
        int personal = e.personal_data ? 1 : 0;
        id =
            InsertReturningId(uow_,
                              "INSERT INTO audit_event (at, forbund_id, user_id, action, entity, entity_id, insats_id, "
                              "personal_data, detail) VALUES (:at, :f, :u, :a, :e, :ei, :i, :p, :d)",
                              soci::use(now), soci::use(forbund.value, forbund.ind), soci::use(user.value, user.ind),
                              soci::use(action), soci::use(entity), soci::use(entity_id.value, entity_id.ind),
                              soci::use(insats.value, insats.ind), soci::use(personal), soci::use(detail));
    });
    if (!st.ok()) return st;
    return id;
}

Result<std::vector<domain::AuditEvent>> AuditRepo::List(const AuditFilter& filter) {
    std::vector<domain::AuditEvent> out;
    Status st = Guard("list audit events", [&] {
        Where w = BuildWhere(filter);
        domain::AuditEvent e;
        NullableInt forbund, user, entity_id, insats;
        NullableText username;
        int personal = 0, limit = filter.limit;
        soci::statement s = Sql(uow_).prepare
                            << "SELECT a.id, a.at, a.forbund_id, a.user_id, a.action, a.entity, a.entity_id, "
                               "a.insats_id, a.personal_data, a.detail, u.username FROM audit_event a LEFT JOIN "
                               "app_user u ON u.id = a.user_id" +
                                   w.clause + " ORDER BY a.id DESC LIMIT :lim";
        s.exchange(soci::into(e.id));
        s.exchange(soci::into(e.at));
        s.exchange(soci::into(forbund.value, forbund.ind));
        s.exchange(soci::into(user.value, user.ind));
        s.exchange(soci::into(e.action));
        s.exchange(soci::into(e.entity));
        s.exchange(soci::into(entity_id.value, entity_id.ind));
        s.exchange(soci::into(insats.value, insats.ind));
        s.exchange(soci::into(personal));
        s.exchange(soci::into(e.detail));
        s.exchange(soci::into(username.value, username.ind));
        BindWhere(s, filter, w);
        s.exchange(soci::use(limit));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) {
            domain::AuditEvent copy = e;
            copy.forbund_id = forbund.ind == soci::i_ok ? std::optional<long long>(forbund.value) : std::nullopt;
            copy.user_id = user.ind == soci::i_ok ? std::optional<long long>(user.value) : std::nullopt;
            copy.entity_id = entity_id.ind == soci::i_ok ? std::optional<long long>(entity_id.value) : std::nullopt;
            copy.insats_id = insats.ind == soci::i_ok ? std::optional<long long>(insats.value) : std::nullopt;
            copy.personal_data = personal != 0;
            copy.username = username.ind == soci::i_ok ? username.value : "";
            out.push_back(copy);
        }
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> AuditRepo::Count(const AuditFilter& filter) {
    long long n = 0;
    Status st = Guard("count audit events", [&] {
        Where w = BuildWhere(filter);
        soci::statement s = Sql(uow_).prepare << "SELECT COUNT(*) FROM audit_event a" + w.clause;
        s.exchange(soci::into(n));
        BindWhere(s, filter, w);
        s.define_and_bind();
        s.execute(true);
    });
    if (!st.ok()) return st;
    return n;
}

Result<std::vector<StoredCodeValue>> ListStoredCodeValues(UnitOfWork& uow) {
    std::vector<StoredCodeValue> out;
    Status st = Guard("list code values", [&] {
        StoredCodeValue v;
        soci::statement s = (Sql(uow).prepare << "SELECT list_id, code, label FROM code_value ORDER BY list_id, "
                                                 "sort_order",
                             soci::into(v.list_id), soci::into(v.code), soci::into(v.label));
        s.execute();
        while (s.fetch()) out.push_back(v);
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace foljsam::store
