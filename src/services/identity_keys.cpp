#include "services/identity_keys.hpp"

#include "store/key_generation_repo.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {

Result<security::ControllerKeys> CurrentKeys(store::UnitOfWork& uow, App& app, long long controller_org_id) {
    auto newest = store::KeyGenerationRepo(uow).Newest(controller_org_id);
    if (!newest.ok()) return newest.status();
    return app.keys().ForController(controller_org_id, *newest);
}

Result<std::optional<long long>> FindPersonByPersonnummer(store::UnitOfWork& uow, const security::ControllerKeys& keys,
                                                          long long controller_org_id, const std::string& canonical) {
    return store::PersonRepo(uow).FindByIdentityHashes(controller_org_id, keys.LookupHashes(canonical));
}

Result<std::string> OpenSealed(security::Keyring& keyring, long long controller_org_id, const std::string& sealed) {
    auto generation = security::SealedGeneration(sealed);
    if (!generation.ok()) return generation.status();
    auto keys = keyring.ForController(controller_org_id, *generation);
    if (!keys.ok()) return keys.status();
    return keys->Open(sealed);
}

}  // namespace foljsam::services
