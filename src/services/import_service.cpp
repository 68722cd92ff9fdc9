#include "services/import_service.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/participation_diff.hpp"
#include "domain/text.hpp"
#include "io/error_workbook.hpp"
#include "io/spreadsheet.hpp"
#include "security/keyring.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "services/identity_keys.hpp"
#include "services/participation_json.hpp"
#include "services/participation_write.hpp"
#include "services/person_resolution.hpp"
#include "services/structure_import.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/participation_repo.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {
namespace {

using io::Column;
using security::policy::Action;
using security::policy::Can;
using security::policy::ResourceOf;

// Field ids of the save path -> template column, for errors found while writing.
Column ColumnOfSaveField(const std::string& field) {
    static const std::map<std::string, Column> table = {
        {"participant_code", Column::kDeltagarkod},
        {"personnummer", Column::kPersonnummer},
        {"name", Column::kNamn},
        {"referrer_org_id", Column::kAnmalandePart},
        {"co_referrer_org_ids", Column::kAnmalandePart},
        {"start_date", Column::kStartdatum},
        {"end_date", Column::kSlutdatum},
        {"referral_date", Column::kAnmalningsdatum},
        {"gender", Column::kKon},
        {"birth_year", Column::kFodelsear},
        {"consent_date", Column::kSamtycke},
        {"exit_reason", Column::kAvslutsorsak},
    };
    auto it = table.find(field);
    return it == table.end() ? Column::kInsats : it->second;
}

// The pseudonymous participant code of a personnummer in an insats without identity: a
// keyed hash under the controller's key, so the same person gets the same code on every
// import and the number itself is never stored.
// The pseudonym key is the same in every key generation: a rotation must not change codes.
Result<std::string> DerivedCode(store::UnitOfWork& uow, App& app, const domain::Insats& insats,
                                const std::string& canonical) {
    auto keys = CurrentKeys(uow, app, insats.controller_org_id);
    if (!keys.ok()) return keys.status();
    auto hash = keys->PseudonymHash("deltagarkod:" + canonical);
    if (!hash.ok()) return hash.status();
    std::string code = "P-" + hash->substr(0, 12);
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
}

class Runner {
   public:
    Runner(App& app, store::UnitOfWork& uow, const domain::Actor* actor, const domain::Forbund& forbund,
           const ImportRequest& request)
        : app_(app), uow_(uow), actor_(actor), forbund_(forbund), request_(request), imports_(uow) {}

    // `plan_only`: stop after planning (Plan); nothing is written then.
    Result<ImportReport> Run(bool plan_only = false) {
        auto workbook = io::ReadSpreadsheet(request_.bytes, request_.file_name, request_.limits);
        if (!workbook.ok()) return workbook.status();
        // An export's own structure sheets come first, so its rows find their insatser
        // and units; what they create is recorded in the batch below, for undo.
        StructureCreated structure;
        if (request_.create_missing && !plan_only) {
            auto created = ImportStructure(uow_, actor_, forbund_.id, *workbook);
            if (!created.ok()) return created.status();
            structure = std::move(*created);
        }
        FOLJSAM_RETURN_IF_ERROR(LoadContext());
        // The first sheet with a header row is the data; others (instructions) are skipped.
        const io::Sheet* sheet = nullptr;
        for (const auto& s : workbook->sheets)
            if (io::FindHeaderRow(s) > 0) {
                sheet = &s;
                break;
            }
        static const io::Sheet kEmpty;
        report_.sheet = sheet ? sheet->name : (workbook->sheets.empty() ? "" : workbook->sheets.front().name);
        report_.plan = io::PlanImport(sheet ? *sheet : kEmpty, context_, request_.settings);
        if (plan_only) {
            for (auto& row : report_.plan.rows) row.personnummer.clear();
            return std::move(report_);
        }
        if (!report_.plan.file_issues.empty()) return Finish();

        store::ImportBatch batch;
        batch.forbund_id = forbund_.id;
        if (actor_) {
            batch.user_id = actor_->user.id;
            batch.username = actor_->user.username;
        } else {
            batch.username = "(drift)";
        }
        batch.file_name = request_.file_name;
        batch.mode = request_.mode == ImportMode::kValidRows ? "VALID" : "ALL";
        auto batch_id = imports_.InsertBatch(batch);
        if (!batch_id.ok()) return batch_id.status();
        batch_id_ = *batch_id;

        // Everything is written inside the transaction, also when the run is refused or a
        // dry run: the outcome of each row is then exact, and the rollback removes it all.
        FOLJSAM_RETURN_IF_ERROR(RecordStructure(structure));
        FOLJSAM_RETURN_IF_ERROR(CreateMissing());
        const size_t total = report_.plan.rows.size();
        for (size_t i = 0; i < total; ++i) {
            if (request_.cancelled && request_.cancelled())
                return Status::Conflict("Importen avbröts. Inget är sparat.");
            FOLJSAM_RETURN_IF_ERROR(ImportRow(report_.plan.rows[i]));
            if (request_.progress) request_.progress(i + 1, total);
        }
        return Finish();
    }

   private:
    Status LoadContext() {
        store::OrganisationRepo orgs(uow_);
        auto insatser = orgs.ListInsatser(forbund_.id);
        if (!insatser.ok()) return insatser.status();
        auto organisations = orgs.ListOrganisations(forbund_.id);
        if (!organisations.ok()) return organisations.status();
        context_.forbund_id = forbund_.id;
        context_.organisations = *organisations;
        context_.today = domain::Today();
        context_.create_missing = request_.create_missing;
        for (const auto& i : *insatser) {
            if (actor_ && !Can(*actor_, Action::kWriteParticipation, ResourceOf(i))) continue;
            insatser_[i.id] = i;
            context_.insatser.push_back(i);
        }
        if (request_.insats_id) {
            if (!insatser_.count(*request_.insats_id)) return Status::NotFound("Insatsen finns inte.");
            context_.default_insats_id = request_.insats_id;
        }
        return Status::Ok();
    }

    // The controller of insatser the import creates: the association's first
    // municipality member, else its first member.
    std::optional<long long> DefaultController() const {
        std::optional<long long> first;
        for (const auto& o : context_.organisations) {
            if (o.parent_id) continue;
            if (o.member_type == "KOMMUN") return o.id;
            if (!first) first = o.id;
        }
        for (const auto& [key, id] : new_orgs_)
            if (!first) first = id;
        return first;
    }

    Status Record(const std::string& entity, long long id, const std::string& action, const std::string& before = "",
                  int after_version = 0) {
        store::ImportItem item{++seq_, entity, id, action, before, after_version};
        return imports_.AddItem(batch_id_, item);
    }

    // The organisations and insatser made from the structure sheets, as if this import had
    // created them from its rows (ImportStructure has audited them).
    Status RecordStructure(const StructureCreated& structure) {
        for (size_t i = 0; i < structure.organisation_ids.size(); ++i) {
            FOLJSAM_RETURN_IF_ERROR(Record("organisation", structure.organisation_ids[i], "create"));
            report_.created_organisations.push_back(structure.organisation_names[i]);
        }
        for (size_t i = 0; i < structure.insats_ids.size(); ++i) {
            FOLJSAM_RETURN_IF_ERROR(Record("insats", structure.insats_ids[i], "create"));
            report_.created_insatser.push_back(structure.insats_names[i]);
        }
        return Status::Ok();
    }

    Status CreateMissing() {
        store::OrganisationRepo orgs(uow_);
        // Members first, then units (a unit may sit under a member made just now).
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& o : report_.plan.new_organisations) {
                if ((pass == 0) != o.parent_name.empty()) continue;
                domain::Organisation org;
                org.forbund_id = forbund_.id;
                org.name = o.name;
                org.member_type = o.member_type;
                if (!o.parent_name.empty()) {
                    auto parent = OrgByName(o.parent_name);
                    if (!parent) continue;  // its rows are rejected
                    org.parent_id = parent;
                }
                auto id = orgs.InsertOrganisation(org);
                if (!id.ok()) return id.status();
                new_orgs_[io::NormalizeKey(o.parent_name) + "/" + io::NormalizeKey(o.name)] = *id;
                report_.created_organisations.push_back(o.name);
                FOLJSAM_RETURN_IF_ERROR(Record("organisation", *id, "create"));
                FOLJSAM_RETURN_IF_ERROR(Audit(uow_, actor_, forbund_.id,
                                              {"organisation.create", "organisation", *id, std::nullopt, false,
                                               nlohmann::json{{"source", "import"}}.dump()}));
            }
        }
        for (const auto& name : report_.plan.new_insatser) {
            auto controller = DefaultController();
            if (!controller)
                return Status::InvalidInput(
                    "Förbundet har inga medlemmar att göra till personuppgiftsansvarig för de nya insatserna. "
                    "Lägg först till medlemmarna.");
            domain::Insats insats;
            insats.forbund_id = forbund_.id;
            insats.name = name;
            insats.controller_org_id = *controller;
            insats.self_referral_allowed = true;
            auto id = orgs.InsertInsats(insats);
            if (!id.ok()) return id.status();
            insats.id = *id;
            insatser_[*id] = insats;
            new_insatser_[io::NormalizeKey(name)] = *id;
            report_.created_insatser.push_back(name);
            FOLJSAM_RETURN_IF_ERROR(Record("insats", *id, "create"));
            FOLJSAM_RETURN_IF_ERROR(
                Audit(uow_, actor_, forbund_.id,
                      {"insats.create", "insats", *id, *id, false, nlohmann::json{{"source", "import"}}.dump()}));
        }
        return Status::Ok();
    }

    std::optional<long long> OrgByName(const std::string& name) const {
        for (const auto& [key, id] : new_orgs_)
            if (key == "/" + io::NormalizeKey(name)) return id;
        for (const auto& o : context_.organisations)
            if (io::NormalizeKey(o.name) == io::NormalizeKey(name)) return o.id;
        return std::nullopt;
    }

    // The unit this import created for the row's referrer, under its member.
    std::optional<long long> NewUnit(const io::PlannedRow& row) const {
        std::string member = row.new_referrer_member;
        if (member.empty() && row.participation.intake.referrer_org_id)
            for (const auto& o : context_.organisations)
                if (o.id == *row.participation.intake.referrer_org_id) member = o.name;
        auto it = new_orgs_.find(io::NormalizeKey(member) + "/" + io::NormalizeKey(row.new_referrer_unit));
        if (it == new_orgs_.end()) return std::nullopt;
        return it->second;
    }

    void Reject(RowOutcome& outcome, const io::PlannedRow& row, const Status& st) {
        outcome.action = RowAction::kRejected;
        if (st.fields().empty()) {
            outcome.issues.push_back({row.row, std::string(io::SpecOf(Column::kInsats).header), "", st.message()});
        }
        for (const auto& f : st.fields()) {
            const Column column = ColumnOfSaveField(f.field);
            outcome.issues.push_back({row.row, std::string(io::SpecOf(column).header),
                                      column == Column::kPersonnummer ? "(visas inte)" : "", f.message});
        }
    }

    Status ImportRow(io::PlannedRow& row) {
        RowOutcome outcome;
        outcome.row = row.row;
        outcome.who = row.participation.anonymous     ? "anonym"
                      : !row.participant_code.empty() ? row.participant_code
                                                      : "med personnummer";
        const std::string personnummer = std::move(row.personnummer);
        row.personnummer.clear();  // the report carries no identity
        if (!row.ok()) {
            outcome.action = RowAction::kRejected;
            outcome.issues = row.issues;
            outcome.insats =
                row.insats_id && insatser_.count(*row.insats_id) ? insatser_[*row.insats_id].name : row.new_insats;
            report_.rows.push_back(std::move(outcome));
            return Status::Ok();
        }
        long long insats_id = row.insats_id ? *row.insats_id : new_insatser_[io::NormalizeKey(row.new_insats)];
        const domain::Insats& insats = insatser_[insats_id];
        outcome.insats = insats.name;
        if (insats.follow_up_method != "INDIVIDUELL") {
            Reject(outcome, row, Status::InvalidInput("Insatsen följs upp med antal, inte med enskilda deltagare."));
            report_.rows.push_back(std::move(outcome));
            return Status::Ok();
        }
        domain::Participation p = row.participation;
        p.insats_id = insats_id;
        if (p.intake.referrer == "ORG" && !p.intake.referrer_org_id) {
            std::optional<long long> org;
            if (!row.new_referrer_unit.empty()) {
                org = NewUnit(row);
            } else if (!row.new_referrer_member.empty()) {
                org = OrgByName(row.new_referrer_member);
            }
            if (!org) {
                Reject(outcome, row, Status::InvalidInput("", {{"referrer_org_id", "Anmälande part saknas."}}));
                report_.rows.push_back(std::move(outcome));
                return Status::Ok();
            }
            p.intake.referrer_org_id = org;
        } else if (p.intake.referrer == "ORG" && !row.new_referrer_unit.empty()) {
            p.intake.referrer_org_id = NewUnit(row);
        }

        ParticipationInput input;
        input.person.birth_year = p.birth_year;
        const bool identity = insats.with_identity();
        if (!p.anonymous) {
            if (identity) {
                input.person.personnummer = personnummer;
                input.person.name = row.name;
            } else if (!row.participant_code.empty()) {
                input.person.participant_code = row.participant_code;
            } else {
                auto code = DerivedCode(uow_, app_, insats, personnummer);
                if (!code.ok()) return code.status();
                input.person.participant_code = *code;
                outcome.who = *code;
            }
        }
        const bool may_see = !actor_ || Can(*actor_, Action::kViewIdentity, ResourceOf(insats));

        FOLJSAM_RETURN_IF_ERROR(imports_.Savepoint());
        auto existing = FindExisting(insats, row, p, input, personnummer);
        if (!existing.ok()) return existing.status();
        Status st = existing->participation_id ? UpdateRow(insats, row, p, input, may_see, *existing, outcome)
                                               : CreateRow(insats, row, p, input, may_see, *existing, outcome);
        if (!st.ok()) {
            if (st.code() != StatusCode::kInvalidInput && st.code() != StatusCode::kForbidden &&
                st.code() != StatusCode::kConflict)
                return st;
            FOLJSAM_RETURN_IF_ERROR(imports_.RollbackToSavepoint());
            Reject(outcome, row, st);
        }
        FOLJSAM_RETURN_IF_ERROR(imports_.ReleaseSavepoint());
        report_.rows.push_back(std::move(outcome));
        return Status::Ok();
    }

    struct Existing {
        std::optional<long long> participation_id;
        bool person_exists = false;
    };

    Result<Existing> FindExisting(const domain::Insats& insats, const io::PlannedRow& row,
                                  const domain::Participation& p, const ParticipationInput& input,
                                  const std::string& personnummer) {
        Existing out;
        store::PersonRepo persons(uow_);
        std::optional<long long> person_id;
        if (!p.anonymous) {
            if (!input.person.participant_code.empty()) {
                auto found = persons.FindByCode(insats.id, input.person.participant_code);
                if (!found.ok()) return found.status();
                if (found->has_value()) person_id = (*found)->id;
            } else if (!personnummer.empty()) {
                auto keys = CurrentKeys(uow_, app_, insats.controller_org_id);
                if (!keys.ok()) return keys.status();
                auto found = FindPersonByPersonnummer(uow_, *keys, insats.controller_org_id, personnummer);
                if (!found.ok()) return found.status();
                person_id = *found;
            }
        }
        out.person_exists = person_id.has_value();
        auto take = [&](std::optional<long long> id) {
            if (id && !matched_.count(*id)) out.participation_id = id;
        };
        if (!row.rad_id.empty()) {
            auto found = imports_.FindBySourceRow(insats.id, row.rad_id);
            if (!found.ok()) return found.status();
            take(*found);
            if (out.participation_id) return out;
        }
        if (person_id) {
            auto found = imports_.FindByPersonDates(insats.id, *person_id, p.start_date, p.referral_date);
            if (!found.ok()) return found.status();
            take(*found);
        } else if (p.anonymous && row.rad_id.empty()) {
            auto found = imports_.AnonymousCandidates(insats.id, p.start_date, p.referral_date, p.gender, p.birth_year);
            if (!found.ok()) return found.status();
            for (long long id : *found)
                if (!matched_.count(id)) {
                    out.participation_id = id;
                    break;
                }
        }
        return out;
    }

    Status CreateRow(const domain::Insats& insats, const io::PlannedRow& row, domain::Participation p,
                     const ParticipationInput& input, bool may_see, const Existing& existing, RowOutcome& outcome) {
        ParticipationInput full = input;
        full.participation = p;
        auto person = ResolvePerson(uow_, app_, may_see, insats, full, nullptr);
        if (!person.ok()) return WithRemainingErrors(person.status(), insats, full);
        p.person_id = person->person_id;
        p.birth_year = person->birth_year;
        if (p.gender.empty()) p.gender = person->legal_gender;
        long long id = 0;
        FOLJSAM_RETURN_IF_ERROR(
            SaveParticipation(uow_, actor_, insats, p, nullptr, person->person_id.has_value(), &id));
        if (!row.rad_id.empty()) FOLJSAM_RETURN_IF_ERROR(imports_.SetSourceRow(id, row.rad_id));
        if (person->person_id && !existing.person_exists)
            FOLJSAM_RETURN_IF_ERROR(Record("person", *person->person_id, "create"));
        FOLJSAM_RETURN_IF_ERROR(Record("participation", id, "create", "", 1));
        matched_.insert(id);
        outcome.action = RowAction::kCreate;
        outcome.participation_id = id;
        return Status::Ok();
    }

    Status UpdateRow(const domain::Insats& insats, const io::PlannedRow& row, domain::Participation p,
                     const ParticipationInput& input, bool may_see, const Existing& existing, RowOutcome& outcome) {
        const long long id = *existing.participation_id;
        matched_.insert(id);
        outcome.participation_id = id;
        auto current = store::ParticipationRepo(uow_).Get(id);
        if (!current.ok()) return current.status();
        ParticipationInput full = input;
        full.participation = p;
        auto person = ResolvePerson(uow_, app_, may_see, insats, full, &*current);
        if (!person.ok()) return WithRemainingErrors(person.status(), insats, full);
        p.id = id;
        p.version = current->version;
        p.person_id = person->person_id;
        p.birth_year = person->birth_year;
        if (p.gender.empty()) p.gender = person->legal_gender.empty() ? current->gender : person->legal_gender;
        // Answers the template has no column for are kept as registered.
        p.intake.co_referrer_org_ids = current->intake.co_referrer_org_ids;
        if (p.consent_form.empty()) p.consent_form = current->consent_form;
        if (domain::DiffParticipations(*current, p).empty() && !person->identity_changed) {
            outcome.action = RowAction::kUnchanged;
            if (!row.rad_id.empty()) FOLJSAM_RETURN_IF_ERROR(imports_.SetSourceRow(id, row.rad_id));
            return Status::Ok();
        }
        FOLJSAM_RETURN_IF_ERROR(
            SaveParticipation(uow_, actor_, insats, p, &*current, person->identity_changed, nullptr));
        if (!row.rad_id.empty()) FOLJSAM_RETURN_IF_ERROR(imports_.SetSourceRow(id, row.rad_id));
        FOLJSAM_RETURN_IF_ERROR(
            Record("participation", id, "update", ParticipationToJson(*current), current->version + 1));
        outcome.action = RowAction::kUpdate;
        return Status::Ok();
    }

    Result<ImportReport> Finish() {
        for (const auto& r : report_.rows) {
            switch (r.action) {
                case RowAction::kCreate:
                    ++report_.created;
                    break;
                case RowAction::kUpdate:
                    ++report_.updated;
                    break;
                case RowAction::kUnchanged:
                    ++report_.unchanged;
                    break;
                case RowAction::kRejected:
                    ++report_.rejected;
                    break;
            }
        }
        for (auto& row : report_.plan.rows) row.personnummer.clear();
        const bool refused =
            !report_.plan.file_issues.empty() || (report_.rejected > 0 && request_.mode == ImportMode::kAllOrNothing);
        if (refused || request_.dry_run || batch_id_ == 0) return std::move(report_);
        FOLJSAM_RETURN_IF_ERROR(
            imports_.FinishBatch(batch_id_, report_.created, report_.updated, report_.unchanged, report_.rejected));
        nlohmann::json detail = {
            {"file", request_.file_name},   {"created", report_.created},
            {"updated", report_.updated},   {"unchanged", report_.unchanged},
            {"rejected", report_.rejected}, {"mode", request_.mode == ImportMode::kValidRows ? "VALID" : "ALL"}};
        FOLJSAM_RETURN_IF_ERROR(Audit(uow_, actor_, forbund_.id,
                                      {"import.run", "import_batch", batch_id_, std::nullopt, true,
                                       detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}));
        report_.written = true;
        report_.batch_id = batch_id_;
        return std::move(report_);
    }

    App& app_;
    store::UnitOfWork& uow_;
    const domain::Actor* actor_;
    const domain::Forbund& forbund_;
    const ImportRequest& request_;
    store::ImportRepo imports_;
    io::ImportContext context_;
    std::map<long long, domain::Insats> insatser_;
    std::map<std::string, long long> new_insatser_;
    std::map<std::string, long long> new_orgs_;  // "parent/name" (normalised) -> id
    std::set<long long> matched_;
    long long batch_id_ = 0;
    int seq_ = 0;
    ImportReport report_;
};

Result<domain::Forbund> ForbundOf(store::UnitOfWork& uow, long long forbund_id) {
    return store::OrganisationRepo(uow).GetForbund(forbund_id);
}

Result<ImportReport> Execute(App& app, const domain::Actor* actor, long long forbund_id, const ImportRequest& request) {
    if (actor && request.create_missing)
        return Status::Forbidden("Bara driften kan skapa insatser och organisationer vid import (foljsam import).");
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    auto forbund = ForbundOf(**uow, forbund_id);
    if (!forbund.ok()) return forbund.status();
    Runner runner(app, **uow, actor, *forbund, request);
    auto report = runner.Run();
    if (!report.ok()) return report.status();
    if (report->written) FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return report;
}

Result<UndoReport> UndoBatch(App& app, const domain::Actor* actor, long long forbund_id, long long batch_id) {
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    store::ImportRepo imports(**uow);
    auto batch = imports.GetBatch(batch_id);
    if (!batch.ok()) return batch.status();
    if (batch->forbund_id != forbund_id) return Status::NotFound("Importen finns inte.");
    if (batch->undone_at) return Status::Conflict("Importen är redan ångrad.");
    auto items = imports.Items(batch_id);
    if (!items.ok()) return items.status();
    store::ParticipationRepo participations(**uow);
    store::OrganisationRepo orgs(**uow);
    // Check every participation first: undo is all-or-nothing too.
    for (const auto& item : *items) {
        if (item.entity != "participation") continue;
        auto current = participations.Get(item.entity_id);
        if (!current.ok()) return Status::Conflict("Ett deltagande från importen har tagits bort efter importen.");
        if (current->version != item.after_version)
            return Status::Conflict(
                "Ett deltagande från importen har ändrats efter importen; importen kan inte ångras utan att den "
                "ändringen går förlorad.");
        if (actor) {
            auto insats = orgs.GetInsats(current->insats_id);
            if (!insats.ok()) return insats.status();
            if (!Can(*actor, Action::kWriteParticipation, ResourceOf(*insats))) return Status::Forbidden();
        }
    }
    UndoReport out;
    FOLJSAM_RETURN_IF_ERROR(imports.MarkUndone(batch_id));
    std::vector<store::ImportItem> reversed(items->rbegin(), items->rend());
    for (const auto& item : reversed) {
        if (item.entity == "participation" && item.action == "create") {
            auto current = participations.Get(item.entity_id);
            if (!current.ok()) return current.status();
            FOLJSAM_RETURN_IF_ERROR(imports.DeleteParticipation(item.entity_id));
            FOLJSAM_RETURN_IF_ERROR(Audit(**uow, actor, forbund_id,
                                          {"participation.delete", "participation", item.entity_id, current->insats_id,
                                           true, R"({"source":"import.undo"})"}));
            ++out.removed;
        } else if (item.entity == "participation") {
            auto before = ParticipationFromJson(item.before_state);
            if (!before.ok()) return before.status();
            auto current = participations.Get(item.entity_id);
            if (!current.ok()) return current.status();
            domain::Participation restored = *before;
            restored.version = current->version;
            FOLJSAM_RETURN_IF_ERROR(participations.Update(restored));
            FOLJSAM_RETURN_IF_ERROR(imports.RebaseItemVersion(item.entity_id, before->version, current->version + 1));
            FOLJSAM_RETURN_IF_ERROR(Audit(**uow, actor, forbund_id,
                                          {"participation.update", "participation", item.entity_id, current->insats_id,
                                           true, R"({"source":"import.undo"})"}));
            ++out.restored;
        } else if (item.entity == "person") {
            auto removed = imports.DeletePersonIfUnused(item.entity_id);
            if (!removed.ok()) return removed.status();
        } else if (item.entity == "insats") {
            auto removed = imports.DeleteInsatsIfUnused(item.entity_id);
            if (!removed.ok()) return removed.status();
        } else if (item.entity == "organisation") {
            auto removed = imports.DeleteOrganisationIfUnused(item.entity_id);
            if (!removed.ok()) return removed.status();
        }
    }
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, actor, forbund_id,
                                  {"import.undo", "import_batch", batch_id, std::nullopt, true,
                                   nlohmann::json{{"removed", out.removed}, {"restored", out.restored}}.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return out;
}

// Imports are the association's business: registrars and its administrator see them.
bool MayImport(const domain::Actor& actor) {
    return actor.HasRole(domain::Role::kDeltagarAnsvarig) || actor.HasRole(domain::Role::kForbundAdmin);
}

}  // namespace

std::vector<io::RowIssue> ImportReport::AllIssues() const {
    std::vector<io::RowIssue> out = plan.file_issues;
    for (const auto& r : rows) out.insert(out.end(), r.issues.begin(), r.issues.end());
    return out;
}

Result<ImportReport> ImportService::Run(const domain::Actor& actor, const ImportRequest& request) {
    if (!actor.user.forbund_id || !actor.HasRole(domain::Role::kDeltagarAnsvarig)) return Status::Forbidden();
    return Execute(app_, &actor, *actor.user.forbund_id, request);
}

Result<ImportReport> ImportService::Plan(const domain::Actor& actor, const ImportRequest& request) {
    if (!actor.user.forbund_id || !actor.HasRole(domain::Role::kDeltagarAnsvarig)) return Status::Forbidden();
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto forbund = ForbundOf(**uow, *actor.user.forbund_id);
    if (!forbund.ok()) return forbund.status();
    ImportRequest planned = request;
    planned.create_missing = false;
    planned.dry_run = true;
    Runner runner(app_, **uow, &actor, *forbund, planned);
    return runner.Run(true);
}

Result<ImportReport> ImportService::RunAsOperator(long long forbund_id, const ImportRequest& request) {
    return Execute(app_, nullptr, forbund_id, request);
}

Result<std::vector<store::ImportBatch>> ImportService::History(const domain::Actor& actor) {
    if (!actor.user.forbund_id || !MayImport(actor)) return Status::Forbidden();
    return HistoryAsOperator(*actor.user.forbund_id);
}

Result<std::vector<store::ImportBatch>> ImportService::HistoryAsOperator(long long forbund_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    return store::ImportRepo(**uow).ListBatches(forbund_id, 100);
}

Result<UndoReport> ImportService::Undo(const domain::Actor& actor, long long batch_id) {
    if (!actor.user.forbund_id || !actor.HasRole(domain::Role::kDeltagarAnsvarig)) return Status::Forbidden();
    return UndoBatch(app_, &actor, *actor.user.forbund_id, batch_id);
}

Result<UndoReport> ImportService::UndoAsOperator(long long forbund_id, long long batch_id) {
    return UndoBatch(app_, nullptr, forbund_id, batch_id);
}

Status ImportService::SaveMapping(const domain::Actor& actor, const std::string& name,
                                  const io::ImportSettings& settings) {
    if (!actor.user.forbund_id || !MayImport(actor)) return Status::Forbidden();
    const std::string trimmed = domain::Trim(name);
    if (trimmed.empty() || trimmed.size() > 100)
        return Status::InvalidInput("Ge mappningen ett namn.", {{"mapping_name", "Ange ett namn (högst 100 tecken)."}});
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    FOLJSAM_RETURN_IF_ERROR(
        store::ImportRepo(**uow).PutMapping(*actor.user.forbund_id, {trimmed, SettingsToJson(settings), ""}));
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, *actor.user.forbund_id,
                                  {"import.mapping.save", "import_mapping", std::nullopt, std::nullopt, false,
                                   nlohmann::json{{"name", trimmed}}.dump()}));
    return (*uow)->Commit();
}

Result<std::vector<std::pair<std::string, io::ImportSettings>>> ImportService::Mappings(const domain::Actor& actor) {
    if (!actor.user.forbund_id || !MayImport(actor)) return Status::Forbidden();
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto saved = store::ImportRepo(**uow).ListMappings(*actor.user.forbund_id);
    if (!saved.ok()) return saved.status();
    std::vector<std::pair<std::string, io::ImportSettings>> out;
    for (const auto& m : *saved) {
        auto settings = SettingsFromJson(m.settings);
        if (settings.ok()) out.emplace_back(m.name, *settings);
    }
    return out;
}

Status WriteRejectedRows(const ImportRequest& request, const ImportReport& report, const std::filesystem::path& out) {
    auto workbook = io::ReadSpreadsheet(request.bytes, request.file_name, request.limits);
    if (!workbook.ok()) return workbook.status();
    static const io::Sheet kEmpty;
    const io::Sheet* sheet = &kEmpty;
    for (const auto& s : workbook->sheets)
        if (s.name == report.sheet) sheet = &s;
    return io::WriteErrorWorkbook(*sheet, report.plan.header_row, report.AllIssues(), out);
}

std::string SettingsToJson(const io::ImportSettings& settings) {
    nlohmann::json j = {{"columns", settings.columns}, {"values", nlohmann::json::array()}};
    for (const auto& [key, code] : settings.values) j["values"].push_back({key.first, key.second, code});
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<io::ImportSettings> SettingsFromJson(const std::string& text) {
    io::ImportSettings out;
    try {
        const auto j = nlohmann::json::parse(text);
        if (j.contains("columns")) {
            for (const auto& [header, id] : j.at("columns").items()) {
                const std::string column = id.get<std::string>();
                if (!column.empty() && !io::ColumnFromId(column))
                    return Status::InvalidInput("Mappningen nämner en okänd kolumn: " + column + ".");
                out.columns[io::NormalizeKey(header)] = column;
            }
        }
        if (j.contains("values")) {
            for (const auto& v : j.at("values")) {
                const std::string column = v.at(0).get<std::string>();
                if (!io::ColumnFromId(column))
                    return Status::InvalidInput("Mappningen nämner en okänd kolumn: " + column + ".");
                out.values[{column, io::NormalizeKey(v.at(1).get<std::string>())}] = v.at(2).get<std::string>();
            }
        }
    } catch (const std::exception&) {
        return Status::InvalidInput(
            "Mappningsfilen är inte giltig JSON i formen {\"columns\": {rubrik: kolumn}, \"values\": [[kolumn, "
            "värde, kod]]}.");
    }
    return out;
}

}  // namespace foljsam::services
