// The association export; the national return is in export_national_return.cpp.

#include "services/export_service.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "io/export_workbook.hpp"
#include "io/participation_sheet.hpp"
#include "io/structure_sheets.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "services/person_resolution.hpp"
#include "store/database.hpp"
#include "store/export_repo.hpp"
#include "store/organisation_repo.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;
using security::policy::ResourceOf;

// Who asks: an actor, or the operator (actor null) with or without identities.
struct Requester {
    const domain::Actor* actor = nullptr;
    bool operator_identity = false;

    bool MaySeeParticipations(const domain::Insats& insats) const {
        return !actor || Can(*actor, Action::kViewParticipations, ResourceOf(insats));
    }
    bool MaySeeIdentity(const domain::Insats& insats) const {
        if (!insats.with_identity()) return false;
        return actor ? Can(*actor, Action::kViewIdentity, ResourceOf(insats)) : operator_identity;
    }
};

// The referring member's and unit's names of organisation `id`.
std::pair<std::string, std::string> ReferrerNames(const std::map<long long, domain::Organisation>& orgs,
                                                  std::optional<long long> id) {
    if (!id) return {};
    auto it = orgs.find(*id);
    if (it == orgs.end()) return {};
    const domain::Organisation* top = &it->second;
    // The tree is shallow; the bound only guards against a cycle, which the services never make.
    for (size_t depth = 0; top->parent_id && depth < orgs.size(); ++depth) {
        auto parent = orgs.find(*top->parent_id);
        if (parent == orgs.end()) break;
        top = &parent->second;
    }
    return {top->name, it->second.parent_id ? it->second.name : ""};
}

// The clear identities of the insats's persons, by person id.
Result<std::map<long long, IdentityView>> OpenIdentities(App& app, store::UnitOfWork& uow, long long insats_id) {
    auto sealed = store::PersonRepo(uow).IdentitiesInInsats(insats_id);
    if (!sealed.ok()) return sealed.status();
    std::map<long long, IdentityView> out;
    for (const auto& identity : *sealed) {
        auto view = OpenIdentity(app.keys(), identity);
        if (!view.ok()) return view.status();
        out[identity.person_id] = *view;
    }
    return out;
}

struct Sheets {
    io::ExportTable participations;
    int identities = 0;
};

Result<Sheets> ParticipationTable(App& app, store::UnitOfWork& uow, const Requester& who,
                                  const std::vector<domain::Insats>& scope,
                                  const std::vector<domain::Organisation>& organisations) {
    std::map<long long, domain::Organisation> orgs;
    for (const auto& o : organisations) orgs[o.id] = o;
    Sheets out;
    out.participations.sheet = std::string(io::kParticipationSheet);
    out.participations.headers = io::ParticipationHeaders();
    store::ExportRepo repo(uow);
    for (const domain::Insats& insats : scope) {
        auto rows = repo.ListForInsats(insats.id);
        if (!rows.ok()) return rows.status();
        std::map<long long, IdentityView> identities;
        if (who.MaySeeIdentity(insats)) {
            auto opened = OpenIdentities(app, uow, insats.id);
            if (!opened.ok()) return opened.status();
            identities = std::move(*opened);
        }
        for (auto& row : *rows) {
            io::ParticipationRecord record;
            record.participation = std::move(row.participation);
            const domain::Participation& p = record.participation;
            record.insats_name = insats.name;
            record.rad_id = row.source_row_id.empty() ? "P" + std::to_string(p.id) : row.source_row_id;
            record.participant_code = row.participant_code;
            if (p.person_id) {
                auto identity = identities.find(*p.person_id);
                if (identity != identities.end()) {
                    record.personnummer = identity->second.personnummer;
                    record.name = identity->second.name;
                    ++out.identities;
                }
            }
            if (p.intake.referrer == "ORG")
                std::tie(record.referrer_member, record.referrer_unit) = ReferrerNames(orgs, p.intake.referrer_org_id);
            out.participations.rows.push_back(io::ParticipationRow(record));
        }
    }
    return out;
}

Result<AssociationExport> Export(App& app, const Requester& who, std::optional<long long> forbund_id,
                                 ExportFormat format) {
    if (!forbund_id) return Status::Forbidden();
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo repo(**uow);
    auto forbund = repo.GetForbund(*forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto insatser = repo.ListInsatser(forbund->id);
    if (!insatser.ok()) return insatser.status();
    auto organisations = repo.ListOrganisations(forbund->id);
    if (!organisations.ok()) return organisations.status();
    // In order of creation: an association rebuilt from the export creates its insatser in
    // the same order, so reports that list insatser by id list them alike.
    std::vector<domain::Insats> scope;
    for (const auto& insats : *insatser)
        if (who.MaySeeParticipations(insats)) scope.push_back(insats);
    std::sort(scope.begin(), scope.end(), [](const domain::Insats& a, const domain::Insats& b) { return a.id < b.id; });
    if (who.actor && scope.empty())
        return Status::Forbidden(
            "Exporten med deltagare är för den som registrerar deltagare i förbundets insatser (deltagaransvarig).");

    auto sheets = ParticipationTable(app, **uow, who, scope, *organisations);
    if (!sheets.ok()) return sheets.status();
    AssociationExport out;
    out.participations = static_cast<int>(sheets->participations.rows.size());
    out.insatser = static_cast<int>(scope.size());
    out.identities = sheets->identities;
    std::vector<io::ExportTable> tables = {std::move(sheets->participations), io::OrganisationTable(*organisations),
                                           io::InsatsTable(scope, *organisations)};
    const std::string stem = "foljsam-export-" + domain::Today().ToString();
    if (format == ExportFormat::kXlsx) {
        auto bytes = io::ExportXlsxBytes("Export från Följsam: " + forbund->name, tables);
        if (!bytes.ok()) return bytes.status();
        out.files.push_back({stem + ".xlsx", std::string(kXlsxContentType), std::move(*bytes)});
    } else {
        const char* parts[] = {"-deltagare.csv", "-organisationer.csv", "-insatser.csv"};
        for (size_t idx = 0; idx < tables.size(); ++idx)
            out.files.push_back({stem + parts[idx], std::string(kCsvContentType), io::ExportCsv(tables[idx])});
    }

    nlohmann::json detail = {{"format", format == ExportFormat::kXlsx ? "xlsx" : "csv"},
                             {"participations", out.participations},
                             {"insatser", nlohmann::json::array()},
                             {"identities", out.identities},
                             {"with_identity", out.identities > 0}};
    for (const auto& insats : scope) detail["insatser"].push_back(insats.id);
    if (!who.actor) detail["operator"] = true;
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, who.actor, forbund->id,
              {"export.forbund", "export", std::nullopt,
               scope.size() == 1 ? std::optional<long long>(scope[0].id) : std::nullopt, true, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return out;
}

}  // namespace

ExportOffer ExportService::OfferFor(const domain::Actor& actor) {
    ExportOffer offer;
    if (!actor.user.active || !actor.user.forbund_id) return offer;
    for (const auto& role : actor.roles) {
        if (!role.forbund_id || *role.forbund_id != *actor.user.forbund_id) continue;
        if (role.role == domain::Role::kDeltagarAnsvarig && role.insats_id) offer.association = true;
        if ((role.role == domain::Role::kForbundAdmin || role.role == domain::Role::kAnalytiker) && !role.insats_id)
            offer.national_return = true;
    }
    return offer;
}

Result<AssociationExport> ExportService::ExportAssociation(const domain::Actor& actor, ExportFormat format) {
    if (!OfferFor(actor).association)
        return Status::Forbidden(
            "Exporten med deltagare är för den som registrerar deltagare i förbundets insatser (deltagaransvarig).");
    return Export(app_, Requester{&actor, false}, actor.user.forbund_id, format);
}

Result<AssociationExport> ExportService::ExportAssociationAsOperator(long long forbund_id, ExportFormat format,
                                                                     bool with_identity) {
    return Export(app_, Requester{nullptr, with_identity}, forbund_id, format);
}

}  // namespace foljsam::services
