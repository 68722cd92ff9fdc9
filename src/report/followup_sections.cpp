#include "report/followup_sections.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace foljsam::report::followup {
namespace {

const char* kChartNote = "Siffrorna finns i tabellen ovanför diagrammet.";

// True when `fact` is in scope and counts towards `measure` over the period.
bool CountsInScope(const Context& ctx, const Fact& fact, Measure measure) {
    for (const auto& [insats_id, name] : ctx.options.insatser)
        if (insats_id == fact.insats_id) return Counts(measure, fact, ctx.out.period);
    return false;
}

const char* kRateColumn = "Deltagare per 10 000 invånare";

// `count` per 10 000 of `population` (> 0) with one decimal and a decimal comma ("12,3").
ViewCell RateCell(long long count, long long population) {
    const long long tenths = std::llround(static_cast<double>(count) * 100000.0 / static_cast<double>(population));
    const std::string text = FormatCount(tenths / 10) + "," + std::to_string(tenths % 10);
    return ViewCell{text, static_cast<double>(tenths) / 10.0, false, false};
}

// Appends the population of area `value` and the rate of `visible` participants per
// 10 000 inhabitants to `row`; "–" for what is unknown or hidden.
void AddPopulationCells(ViewRow& row, std::optional<long long> visible,
                        const std::map<std::string, long long>& population, const std::string& value) {
    auto it = population.find(value);
    if (it == population.end() || it->second <= 0) {  // no figure (or a nonsensical one)
        row.cells.insert(row.cells.end(), {DashCell(), DashCell()});
        return;
    }
    row.cells.push_back(CountCell(it->second));
    row.cells.push_back(visible ? RateCell(*visible, it->second) : DashCell());
}

// Where those who started live: by district when any has a district (Stockholm,
// Göteborg), by municipality when they come from more than one or none has a district.
std::vector<Dimension> ResidenceDimensions(const Context& ctx) {
    bool districts = false;
    std::set<std::string> kommuner;
    for (const Fact& fact : ctx.facts) {
        if (!CountsInScope(ctx, fact, Measure::kStarted)) continue;
        if (!fact.district.empty() && fact.district != "HEMLOS" && fact.district != "OKAND") districts = true;
        if (!fact.kommun.empty()) kommuner.insert(fact.kommun);
    }
    std::vector<Dimension> out;
    if (districts) out.push_back(Dimension::kDistrict);
    if (!districts || kommuner.size() > 1) out.push_back(Dimension::kKommun);
    return out;
}

std::string Caption(Dimension dimension, const std::string& what, const Period& period) {
    return std::string(DimensionLabel(dimension)) + ", " + what + " " + period.Label();
}

// One DistributionTable per dimension of `measure`, appended to `section`.
Status AddDistributionTables(Context& ctx, ViewSection& section, Measure measure,
                             const std::vector<Dimension>& dimensions, const std::string& what) {
    const Period& period = ctx.out.period;
    for (Dimension dimension : dimensions) {
        const std::string id = section.id + "-" + std::string(DimensionName(dimension));
        const std::string caption = Caption(dimension, what, period);
        auto report = Run(ctx, id, caption, {{measure}, {dimension}, period});
        if (!report.ok()) return report.status();
        const CellLookup lookup(*report, ctx.options.threshold, ctx.options.suppress);
        const std::vector<std::string> skip =
            dimension == Dimension::kExitReason ? std::vector<std::string>{"FELREG"} : std::vector<std::string>{};
        section.tables.push_back(DistributionTable(*report, lookup, id, caption, measure, dimension, skip));
    }
    return Status::Ok();
}

// The values of `dimension` whose count of `measure` is not zero, in the report's order.
std::vector<std::string> NonZeroValues(const Report& report, const CellLookup& lookup, Measure measure,
                                       Dimension dimension) {
    std::vector<std::string> out;
    for (const std::string& value : ValuesInOrder(report, measure, dimension)) {
        const Cell* cell = lookup.FindIn(measure, dimension, value);
        if (cell != nullptr && cell->value != 0) out.push_back(value);
    }
    return out;
}

// Before -> after: `before` as rows, `after` as columns, counts of ended participations.
Result<ViewTable> TransitionTable(Context& ctx, const std::string& id, const std::string& caption, Dimension before,
                                  Dimension after) {
    const Measure measure = Measure::kEnded;
    auto report = Run(ctx, id, caption, {{measure}, {before, after}, ctx.out.period});
    if (!report.ok()) return report.status();
    const CellLookup lookup(*report, ctx.options.threshold, ctx.options.suppress);
    ViewTable table;
    table.id = id;
    table.caption = caption;
    table.row_header = "Före (rader) / efter (kolumner)";
    const std::vector<std::string> columns = NonZeroValues(*report, lookup, measure, after);
    for (const std::string& value : columns) table.columns.push_back(ValueLabel(after, value));
    table.columns.push_back("Totalt");
    for (const std::string& row_value : NonZeroValues(*report, lookup, measure, before)) {
        ViewRow row{ValueLabel(before, row_value), {}, false};
        for (const std::string& column : columns) row.cells.push_back(lookup.Count(measure, {row_value, column}));
        row.cells.push_back(lookup.Count(measure, {row_value}));
        table.rows.push_back(std::move(row));
    }
    ViewRow sum{"Totalt", {}, true};
    for (const std::string& column : columns) sum.cells.push_back(lookup.CountIn(measure, after, column));
    sum.cells.push_back(lookup.Count(measure, {}));
    table.rows.push_back(std::move(sum));
    if (IsMultiValued(before) || IsMultiValued(after))
        table.note =
            "En deltagare kan ha flera försörjningskällor före och efter och räknas då i varje "
            "kombination; summorna kan därför bli större än antalet avslutade.";
    table.wide = table.columns.size() > 6;
    return table;
}

}  // namespace

Result<ViewSection> Profile(Context& ctx) {
    ViewSection section{
        "profil", "Vilka började", "Deltagare som påbörjade insatsen under perioden, efter svaren vid start.", {}};
    std::vector<Dimension> dimensions = {Dimension::kAgeGroup,          Dimension::kEducation,
                                         Dimension::kTimeWithoutWork,   Dimension::kSupportAtStart,
                                         Dimension::kOccupationAtStart, Dimension::kReferrerMember,
                                         Dimension::kReferrerUnit};
    for (Dimension dimension : ResidenceDimensions(ctx)) dimensions.push_back(dimension);
    dimensions.push_back(Dimension::kTargetGroup);
    dimensions.push_back(Dimension::kBirthRegion);
    FOLJSAM_RETURN_IF_ERROR(AddDistributionTables(ctx, section, Measure::kStarted, dimensions, "påbörjade"));
    return section;
}

Result<ViewSection> Exits(Context& ctx) {
    const Period& period = ctx.out.period;
    ViewSection section{"avslut", "Avslut", "Deltaganden som avslutades under perioden.", {}};
    FOLJSAM_RETURN_IF_ERROR(
        AddDistributionTables(ctx, section, Measure::kEnded, {Dimension::kExitReason}, "avslutade"));

    const std::vector<Measure> measures = {Measure::kEnded, Measure::kEndedToWorkOrStudies};
    auto report = Run(ctx, "avslut-arbete-studier", "Till arbete eller studier " + period.Label(),
                      {measures, {Dimension::kGender}, period});
    if (!report.ok()) return report.status();
    const CellLookup lookup(*report, ctx.options.threshold, ctx.options.suppress);
    ViewTable work;
    work.id = "avslut-arbete-studier";
    work.caption = "Avslutade till arbete eller studier efter kön " + period.Label();
    work.row_header = "Kön";
    work.columns = {"Avslutade", "Till arbete eller studier", "Andel"};
    std::vector<std::vector<std::string>> rows;
    for (const std::string& gender : GenderColumns(lookup, measures)) rows.push_back({gender});
    rows.push_back({});
    for (const auto& values : rows) {
        ViewRow row{values.empty() ? "Totalt" : GenderColumn(values[0]), {}, values.empty()};
        row.cells = {
            lookup.Count(Measure::kEnded, values), lookup.Count(Measure::kEndedToWorkOrStudies, values),
            lookup.ShareOf(lookup.Find(Measure::kEndedToWorkOrStudies, values), lookup.Find(Measure::kEnded, values))};
        work.rows.push_back(std::move(row));
    }
    ChartSpec chart{"diagram-avslut-arbete-studier",
                    "Andel till arbete eller studier efter kön " + period.Label(),
                    kChartNote,
                    {},
                    {},
                    true};
    for (const ViewRow& row : work.rows) chart.categories.push_back(row.header);
    chart.series.push_back(SeriesOfColumn(work, 2, "Andel till arbete eller studier", true));
    work.chart = std::move(chart);
    section.tables.push_back(std::move(work));

    FOLJSAM_RETURN_IF_ERROR(AddDistributionTables(
        ctx, section, Measure::kEnded, {Dimension::kOccupationAfter, Dimension::kSupportAfter}, "avslutade"));
    auto support = TransitionTable(ctx, "overgang-forsorjning",
                                   "Försörjning vid start och efter avslut, avslutade " + period.Label(),
                                   Dimension::kSupportAtStart, Dimension::kSupportAfter);
    if (!support.ok()) return support.status();
    section.tables.push_back(std::move(*support));
    auto occupation = TransitionTable(ctx, "overgang-sysselsattning",
                                      "Sysselsättning vid start och efter avslut, avslutade " + period.Label(),
                                      Dimension::kOccupationAtStart, Dimension::kOccupationAfter);
    if (!occupation.ok()) return occupation.status();
    section.tables.push_back(std::move(*occupation));
    return section;
}

Result<ViewSection> Equality(Context& ctx) {
    const Period& period = ctx.out.period;
    ViewSection section{"jamstalldhet", "Jämställdhet och räckvidd", "", {}};

    // Gender per insats against its target.
    auto started = Run(ctx, "jamstalldhet-kon-per-insats", "Kön per insats " + period.Label(),
                       {{Measure::kStarted}, {Dimension::kInsats, Dimension::kGender}, period});
    if (!started.ok()) return started.status();
    const CellLookup by_gender(*started, ctx.options.threshold, ctx.options.suppress);
    ViewTable gender;
    gender.id = "jamstalldhet-kon-per-insats";
    gender.caption = "Kvinnor och män bland påbörjade per insats " + period.Label();
    gender.row_header = "Insats";
    const std::vector<std::string> genders = GenderColumns(by_gender, {Measure::kStarted});
    for (const std::string& code : genders) gender.columns.push_back(GenderColumn(code));
    gender.columns.insert(gender.columns.end(), {"Totalt", "Andel kvinnor", "Andel män"});
    if (!ctx.options.gender_targets.empty()) gender.columns.push_back("Mål");
    std::vector<std::pair<std::string, std::string>> rows;  // label, insats id ("" for the total)
    for (const auto& [insats_id, name] : ctx.options.insatser) rows.emplace_back(name, std::to_string(insats_id));
    rows.emplace_back("Totalt", "");
    for (const auto& [label, id] : rows) {
        const bool total = id.empty();
        auto count = [&](const std::string& code) {
            return total ? by_gender.CountIn(Measure::kStarted, Dimension::kGender, code)
                         : by_gender.Count(Measure::kStarted, {id, code});
        };
        auto find = [&](const std::string& code) {
            return total ? by_gender.FindIn(Measure::kStarted, Dimension::kGender, code)
                         : by_gender.Find(Measure::kStarted, {id, code});
        };
        const Cell* all = total ? by_gender.Find(Measure::kStarted, {}) : by_gender.Find(Measure::kStarted, {id});
        ViewRow row{label, {}, total};
        for (const std::string& code : genders) row.cells.push_back(count(code));
        row.cells.push_back(by_gender.CountOf(all));
        row.cells.push_back(by_gender.ShareOf(find("K"), all));
        row.cells.push_back(by_gender.ShareOf(find("M"), all));
        if (!ctx.options.gender_targets.empty()) {
            auto target = total ? ctx.options.gender_targets.end() : ctx.options.gender_targets.find(std::stoll(id));
            row.cells.push_back(
                target == ctx.options.gender_targets.end() ? DashCell() : ViewCell{target->second, {}, false, false});
        }
        gender.rows.push_back(std::move(row));
    }
    const size_t women_share = genders.size() + 1;
    ChartSpec gender_chart{
        "diagram-jamstalldhet-kon", "Andel kvinnor och män bland påbörjade per insats", kChartNote, {}, {}, true};
    for (const auto& [label, id] : rows) gender_chart.categories.push_back(label);
    gender_chart.series = {SeriesOfColumn(gender, women_share, "Andel kvinnor", true),
                           SeriesOfColumn(gender, women_share + 1, "Andel män", true)};
    gender.chart = std::move(gender_chart);
    gender.wide = gender.columns.size() > 6;
    section.tables.push_back(std::move(gender));

    // Referrals between the members, per insats.
    auto referred = Run(ctx, "jamstalldhet-anmalningar", "Anmälningar per medlem och insats " + period.Label(),
                        {{Measure::kReferred}, {Dimension::kInsats, Dimension::kReferrerMember}, period});
    if (!referred.ok()) return referred.status();
    const CellLookup by_member(*referred, ctx.options.threshold, ctx.options.suppress);
    ViewTable members;
    members.id = "jamstalldhet-anmalningar";
    members.caption = "Anmälningar per anmälande part och insats " + period.Label();
    members.row_header = "Insats";
    std::vector<std::string> member_values;
    for (const std::string& value : ValuesInOrder(*referred, Measure::kReferred, Dimension::kReferrerMember)) {
        const Cell* cell = by_member.FindIn(Measure::kReferred, Dimension::kReferrerMember, value);
        if (!value.empty() || (cell != nullptr && cell->value != 0)) member_values.push_back(value);
    }
    for (const std::string& value : member_values)
        members.columns.push_back(ValueLabel(Dimension::kReferrerMember, value));
    members.columns.push_back("Totalt");
    for (const auto& [label, id] : rows) {
        const bool total = id.empty();
        ViewRow row{label, {}, total};
        for (const std::string& value : member_values)
            row.cells.push_back(total ? by_member.CountIn(Measure::kReferred, Dimension::kReferrerMember, value)
                                      : by_member.Count(Measure::kReferred, {id, value}));
        row.cells.push_back(total ? by_member.Count(Measure::kReferred, {})
                                  : by_member.Count(Measure::kReferred, {id}));
        members.rows.push_back(std::move(row));
    }
    ViewRow shares{"Andel av alla anmälningar", {}, true};
    const Cell* all_referred = by_member.Find(Measure::kReferred, {});
    for (const std::string& value : member_values)
        shares.cells.push_back(
            by_member.ShareOf(by_member.FindIn(Measure::kReferred, Dimension::kReferrerMember, value), all_referred));
    shares.cells.push_back(by_member.ShareOf(all_referred, all_referred));
    members.rows.push_back(shares);
    ChartSpec member_chart{
        "diagram-jamstalldhet-anmalningar", "Anmälningar per anmälande part " + period.Label(), kChartNote, {}, {}};
    ChartSeries member_series{"Anmälningar", {}, {}};
    const ViewRow& total_row = members.rows[members.rows.size() - 2];
    for (size_t idx = 0; idx < member_values.size(); ++idx) {
        member_chart.categories.push_back(members.columns[idx]);
        member_series.values.push_back(total_row.cells[idx].number);
        member_series.texts.push_back(total_row.cells[idx].text);
    }
    member_chart.series.push_back(std::move(member_series));
    members.chart = std::move(member_chart);
    members.wide = members.columns.size() > 6;
    section.tables.push_back(std::move(members));

    // Participants per district (or municipality).
    for (Dimension dimension : ResidenceDimensions(ctx)) {
        const std::string id = "jamstalldhet-" + std::string(DimensionName(dimension));
        auto participated =
            Run(ctx, id, Caption(dimension, "deltagit", period), {{Measure::kParticipated}, {dimension}, period});
        if (!participated.ok()) return participated.status();
        const CellLookup lookup(*participated, ctx.options.threshold, ctx.options.suppress);
        ViewTable table;
        table.id = id;
        table.caption = "Deltagare per " + LowerFirst(std::string(DimensionLabel(dimension))) + " " + period.Label();
        table.row_header = std::string(DimensionLabel(dimension));
        table.columns = {"Deltagit", "Andel av alla"};
        const Cell* total = lookup.Find(Measure::kParticipated, {});
        const std::vector<std::string> values = NonZeroValues(*participated, lookup, Measure::kParticipated, dimension);
        const auto& population = ctx.options.area_population;
        const bool with_population = std::any_of(values.begin(), values.end(),
                                                 [&](const std::string& value) { return population.count(value) > 0; });
        if (with_population) table.columns.insert(table.columns.end(), {"Invånare", kRateColumn});
        for (const std::string& value : values) {
            const Cell* cell = lookup.Find(Measure::kParticipated, {value});
            ViewRow row{ValueLabel(dimension, value), {lookup.CountOf(cell), lookup.ShareOf(cell, total)}, false};
            if (with_population)
                AddPopulationCells(row, lookup.Visible(Measure::kParticipated, {value}), population, value);
            table.rows.push_back(std::move(row));
        }
        // The total has no population of its own: its participants include those living
        // in areas without a figure (or with none given at all).
        ViewRow total_row{"Totalt", {lookup.CountOf(total), lookup.ShareOf(total, total)}, true};
        if (with_population) total_row.cells.insert(total_row.cells.end(), {DashCell(), DashCell()});
        table.rows.push_back(std::move(total_row));
        table.note = with_population
                         ? "Invånare enligt förbundets uppgifter (Administration → Befolkning)."
                         : "Följsam har ännu inga befolkningstal per område, så andelen jämförs inte med befolkningen.";
        ChartSpec chart{"diagram-" + id, table.caption, kChartNote, {}, {}};
        for (const ViewRow& row : table.rows)
            if (!row.total) chart.categories.push_back(row.header);
        chart.series.push_back(SeriesOfColumn(table, 0, "Deltagit", false));
        table.chart = std::move(chart);
        section.tables.push_back(std::move(table));
    }
    return section;
}

}  // namespace foljsam::report::followup
