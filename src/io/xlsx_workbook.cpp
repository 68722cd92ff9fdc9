#include "io/xlsx_workbook.hpp"

#include <utility>

namespace foljsam::io::xlsx {

Status WorkbookHandler::Start(std::string_view name, const xml::Attributes& attributes) {
    if (name == "workbookPr") {
        const auto value = attributes.Get("date1904");
        date1904_ = value && (*value == "1" || *value == "true");
        return Status::Ok();
    }
    if (name != "sheet") return Status::Ok();
    const auto sheet_name = attributes.Get("name");
    const auto id = attributes.Get("id");
    if (!sheet_name || !id) {
        return Status::Corrupt("Filen är skadad: ett blad i arbetsboken saknar namn eller hänvisning.");
    }
    if (sheets_.size() >= limits_.max_sheets) {
        return Status::InvalidInput("Arbetsboken har fler än " + std::to_string(limits_.max_sheets) +
                                    " blad, vilket är gränsen.");
    }
    sheets_.push_back({std::string(*sheet_name), std::string(*id)});
    return Status::Ok();
}

Status RelationshipsHandler::Start(std::string_view name, const xml::Attributes& attributes) {
    if (name != "Relationship") return Status::Ok();
    const auto id = attributes.Get("Id");
    const auto target = attributes.Get("Target");
    if (!id || !target) return Status::Ok();
    Relationship relationship;
    relationship.type = std::string(attributes.Get("Type").value_or(""));
    relationship.target = std::string(*target);
    relationship.external = attributes.Get("TargetMode").value_or("") == "External";
    by_id_.emplace(std::string(*id), std::move(relationship));  // the first of duplicate ids wins
    return Status::Ok();
}

const Relationship* RelationshipsHandler::Find(const std::string& id) const {
    const auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : &found->second;
}

const Relationship* RelationshipsHandler::FindByType(std::string_view type_name) const {
    for (const auto& [id, relationship] : by_id_) {
        const std::string_view type = relationship.type;
        if (!relationship.external && type.size() > type_name.size() && type.ends_with(type_name) &&
            type[type.size() - type_name.size() - 1] == '/') {
            return &relationship;
        }
    }
    return nullptr;
}

std::string ResolveTarget(std::string_view base_folder, std::string_view target) {
    std::string joined =
        target.starts_with('/') ? std::string(target.substr(1)) : std::string(base_folder) + std::string(target);
    std::vector<std::string> segments;
    size_t start = 0;
    while (start <= joined.size()) {
        size_t end = joined.find('/', start);
        if (end == std::string::npos) end = joined.size();
        const std::string segment = joined.substr(start, end - start);
        if (segment == "..") {
            if (segments.empty()) return "";
            segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string resolved;
    for (const std::string& segment : segments) {
        if (!resolved.empty()) resolved += '/';
        resolved += segment;
    }
    return resolved;
}

}  // namespace foljsam::io::xlsx
