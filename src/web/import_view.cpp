#include "web/import_view.hpp"

#include <algorithm>
#include <ctime>
#include <set>
#include <utility>

#include "io/import_columns.hpp"
#include "io/sheet.hpp"
#include "web/form_fields.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

// The select value for "reject the rows with this value"; no code of any list looks so.
constexpr const char* kReject = "-avvisa-";

std::string FieldName(const char* prefix, size_t idx) { return std::string(prefix) + std::to_string(idx); }

std::string Quoted(const std::string& text) { return "”" + text + "”"; }

bool Mapped(const io::ImportPlan& plan, io::Column column) {
    return std::any_of(plan.mapping.begin(), plan.mapping.end(),
                       [&](const std::optional<io::Column>& c) { return c == column; });
}

// Indexes of the source columns offered in the mapping step (first of each header key).
std::vector<size_t> OfferedColumns(const io::ImportPlan& plan) {
    std::vector<size_t> out;
    std::set<std::string> keys;
    for (size_t idx = 0; idx < plan.headers.size(); ++idx) {
        const std::string key = io::NormalizeKey(plan.headers[idx]);
        if (key.empty() || !keys.insert(key).second) continue;
        out.push_back(idx);
    }
    return out;
}

std::string RowsText(int rows) { return rows == 1 ? "1 rad" : std::to_string(rows) + " rader"; }

}  // namespace

json MappingFields(const io::ImportPlan& plan) {
    Options options;
    for (const auto& spec : io::TemplateColumns())
        options.emplace_back(std::string(io::ColumnId(spec.column)), std::string(spec.header));
    FieldSet fs({});
    json fields = json::array();
    for (size_t idx : OfferedColumns(plan)) {
        const auto& mapped = idx < plan.mapping.size() ? plan.mapping[idx] : std::nullopt;
        const std::string selected = mapped ? std::string(io::ColumnId(*mapped)) : "";
        json field =
            fs.Select(FieldName("kolumn_", idx), "Kolumn " + io::ColumnName(idx + 1) + ": " + Quoted(plan.headers[idx]),
                      options, selected);
        field["select"]["options"][0]["label"] = "Importeras inte";
        fields.push_back(field);
    }
    return fields;
}

void ReadMapping(const io::ImportPlan& plan, const Form& form, io::ImportSettings& settings) {
    for (size_t idx : OfferedColumns(plan)) {
        const std::string name = FieldName("kolumn_", idx);
        if (!form.Has(name)) continue;
        const std::string id = form.Get(name);
        if (!id.empty() && !io::ColumnFromId(id)) continue;
        settings.columns[io::NormalizeKey(plan.headers[idx])] = id;
    }
}

std::vector<io::UnknownValue> ValuesToDecide(const io::ImportPlan& plan, const std::vector<io::UnknownValue>& decided) {
    std::vector<io::UnknownValue> out;
    std::set<std::pair<io::Column, std::string>> seen;
    for (const auto& value : decided)
        if (Mapped(plan, value.column) && seen.insert({value.column, value.key}).second) out.push_back(value);
    for (const auto& value : plan.unknown)
        if (seen.insert({value.column, value.key}).second) out.push_back(value);
    std::stable_sort(out.begin(), out.end(),
                     [](const io::UnknownValue& a, const io::UnknownValue& b) { return a.first_row < b.first_row; });
    return out;
}

json ValueFields(const std::vector<io::UnknownValue>& values, const io::ImportSettings& settings) {
    FieldSet fs({});
    json fields = json::array();
    for (size_t idx = 0; idx < values.size(); ++idx) {
        const auto& value = values[idx];
        Options options = value.choices;
        options.emplace_back(kReject, "Avvisa raderna med detta värde");
        std::string selected;
        auto it = settings.values.find({std::string(io::ColumnId(value.column)), value.key});
        if (it != settings.values.end()) selected = it->second.empty() ? kReject : it->second;
        const std::string hint =
            "Finns på " + RowsText(value.rows) + ", första gången på rad " + std::to_string(value.first_row) + ".";
        fields.push_back(
            fs.Select(FieldName("varde_", idx), value.header + ": " + Quoted(value.value), options, selected, hint));
    }
    return fields;
}

void ReadValues(const std::vector<io::UnknownValue>& values, const Form& form, io::ImportSettings& settings,
                std::vector<io::UnknownValue>& decided) {
    for (size_t idx = 0; idx < values.size(); ++idx) {
        const auto& value = values[idx];
        const std::string name = FieldName("varde_", idx);
        if (!form.Has(name)) continue;
        const std::string posted = form.Get(name);
        const std::pair<std::string, std::string> key{std::string(io::ColumnId(value.column)), value.key};
        if (posted.empty()) {
            settings.values.erase(key);
            continue;
        }
        std::string code;
        if (posted != kReject) {
            const bool offered = std::any_of(value.choices.begin(), value.choices.end(),
                                             [&](const auto& choice) { return choice.first == posted; });
            if (!offered) continue;
            code = posted;
        }
        settings.values[key] = code;
        const bool known = std::any_of(decided.begin(), decided.end(), [&](const io::UnknownValue& d) {
            return d.column == value.column && d.key == value.key;
        });
        if (!known) decided.push_back(value);
    }
}

json Counts(const services::ImportReport& report) {
    return {{"created", report.created},
            {"updated", report.updated},
            {"unchanged", report.unchanged},
            {"rejected", report.rejected},
            {"rows", report.plan.rows.size()}};
}

json IssueRows(const std::vector<io::RowIssue>& issues) {
    json rows = json::array();
    for (size_t idx = 0; idx < issues.size(); ++idx) {
        const auto& issue = issues[idx];
        rows.push_back({{"id", "fel-" + std::to_string(idx + 1)},
                        {"row", issue.row == 0 ? "Hela filen" : std::to_string(issue.row)},
                        {"column", issue.column},
                        {"value", issue.value},
                        {"expected", issue.expected}});
    }
    return rows;
}

json IssueSummary(const std::vector<io::RowIssue>& issues, size_t shown) {
    if (issues.empty()) return nullptr;
    json errors = json::array();
    for (size_t idx = 0; idx < issues.size() && idx < shown; ++idx) {
        const auto& issue = issues[idx];
        std::string message = FileIssueText(issue);
        if (issue.row != 0)
            message = "Rad " + std::to_string(issue.row) + (issue.column.empty() ? "" : ", " + issue.column) + ": " +
                      issue.expected;
        errors.push_back({{"href", "#fel-" + std::to_string(idx + 1)}, {"message", message}});
    }
    if (issues.size() > shown)
        errors.push_back({{"href", "#fellista"},
                          {"message", "Och " + std::to_string(issues.size() - shown) + " fel till i listan nedan."}});
    return {{"errors", errors}};
}

std::string FileIssueText(const io::RowIssue& issue) {
    std::string expected = issue.expected;
    if (!expected.empty() && expected[0] >= 'A' && expected[0] <= 'Z')
        expected[0] = static_cast<char>(expected[0] + 32);
    return "Filen behöver " + expected;
}

json FilledUnknown(const io::ImportPlan& plan) {
    json out = json::array();
    for (const auto& [column, rows] : plan.filled_unknown)
        out.push_back({{"column", std::string(io::SpecOf(column).header)}, {"rows", RowsText(rows)}});
    return out;
}

json HistoryRows(const std::vector<store::ImportBatch>& batches) {
    json rows = json::array();
    for (const auto& batch : batches) {
        rows.push_back({{"id", batch.id},
                        {"when", LocalTimeText(batch.created_at)},
                        {"who", batch.username},
                        {"file", batch.file_name},
                        {"mode", batch.mode == "VALID" ? "Bara felfria rader" : "Allt eller inget"},
                        {"created", batch.created},
                        {"updated", batch.updated},
                        {"unchanged", batch.unchanged},
                        {"rejected", batch.rejected},
                        {"undone", batch.undone_at ? json(LocalTimeText(*batch.undone_at)) : json(nullptr)},
                        {"can_undo", !batch.undone_at}});
    }
    return rows;
}

std::string ErrorWorkbookName(const std::string& file_name) {
    std::string stem = file_name;
    const size_t dot = stem.rfind('.');
    if (dot != std::string::npos) stem.resize(dot);
    std::string out;
    for (size_t idx = 0; idx < stem.size() && out.size() < 80; ++idx) {
        const unsigned char c = static_cast<unsigned char>(stem[idx]);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            out += static_cast<char>(c);
            continue;
        }
        // å ä (C3 A5, C3 A4) -> a, ö (C3 B6) -> o, Å Ä -> A, Ö -> O; other UTF-8 sequences -> '_'.
        if (c == 0xC3 && idx + 1 < stem.size()) {
            const unsigned char next = static_cast<unsigned char>(stem[idx + 1]);
            const char mapped = next == 0xA5 || next == 0xA4   ? 'a'
                                : next == 0xB6                 ? 'o'
                                : next == 0x85 || next == 0x84 ? 'A'
                                : next == 0x96                 ? 'O'
                                                               : '_';
            out += mapped;
            ++idx;
            continue;
        }
        if (c >= 0x80) {
            while (idx + 1 < stem.size() && (static_cast<unsigned char>(stem[idx + 1]) & 0xC0) == 0x80) ++idx;
        }
        if (out.empty() || out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.empty()) out = "import";
    return "fel-" + out + ".xlsx";
}

std::string LocalTimeText(const std::string& utc) {
    std::tm tm{};
    if (!strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return utc;
    const std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

}  // namespace foljsam::web
