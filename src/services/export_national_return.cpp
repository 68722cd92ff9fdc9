// ExportService's national return ("Uppföljning Finsam"); see export_service.hpp.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "domain/code_lists.hpp"
#include "domain/goal.hpp"
#include "io/export_workbook.hpp"
#include "report/cell_lookup.hpp"
#include "report/engine.hpp"
#include "report/suppression.hpp"
#include "services/audit.hpp"
#include "services/export_service.hpp"
#include "services/report_scope.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/goal_repo.hpp"

namespace foljsam::services {
namespace {

using report::Dimension;
using report::Measure;

constexpr const char* kReturnSheet = "Återrapportering";

const std::vector<std::string>& ReturnHeaders() {
    static const std::vector<std::string> headers = {"Insats",
                                                     "Inriktning",
                                                     "Målgrupp",
                                                     "Planerade deltagare",
                                                     "Budget (kr)",
                                                     "Utfall (kr)",
                                                     "Deltagare i strukturell insats",
                                                     "Deltagare kvinnor",
                                                     "Deltagare män",
                                                     "Deltagare annat kön eller uppgift saknas",
                                                     "Deltagare totalt"};
    return headers;
}

// The gender columns: K, M, then Annat and Uppgift saknas together (counted under U).
const std::vector<std::string> kGenders = {"K", "M", "U"};

bool ActiveInYear(const domain::Insats& insats, const report::Period& year) {
    if (insats.start_date && *insats.start_date > year.to) return false;
    if (insats.end_date && *insats.end_date < year.from) return false;
    return true;
}

// Planned participants: the insats's count goal for the year without a filter, on
// "participated" (preferred) or "started".
std::map<long long, long long> PlannedParticipants(const std::vector<domain::Goal>& goals) {
    std::map<long long, long long> participated, started;
    for (const auto& goal : goals) {
        if (goal.kind != domain::GoalKind::kCount || !goal.filter_dimension.empty()) continue;
        if (goal.comparison != domain::GoalComparison::kAtLeast && goal.comparison != domain::GoalComparison::kWithin)
            continue;
        if (goal.measure == "participated") participated.emplace(goal.insats_id, goal.target_tenths / 10);
        if (goal.measure == "started") started.emplace(goal.insats_id, goal.target_tenths / 10);
    }
    for (const auto& [insats, count] : started) participated.emplace(insats, count);
    return participated;
}

// A count as the return shows it: the number, or the report's marker when hidden.
io::ExportCell CountCell(const report::CellLookup& cells, const std::vector<std::string>& values) {
    const report::Cell* cell = cells.Find(Measure::kParticipated, values);
    if (!cell) return io::ExportCell::Number(0);
    if (cell->suppressed) return io::ExportCell::Text(report::DisplayValue(*cell, cells.threshold()));
    return io::ExportCell::Number(cell->value);
}

// The target groups registered for the insats's participants in the year.
std::string TargetGroups(const report::CellLookup& cells, const std::string& insats_id) {
    std::string out;
    for (const std::string& code : report::ValueDomain(Dimension::kTargetGroup)) {
        const report::Cell* cell = cells.Find(Measure::kParticipated, {insats_id, code});
        if (cell && cell->value > 0)
            out += (out.empty() ? "" : "; ") + std::string(domain::Label("target_group", code));
    }
    return out;
}

io::ExportTable AboutTable(const std::string& forbund_name, int year, int threshold) {
    io::ExportTable table;
    table.sheet = "Om";
    table.headers = {"Uppgift", "Förklaring"};
    table.widths = {30, 100};
    table.wrap = true;
    const std::string t = std::to_string(threshold);
    const std::vector<std::pair<std::string, std::string>> lines = {
        {"Förbund", forbund_name},
        {"År", std::to_string(year)},
        {"Framtagen", domain::Today().ToString() + " ur Följsam."},
        {"Insatser", "Förbundets insatser som pågick någon del av året eller hade deltagare under året."},
        {"Deltagare",
         "Deltagare i individinriktade insatser som följs upp deltagare för deltagare: deltagit under året, det vill "
         "säga startat senast 31 december och inte avslutat före 1 januari. Varje deltagande räknas för sig. "
         "Felregistreringar räknas inte. Samma tal som förbundets rapporter (måttet Deltagit under perioden, per "
         "insats och kön)."},
        {"Annat kön eller uppgift saknas", "Kön Annat och Uppgift saknas räknas ihop innan små tal döljs."},
        {"Skydd för små tal",
         "Återrapporteringen lämnas till nationell nivå och visar därför inga små tal: antal från 1 till " +
             std::to_string(threshold - 1) + " visas som <" + t +
             ", och antal som visas som – är dolda för att ett annat dolt antal inte ska kunna räknas fram. Samma "
             "regler som i förbundets rapporter för den som inte ser personuppgifter. 0 visas som 0."},
        {"Målgrupp",
         "De målgrupper som insatsens deltagare under året är registrerade med. Följsam har ännu ingen egen "
         "målgruppsuppgift per insats."},
        {"Planerade deltagare",
         "Från insatsens mål för året: ett antalsmål utan avgränsning för måttet Deltagit under perioden (annars "
         "Påbörjade). Tomt när inget sådant mål finns."},
        {"Budget och utfall",
         "Följsam har ännu inga budgetuppgifter. Kolumnerna Budget och Utfall är tomma och fylls i för hand, liksom "
         "de uppgifter om hela förbundet som återrapporteringen också frågar efter: beviljade medel, eget kapital och "
         "administrativa kostnader (budget och utfall)."},
        {"Deltagare i strukturella insatser",
         "Följsam registrerar inte deltagare i strukturella insatser, bara i individinriktade. Kolumnen är tom och "
         "fylls i för hand."},
    };
    for (const auto& [topic, text] : lines)
        table.rows.push_back({io::ExportCell::Text(topic), io::ExportCell::Text(text)});
    return table;
}

Result<ExportFile> Build(store::UnitOfWork& uow, const domain::Actor* actor, const ReportScope& scope, int year,
                         ExportFormat format) {
    const report::Period period = report::Period::Year(year);
    std::set<long long> ids;
    for (const auto& insats : scope.insatser) ids.insert(insats.id);
    std::vector<report::Fact> facts;
    if (!ids.empty()) {
        auto loaded = store::LoadFacts(uow, scope.forbund.id, ids, period);
        if (!loaded.ok()) return loaded.status();
        facts = std::move(*loaded);
    }
    for (auto& fact : facts)
        if (fact.gender != "K" && fact.gender != "M") fact.gender = "U";
    report::Query query;
    query.measures = {Measure::kParticipated};
    query.dimensions = {Dimension::kInsats, Dimension::kGender};
    query.period = period;
    if (!ids.empty()) query.insatser = ids;
    auto by_gender = report::Compute(facts, query);
    if (!by_gender.ok()) return by_gender.status();
    const int threshold = scope.forbund.suppression_threshold;
    FOLJSAM_RETURN_IF_ERROR(report::Suppress(*by_gender, {threshold}));
    query.dimensions = {Dimension::kInsats, Dimension::kTargetGroup};
    auto by_group = report::Compute(facts, query);
    if (!by_group.ok()) return by_group.status();
    auto goals = store::GoalRepo(uow).ListByForbund(scope.forbund.id, year);
    if (!goals.ok()) return goals.status();
    const auto planned = PlannedParticipants(*goals);
    const report::CellLookup gender_cells(*by_gender, threshold, true);
    const report::CellLookup group_cells(*by_group, threshold, false);

    io::ExportTable table;
    table.sheet = kReturnSheet;
    table.headers = ReturnHeaders();
    int listed = 0;
    for (const auto& insats : scope.insatser) {
        const std::string id = std::to_string(insats.id);
        const report::Cell* total = gender_cells.Find(Measure::kParticipated, {id});
        if (!ActiveInYear(insats, period) && (!total || total->value == 0)) continue;
        ++listed;
        const bool individual = insats.follow_up_method == "INDIVIDUELL";
        auto plan = planned.find(insats.id);
        std::vector<io::ExportCell> row = {
            io::ExportCell::Text(insats.name),
            io::ExportCell::Text(std::string(domain::Label("orientation", insats.orientation))),
            io::ExportCell::Text(TargetGroups(group_cells, id)),
            plan == planned.end() ? io::ExportCell{} : io::ExportCell::Number(plan->second),
            io::ExportCell{},
            io::ExportCell{},
            io::ExportCell{}};
        for (const auto& gender : kGenders)
            row.push_back(individual ? CountCell(gender_cells, {id, gender}) : io::ExportCell{});
        row.push_back(individual ? CountCell(gender_cells, {id}) : io::ExportCell{});
        table.rows.push_back(std::move(row));
    }
    std::vector<io::ExportCell> sum = {io::ExportCell::Text("Samtliga insatser"), {}, {}, {}, {}, {}, {}};
    for (const auto& gender : kGenders) {
        const report::Cell* cell = gender_cells.FindIn(Measure::kParticipated, Dimension::kGender, gender);
        sum.push_back(!cell              ? io::ExportCell::Number(0)
                      : cell->suppressed ? io::ExportCell::Text(report::DisplayValue(*cell, threshold))
                                         : io::ExportCell::Number(cell->value));
    }
    sum.push_back(CountCell(gender_cells, {}));
    table.rows.push_back(std::move(sum));

    ExportFile out;
    const std::string stem = "uppfoljning-finsam-" + std::to_string(year);
    if (format == ExportFormat::kXlsx) {
        auto bytes = io::ExportXlsxBytes("Uppföljning Finsam " + std::to_string(year) + ": " + scope.forbund.name,
                                         {table, AboutTable(scope.forbund.name, year, threshold)});
        if (!bytes.ok()) return bytes.status();
        out = {stem + ".xlsx", kXlsxContentType, std::move(*bytes)};
    } else {
        out = {stem + ".csv", kCsvContentType, io::ExportCsv(table)};
    }
    nlohmann::json detail = {{"year", year},
                             {"format", format == ExportFormat::kXlsx ? "xlsx" : "csv"},
                             {"insatser", listed},
                             {"suppression", true}};
    if (!actor) detail["operator"] = true;
    FOLJSAM_RETURN_IF_ERROR(
        Audit(uow, actor, scope.forbund.id,
              {"export.national_return", "export", std::nullopt, std::nullopt, false, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR(uow.Commit());
    return out;
}

Status CheckYear(int year) {
    if (year < 2000 || year > 2100)
        return Status::InvalidInput("Ange ett år mellan 2000 och 2100.", {{"year", "Ange ett år, t.ex. 2025."}});
    return Status::Ok();
}

}  // namespace

Result<ExportFile> ExportService::NationalReturn(const domain::Actor& actor, int year, ExportFormat format) {
    if (!OfferFor(actor).national_return)
        return Status::Forbidden("Återrapporteringen är för förbundets administratör och analytiker.");
    FOLJSAM_RETURN_IF_ERROR(CheckYear(year));
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveScope(**uow, actor, std::nullopt, false);
    if (!scope.ok()) return scope.status();
    return Build(**uow, &actor, *scope, year, format);
}

Result<ExportFile> ExportService::NationalReturnAsOperator(long long forbund_id, int year, ExportFormat format) {
    FOLJSAM_RETURN_IF_ERROR(CheckYear(year));
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveOperatorScope(**uow, forbund_id, std::nullopt, false);
    if (!scope.ok()) return scope.status();
    return Build(**uow, nullptr, *scope, year, format);
}

}  // namespace foljsam::services
