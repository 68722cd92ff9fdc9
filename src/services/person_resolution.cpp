#include "services/person_resolution.hpp"

#include "domain/personnummer.hpp"
#include "domain/text.hpp"
#include "security/keyring.hpp"
#include "security/policy.hpp"
#include "services/identity_keys.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {

using domain::Trim;

std::string FormatPnr(const std::string& canonical) {
    return canonical.size() == 12 ? canonical.substr(0, 8) + "-" + canonical.substr(8) : canonical;
}

Result<IdentityView> OpenIdentity(security::Keyring& keys, const store::SealedIdentity& sealed) {
    // Each value opens under the generation it names, so identities read alike before,
    // during and after a key rotation.
    auto pnr = OpenSealed(keys, sealed.controller_org_id, sealed.pnr_sealed);
    if (!pnr.ok()) return pnr.status();
    IdentityView view{FormatPnr(*pnr), ""};
    if (!sealed.name_sealed.empty()) {
        auto name = OpenSealed(keys, sealed.controller_org_id, sealed.name_sealed);
        if (!name.ok()) return name.status();
        view.name = *name;
    }
    return view;
}

Result<ResolvedPerson> ResolvePerson(store::UnitOfWork& uow, App& app, bool may_see_identity,
                                     const domain::Insats& insats, const ParticipationInput& input,
                                     const domain::Participation* current) {
    const PersonInput& in = input.person;
    const std::string code = Trim(in.participant_code);
    const std::string pnr_text = Trim(in.personnummer);
    const std::string name = Trim(in.name);
    ValidationErrors errors;
    ResolvedPerson out;
    out.birth_year = in.birth_year;
    store::PersonRepo persons(uow);

    if (input.participation.anonymous) {
        if (!code.empty()) errors.Add("participant_code", "Ett anonymt deltagande har ingen deltagarkod.");
        if (!pnr_text.empty()) errors.Add("personnummer", "Ett anonymt deltagande har inget personnummer.");
        if (!name.empty()) errors.Add("name", "Ett anonymt deltagande har inget namn.");
        FOLJSAM_RETURN_IF_ERROR(errors.ToStatus());
        out.identity_changed = current && current->person_id.has_value();
        return out;
    }

    if (!insats.with_identity()) {
        if (!pnr_text.empty())
            errors.Add("personnummer", "Insatsen registrerar utan identitet. Ange deltagarkod, inte personnummer.");
        if (!name.empty()) errors.Add("name", "Insatsen registrerar utan identitet. Ange inte namn.");
        if (code.empty()) errors.Add("participant_code", "Ange deltagarkod.");
        if (code.size() > domain::kMaxParticipantCodeLength)
            errors.Add("participant_code", "Deltagarkoden får ha högst 40 tecken.");
        FOLJSAM_RETURN_IF_ERROR(errors.ToStatus());
        auto existing = persons.FindByCode(insats.id, code);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
            const auto& person = **existing;
            if (in.birth_year && person.birth_year && *in.birth_year != *person.birth_year &&
                !(current && current->person_id == person.id)) {
                return Status::InvalidInput(
                    "Deltagarkoden finns redan med ett annat födelseår.",
                    {{"participant_code", "Deltagarkoden används redan för en deltagare med ett annat födelseår."}});
            }
            out.person_id = person.id;
            if (current && current->person_id == person.id && in.birth_year && person.birth_year != in.birth_year) {
                store::PersonRecord updated = person;
                updated.birth_year = in.birth_year;
                FOLJSAM_RETURN_IF_ERROR(persons.Update(updated));
            }
            if (!out.birth_year) out.birth_year = person.birth_year;
        } else {
            store::PersonRecord person;
            person.controller_org_id = insats.controller_org_id;
            person.insats_id = insats.id;
            person.participant_code = code;
            person.birth_year = in.birth_year;
            auto id = persons.Insert(person);
            if (!id.ok()) return id.status();
            out.person_id = *id;
        }
        out.identity_changed = current && current->person_id != out.person_id;
        return out;
    }

    // With identity.
    const bool may_see = may_see_identity;
    if (!may_see) {
        // A registrar outside the controller may register and edit answers but never
        // enters or changes identities.
        if (!pnr_text.empty() || !name.empty())
            return Status::Forbidden("Du får inte registrera identiteter i denna insats.");
        if (current && current->person_id) {
            // The birth year comes from the personnummer this registrar cannot see.
            out.person_id = current->person_id;
            out.birth_year = current->birth_year;
            return out;
        }
        return Status::Forbidden("Du får inte registrera identiteter i denna insats.");
    }
    if (!code.empty()) errors.Add("participant_code", "Insatsen registrerar med personnummer, inte deltagarkod.");
    if (name.size() > domain::kMaxNameLength) errors.Add("name", "Namnet får ha högst 200 tecken.");
    if (pnr_text.empty()) errors.Add("personnummer", "Ange personnummer eller samordningsnummer.");
    std::optional<domain::Personnummer> pnr;
    if (!pnr_text.empty()) {
        auto parsed = domain::Personnummer::Parse(pnr_text, domain::Today());
        if (parsed.ok()) {
            pnr = *parsed;
        } else {
            const Status failure = parsed.status();
            for (const auto& f : failure.fields()) errors.Add("personnummer", f.message);
        }
    }
    FOLJSAM_RETURN_IF_ERROR(errors.ToStatus());
    out.birth_year = pnr->birth_year();
    out.legal_gender = pnr->legal_gender() == domain::LegalGender::kWoman ? "K" : "M";
    auto keys = CurrentKeys(uow, app, insats.controller_org_id);
    if (!keys.ok()) return keys.status();
    const std::string hash = keys->LookupHash(pnr->canonical());
    auto found = FindPersonByPersonnummer(uow, *keys, insats.controller_org_id, pnr->canonical());
    if (!found.ok()) return found.status();
    if (found->has_value()) {
        out.person_id = **found;
    } else {
        store::PersonRecord person;
        person.controller_org_id = insats.controller_org_id;
        person.birth_year = out.birth_year;
        person.legal_gender = out.legal_gender;
        auto id = persons.Insert(person);
        if (!id.ok()) return id.status();
        out.person_id = *id;
    }
    auto existing_identity = persons.GetIdentity(*out.person_id);
    if (!existing_identity.ok()) return existing_identity.status();
    std::string name_sealed;
    if (!name.empty()) {
        name_sealed = keys->Seal(name);
    } else if (existing_identity->has_value() && !(*existing_identity)->name_sealed.empty()) {
        // Keep a name given before, under the newest key generation like the rest of the row.
        auto kept = keys->Open((*existing_identity)->name_sealed);
        if (!kept.ok()) return kept.status();
        name_sealed = keys->Seal(*kept);
    }
    bool name_changed = true;
    if (existing_identity->has_value() && !name.empty() && !(*existing_identity)->name_sealed.empty()) {
        auto old_name = keys->Open((*existing_identity)->name_sealed);
        name_changed = !old_name.ok() || *old_name != name;
    } else if (name.empty()) {
        name_changed = false;
    }
    // An identity stored under an older key generation moves to the newest on any write,
    // so a rotation running meanwhile has nothing left behind by this writer.
    const bool older_key =
        existing_identity->has_value() &&
        ((*existing_identity)->key_generation != keys->generation() || (*existing_identity)->pnr_hash != hash);
    if (!existing_identity->has_value() || name_changed || older_key) {
        store::SealedIdentity sealed{*out.person_id, insats.controller_org_id, hash, keys->Seal(pnr->canonical()),
                                     name_sealed,    keys->generation()};
        FOLJSAM_RETURN_IF_ERROR(persons.PutIdentity(sealed));
    }
    out.identity_changed = !current || current->person_id != out.person_id || name_changed;
    return out;
}

}  // namespace foljsam::services
