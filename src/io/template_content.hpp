#pragma once
// What the import template says, apart from how a workbook lays it out: the value lists
// behind the drop-downs, the allowed values of each column as the instructions describe
// them, and the general rules of the instructions sheet (domain.md, "Import template").
// Used by template_writer.cpp; kept apart so the text can be tested without a workbook.
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "io/import_columns.hpp"
#include "io/template_writer.hpp"

namespace foljsam::io {

// One drop-down list: a column of the hidden sheet "Listor".
struct ValueList {
    std::string title;  // the list's header on the sheet, e.g. "Utbildning"
    std::vector<std::string> values;
};

// The lists of the template and which one each column uses.
struct TemplateLists {
    std::vector<ValueList> lists;  // in order of first use, none empty, none twice
    // By index into TemplateColumns(): the index into `lists`, or nullopt for no list.
    std::vector<std::optional<size_t>> list_of_column;
};

// Every list the template offers: the Swedish labels of each column's code list; Ja/Nej
// (also for Samtycke); the insats names; the members followed by Egenanmälan and Annan;
// every municipality; the current districts of Stockholm and Göteborg followed by Hemlös
// and Okänd. An empty list (no insatser) is left out and its column gets none.
TemplateLists BuildTemplateLists(const TemplateOptions& options);

// What may be written in the column, in Swedish, one item per line ('\n'), for the
// instructions sheet: e.g. "Förgymnasial utbildning (FORGYMN)" per code.
std::string AllowedValuesText(const ColumnSpec& spec, const TemplateOptions& options);

// The header synonyms of the column as one line, "–" when it has none.
std::string SynonymsText(const ColumnSpec& spec);

// The general rules at the top of the instructions sheet: {topic, text}.
struct Instruction {
    std::string topic;
    std::string text;
};
std::vector<Instruction> GeneralInstructions();

}  // namespace foljsam::io
