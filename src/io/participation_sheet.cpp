#include "io/participation_sheet.hpp"

#include <optional>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"
#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

ExportCell DateCell(const std::optional<domain::Date>& date) { return date ? ExportCell::Of(*date) : ExportCell{}; }

ExportCell Code(std::string_view list_id, const std::string& code) {
    return ExportCell::Text(code.empty() ? "" : CodeText(list_id, code));
}

std::string ReferrerText(const ParticipationRecord& r) {
    const std::string& referrer = r.participation.intake.referrer;
    if (referrer == "EGENANMALAN") return "Egenanmälan";
    if (referrer == "ANNAN") return "Annan";
    if (referrer == "ORG") return r.referrer_member;
    return "";
}

std::string KommunText(const domain::IntakeAnswers& in) {
    if (in.residence_kommun.empty()) return "";
    const domain::Kommun* kommun = domain::FindKommun(in.residence_kommun);
    return kommun ? std::string(kommun->name) : in.residence_kommun;
}

// The district's name, or the special residence as the importer reads it.
std::string DistrictText(const domain::IntakeAnswers& in) {
    if (!in.residence_district.empty()) {
        const domain::District* district = domain::FindDistrict(in.residence_kommun, in.residence_district);
        return district ? std::string(district->name) : in.residence_district;
    }
    if (in.residence_special == "HEMLOS") return "Hemlös";
    if (in.residence_special == "OKAND") return "Okänd";
    return in.residence_special;
}

std::string Joined(const std::vector<std::string>& codes, std::string_view list_id) {
    std::string out;
    for (const auto& code : codes) out += (out.empty() ? "" : "; ") + CodeText(list_id, code);
    return out;
}

ExportCell CellOf(Column column, const ParticipationRecord& r) {
    const domain::Participation& p = r.participation;
    const domain::IntakeAnswers& in = p.intake;
    const domain::ExitAnswers& ex = p.exit;
    switch (column) {
        case Column::kInsats:
            return ExportCell::Text(r.insats_name);
        case Column::kRadId:
            return ExportCell::Text(r.rad_id);
        case Column::kDeltagarkod:
            return ExportCell::Text(p.anonymous ? "" : r.participant_code);
        case Column::kPersonnummer:
            return ExportCell::Text(p.anonymous ? "" : r.personnummer);
        case Column::kNamn:
            return ExportCell::Text(p.anonymous ? "" : r.name);
        case Column::kAnonym:
            return ExportCell::Text(p.anonymous ? "Ja" : "Nej");
        case Column::kKon:
            return Code("gender", p.gender);
        case Column::kFodelsear:
            return p.birth_year ? ExportCell::Number(*p.birth_year) : ExportCell{};
        case Column::kAnmalandePart:
            return ExportCell::Text(ReferrerText(r));
        case Column::kAnmalandeEnhet:
            return ExportCell::Text(in.referrer == "ORG" ? r.referrer_unit : "");
        case Column::kFolkbokforingskommun:
            return ExportCell::Text(KommunText(in));
        case Column::kStadsdel:
            return ExportCell::Text(DistrictText(in));
        case Column::kUtbildning:
            return Code("education", in.education);
        case Column::kTidUtanArbete:
            return Code("time_without_work", in.time_without_work);
        case Column::kForsorjningStart:
            return ExportCell::Text(SupportText(in.support_at_start));
        case Column::kSysselsattningStart:
            return ExportCell::Text(CodeWithExtent("occupation", in.occupation_start, in.occupation_start_extent));
        case Column::kTidIForsorjning:
            return Code("time_without_work", in.time_in_support);
        case Column::kSgiNoll:
            return Code("sgi_noll", in.sgi_noll);
        case Column::kMalgrupp:
            return ExportCell::Text(Joined(in.target_groups, "target_group"));
        case Column::kFodelseregion:
            return Code("birth_region", in.birth_region);
        case Column::kAnmalningsdatum:
            return DateCell(p.referral_date);
        case Column::kBeslut:
            return Code("decision", p.decision);
        case Column::kBeslutsdatum:
            return DateCell(p.decision_date);
        case Column::kStartdatum:
            return DateCell(p.start_date);
        case Column::kSlutdatum:
            return DateCell(p.end_date);
        case Column::kAvslutsorsak:
            return Code("exit_reason", ex.exit_reason);
        case Column::kSysselsattningEfter:
            return ExportCell::Text(
                CodeWithExtent("occupation_after", ex.occupation_after, ex.occupation_after_extent));
        case Column::kForsorjningEfter:
            return ExportCell::Text(SupportText(ex.support_after));
        case Column::kSamtycke:
            return p.anonymous ? ExportCell{} : DateCell(p.consent_date);
    }
    return {};
}

}  // namespace

std::vector<std::string> ParticipationHeaders() {
    std::vector<std::string> out;
    for (const auto& spec : TemplateColumns()) out.emplace_back(spec.header);
    return out;
}

std::vector<ExportCell> ParticipationRow(const ParticipationRecord& record) {
    std::vector<ExportCell> row;
    row.reserve(TemplateColumns().size());
    for (const auto& spec : TemplateColumns()) row.push_back(CellOf(spec.column, record));
    return row;
}

std::string CodeText(std::string_view list_id, std::string_view code) {
    return std::string(domain::Label(list_id, code));
}

std::string CodeWithExtent(std::string_view list_id, std::string_view code, const std::optional<int>& extent) {
    if (code.empty()) return "";
    std::string text = CodeText(list_id, code);
    if (extent) text += " " + std::to_string(*extent) + " %";
    return text;
}

std::string SupportText(const std::vector<domain::SupportValue>& values) {
    std::string out;
    for (const auto& value : values)
        out += (out.empty() ? "" : "; ") + CodeWithExtent("support", value.code, value.extent);
    return out;
}

}  // namespace foljsam::io
