#include "store/organisation_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

struct InsatsColumns {
    long long id = 0, forbund_id = 0, controller = 0;
    std::string name, description, orientation, method, mode;
    NullableText start, end;
    int self_referral = 0, active = 1;
};

domain::Insats ToInsats(const InsatsColumns& c) {
    domain::Insats i;
    i.id = c.id;
    i.forbund_id = c.forbund_id;
    i.name = c.name;
    i.description = c.description;
    i.start_date = DateFrom(c.start.value, c.start.ind);
    i.end_date = DateFrom(c.end.value, c.end.ind);
    i.orientation = c.orientation;
    i.follow_up_method = c.method;
    i.self_referral_allowed = c.self_referral != 0;
    i.controller_org_id = c.controller;
    i.registration_mode = c.mode;
    i.active = c.active != 0;
    return i;
}

const char* kInsatsSelect =
    "SELECT id, forbund_id, name, description, start_date, end_date, orientation, follow_up_method, "
    "self_referral_allowed, controller_org_id, registration_mode, active FROM insats ";

void BindInsats(soci::statement& st, InsatsColumns& c) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.forbund_id));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.description));
    st.exchange(soci::into(c.start.value, c.start.ind));
    st.exchange(soci::into(c.end.value, c.end.ind));
    st.exchange(soci::into(c.orientation));
    st.exchange(soci::into(c.method));
    st.exchange(soci::into(c.self_referral));
    st.exchange(soci::into(c.controller));
    st.exchange(soci::into(c.mode));
    st.exchange(soci::into(c.active));
}

struct OrgColumns {
    long long id = 0, forbund_id = 0;
    NullableInt parent;
    std::string name, member_type, kommunkod;
    int active = 1;
};

domain::Organisation ToOrg(const OrgColumns& c) {
    domain::Organisation o;
    o.id = c.id;
    o.forbund_id = c.forbund_id;
    if (c.parent.ind == soci::i_ok) o.parent_id = c.parent.value;
    o.name = c.name;
    o.member_type = c.member_type;
    o.kommunkod = c.kommunkod;
    o.active = c.active != 0;
    return o;
}

const char* kOrgSelect = "SELECT id, forbund_id, parent_id, name, member_type, kommunkod, active FROM organisation ";

void BindOrg(soci::statement& st, OrgColumns& c) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.forbund_id));
    st.exchange(soci::into(c.parent.value, c.parent.ind));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.member_type));
    st.exchange(soci::into(c.kommunkod));
    st.exchange(soci::into(c.active));
}

}  // namespace

Result<long long> OrganisationRepo::InsertForbund(const domain::Forbund& f) {
    long long id = 0;
    Status st = Guard("insert forbund", [&] {
        std::string now = NowUtc(), name = f.name, org_number = f.org_number;
        int threshold = f.suppression_threshold, retention = f.retention_months;
        id = InsertReturningId(uow_,
                               "INSERT INTO forbund (name, org_number, suppression_threshold, retention_months, "
                               "created_at) VALUES (:n, :o, :t, :r, :c)",
                               soci::use(name), soci::use(org_number), soci::use(threshold), soci::use(retention),
                               soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Result<domain::Forbund> OrganisationRepo::GetForbund(long long id) {
    domain::Forbund f;
    bool found = false;
    Status st = Guard("get forbund", [&] {
        soci::statement s = (Sql(uow_).prepare << "SELECT id, name, org_number, suppression_threshold, "
                                                  "retention_months FROM forbund WHERE id = :id",
                             soci::into(f.id), soci::into(f.name), soci::into(f.org_number),
                             soci::into(f.suppression_threshold), soci::into(f.retention_months), soci::use(id));
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Förbundet finns inte.");
    return f;
}

Result<std::vector<domain::Forbund>> OrganisationRepo::ListForbund() {
    std::vector<domain::Forbund> out;
    Status st = Guard("list forbund", [&] {
        domain::Forbund f;
        soci::statement s = (Sql(uow_).prepare << "SELECT id, name, org_number, suppression_threshold, "
                                                  "retention_months FROM forbund ORDER BY name",
                             soci::into(f.id), soci::into(f.name), soci::into(f.org_number),
                             soci::into(f.suppression_threshold), soci::into(f.retention_months));
        s.execute();
        while (s.fetch()) out.push_back(f);
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> OrganisationRepo::InsertOrganisation(const domain::Organisation& o) {
    long long id = 0;
    Status st = Guard("insert organisation", [&] {
        std::string now = NowUtc(), name = o.name, type = o.member_type, kommun = o.kommunkod;
        long long forbund = o.forbund_id;
        NullableInt parent = ToNullable(o.parent_id);
        int active = o.active ? 1 : 0;
        id = InsertReturningId(uow_,
                               "INSERT INTO organisation (forbund_id, parent_id, name, member_type, kommunkod, active, "
                               "created_at) VALUES (:f, :p, :n, :t, :k, :a, :c)",
                               soci::use(forbund), soci::use(parent.value, parent.ind), soci::use(name),
                               soci::use(type), soci::use(kommun), soci::use(active), soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Status OrganisationRepo::UpdateOrganisation(const domain::Organisation& o) {
    return Guard("update organisation", [&] {
        std::string name = o.name, type = o.member_type, kommun = o.kommunkod;
        NullableInt parent = ToNullable(o.parent_id);
        int active = o.active ? 1 : 0;
        long long id = o.id;
        Sql(uow_) << "UPDATE organisation SET parent_id = :p, name = :n, member_type = :t, kommunkod = :k, active = :a "
                     "WHERE id = :id",
            soci::use(parent.value, parent.ind), soci::use(name), soci::use(type), soci::use(kommun), soci::use(active),
            soci::use(id);
    });
}

Result<domain::Organisation> OrganisationRepo::GetOrganisation(long long id) {
    OrgColumns c;
    bool found = false;
    Status st = Guard("get organisation", [&] {
        soci::statement s = Sql(uow_).prepare << std::string(kOrgSelect) + "WHERE id = :id";
        BindOrg(s, c);
        s.exchange(soci::use(id));
        s.define_and_bind();
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Organisationen finns inte.");
    return ToOrg(c);
}

Result<std::vector<domain::Organisation>> OrganisationRepo::ListOrganisations(long long forbund_id) {
    std::vector<domain::Organisation> out;
    Status st = Guard("list organisations", [&] {
        OrgColumns c;
        soci::statement s = Sql(uow_).prepare << std::string(kOrgSelect) +
                                                     "WHERE forbund_id = :f ORDER BY (CASE WHEN parent_id IS NULL THEN "
                                                     "0 ELSE 1 END), name";
        BindOrg(s, c);
        s.exchange(soci::use(forbund_id));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) out.push_back(ToOrg(c));
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> OrganisationRepo::InsertInsats(const domain::Insats& i) {
    long long id = 0;
    Status st = Guard("insert insats", [&] {
        std::string now = NowUtc(), name = i.name, desc = i.description, orient = i.orientation,
                    method = i.follow_up_method, mode = i.registration_mode;
        NullableText start = ToNullable(i.start_date), end = ToNullable(i.end_date);
        long long forbund = i.forbund_id, controller = i.controller_org_id;
        int self = i.self_referral_allowed ? 1 : 0, active = i.active ? 1 : 0;
        id = InsertReturningId(uow_,
                               "INSERT INTO insats (forbund_id, name, description, start_date, end_date, orientation, "
                               "follow_up_method, self_referral_allowed, controller_org_id, registration_mode, active, "
                               "created_at) VALUES (:f, :n, :d, :s, :e, :o, :m, :sr, :c, :rm, :a, :ca)",
                               soci::use(forbund), soci::use(name), soci::use(desc), soci::use(start.value, start.ind),
                               soci::use(end.value, end.ind), soci::use(orient), soci::use(method), soci::use(self),
                               soci::use(controller), soci::use(mode), soci::use(active), soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Status OrganisationRepo::UpdateInsats(const domain::Insats& i) {
    return Guard("update insats", [&] {
        std::string name = i.name, desc = i.description, orient = i.orientation, method = i.follow_up_method,
                    mode = i.registration_mode;
        NullableText start = ToNullable(i.start_date), end = ToNullable(i.end_date);
        long long controller = i.controller_org_id, id = i.id;
        int self = i.self_referral_allowed ? 1 : 0, active = i.active ? 1 : 0;
        Sql(uow_) << "UPDATE insats SET name = :n, description = :d, start_date = :s, end_date = :e, orientation = :o, "
                     "follow_up_method = :m, self_referral_allowed = :sr, controller_org_id = :c, "
                     "registration_mode = :rm, active = :a WHERE id = :id",
            soci::use(name), soci::use(desc), soci::use(start.value, start.ind), soci::use(end.value, end.ind),
            soci::use(orient), soci::use(method), soci::use(self), soci::use(controller), soci::use(mode),
            soci::use(active), soci::use(id);
    });
}

Result<domain::Insats> OrganisationRepo::GetInsats(long long id) {
    InsatsColumns c;
    bool found = false;
    Status st = Guard("get insats", [&] {
        soci::statement s = Sql(uow_).prepare << std::string(kInsatsSelect) + "WHERE id = :id";
        BindInsats(s, c);
        s.exchange(soci::use(id));
        s.define_and_bind();
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Insatsen finns inte.");
    return ToInsats(c);
}

Result<std::vector<domain::Insats>> OrganisationRepo::ListInsatser(long long forbund_id) {
    std::vector<domain::Insats> out;
    Status st = Guard("list insatser", [&] {
        InsatsColumns c;
        soci::statement s = Sql(uow_).prepare << std::string(kInsatsSelect) + "WHERE forbund_id = :f ORDER BY name";
        BindInsats(s, c);
        s.exchange(soci::use(forbund_id));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) out.push_back(ToInsats(c));
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> OrganisationRepo::CountParticipations(long long insats_id) {
    long long n = 0;
    Status st = Guard("count participations", [&] {
        Sql(uow_) << "SELECT COUNT(*) FROM participation WHERE insats_id = :i", soci::use(insats_id), soci::into(n);
    });
    if (!st.ok()) return st;
    return n;
}

}  // namespace foljsam::store
