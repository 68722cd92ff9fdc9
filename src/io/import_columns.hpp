#pragma once
// The columns of the import template (domain.md, "Import template"), in template order,
// with their Swedish headers, header synonyms, the code list each coded column uses and a
// Swedish help text for the instructions sheet. The export writes the same columns, so an
// exported file imports again unchanged. Also the one normalisation used to compare
// headers and values: case, spaces and punctuation ignored. Immutable data; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace foljsam::io {

enum class Column {
    kInsats,
    kRadId,
    kDeltagarkod,
    kPersonnummer,
    kNamn,
    kAnonym,
    kKon,
    kFodelsear,
    kAnmalandePart,
    kAnmalandeEnhet,
    kFolkbokforingskommun,
    kStadsdel,
    kUtbildning,
    kTidUtanArbete,
    kForsorjningStart,
    kSysselsattningStart,
    kTidIForsorjning,
    kSgiNoll,
    kMalgrupp,
    kFodelseregion,
    kAnmalningsdatum,
    kBeslut,
    kBeslutsdatum,
    kStartdatum,
    kSlutdatum,
    kAvslutsorsak,
    kSysselsattningEfter,
    kForsorjningEfter,
    kSamtycke,
};

enum class ValueKind {
    kText,       // free text (names, codes of the source file)
    kCode,       // one value of `code_list`
    kCodes,      // several values of `code_list`, separated by ';' or ','
    kDate,       // a date: ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD, DD/MM/ÅÅÅÅ or a spreadsheet date
    kYear,       // a four-digit year
    kYesNo,      // Ja / Nej
    kConsent,    // Ja / Nej or a date
    kReference,  // looked up in the association: insats, member, unit, municipality, district
};

struct ColumnSpec {
    Column column;
    std::string_view header;  // as written in the template
    std::vector<std::string_view> synonyms;
    ValueKind kind;
    std::string_view code_list;  // for kCode / kCodes
    std::string_view help;       // one Swedish sentence for the instructions sheet
};

// Every column, in template order.
const std::vector<ColumnSpec>& TemplateColumns();
const ColumnSpec& SpecOf(Column column);
// The column whose header or synonym matches `header` after normalisation, if any.
std::optional<Column> ColumnForHeader(std::string_view header);
// Stable id for saved mappings and the API, e.g. "startdatum".
std::string_view ColumnId(Column column);
std::optional<Column> ColumnFromId(std::string_view id);

// Lower-case (also Å, Ä, Ö, É), with every character that is not a letter or digit
// removed: "Tid utan arbete/studier " -> "tidutanarbetestudier".
std::string NormalizeKey(std::string_view text);

}  // namespace foljsam::io
