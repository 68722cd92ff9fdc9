#include "io/import_values.hpp"

#include <cctype>
#include <cmath>
#include <map>

#include "domain/code_lists.hpp"
#include "domain/text.hpp"
#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

const char* kDateExpected = "ett datum som ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD eller DD/MM/ÅÅÅÅ";

// Built-in synonyms per code list, normalised with NormalizeKey. Codes and labels match
// without being listed here.
const std::map<std::string, std::map<std::string, std::string>>& Synonyms() {
    static const std::map<std::string, std::map<std::string, std::string>> table = [] {
        std::map<std::string, std::map<std::string, std::string>> raw = {
            {"gender",
             {{"Kvinnor", "K"},
              {"Kv", "K"},
              {"F", "K"},
              {"Kvinnlig", "K"},
              {"Män", "M"},
              {"Manlig", "M"},
              {"Annat kön", "X"},
              {"Icke-binär", "X"},
              {"Okänt", "U"},
              {"Okänd", "U"},
              {"Vet ej", "U"},
              {"Uppgift saknas", "U"},
              {"Vill ej uppge", "U"}}},
            {"education",
             {{"Grundskola", "FORGYMN"},
              {"Förgymnasial", "FORGYMN"},
              {"Folkskola", "FORGYMN"},
              {"Gymnasium", "GYMN"},
              {"Gymnasial", "GYMN"},
              {"Gymnasieutbildning", "GYMN"},
              {"Eftergymnasial kortare än 3 år", "EFTERGYMN_KORT"},
              {"Eftergymnasial < 3 år", "EFTERGYMN_KORT"},
              {"Eftergymnasial 3 år eller längre", "EFTERGYMN_LANG"},
              {"Eftergymnasial >= 3 år", "EFTERGYMN_LANG"},
              {"Vet ej", "OKAND"},
              {"Okänt", "OKAND"}}},
            {"time_without_work",
             {{"Mindre än 1 år", "LT1"},
              {"Under 1 år", "LT1"},
              {"< 1 år", "LT1"},
              {"0-1 år", "LT1"},
              {"1-2 år", "1_2"},
              {"1 till 2 år", "1_2"},
              {"1 till mindre än 2 år", "1_2"},
              {"2-5 år", "2_5"},
              {"2 till 5 år", "2_5"},
              {"2 till mindre än 5 år", "2_5"},
              {"5 år eller mer", "GE5"},
              {"Mer än 5 år", "GE5"},
              {"Över 5 år", "GE5"},
              {">= 5 år", "GE5"},
              {"5+ år", "GE5"},
              {"Vet ej", "OKAND"},
              {"Okänt", "OKAND"}}},
            {"support",
             {{"Ekonomiskt bistånd", "FORSORJNINGSSTOD"},
              {"Socialbidrag", "FORSORJNINGSSTOD"},
              {"FS", "FORSORJNINGSSTOD"},
              {"Rehabpenning", "REHABPENNING"},
              {"A-kassa", "A_KASSA"},
              {"Arbetslöshetsersättning", "A_KASSA"},
              {"Aktivitetsstöd", "AKTIVITETSSTOD"},
              {"Utvecklingsersättning", "AKTIVITETSSTOD"},
              {"CSN", "STUDIEMEDEL"},
              {"Ingen", "INGEN"},
              {"Annan", "ANNAN"},
              {"Vet ej", "OKAND"},
              {"Okänt", "OKAND"}}},
            {"occupation",
             {{"Arbete", "ARBETE"},
              {"Arbetssökande", "ARBETSSOKANDE"},
              {"Studerande", "STUDIER"},
              {"Vet ej", "OKAND"}}},
            {"occupation_after",
             {{"Arbete", "ARBETE"},
              {"Arbetssökande", "ARBETSSOKANDE"},
              {"Studerande", "STUDIER"},
              {"Subventionerad anställning", "ARBETE_SUBV"},
              {"Osubventionerad anställning", "ARBETE_OSUBV"},
              {"Vet ej", "OKAND"}}},
            {"sgi_noll", {{"Okänd", "OKANT"}, {"Vet ej", "OKANT"}}},
            {"target_group",
             {{"Unga", "UNGA_16_29"},
              {"Ungdomar", "UNGA_16_29"},
              {"Unga 16-29", "UNGA_16_29"},
              {"Vuxna", "VUXNA_30_64"},
              {"Vuxna 30-64", "VUXNA_30_64"},
              {"Migration", "MIGRATION_FLYKT"},
              {"Nyanlända", "MIGRATION_FLYKT"},
              {"Migration och flykt", "MIGRATION_FLYKT"}}},
            {"birth_region", {{"Europa", "EUROPA"}, {"Övriga Europa", "EUROPA"}, {"Vet ej", "OKAND"}}},
            {"exit_reason",
             {{"Jobb", "ARBETE"},
              {"Anställning", "ARBETE"},
              {"Utbildning", "STUDIER"},
              {"Vård", "VARD_REHAB"},
              {"Rehabilitering", "VARD_REHAB"},
              {"Fortsatt stöd", "FORTSATT_STOD"},
              {"Flytt", "FLYTT"},
              {"Föräldraledighet", "FORALDRALEDIG"},
              {"Avbrott", "AVBROTT"},
              {"Avbrutit", "AVBROTT"},
              {"Ej anträffbar", "AVBROTT"},
              {"Felregistrerad", "FELREG"}}},
            {"decision", {{"Ja", "BEVILJAD"}, {"Beviljat", "BEVILJAD"}, {"Nej", "AVSLAG"}, {"Avslaget", "AVSLAG"}}},
        };
        std::map<std::string, std::map<std::string, std::string>> out;
        for (const auto& [list, entries] : raw)
            for (const auto& [text, code] : entries) out[list][NormalizeKey(text)] = code;
        return out;
    }();
    return table;
}

bool AllDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int ToInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

Status NoSuchDate(const std::string& shown) {
    return Status::InvalidInput("Datumet " + shown + " finns inte i kalendern.");
}

// Text forms: ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD, DD/MM/ÅÅÅÅ with '/', '.' or '-' between parts.
Result<domain::Date> ParseDateText(std::string text) {
    // A time of day after the date ("2025-03-14 00:00:00") is ignored.
    if (auto space = text.find_first_of(" T"); space != std::string::npos && space >= 8) text.resize(space);
    if (text.size() == 8 && AllDigits(text)) {
        domain::Date d{ToInt(text.substr(0, 4)), ToInt(text.substr(4, 2)), ToInt(text.substr(6, 2))};
        if (!d.IsValid()) return NoSuchDate(text);
        return d;
    }
    std::vector<std::string> parts;
    std::string current;
    char separator = 0;
    for (char c : text) {
        if (c == '-' || c == '/' || c == '.') {
            if (separator && c != separator) return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
            separator = c;
            parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.push_back(current);
    if (parts.size() != 3) return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
    for (const auto& p : parts)
        if (!AllDigits(p) || p.size() > 4) return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
    domain::Date d;
    if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
        d = {ToInt(parts[0]), ToInt(parts[1]), ToInt(parts[2])};
    } else if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
        d = {ToInt(parts[2]), ToInt(parts[1]), ToInt(parts[0])};  // day first, as in Sweden and Europe
    } else {
        return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
    }
    if (!d.IsValid()) return NoSuchDate(text);
    return d;
}

}  // namespace

std::string CellText(const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::kEmpty:
            return "";
        case Cell::Kind::kBool:
            return cell.number != 0 ? "Ja" : "Nej";
        case Cell::Kind::kDate:
            if (auto d = DateFromSerial(cell.number)) return d->ToString();
            return cell.text;
        default:
            return cell.text;
    }
}

std::optional<domain::Date> DateFromSerial(double serial) {
    if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return std::nullopt;
    const long day = static_cast<long>(std::floor(serial));
    if (day == 60) return std::nullopt;  // 1900-02-29 exists only in Excel
    // Serial 1 is 1900-01-01; from 61 on, Excel's phantom leap day shifts by one.
    const long from_1899_12_31 = day < 60 ? day : day - 1;
    return domain::Date{1899, 12, 31}.AddDays(from_1899_12_31);
}

double SerialFromDate(const domain::Date& date) {
    const long days = date.DaysSinceEpoch() - domain::Date{1899, 12, 31}.DaysSinceEpoch();
    return static_cast<double>(days < 60 ? days : days + 1);
}

Result<domain::Date> ParseDateCell(const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::kDate:
        case Cell::Kind::kNumber: {
            // A number that reads as ÅÅÅÅMMDD (20250314) is a date written without dashes.
            if (cell.number >= 19000101 && cell.number <= 22001231 && cell.number == std::floor(cell.number))
                return ParseDateText(std::to_string(static_cast<long>(cell.number)));
            if (auto d = DateFromSerial(cell.number); d && d->IsValid()) return *d;
            return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
        }
        case Cell::Kind::kText:
            return ParseDateText(domain::Trim(cell.text));
        default:
            return Status::InvalidInput(std::string("Väntade ") + kDateExpected + ".");
    }
}

Result<int> ParseYearCell(const Cell& cell) {
    std::string text = domain::Trim(cell.kind == Cell::Kind::kDate ? std::string() : cell.text);
    if (cell.kind == Cell::Kind::kNumber && cell.number == std::floor(cell.number))
        text = std::to_string(static_cast<long>(cell.number));
    if (text.size() != 4 || !AllDigits(text)) return Status::InvalidInput("Väntade ett årtal med fyra siffror, ÅÅÅÅ.");
    return ToInt(text);
}

Result<bool> ParseYesNo(const Cell& cell) {
    if (cell.kind == Cell::Kind::kBool || cell.kind == Cell::Kind::kNumber) {
        if (cell.number == 1) return true;
        if (cell.number == 0) return false;
    }
    const std::string key = NormalizeKey(cell.text);
    if (key == "ja" || key == "j" || key == "x" || key == "1" || key == "sant" || key == "true" || key == "yes")
        return true;
    if (key.empty() || key == "nej" || key == "n" || key == "0" || key == "falskt" || key == "false" || key == "no")
        return false;
    return Status::InvalidInput("Väntade Ja eller Nej.");
}

std::optional<std::string> MatchCode(std::string_view list_id, std::string_view text) {
    const domain::CodeList* list = domain::FindCodeList(list_id);
    if (!list) return std::nullopt;
    const std::string key = NormalizeKey(text);
    if (key.empty()) return std::nullopt;
    for (const auto& v : list->values)
        if (NormalizeKey(v.code) == key || NormalizeKey(v.label) == key) return std::string(v.code);
    const auto& synonyms = Synonyms();
    if (auto it = synonyms.find(std::string(list_id)); it != synonyms.end())
        if (auto hit = it->second.find(key); hit != it->second.end()) return hit->second;
    return std::nullopt;
}

SplitExtent SplitTrailingExtent(std::string_view text) {
    std::string s = domain::Trim(std::string(text));
    size_t end = s.size();
    while (end > 0 && (s[end - 1] == ')' || s[end - 1] == ' ')) --end;
    bool percent = false;
    if (end > 0 && s[end - 1] == '%') {
        percent = true;
        --end;
        while (end > 0 && s[end - 1] == ' ') --end;
    }
    size_t digits_start = end;
    while (digits_start > 0 && std::isdigit(static_cast<unsigned char>(s[digits_start - 1]))) --digits_start;
    if (digits_start == end || end - digits_start > 3) return {s, std::nullopt};
    size_t rest_end = digits_start;
    while (rest_end > 0 && (s[rest_end - 1] == ' ' || s[rest_end - 1] == '(' || s[rest_end - 1] == ':')) --rest_end;
    // "1-2 år" style labels end in digits without a separator: only split after a space,
    // '(' or ':' (or with a '%'), and never leave nothing behind.
    const bool separated = rest_end < digits_start || percent;
    if (!separated || rest_end == 0) return {s, std::nullopt};
    const int extent = std::stoi(s.substr(digits_start, end - digits_start));
    if (extent < 1 || extent > 100) return {s, std::nullopt};
    return {domain::Trim(s.substr(0, rest_end)), extent};
}

std::vector<std::string> SplitValues(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string t = domain::Trim(current);
        if (!t.empty()) out.push_back(t);
        current.clear();
    };
    for (char c : text) {
        if (c == ';' || c == ',' || c == '\n' || c == '\r')
            flush();
        else
            current += c;
    }
    flush();
    return out;
}

}  // namespace foljsam::io
