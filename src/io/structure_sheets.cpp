#include "io/structure_sheets.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/code_lists.hpp"
#include "domain/text.hpp"
#include "io/import_columns.hpp"
#include "io/import_values.hpp"
#include "io/participation_sheet.hpp"

namespace foljsam::io {
namespace {

enum OrgCol { kOrgName, kOrgType, kOrgParent, kOrgKommun, kOrgActive };
enum InsatsCol {
    kInsName,
    kInsDescription,
    kInsStart,
    kInsEnd,
    kInsOrientation,
    kInsMethod,
    kInsSelfReferral,
    kInsController,
    kInsMode,
    kInsActive
};

ExportCell YesNo(bool value) { return ExportCell::Text(value ? "Ja" : "Nej"); }
ExportCell DateCell(const std::optional<domain::Date>& date) { return date ? ExportCell::Of(*date) : ExportCell{}; }

// The code whose label without its explanation in parentheses is `text`: "Med identitet"
// for "Med identitet (personnummer, samtycke krävs)", as people write it by hand.
std::optional<std::string> MatchShortLabel(std::string_view list_id, const std::string& text) {
    const domain::CodeList* list = domain::FindCodeList(list_id);
    if (!list) return std::nullopt;
    for (const auto& value : list->values) {
        const std::string_view label = value.label;
        const size_t paren = label.find(" (");
        if (paren != std::string_view::npos && NormalizeKey(label.substr(0, paren)) == NormalizeKey(text))
            return std::string(value.code);
    }
    return std::nullopt;
}

// One sheet being read: its header columns and the issues found.
class SheetReader {
   public:
    SheetReader(const Sheet& sheet, const std::vector<std::string>& headers, std::vector<SheetIssue>& issues)
        : sheet_(sheet), headers_(headers), issues_(issues) {
        columns_.assign(headers.size(), std::nullopt);
        if (sheet.rows.empty()) return;
        const Row& header = sheet.rows.front();
        for (size_t idx = 0; idx < header.cells.size(); ++idx) {
            const std::string key = NormalizeKey(CellText(header.cells[idx]));
            for (size_t col = 0; col < headers.size(); ++col)
                if (!columns_[col] && NormalizeKey(headers[col]) == key) columns_[col] = idx;
        }
    }

    bool Has(size_t col) const { return columns_[col].has_value(); }
    const Cell& At(const Row& row, size_t col) const {
        static const Cell kEmpty;
        if (!columns_[col] || *columns_[col] >= row.cells.size()) return kEmpty;
        return row.cells[*columns_[col]];
    }
    std::string Text(const Row& row, size_t col) const { return domain::Trim(CellText(At(row, col))); }
    // True when the row has no value in any known column.
    bool Empty(const Row& row) const {
        for (size_t col = 0; col < headers_.size(); ++col)
            if (!Text(row, col).empty()) return false;
        return true;
    }
    void Issue(int row, size_t col, std::string value, std::string expected) {
        issues_.push_back({sheet_.name, row, headers_[col], std::move(value), std::move(expected)});
    }
    // A coded value by code or label; `fallback` when empty; an issue when unknown.
    std::string Code(const Row& row, size_t col, std::string_view list_id, std::string fallback, bool& ok) {
        const std::string text = Text(row, col);
        if (text.empty()) return fallback;
        if (auto code = MatchCode(list_id, text)) return *code;
        if (auto code = MatchShortLabel(list_id, text)) return *code;
        std::string labels;
        if (const auto* list = domain::FindCodeList(list_id))
            for (const auto& value : list->values) labels += (labels.empty() ? "" : ", ") + std::string(value.label);
        Issue(row.number, col, text, "Ett av värdena " + labels + ".");
        ok = false;
        return fallback;
    }
    bool YesNoValue(const Row& row, size_t col, bool fallback, bool& ok) {
        if (Text(row, col).empty()) return fallback;
        auto yes = ParseYesNo(At(row, col));
        if (yes.ok()) return *yes;
        Issue(row.number, col, Text(row, col), "Ja eller Nej.");
        ok = false;
        return fallback;
    }
    std::optional<domain::Date> DateValue(const Row& row, size_t col, bool& ok) {
        if (Text(row, col).empty()) return std::nullopt;
        auto date = ParseDateCell(At(row, col));
        if (date.ok()) return *date;
        Issue(row.number, col, Text(row, col), date.status().message());
        ok = false;
        return std::nullopt;
    }
    // Every data row (after the header row) that is not wholly empty.
    std::vector<const Row*> DataRows() const {
        std::vector<const Row*> out;
        for (size_t idx = 1; idx < sheet_.rows.size(); ++idx)
            if (!Empty(sheet_.rows[idx])) out.push_back(&sheet_.rows[idx]);
        return out;
    }

   private:
    const Sheet& sheet_;
    const std::vector<std::string>& headers_;
    std::vector<SheetIssue>& issues_;
    std::vector<std::optional<size_t>> columns_;
};

const Sheet* FindSheet(const Workbook& workbook, std::string_view name) {
    for (const auto& sheet : workbook.sheets)
        if (NormalizeKey(sheet.name) == NormalizeKey(name)) return &sheet;
    return nullptr;
}

void ReadOrganisations(const Sheet& sheet, StructureRows& out) {
    SheetReader r(sheet, OrganisationHeaders(), out.issues);
    if (!r.Has(kOrgName)) {
        out.issues.push_back({sheet.name, 0, OrganisationHeaders()[kOrgName], "", "En kolumn Namn på första raden."});
        return;
    }
    for (const Row* row : r.DataRows()) {
        bool ok = true;
        OrganisationRow org;
        org.row = row->number;
        org.name = r.Text(*row, kOrgName);
        org.parent_name = r.Text(*row, kOrgParent);
        if (org.name.empty()) {
            r.Issue(row->number, kOrgName, "", "Organisationens namn.");
            ok = false;
        }
        org.member_type = r.Code(*row, kOrgType, "member_type", "", ok);
        if (org.parent_name.empty() && org.member_type.empty() && r.Text(*row, kOrgType).empty()) {
            r.Issue(row->number, kOrgType, "",
                    "Medlemstypen för en medlem: Försäkringskassan, Arbetsförmedlingen, "
                    "Region eller Kommun.");
            ok = false;
        }
        org.kommunkod = r.Text(*row, kOrgKommun);
        if (!org.kommunkod.empty() &&
            (org.kommunkod.size() != 4 || org.kommunkod.find_first_not_of("0123456789") != std::string::npos)) {
            r.Issue(row->number, kOrgKommun, org.kommunkod, "En kommunkod med fyra siffror, t.ex. 0180.");
            ok = false;
        }
        org.active = r.YesNoValue(*row, kOrgActive, true, ok);
        if (ok) out.organisations.push_back(std::move(org));
    }
}

void ReadInsatser(const Sheet& sheet, StructureRows& out) {
    SheetReader r(sheet, InsatsHeaders(), out.issues);
    if (!r.Has(kInsName)) {
        out.issues.push_back({sheet.name, 0, InsatsHeaders()[kInsName], "", "En kolumn Namn på första raden."});
        return;
    }
    for (const Row* row : r.DataRows()) {
        bool ok = true;
        InsatsRow insats;
        insats.row = row->number;
        insats.name = r.Text(*row, kInsName);
        if (insats.name.empty()) {
            r.Issue(row->number, kInsName, "", "Insatsens namn.");
            ok = false;
        }
        insats.description = r.Text(*row, kInsDescription);
        insats.start_date = r.DateValue(*row, kInsStart, ok);
        insats.end_date = r.DateValue(*row, kInsEnd, ok);
        if (insats.start_date && insats.end_date && *insats.end_date < *insats.start_date) {
            r.Issue(row->number, kInsEnd, insats.end_date->ToString(), "Ett slutdatum som inte är före startdatum.");
            ok = false;
        }
        insats.orientation = r.Code(*row, kInsOrientation, "orientation", "INDIVID", ok);
        // Structural insatser are followed up by counts unless the sheet says otherwise.
        insats.follow_up_method = r.Code(*row, kInsMethod, "follow_up_method",
                                         insats.orientation == "STRUKTUR" ? "VOLYM" : "INDIVIDUELL", ok);
        insats.self_referral_allowed = r.YesNoValue(*row, kInsSelfReferral, false, ok);
        insats.controller_name = r.Text(*row, kInsController);
        insats.registration_mode = r.Code(*row, kInsMode, "registration_mode", "UTAN_ID", ok);
        insats.active = r.YesNoValue(*row, kInsActive, true, ok);
        if (ok) out.insatser.push_back(std::move(insats));
    }
}

}  // namespace

const std::vector<std::string>& OrganisationHeaders() {
    static const std::vector<std::string> headers = {"Namn", "Medlemstyp", "Överordnad", "Kommunkod", "Aktiv"};
    return headers;
}

const std::vector<std::string>& InsatsHeaders() {
    static const std::vector<std::string> headers = {"Namn",
                                                     "Beskrivning",
                                                     "Startdatum",
                                                     "Slutdatum",
                                                     "Inriktning",
                                                     "Uppföljningsmetod",
                                                     "Egenanmälan",
                                                     "Personuppgiftsansvarig",
                                                     "Registreringssätt",
                                                     "Aktiv"};
    return headers;
}

ExportTable OrganisationTable(const std::vector<domain::Organisation>& organisations) {
    ExportTable table;
    table.sheet = std::string(kOrganisationSheet);
    table.headers = OrganisationHeaders();
    std::map<long long, const domain::Organisation*> by_id;
    for (const auto& o : organisations) by_id[o.id] = &o;
    // Parents first: members, then each unit once its parent is out.
    std::vector<const domain::Organisation*> ordered;
    std::set<long long> placed;
    for (bool progress = true; progress;) {
        progress = false;
        for (const auto& o : organisations) {
            if (placed.count(o.id)) continue;
            if (o.parent_id && by_id.count(*o.parent_id) && !placed.count(*o.parent_id)) continue;
            ordered.push_back(&o);
            placed.insert(o.id);
            progress = true;
        }
    }
    for (const domain::Organisation* o : ordered) {
        std::string parent;
        if (o->parent_id && by_id.count(*o->parent_id)) parent = by_id[*o->parent_id]->name;
        table.rows.push_back({ExportCell::Text(o->name), ExportCell::Text(CodeText("member_type", o->member_type)),
                              ExportCell::Text(parent), ExportCell::Text(o->kommunkod), YesNo(o->active)});
    }
    return table;
}

ExportTable InsatsTable(const std::vector<domain::Insats>& insatser,
                        const std::vector<domain::Organisation>& organisations) {
    ExportTable table;
    table.sheet = std::string(kInsatsSheet);
    table.headers = InsatsHeaders();
    table.widths = {30, 60};  // descriptions are long: keep the column readable
    for (const auto& i : insatser) {
        std::string controller;
        for (const auto& o : organisations)
            if (o.id == i.controller_org_id) controller = o.name;
        table.rows.push_back({ExportCell::Text(i.name), ExportCell::Text(i.description), DateCell(i.start_date),
                              DateCell(i.end_date), ExportCell::Text(CodeText("orientation", i.orientation)),
                              ExportCell::Text(CodeText("follow_up_method", i.follow_up_method)),
                              YesNo(i.self_referral_allowed), ExportCell::Text(controller),
                              ExportCell::Text(CodeText("registration_mode", i.registration_mode)), YesNo(i.active)});
    }
    return table;
}

StructureRows ReadStructureSheets(const Workbook& workbook) {
    StructureRows out;
    if (const Sheet* sheet = FindSheet(workbook, kOrganisationSheet)) {
        out.has_organisations = true;
        ReadOrganisations(*sheet, out);
    }
    if (const Sheet* sheet = FindSheet(workbook, kInsatsSheet)) {
        out.has_insatser = true;
        ReadInsatser(*sheet, out);
    }
    return out;
}

std::string Describe(const SheetIssue& issue) {
    std::string out = issue.sheet;
    if (issue.row > 0) out += ", rad " + std::to_string(issue.row);
    if (!issue.column.empty()) out += ", kolumn " + issue.column;
    if (!issue.value.empty()) out += ", värde \"" + issue.value + "\"";
    return out + ": " + issue.expected;
}

}  // namespace foljsam::io
