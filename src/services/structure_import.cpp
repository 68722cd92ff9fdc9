#include "services/structure_import.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/limits.hpp"
#include "io/import_columns.hpp"
#include "io/structure_sheets.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {
namespace {

using io::NormalizeKey;
using security::policy::Action;
using security::policy::Can;

// An organisation that exists or is planned; planned ones have negative ids until written.
struct Org {
    long long id = 0;
    std::optional<long long> parent_id;
    std::string name;
    std::string member_type;
    std::string kommunkod;
    bool active = true;
};

struct Plan {
    std::vector<Org> organisations;        // planned, parents first
    std::vector<domain::Insats> insatser;  // planned; controller_org_id may be a planned (negative) id
};

class Planner {
   public:
    Planner(std::vector<Org> known, std::vector<std::string> insats_names, std::vector<io::SheetIssue>& issues)
        : known_(std::move(known)), issues_(issues) {
        for (auto& name : insats_names) insats_keys_.push_back(NormalizeKey(name));
    }

    void Organisations(const std::vector<io::OrganisationRow>& rows) {
        std::vector<const io::OrganisationRow*> pending;
        for (const auto& row : rows) {
            if (!CheckLength(io::kOrganisationSheet, row.row, "Namn", row.name)) continue;
            pending.push_back(&row);
        }
        for (bool progress = true; progress && !pending.empty();) {
            progress = false;
            std::vector<const io::OrganisationRow*> waiting;
            for (const auto* row : pending) {
                if (Place(*row, pending))
                    progress = true;
                else
                    waiting.push_back(row);
            }
            pending = std::move(waiting);
        }
        for (const auto* row : pending)
            Issue(io::kOrganisationSheet, row->row, "Överordnad", row->parent_name,
                  "En överordnad organisation som finns i Följsam eller på en rad i bladet (utan att raderna pekar "
                  "på varandra i en ring).");
    }

    void Insatser(const std::vector<io::InsatsRow>& rows) {
        for (const auto& row : rows) {
            if (!CheckLength(io::kInsatsSheet, row.row, "Namn", row.name)) continue;
            if (row.description.size() > domain::kMaxLongTextLength) {
                Issue(io::kInsatsSheet, row.row, "Beskrivning", "", "En beskrivning på högst 4000 tecken.");
                continue;
            }
            const std::string key = NormalizeKey(row.name);
            if (std::find(insats_keys_.begin(), insats_keys_.end(), key) != insats_keys_.end()) continue;
            auto controller = Controller(row);
            if (!controller) continue;
            insats_keys_.push_back(key);
            domain::Insats insats;
            insats.name = row.name;
            insats.description = row.description;
            insats.start_date = row.start_date;
            insats.end_date = row.end_date;
            insats.orientation = row.orientation;
            insats.follow_up_method = row.follow_up_method;
            insats.self_referral_allowed = row.self_referral_allowed;
            insats.controller_org_id = *controller;
            insats.registration_mode = row.registration_mode;
            insats.active = row.active;
            plan_.insatser.push_back(std::move(insats));
        }
    }

    Plan& plan() { return plan_; }

   private:
    bool CheckLength(std::string_view sheet, int row, const char* column, const std::string& name) {
        if (name.size() <= domain::kMaxShortTextLength) return true;
        Issue(sheet, row, column, name.substr(0, 40) + "…", "Ett namn på högst 200 tecken.");
        return false;
    }

    void Issue(std::string_view sheet, int row, std::string column, std::string value, std::string expected) {
        issues_.push_back({std::string(sheet), row, std::move(column), std::move(value), std::move(expected)});
    }

    std::vector<const Org*> Named(const std::string& name, bool members_only) const {
        std::vector<const Org*> out;
        for (const auto& o : known_)
            if (NormalizeKey(o.name) == NormalizeKey(name) && (!members_only || !o.parent_id)) out.push_back(&o);
        return out;
    }

    // Plans the row when its parent is known; false when it must wait for its parent (a
    // later row of `pending`) or was reported.
    bool Place(const io::OrganisationRow& row, const std::vector<const io::OrganisationRow*>& pending) {
        std::optional<long long> parent_id;
        std::string member_type = row.member_type;
        if (!row.parent_name.empty()) {
            auto parents = Named(row.parent_name, false);
            if (parents.empty()) {
                const bool later = std::any_of(pending.begin(), pending.end(), [&](const io::OrganisationRow* other) {
                    return other != &row && NormalizeKey(other->name) == NormalizeKey(row.parent_name);
                });
                if (later) return false;
                Issue(io::kOrganisationSheet, row.row, "Överordnad", row.parent_name,
                      "En överordnad organisation som finns i Följsam eller på en rad i bladet.");
                return true;
            }
            if (parents.size() > 1) {
                Issue(io::kOrganisationSheet, row.row, "Överordnad", row.parent_name,
                      "Ett entydigt namn: flera organisationer heter så.");
                return true;
            }
            parent_id = parents.front()->id;
            member_type = parents.front()->member_type;  // units carry their member's type
        }
        for (const auto& o : known_)
            if (o.parent_id == parent_id && NormalizeKey(o.name) == NormalizeKey(row.name)) return true;  // exists
        Org org{next_id_--, parent_id, row.name, member_type, row.kommunkod, row.active};
        known_.push_back(org);
        plan_.organisations.push_back(org);
        return true;
    }

    std::optional<long long> Controller(const io::InsatsRow& row) {
        if (row.controller_name.empty()) {
            std::optional<long long> first;
            for (const auto& o : known_) {
                if (o.parent_id) continue;
                if (o.member_type == "KOMMUN") return o.id;
                if (!first) first = o.id;
            }
            if (!first)
                Issue(io::kInsatsSheet, row.row, "Personuppgiftsansvarig", "",
                      "En medlem som personuppgiftsansvarig; förbundet har inga medlemmar.");
            return first;
        }
        auto members = Named(row.controller_name, true);
        if (members.size() == 1) return members.front()->id;
        Issue(io::kInsatsSheet, row.row, "Personuppgiftsansvarig", row.controller_name,
              members.empty() ? "Namnet på en medlem (huvudman) i förbundet eller i bladet Organisationer."
                              : "Ett entydigt namn: flera medlemmar heter så.");
        return std::nullopt;
    }

    std::vector<Org> known_;
    std::vector<std::string> insats_keys_;
    std::vector<io::SheetIssue>& issues_;
    Plan plan_;
    long long next_id_ = -1;
};

// The status listing every issue (see the header).
Status IssuesStatus(const std::vector<io::SheetIssue>& issues) {
    std::vector<FieldError> fields;
    for (const auto& issue : issues) {
        const auto& headers = NormalizeKey(issue.sheet) == NormalizeKey(io::kInsatsSheet) ? io::InsatsHeaders()
                                                                                          : io::OrganisationHeaders();
        size_t column = 0;
        for (size_t idx = 0; idx < headers.size(); ++idx)
            if (headers[idx] == issue.column) column = idx + 1;
        fields.push_back({issue.sheet + "!" + io::ColumnName(column == 0 ? 1 : column) + std::to_string(issue.row),
                          io::Describe(issue)});
    }
    std::string message = "Strukturen kan inte läsas: " + io::Describe(issues.front());
    if (issues.size() > 1) message += " (och " + std::to_string(issues.size() - 1) + " fel till)";
    return Status::InvalidInput(message, std::move(fields));
}

std::string ImportSource() { return nlohmann::json{{"source", "import"}}.dump(); }

Status Write(store::UnitOfWork& uow, const domain::Actor* actor, long long forbund_id, Plan& plan,
             StructureCreated& out) {
    store::OrganisationRepo repo(uow);
    std::map<long long, long long> real;  // planned id -> id
    for (const Org& planned : plan.organisations) {
        domain::Organisation org;
        org.forbund_id = forbund_id;
        org.parent_id = planned.parent_id && *planned.parent_id < 0 ? real.at(*planned.parent_id) : planned.parent_id;
        org.name = planned.name;
        org.member_type = planned.member_type;
        org.kommunkod = planned.kommunkod;
        org.active = planned.active;
        auto id = repo.InsertOrganisation(org);
        if (!id.ok()) return id.status();
        real[planned.id] = *id;
        out.organisation_ids.push_back(*id);
        out.organisation_names.push_back(planned.name);
        FOLJSAM_RETURN_IF_ERROR(Audit(
            uow, actor, forbund_id, {"organisation.create", "organisation", *id, std::nullopt, false, ImportSource()}));
    }
    for (domain::Insats& insats : plan.insatser) {
        insats.forbund_id = forbund_id;
        if (insats.controller_org_id < 0) insats.controller_org_id = real.at(insats.controller_org_id);
        auto id = repo.InsertInsats(insats);
        if (!id.ok()) return id.status();
        out.insats_ids.push_back(*id);
        out.insats_names.push_back(insats.name);
        FOLJSAM_RETURN_IF_ERROR(
            Audit(uow, actor, forbund_id, {"insats.create", "insats", *id, *id, false, ImportSource()}));
    }
    return Status::Ok();
}

}  // namespace

Result<StructureCreated> ImportStructure(store::UnitOfWork& uow, const domain::Actor* actor, long long forbund_id,
                                         const io::Workbook& workbook) {
    if (actor &&
        (!Can(*actor, Action::kAdminOrganisations, {forbund_id}) || !Can(*actor, Action::kAdminInsatser, {forbund_id})))
        return Status::Forbidden();
    io::StructureRows rows = io::ReadStructureSheets(workbook);
    StructureCreated out;
    if (!rows.has_organisations && !rows.has_insatser) return out;
    store::OrganisationRepo repo(uow);
    auto forbund = repo.GetForbund(forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto organisations = repo.ListOrganisations(forbund_id);
    if (!organisations.ok()) return organisations.status();
    auto insatser = repo.ListInsatser(forbund_id);
    if (!insatser.ok()) return insatser.status();
    std::vector<Org> known;
    for (const auto& o : *organisations)
        known.push_back({o.id, o.parent_id, o.name, o.member_type, o.kommunkod, o.active});
    std::vector<std::string> insats_names;
    for (const auto& i : *insatser) insats_names.push_back(i.name);

    Planner planner(std::move(known), std::move(insats_names), rows.issues);
    planner.Organisations(rows.organisations);
    planner.Insatser(rows.insatser);
    if (!rows.issues.empty()) return IssuesStatus(rows.issues);
    FOLJSAM_RETURN_IF_ERROR(Write(uow, actor, forbund_id, planner.plan(), out));
    return out;
}

}  // namespace foljsam::services
