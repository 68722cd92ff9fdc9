// The follow-up's orchestration, overview and trends; the profile, exit and equality
// sections are in followup_sections.cpp.

#include "report/followup.hpp"

#include <algorithm>
#include <set>

#include "report/followup_sections.hpp"
#include "report/followup_tables.hpp"

namespace foljsam::report {
namespace followup {
namespace {

const std::vector<Measure> kOverviewMeasures = {Measure::kStarted, Measure::kEnded, Measure::kParticipated,
                                                Measure::kActiveAtEnd, Measure::kReferred};

// Overview: each measure in total and by gender, this period against the same period
// last year, and per insats when the scope has several.
Result<ViewSection> Overview(Context& ctx) {
    const Period& period = ctx.out.period;
    const Period& last = ctx.out.last_year;
    ViewSection section{"oversikt", "Översikt", "", {}};
    auto now = Run(ctx, "oversikt", "Översikt " + period.Label(), {kOverviewMeasures, {Dimension::kGender}, period});
    if (!now.ok()) return now.status();
    auto before =
        Run(ctx, "oversikt-fjol", "Översikt " + last.Label(), {kOverviewMeasures, {Dimension::kGender}, last});
    if (!before.ok()) return before.status();
    const CellLookup lookup_now(*now, ctx.options.threshold, ctx.options.suppress);
    const CellLookup lookup_before(*before, ctx.options.threshold, ctx.options.suppress);

    ViewTable table;
    table.id = "oversikt";
    table.caption = "Deltaganden " + period.Label() + " jämfört med samma period året innan";
    table.row_header = "Mått";
    table.columns = {period.Label(), last.Label(), "Förändring"};
    ChartSpec chart{"diagram-oversikt",
                    "Deltaganden " + period.Label() + " och " + last.Label(),
                    "Siffrorna finns i tabellen ovanför diagrammet.",
                    {},
                    {{period.Label(), {}, {}}, {last.Label(), {}, {}}}};
    std::vector<std::string> genders = GenderColumns(lookup_now, kOverviewMeasures);
    for (const std::string& gender : GenderColumns(lookup_before, kOverviewMeasures))
        if (std::find(genders.begin(), genders.end(), gender) == genders.end()) genders.push_back(gender);
    for (Measure measure : kOverviewMeasures) {
        std::vector<std::vector<std::string>> breakdowns = {{}};
        for (const std::string& gender : genders) breakdowns.push_back({gender});
        for (const auto& values : breakdowns) {
            ViewRow row;
            row.total = values.empty();
            row.header = std::string(MeasureLabel(measure)) +
                         (values.empty() ? ", totalt" : ", " + LowerFirst(GenderColumn(values[0])));
            row.cells = {
                lookup_now.Count(measure, values), lookup_before.Count(measure, values),
                CellLookup::Change(lookup_now.Visible(measure, values), lookup_before.Visible(measure, values))};
            if (row.total) {
                chart.categories.push_back(std::string(MeasureLabel(measure)));
                for (size_t idx = 0; idx < 2; ++idx) {
                    chart.series[idx].values.push_back(row.cells[idx].number);
                    chart.series[idx].texts.push_back(row.cells[idx].text);
                }
            }
            table.rows.push_back(std::move(row));
        }
    }
    table.chart = std::move(chart);
    section.tables.push_back(std::move(table));

    if (ctx.options.insatser.size() > 1) {
        const std::vector<Measure> measures = {Measure::kStarted, Measure::kEnded, Measure::kParticipated,
                                               Measure::kActiveAtEnd};
        auto per_insats =
            Run(ctx, "per-insats", "Per insats " + period.Label(), {measures, {Dimension::kInsats}, period});
        if (!per_insats.ok()) return per_insats.status();
        const CellLookup lookup(*per_insats, ctx.options.threshold, ctx.options.suppress);
        ViewTable by_insats;
        by_insats.id = "per-insats";
        by_insats.caption = "Deltaganden per insats " + period.Label();
        by_insats.row_header = "Insats";
        for (Measure measure : measures) by_insats.columns.push_back(std::string(MeasureLabel(measure)));
        for (const auto& [insats_id, name] : ctx.options.insatser) {
            ViewRow row{name, {}, false};
            for (Measure measure : measures) row.cells.push_back(lookup.Count(measure, {std::to_string(insats_id)}));
            by_insats.rows.push_back(std::move(row));
        }
        ViewRow sum{"Totalt", {}, true};
        for (Measure measure : measures) sum.cells.push_back(lookup.Count(measure, {}));
        by_insats.rows.push_back(std::move(sum));
        ChartSpec insats_chart{"diagram-per-insats",
                               "Påbörjade och deltagit per insats " + period.Label(),
                               "Siffrorna finns i tabellen ovanför diagrammet.",
                               {},
                               {}};
        for (const auto& [insats_id, name] : ctx.options.insatser) insats_chart.categories.push_back(name);
        insats_chart.series.push_back(SeriesOfColumn(by_insats, 0, "Påbörjade", false));
        insats_chart.series.push_back(SeriesOfColumn(by_insats, 2, "Deltagit", false));
        by_insats.chart = std::move(insats_chart);
        section.tables.push_back(std::move(by_insats));
    }
    return section;
}

// The first trend year: the option, or the first year with a referral or start in scope;
// at most ten years back and never after the period's year.
int TrendFirstYear(const Context& ctx) {
    const int last_year = ctx.out.period.to.year;
    int first = ctx.options.trend_first_year;
    if (first == 0) {
        first = last_year;
        std::set<long long> scope;
        for (const auto& [insats_id, name] : ctx.options.insatser) scope.insert(insats_id);
        for (const Fact& fact : ctx.facts) {
            if (!scope.count(fact.insats_id) || IsExcluded(fact)) continue;
            if (fact.referral_date) first = std::min(first, fact.referral_date->year);
            if (fact.start_date) first = std::min(first, fact.start_date->year);
        }
    }
    return std::clamp(first, last_year - 9, last_year);
}

// Trends: per calendar year up to the period's end (the last year only up to it).
Result<ViewSection> Trends(Context& ctx) {
    ViewSection section{"utveckling", "Utveckling över åren", "", {}};
    const std::vector<Measure> measures = {Measure::kStarted, Measure::kEnded, Measure::kParticipated,
                                           Measure::kEndedToWorkOrStudies};
    ViewTable counts;
    counts.id = "utveckling-antal";
    counts.caption = "Påbörjade, avslutade och deltagit per år";
    counts.row_header = "År";
    counts.columns = {"Påbörjade", "varav kvinnor", "varav män", "Avslutade", "Deltagit"};
    ViewTable shares;
    shares.id = "utveckling-andelar";
    shares.caption = "Andel kvinnor bland påbörjade och andel avslutade till arbete eller studier per år";
    shares.row_header = "År";
    shares.columns = {"Andel kvinnor bland påbörjade", "Andel till arbete eller studier"};
    const int last_year = ctx.out.period.to.year;
    for (int year = TrendFirstYear(ctx); year <= last_year; ++year) {
        Period period = Period::Year(year);
        std::string label = std::to_string(year);
        if (year == last_year && ctx.out.period.to < period.to) {
            period.to = ctx.out.period.to;
            label += " (t.o.m. " + period.to.ToString() + ")";
        }
        auto report =
            Run(ctx, "utveckling-" + std::to_string(year), "År " + label, {measures, {Dimension::kGender}, period});
        if (!report.ok()) return report.status();
        const CellLookup lookup(*report, ctx.options.threshold, ctx.options.suppress);
        counts.rows.push_back(ViewRow{label,
                                      {lookup.Count(Measure::kStarted, {}), lookup.Count(Measure::kStarted, {"K"}),
                                       lookup.Count(Measure::kStarted, {"M"}), lookup.Count(Measure::kEnded, {}),
                                       lookup.Count(Measure::kParticipated, {})},
                                      false});
        shares.rows.push_back(
            ViewRow{label,
                    {lookup.ShareOf(lookup.Find(Measure::kStarted, {"K"}), lookup.Find(Measure::kStarted, {})),
                     lookup.ShareOf(lookup.Find(Measure::kEndedToWorkOrStudies, {}), lookup.Find(Measure::kEnded, {}))},
                    false});
    }
    ChartSpec count_chart{
        "diagram-utveckling-antal", counts.caption, "Siffrorna finns i tabellen ovanför diagrammet.", {}, {}};
    for (const ViewRow& row : counts.rows) count_chart.categories.push_back(row.header.substr(0, 4));
    count_chart.series = {SeriesOfColumn(counts, 0, "Påbörjade", true), SeriesOfColumn(counts, 3, "Avslutade", true),
                          SeriesOfColumn(counts, 4, "Deltagit", true)};
    counts.chart = std::move(count_chart);
    counts.line_chart = true;
    ChartSpec share_chart{
        "diagram-utveckling-andelar", shares.caption, "Siffrorna finns i tabellen ovanför diagrammet.", {}, {}, true};
    share_chart.categories = counts.chart->categories;
    share_chart.series = {SeriesOfColumn(shares, 0, "Andel kvinnor bland påbörjade", true),
                          SeriesOfColumn(shares, 1, "Andel till arbete eller studier", true)};
    shares.chart = std::move(share_chart);
    shares.line_chart = true;
    section.tables.push_back(std::move(counts));
    section.tables.push_back(std::move(shares));
    return section;
}

}  // namespace

// Every section once, with the counts in `hidden` hidden in every table.
Result<FollowUp> BuildOnce(const std::vector<Fact>& facts, const FollowUpOptions& options,
                           const std::set<std::string>& hidden) {
    FollowUp out;
    out.period = options.period;
    out.last_year = options.period.SamePeriodLastYear();
    Context ctx{facts, options, out, &hidden};
    using Builder = Result<ViewSection> (*)(Context&);
    for (Builder build : {Overview, Profile, Exits, Equality, Trends}) {
        auto section = build(ctx);
        if (!section.ok()) return section.status();
        out.sections.push_back(std::move(*section));
    }
    return out;
}

}  // namespace followup

domain::Date FollowUpFactsFrom(const Period& period) {
    const domain::Date trend_from = Period::Year(period.to.year - 9).from;
    return std::min(trend_from, period.SamePeriodLastYear().from);
}

Result<FollowUp> BuildFollowUp(const std::vector<Fact>& facts, const FollowUpOptions& options) {
    if (!options.period.from.IsValid() || !options.period.to.IsValid() || options.period.to < options.period.from)
        return Status::InvalidInput("Ogiltig period.", {{"period", "Ogiltig period."}});
    if (options.insatser.empty()) return Status::InvalidInput("Välj minst en insats.", {{"insats", "Välj en insats."}});
    if (options.threshold < 3) return Status::InvalidInput("Gränsen för små tal får inte vara under 3.");
    // Each table is suppressed on its own; a count hidden in one table is then hidden in
    // every table that shows it, and the tables suppressed again around it, until no
    // table hides anything another shows. Hiding only grows, so this ends; in practice
    // after one or two rounds.
    std::set<std::string> hidden;
    for (int round = 0; round < 20; ++round) {
        auto out = followup::BuildOnce(facts, options, hidden);
        if (!out.ok() || !options.suppress) return out;
        const size_t before = hidden.size();
        for (const NamedReport& named : out->reports)
            for (const Cell& cell : named.report.cells)
                if (cell.suppressed) hidden.insert(followup::CellKey(cell, named.report.query.period));
        if (hidden.size() == before) return out;
    }
    // cannot happen: each round hides at least one more count of a finite set, far fewer
    // than twenty rounds' worth in practice; refuse rather than show inconsistent tables.
    return Status::Internal("follow-up suppression did not settle in 20 rounds");
}

}  // namespace foljsam::report
