#include "services/audit_verify.hpp"

#include "security/crypto.hpp"
#include "security/keyring.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"

namespace foljsam::services {
namespace {

constexpr int kPage = 5000;

void Break(AuditVerification& out, long long event_id, std::string problem) {
    out.intact = false;
    out.broken_event_id = event_id;
    out.problem = std::move(problem);
}

}  // namespace

Result<AuditVerification> VerifyAuditChain(App& app) {
    auto key = app.keys().ForAudit();
    if (!key.ok()) return key.status();
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::AuditRepo audit(**uow);
    auto head = audit.ChainHead();
    if (!head.ok()) return head.status();
    AuditVerification out;
    out.head_seq = head->last_seq;
    out.head_link = head->last_link;

    long long expected = 1;
    std::string prev;
    for (;;) {
        auto page = audit.ChainPage(expected - 1, kPage);
        if (!page.ok()) return page.status();
        for (const auto& e : *page) {
            const std::string id = std::to_string(e.id);
            if (e.seq != expected) {
                Break(out, e.id,
                      "Händelse nr " + std::to_string(expected) + " saknas: kedjan hoppar till händelse id " + id +
                          " (nr " + std::to_string(e.seq) + ").");
                return out;
            }
            if (e.prev_link != prev) {
                Break(out, e.id, "Händelse id " + id + " pekar inte på händelsen före den.");
                return out;
            }
            if (!security::ConstantTimeEquals(key->Link(e.seq, e.prev_link, e), e.link)) {
                Break(out, e.id, "Händelse id " + id + " har ändrats efter att den skrevs.");
                return out;
            }
            prev = e.link;
            ++expected;
            ++out.events;
        }
        if (page->size() < static_cast<size_t>(kPage)) break;
    }
    if (head->last_seq != out.events || head->last_link != prev) {
        Break(out, 0,
              head->last_seq > out.events
                  ? "De senaste händelserna saknas: kedjan slutar vid nr " + std::to_string(out.events) +
                        " men ska gå till nr " + std::to_string(head->last_seq) + "."
                  : "Kedjans huvud stämmer inte med den senaste händelsen (nr " + std::to_string(out.events) + ").");
        return out;
    }
    auto unchained = audit.Unchained(kPage);
    if (!unchained.ok()) return unchained.status();
    if (!unchained->empty()) {
        if (head->last_seq > 0) {
            Break(out, unchained->front().id,
                  "Händelse id " + std::to_string(unchained->front().id) + " ligger utanför kedjan.");
            return out;
        }
        out.unchained = static_cast<long long>(unchained->size());
    }
    return out;
}

}  // namespace foljsam::services
