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

namespace {

struct EventColumns {
    NullableInt forbund, user, entity_id, insats;
    int personal = 0;
};

EventColumns ColumnsOf(const domain::AuditEvent& e) {
    return {ToNullable(e.forbund_id), ToNullable(e.user_id), ToNullable(e.entity_id), ToNullable(e.insats_id),
            e.personal_data ? 1 : 0};
}

std::optional<long long> FromNullable(const NullableInt& n) {
    return n.ind == soci::i_ok ? std::optional<long long>(n.value) : std::nullopt;
}

// Reads events `where` (with one bound id), in `order`.
std::vector<domain::AuditEvent> SelectEvents(UnitOfWork& uow, const std::string& where, long long bound,
                                             const std::string& order, int limit) {
    std::vector<domain::AuditEvent> out;
    domain::AuditEvent e;
    EventColumns c;
    NullableInt seq;
    NullableText prev, link;
    soci::statement s =
        (Sql(uow).prepare << "SELECT id, at, forbund_id, user_id, action, entity, entity_id, "
                             "insats_id, personal_data, detail, seq, prev_link, link FROM "
                             "audit_event WHERE " +
                                 where + " ORDER BY " + order + " LIMIT :lim",
         soci::into(e.id), soci::into(e.at), soci::into(c.forbund.value, c.forbund.ind),
         soci::into(c.user.value, c.user.ind), soci::into(e.action), soci::into(e.entity),
         soci::into(c.entity_id.value, c.entity_id.ind), soci::into(c.insats.value, c.insats.ind),
         soci::into(c.personal), soci::into(e.detail), soci::into(seq.value, seq.ind), soci::into(prev.value, prev.ind),
         soci::into(link.value, link.ind), soci::use(bound), soci::use(limit));
    s.execute();
    while (s.fetch()) {
        domain::AuditEvent copy = e;
        copy.forbund_id = FromNullable(c.forbund);
        copy.user_id = FromNullable(c.user);
        copy.entity_id = FromNullable(c.entity_id);
        copy.insats_id = FromNullable(c.insats);
        copy.personal_data = c.personal != 0;
        copy.seq = seq.ind == soci::i_ok ? seq.value : 0;
        copy.prev_link = prev.ind == soci::i_ok ? prev.value : "";
        copy.link = link.ind == soci::i_ok ? link.value : "";
        out.push_back(copy);
    }
    return out;
}

}  // namespace

Result<long long> AuditRepo::Append(const domain::AuditEvent& input) {
    const Database::AuditLinker& linker = uow_.audit_linker();
    if (!linker) return Status::Internal("audit event without an audit linker (Database::SetAuditLinker)");
    long long id = 0;
    Status st = Guard("append audit event", [&] {
        // The chain head, locked until this transaction ends (SQLite's writers queue anyway).
        long long last_seq = 0;
        std::string last_link;
        Sql(uow_) << std::string("SELECT last_seq, last_link FROM audit_chain WHERE id = 1") +
                         (uow_.dialect() == Dialect::kPostgres ? " FOR UPDATE" : ""),
            soci::into(last_seq), soci::into(last_link);
        if (last_seq == 0) {
            // Events from before the chain existed are chained first, oldest first.
            for (auto& old : SelectEvents(uow_, "seq IS NULL AND id > :after", 0, "id", 1 << 30)) {
                old.seq = ++last_seq;
                old.prev_link = last_link;
                old.link = linker(old.seq, old.prev_link, old);
                Sql(uow_) << "UPDATE audit_event SET seq = :s, prev_link = :p, link = :l WHERE id = :id",
                    soci::use(old.seq), soci::use(old.prev_link), soci::use(old.link), soci::use(old.id);
                last_link = old.link;
            }
        }
        domain::AuditEvent e = input;
        e.at = NowUtc();
        e.seq = last_seq + 1;
        e.prev_link = last_link;
        e.link = linker(e.seq, e.prev_link, e);
        EventColumns c = ColumnsOf(e);
        id = InsertReturningId(uow_,
                               "INSERT INTO audit_event (at, forbund_id, user_id, action, entity, entity_id, "
                               "insats_id, personal_data, detail, seq, prev_link, link) VALUES (:at, :f, :u, :a, :e, "
                               ":ei, :i, :p, :d, :s, :pl, :l)",
                               soci::use(e.at), soci::use(c.forbund.value, c.forbund.ind),
                               soci::use(c.user.value, c.user.ind), soci::use(e.action), soci::use(e.entity),
                               soci::use(c.entity_id.value, c.entity_id.ind), soci::use(c.insats.value, c.insats.ind),
                               soci::use(c.personal), soci::use(e.detail), soci::use(e.seq), soci::use(e.prev_link),
                               soci::use(e.link));
        Sql(uow_) << "UPDATE audit_chain SET last_seq = :s, last_link = :l WHERE id = 1", soci::use(e.seq),
            soci::use(e.link);
    });
    if (!st.ok()) return st;
    return id;
}

Result<std::vector<domain::AuditEvent>> AuditRepo::ChainPage(long long after_seq, int limit) {
    std::vector<domain::AuditEvent> out;
    Status st = Guard("read audit chain", [&] { out = SelectEvents(uow_, "seq > :after", after_seq, "seq", limit); });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<domain::AuditEvent>> AuditRepo::Unchained(int limit) {
    std::vector<domain::AuditEvent> out;
    Status st = Guard("read unchained audit events",
                      [&] { out = SelectEvents(uow_, "seq IS NULL AND id > :after", 0, "id", limit); });
    if (!st.ok()) return st;
    return out;
}

Result<AuditChainHead> AuditRepo::ChainHead() {
    AuditChainHead head;
    Status st = Guard("read audit chain head", [&] {
        Sql(uow_) << "SELECT last_seq, last_link FROM audit_chain WHERE id = 1", soci::into(head.last_seq),
            soci::into(head.last_link);
    });
    if (!st.ok()) return st;
    return head;
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
