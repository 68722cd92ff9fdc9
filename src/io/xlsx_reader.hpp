#pragma once
// Reads an Excel workbook (.xlsx, Office Open XML) held in memory into a Workbook: every
// sheet in tab order, found through xl/workbook.xml and its relationships; cell rules in
// xlsx_sheet.hpp and shared/stack.md 5.5. Built for uploads from anyone: libzip reads the
// container with zip-bomb guards (zip_archive.hpp) and expat streams each XML part in 64 KiB
// chunks with DTDs refused and nesting capped (xml_stream.hpp), so memory stays bounded by
// `limits`. Thread-safe: no shared state.

#include <string_view>

#include "common/status.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// Success: the whole workbook. Failure, always with a Swedish message and never a partial
// workbook:
// - kInvalidInput: an empty file; not a zip; a zip without xl/workbook.xml ("Filen är ingen
//   xlsx-arbetsbok"); over a limit of `limits` (file size, uncompressed size, compression
//   ratio, sheets, rows, columns, cell size, cells; the message states the limit); a DTD;
//   too deep nesting; text that is not UTF-8; a password-protected entry.
// - kCorrupt: a damaged or truncated zip, XML that is not well-formed, a workbook without
//   sheets, a missing sheet part or impossible cell content (the message names the cell).
Result<Workbook> ReadXlsx(std::string_view file_bytes, const ReadLimits& limits = {});

}  // namespace foljsam::io
