#include "store/export_repo.hpp"

#include <algorithm>
#include <unordered_map>

#include "store/participation_repo.hpp"
#include "store/sql.hpp"

namespace foljsam::store {

Result<std::vector<ExportedParticipation>> ExportRepo::ListForInsats(long long insats_id) {
    // The main record and the participant code through the one participation reader.
    ParticipationFilter filter;
    filter.insats_id = insats_id;
    filter.limit = 0;
    auto rows = ParticipationRepo(uow_).List(filter);
    if (!rows.ok()) return rows.status();
    std::vector<ExportedParticipation> out;
    out.reserve(rows->size());
    for (auto& row : *rows) out.push_back({std::move(row.participation), std::move(row.participant_code), ""});
    std::sort(out.begin(), out.end(), [](const ExportedParticipation& a, const ExportedParticipation& b) {
        return a.participation.id < b.participation.id;
    });
    std::unordered_map<long long, size_t> index;
    for (size_t idx = 0; idx < out.size(); ++idx) index[out[idx].participation.id] = idx;

    Status st = Guard("export answers", [&] {
        long long id = 0;
        std::string phase, code, source_row;
        NullableInt extent;
        soci::statement sup = (Sql(uow_).prepare << "SELECT s.participation_id, s.phase, s.code, s.extent "
                                                    "FROM participation_support s JOIN participation p ON p.id = "
                                                    "s.participation_id WHERE p.insats_id = :i "
                                                    "ORDER BY s.participation_id, s.phase, s.code",
                               soci::into(id), soci::into(phase), soci::into(code),
                               soci::into(extent.value, extent.ind), soci::use(insats_id));
        sup.execute();
        while (sup.fetch()) {
            auto it = index.find(id);
            if (it == index.end()) continue;  // registered meanwhile by another unit of work
            auto& p = out[it->second].participation;
            domain::SupportValue value{
                code, extent.ind == soci::i_ok ? std::optional<int>(static_cast<int>(extent.value)) : std::nullopt};
            (phase == "START" ? p.intake.support_at_start : p.exit.support_after).push_back(value);
        }
        soci::statement tg = (Sql(uow_).prepare << "SELECT t.participation_id, t.code FROM participation_target_group "
                                                   "t JOIN participation p ON p.id = t.participation_id "
                                                   "WHERE p.insats_id = :i ORDER BY t.participation_id, t.code",
                              soci::into(id), soci::into(code), soci::use(insats_id));
        tg.execute();
        while (tg.fetch()) {
            auto it = index.find(id);
            if (it != index.end()) out[it->second].participation.intake.target_groups.push_back(code);
        }
        soci::statement rad = (Sql(uow_).prepare << "SELECT id, source_row_id FROM participation "
                                                    "WHERE insats_id = :i AND source_row_id <> ''",
                               soci::into(id), soci::into(source_row), soci::use(insats_id));
        rad.execute();
        while (rad.fetch()) {
            auto it = index.find(id);
            if (it != index.end()) out[it->second].source_row_id = source_row;
        }
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace foljsam::store
