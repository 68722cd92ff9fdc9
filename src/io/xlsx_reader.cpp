#include "io/xlsx_reader.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/read_errors.hpp"
#include "io/xlsx_shared_strings.hpp"
#include "io/xlsx_sheet.hpp"
#include "io/xlsx_styles.hpp"
#include "io/xlsx_workbook.hpp"
#include "io/xml_stream.hpp"
#include "io/zip_archive.hpp"

namespace foljsam::io {

namespace {

// The parts that only describe the workbook are small in real files (a large styles.xml is
// a few MB); this cap keeps the structures built from them small too.
constexpr size_t kMaxMetadataPartBytes = 16u << 20;

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";

Status ParsePart(ZipArchive& archive, std::string_view part, size_t max_bytes, xml::Handler& handler,
                 const ReadLimits& limits) {
    xml::Parser parser(handler, std::string(part), limits);
    FOLJSAM_RETURN_IF_ERROR(archive.Read(part, max_bytes, [&](std::string_view chunk) { return parser.Feed(chunk); }));
    return parser.Finish();
}

// The zip entry of an optional part named by relationship type, or `fallback` if present.
std::string OptionalPart(const ZipArchive& archive, const xlsx::RelationshipsHandler& relationships,
                         std::string_view type_name, std::string_view fallback) {
    if (const xlsx::Relationship* relationship = relationships.FindByType(type_name)) {
        const std::string resolved = xlsx::ResolveTarget("xl/", relationship->target);
        if (!resolved.empty() && archive.Has(resolved)) return resolved;
    }
    return archive.Has(fallback) ? std::string(fallback) : std::string();
}

Status MissingSheet(const std::string& name) {
    return Status::Corrupt("Filen är skadad: bladet \"" + name + "\" saknas i filen.");
}

Result<Workbook> ReadArchive(ZipArchive& archive, const ReadLimits& limits) {
    if (!archive.Has(kWorkbookPart)) {
        return Status::InvalidInput("Filen är ingen xlsx-arbetsbok (den saknar xl/workbook.xml).");
    }
    xlsx::WorkbookHandler workbook_part(limits);
    FOLJSAM_RETURN_IF_ERROR(ParsePart(archive, kWorkbookPart, kMaxMetadataPartBytes, workbook_part, limits));
    xlsx::RelationshipsHandler relationships;
    if (archive.Has(kWorkbookRelsPart)) {
        FOLJSAM_RETURN_IF_ERROR(ParsePart(archive, kWorkbookRelsPart, kMaxMetadataPartBytes, relationships, limits));
    }
    xlsx::StylesHandler styles;
    if (const std::string part = OptionalPart(archive, relationships, "styles", "xl/styles.xml"); !part.empty()) {
        FOLJSAM_RETURN_IF_ERROR(ParsePart(archive, part, kMaxMetadataPartBytes, styles, limits));
    }
    std::vector<std::string> shared_strings;
    if (const std::string part = OptionalPart(archive, relationships, "sharedStrings", "xl/sharedStrings.xml");
        !part.empty()) {
        xlsx::SharedStringsHandler handler(limits);
        FOLJSAM_RETURN_IF_ERROR(ParsePart(archive, part, limits.max_uncompressed_bytes, handler, limits));
        shared_strings = handler.TakeStrings();
    }

    if (workbook_part.sheets().empty()) return Status::Corrupt("Filen är skadad: arbetsboken har inga blad.");
    Workbook workbook;
    size_t cells_used = 0;
    const xlsx::SheetContext context{shared_strings, styles, workbook_part.date1904(), limits, cells_used};
    for (const xlsx::SheetEntry& entry : workbook_part.sheets()) {
        const xlsx::Relationship* relationship = relationships.Find(entry.relationship_id);
        if (relationship == nullptr || relationship->external) return MissingSheet(entry.name);
        const std::string part = xlsx::ResolveTarget("xl/", relationship->target);
        if (part.empty() || !archive.Has(part)) return MissingSheet(entry.name);
        Sheet sheet;
        sheet.name = entry.name;
        xlsx::SheetHandler handler(sheet, context);
        FOLJSAM_RETURN_IF_ERROR(ParsePart(archive, part, limits.max_uncompressed_bytes, handler, limits));
        workbook.sheets.push_back(std::move(sheet));
    }
    return workbook;
}

}  // namespace

Result<Workbook> ReadXlsx(std::string_view file_bytes, const ReadLimits& limits) {
    if (file_bytes.empty()) return EmptyFile();
    if (file_bytes.size() > limits.max_file_bytes) return FileTooLarge(limits);
    auto archive = ZipArchive::Open(file_bytes, limits);
    if (!archive.ok()) return archive.status();
    return ReadArchive(**archive, limits);
}

}  // namespace foljsam::io
