#pragma once
// The parts of an xlsx that say where its sheets are (shared/stack.md 5.5): the tab list in
// xl/workbook.xml (`<sheet name r:id>`, and `<workbookPr date1904>`), and the relationships
// in xl/_rels/workbook.xml.rels that map each r:id to a part of the zip. Handlers are
// single-use and single-threaded; names and targets are copied out of the XML.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "io/sheet.hpp"
#include "io/xml_stream.hpp"

namespace foljsam::io::xlsx {

struct SheetEntry {
    std::string name;
    std::string relationship_id;  // the r:id attribute
};

// xl/workbook.xml. Fails (kInvalidInput) past ReadLimits::max_sheets, and (kCorrupt) on a
// <sheet> without a name or r:id.
class WorkbookHandler : public xml::Handler {
   public:
    explicit WorkbookHandler(const ReadLimits& limits) : limits_(limits) {}
    Status Start(std::string_view name, const xml::Attributes& attributes) override;
    Status End(std::string_view) override { return Status::Ok(); }
    Status Text(std::string_view) override { return Status::Ok(); }

    const std::vector<SheetEntry>& sheets() const { return sheets_; }
    // True when serial day numbers count from 1904-01-01 (old Mac Excel).
    bool date1904() const { return date1904_; }

   private:
    const ReadLimits& limits_;
    std::vector<SheetEntry> sheets_;
    bool date1904_ = false;
};

struct Relationship {
    std::string type;    // a URI; only its last segment ("worksheet", "sharedStrings") matters
    std::string target;  // as written: relative to the source part's folder, or absolute
    bool external = false;
};

// A .rels part. Relationships without an Id or Target are ignored.
class RelationshipsHandler : public xml::Handler {
   public:
    Status Start(std::string_view name, const xml::Attributes& attributes) override;
    Status End(std::string_view) override { return Status::Ok(); }
    Status Text(std::string_view) override { return Status::Ok(); }

    // The relationship with this Id, or nullptr.
    const Relationship* Find(const std::string& id) const;
    // The internal relationship (lowest Id first) whose type ends in "/" + `type_name`, or nullptr.
    const Relationship* FindByType(std::string_view type_name) const;

   private:
    std::map<std::string, Relationship> by_id_;
};

// The zip entry name a relationship target points to. A target starting with "/" is
// absolute from the package root; any other is relative to `base_folder` (e.g. "xl/").
// "." and ".." segments are resolved. Returns "" when the target leaves the package.
std::string ResolveTarget(std::string_view base_folder, std::string_view target);

}  // namespace foljsam::io::xlsx
