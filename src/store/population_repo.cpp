#include "store/population_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

Result<std::map<std::string, long long>> PopulationRepo::List(long long forbund_id) {
    std::map<std::string, long long> out;
    Status st = Guard("list area population", [&] {
        long long bound = forbund_id;
        std::string area;
        long long population = 0;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT area_code, population FROM area_population WHERE forbund_id = :f",
             soci::use(bound), soci::into(area), soci::into(population));
        s.execute();
        while (s.fetch()) out[area] = population;
    });
    if (!st.ok()) return st;
    return out;
}

Status PopulationRepo::Replace(long long forbund_id, const std::map<std::string, long long>& population) {
    FOLJSAM_RETURN_IF_ERROR(Guard("delete area population", [&] {
        long long bound = forbund_id;
        Sql(uow_) << "DELETE FROM area_population WHERE forbund_id = :f", soci::use(bound);
    }));
    for (const auto& [code, inhabitants] : population) {
        FOLJSAM_RETURN_IF_ERROR(Guard("insert area population", [&] {
            long long bound = forbund_id, value = inhabitants;
            std::string area = code;
            Sql(uow_) << "INSERT INTO area_population (forbund_id, area_code, population) VALUES (:f, :a, :p)",
                soci::use(bound), soci::use(area), soci::use(value);
        }));
    }
    return Status::Ok();
}

Result<std::set<std::string>> PopulationRepo::ListKommuner(long long forbund_id) {
    std::set<std::string> out;
    Status st = Guard("list kommuner of forbund", [&] {
        long long first = forbund_id, second = forbund_id;
        std::string code;
        soci::statement s = (Sql(uow_).prepare << "SELECT kommunkod FROM forbund_kommun WHERE forbund_id = :f "
                                                  "UNION SELECT kommunkod FROM organisation "
                                                  "WHERE forbund_id = :g AND kommunkod <> ''",
                             soci::use(first), soci::use(second), soci::into(code));
        s.execute();
        while (s.fetch()) out.insert(code);
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace foljsam::store
