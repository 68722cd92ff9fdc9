#include "services/participation_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/code_lists.hpp"
#include "domain/personnummer.hpp"
#include "domain/text.hpp"
#include "security/keyring.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "services/identity_keys.hpp"
#include "services/participation_write.hpp"
#include "services/person_resolution.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/participation_repo.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {
namespace {

using domain::Trim;
using security::policy::Action;
using security::policy::Can;
using security::policy::Resource;
using security::policy::ResourceOf;

// The insats, if it belongs to the actor's association and the actor may do `action`.
// Another association's insats is reported as missing so ids do not leak.
Result<domain::Insats> InsatsFor(store::UnitOfWork& uow, const domain::Actor& actor, long long insats_id,
                                 Action action) {
    auto insats = store::OrganisationRepo(uow).GetInsats(insats_id);
    if (!insats.ok()) return insats.status();
    if (!actor.user.forbund_id || insats->forbund_id != *actor.user.forbund_id)
        return Status::NotFound("Insatsen finns inte.");
    if (!Can(actor, action, ResourceOf(*insats))) return Status::Forbidden();
    return insats;
}

}  // namespace

Result<long long> ParticipationService::Register(const domain::Actor& actor, long long insats_id,
                                                 const ParticipationInput& input) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto insats = InsatsFor(**uow, actor, insats_id, Action::kWriteParticipation);
    if (!insats.ok()) return insats.status();
    if (insats->follow_up_method != "INDIVIDUELL")
        return Status::InvalidInput("Insatsen följs upp med antal, inte med enskilda deltagare.");
    auto person =
        ResolvePerson(**uow, app_, Can(actor, Action::kViewIdentity, ResourceOf(*insats)), *insats, input, nullptr);
    if (!person.ok()) return WithRemainingErrors(person.status(), *insats, input);
    domain::Participation next = input.participation;
    next.insats_id = insats->id;
    next.person_id = person->person_id;
    next.birth_year = person->birth_year;
    if (next.gender.empty()) next.gender = person->legal_gender;
    long long id = 0;
    FOLJSAM_RETURN_IF_ERROR(
        SaveParticipation(**uow, &actor, *insats, next, nullptr, person->person_id.has_value(), &id));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return id;
}

Status ParticipationService::Update(const domain::Actor& actor, long long participation_id,
                                    const ParticipationInput& input) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto current = store::ParticipationRepo(**uow).Get(participation_id);
    if (!current.ok()) return current.status();
    auto insats = InsatsFor(**uow, actor, current->insats_id, Action::kWriteParticipation);
    if (!insats.ok()) return insats.status();
    auto person =
        ResolvePerson(**uow, app_, Can(actor, Action::kViewIdentity, ResourceOf(*insats)), *insats, input, &*current);
    if (!person.ok()) return WithRemainingErrors(person.status(), *insats, input);
    domain::Participation next = input.participation;
    next.insats_id = current->insats_id;
    next.person_id = person->person_id;
    next.birth_year = person->birth_year;
    if (next.gender.empty()) next.gender = person->legal_gender.empty() ? current->gender : person->legal_gender;
    FOLJSAM_RETURN_IF_ERROR(
        SaveParticipation(**uow, &actor, *insats, next, &*current, person->identity_changed, nullptr));
    // Turning anonymous removes the identity at once when nothing else refers to it.
    if (next.anonymous && current->person_id) {
        auto remaining = store::ParticipationRepo(**uow).CountForPerson(*current->person_id);
        if (!remaining.ok()) return remaining.status();
        if (*remaining == 0) FOLJSAM_RETURN_IF_ERROR(store::PersonRepo(**uow).DeleteIdentity(*current->person_id));
    }
    return (*uow)->Commit();
}

namespace {
// Applies `change` to the current version of a participation and saves it. `input` is the
// caller's own check of what was sent: reported after the access check, so that someone
// without access learns nothing but "not found" or "forbidden".
template <typename Change>
Status ChangeStage(App& app, const domain::Actor& actor, long long id, int version, const Status& input,
                   Change&& change) {
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    auto current = store::ParticipationRepo(**uow).Get(id);
    if (!current.ok()) return current.status();
    auto insats = InsatsFor(**uow, actor, current->insats_id, Action::kWriteParticipation);
    if (!insats.ok()) return insats.status();
    FOLJSAM_RETURN_IF_ERROR(input);
    if (current->version != version)
        return Status::Conflict(
            "Någon annan har ändrat deltagandet medan du arbetade. Ladda om sidan och försök igen.");
    domain::Participation next = *current;
    change(next);
    FOLJSAM_RETURN_IF_ERROR(SaveParticipation(**uow, &actor, *insats, next, &*current, false, nullptr));
    return (*uow)->Commit();
}
}  // namespace

Status ParticipationService::RecordDecision(const domain::Actor& actor, long long id, int version,
                                            const std::string& decision, const std::optional<domain::Date>& date) {
    return ChangeStage(app_, actor, id, version, Status::Ok(), [&](domain::Participation& p) {
        p.decision = decision;
        p.decision_date = date;
    });
}

Status ParticipationService::RecordStart(const domain::Actor& actor, long long id, int version,
                                         const std::optional<domain::Date>& start,
                                         const domain::IntakeAnswers& intake) {
    ValidationErrors e;
    if (!start) e.Add("start_date", "Ange startdatum.");
    return ChangeStage(app_, actor, id, version, e.ToStatus(), [&](domain::Participation& p) {
        // The referrer is recorded at referral; a start that does not name one keeps it.
        domain::IntakeAnswers merged = intake;
        if (merged.referrer.empty()) {
            merged.referrer = p.intake.referrer;
            merged.referrer_org_id = p.intake.referrer_org_id;
            merged.co_referrer_org_ids = p.intake.co_referrer_org_ids;
        }
        p.start_date = start;
        p.intake = merged;
    });
}

Status ParticipationService::RecordExit(const domain::Actor& actor, long long id, int version,
                                        const std::optional<domain::Date>& end, const domain::ExitAnswers& exit) {
    ValidationErrors e;
    if (!end) e.Add("end_date", "Ange slutdatum.");
    return ChangeStage(app_, actor, id, version, e.ToStatus(), [&](domain::Participation& p) {
        p.end_date = end;
        p.exit = exit;
    });
}

Result<ParticipationView> ParticipationService::Get(const domain::Actor& actor, long long participation_id) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto p = store::ParticipationRepo(**uow).Get(participation_id);
    if (!p.ok()) return p.status();
    auto insats = InsatsFor(**uow, actor, p->insats_id, Action::kViewParticipations);
    if (!insats.ok()) return insats.status();
    ParticipationView view;
    view.participation = *p;
    view.insats = *insats;
    view.can_view_identity = Can(actor, Action::kViewIdentity, ResourceOf(*insats));
    store::PersonRepo persons(**uow);
    if (p->person_id) {
        auto person = persons.Get(*p->person_id);
        if (!person.ok()) return person.status();
        view.participant_code = person->participant_code;
        if (view.can_view_identity) {
            auto sealed = persons.GetIdentity(*p->person_id);
            if (!sealed.ok()) return sealed.status();
            if (sealed->has_value()) {
                auto identity = OpenIdentity(app_.keys(), **sealed);
                if (!identity.ok()) return identity.status();
                view.identity = *identity;
            }
        }
    }
    nlohmann::json detail = {{"identity_shown", view.identity.has_value()}};
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, insats->forbund_id,
              {"participation.view", "participation", participation_id, insats->id, true, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return view;
}

namespace {
std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    // Swedish capitals in UTF-8: Å Ä Ö É -> å ä ö é.
    for (auto [upper, lower] : {std::pair{"\xC3\x85", "\xC3\xA5"}, std::pair{"\xC3\x84", "\xC3\xA4"},
                                std::pair{"\xC3\x96", "\xC3\xB6"}, std::pair{"\xC3\x89", "\xC3\xA9"}}) {
        for (size_t pos = s.find(upper); pos != std::string::npos; pos = s.find(upper, pos)) s.replace(pos, 2, lower);
    }
    return s;
}

bool LooksLikePersonnummer(const std::string& s) {
    int digits = 0;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            ++digits;
        else if (c != '-' && c != '+' && c != ' ')
            return false;
    }
    return digits >= 10;
}
}  // namespace

Result<ParticipationPage> ParticipationService::List(const domain::Actor& actor, long long insats_id,
                                                     const ListQuery& query) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto insats = InsatsFor(**uow, actor, insats_id, Action::kViewParticipations);
    if (!insats.ok()) return insats.status();
    ParticipationPage page;
    page.can_view_identity = Can(actor, Action::kViewIdentity, ResourceOf(*insats));
    const std::string search = Trim(query.search);
    if (!search.empty() && insats->with_identity() && !page.can_view_identity)
        return Status::Forbidden("Du får inte söka på identitet i denna insats.");
    if (!query.status.empty() && !domain::FindCodeList("participation_status")->Contains(query.status))
        return Status::InvalidInput("Okänd status.", {{"status", "Välj en status i listan."}});
    if (search.size() > domain::kMaxNameLength)
        return Status::InvalidInput("Söktexten är för lång.", {{"search", "Söktexten får ha högst 200 tecken."}});

    store::ParticipationFilter filter;
    filter.insats_id = insats->id;
    filter.status = query.status;
    filter.year = query.year;
    const int page_size = std::clamp(query.page_size, 1, 200);
    page.page = std::max(1, query.page);

    // Identities of the insats, opened once, for display and name search.
    std::map<long long, IdentityView> identities;
    store::PersonRepo persons(**uow);
    if (page.can_view_identity) {
        auto sealed = persons.IdentitiesInInsats(insats->id);
        if (!sealed.ok()) return sealed.status();
        for (const auto& s : *sealed) {
            auto identity = OpenIdentity(app_.keys(), s);
            if (!identity.ok()) return identity.status();
            identities[s.person_id] = *identity;
        }
    }

    store::ParticipationRepo repo(**uow);
    std::vector<store::ParticipationRow> rows;
    if (search.empty()) {
        auto total = repo.Count(filter);
        if (!total.ok()) return total.status();
        page.total = *total;
        filter.limit = page_size;
        filter.offset = (page.page - 1) * page_size;
        auto listed = repo.List(filter);
        if (!listed.ok()) return listed.status();
        rows = std::move(*listed);
    } else {
        std::optional<long long> pnr_person;
        bool by_pnr = insats->with_identity() && LooksLikePersonnummer(search);
        if (by_pnr) {
            auto pnr = domain::Personnummer::Parse(search, domain::Today());
            if (!pnr.ok()) return Status::InvalidInput(pnr.status().message(), {{"search", pnr.status().message()}});
            auto keys = CurrentKeys(**uow, app_, insats->controller_org_id);
            if (!keys.ok()) return keys.status();
            auto found = FindPersonByPersonnummer(**uow, *keys, insats->controller_org_id, pnr->canonical());
            if (!found.ok()) return found.status();
            pnr_person = found->value_or(-1);
        }
        filter.limit = 0;
        auto listed = repo.List(filter);
        if (!listed.ok()) return listed.status();
        const std::string needle = Lower(search);
        for (auto& row : *listed) {
            bool match = false;
            if (by_pnr) {
                match = row.participation.person_id == pnr_person;
            } else if (insats->with_identity()) {
                auto it =
                    row.participation.person_id ? identities.find(*row.participation.person_id) : identities.end();
                match = it != identities.end() && Lower(it->second.name).find(needle) != std::string::npos;
            } else {
                match = Lower(row.participant_code).find(needle) != std::string::npos;
            }
            if (match) rows.push_back(std::move(row));
        }
        page.total = static_cast<long long>(rows.size());
        const size_t from = std::min(rows.size(), static_cast<size_t>((page.page - 1) * page_size));
        const size_t to = std::min(rows.size(), from + page_size);
        rows = std::vector<store::ParticipationRow>(rows.begin() + from, rows.begin() + to);
    }
    page.page_count = std::max<long long>(1, (page.total + page_size - 1) / page_size);
    for (auto& row : rows) {
        ListRow out{std::move(row.participation), std::move(row.participant_code), std::nullopt};
        if (out.participation.person_id) {
            auto it = identities.find(*out.participation.person_id);
            if (it != identities.end()) out.identity = it->second;
        }
        page.rows.push_back(std::move(out));
    }
    nlohmann::json detail = {{"shown", page.rows.size()},
                             {"page", page.page},
                             {"identity_shown", page.can_view_identity && insats->with_identity()},
                             {"search", !search.empty()}};
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, insats->forbund_id,
                                  {search.empty() ? "participation.list" : "participation.search", "insats", insats->id,
                                   insats->id, true, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return page;
}

Result<std::vector<HistoryEntry>> ParticipationService::History(const domain::Actor& actor,
                                                                long long participation_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto p = store::ParticipationRepo(**uow).Get(participation_id);
    if (!p.ok()) return p.status();
    auto insats = InsatsFor(**uow, actor, p->insats_id, Action::kViewParticipations);
    if (!insats.ok()) return insats.status();
    store::AuditFilter filter;
    filter.entity = "participation";
    filter.entity_id = participation_id;
    auto events = store::AuditRepo(**uow).List(filter);
    if (!events.ok()) return events.status();
    std::vector<HistoryEntry> out;
    for (const auto& e : *events) {
        if (e.action == "participation.view") continue;
        HistoryEntry h{e.at, e.username, e.action, {}};
        auto detail = nlohmann::json::parse(e.detail, nullptr, false);
        if (!detail.is_discarded() && detail.contains("changes") && detail["changes"].is_array()) {
            for (const auto& c : detail["changes"]) {
                h.changes.push_back({c.value("field", ""), c.value("before", ""), c.value("after", "")});
            }
        }
        out.push_back(std::move(h));
    }
    return out;
}

Result<std::vector<InsatsAttention>> ParticipationService::Attention(const domain::Actor& actor) {
    if (!actor.user.forbund_id) return std::vector<InsatsAttention>{};
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    auto forbund = orgs.GetForbund(*actor.user.forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto insatser = orgs.ListInsatser(*actor.user.forbund_id);
    if (!insatser.ok()) return insatser.status();
    store::ParticipationRepo repo(**uow);
    std::vector<InsatsAttention> out;
    const domain::Date today = domain::Today();
    for (const auto& insats : *insatser) {
        if (!Can(actor, Action::kViewInsats, ResourceOf(insats))) continue;
        auto a = repo.AttentionFor(insats.id, today);
        if (!a.ok()) return a.status();
        store::ParticipationFilter ongoing;
        ongoing.insats_id = insats.id;
        ongoing.status = "PAGAENDE";
        auto count = repo.Count(ongoing);
        if (!count.ok()) return count.status();
        InsatsAttention item{insats,
                             Can(actor, Action::kViewParticipations, ResourceOf(insats)),
                             forbund->suppression_threshold,
                             a->waiting_for_decision,
                             a->accepted_not_started,
                             a->long_running,
                             *count};
        out.push_back(item);
    }
    return out;
}

}  // namespace foljsam::services
