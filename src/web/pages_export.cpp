// Exports (issue 4, item 6): GET /export lists the downloads the user may take;
// GET /export/forbund.xlsx and /export/forbund.csv give the association export (for
// registrars: their insatser; the CSV holds the participations only, the structure sheets
// are in the workbook); GET /export/uppfoljning-finsam.xlsx and .csv?year=ÅÅÅÅ give the
// national return (administrator and analysts). What is exported and who may is decided
// by services::ExportService.

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "services/export_service.hpp"
#include "web/form_fields.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

// The year of the national return: ?year=ÅÅÅÅ, last year when absent; nullopt when it is
// not a year the service accepts.
std::optional<int> ReturnYear(const Ctx& ctx) {
    const std::string text = ctx.Query("year");
    if (text.empty()) return domain::Today().year - 1;
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size() || year < 2000 || year > 2100) return std::nullopt;
    return year;
}

void ExportPage(Router& router, Ctx& ctx) {
    const services::ExportOffer offer = services::ExportService::OfferFor(ctx.auth.actor);
    const int year = domain::Today().year - 1;
    const std::vector<FieldError> no_errors;
    FieldSet fields(no_errors);
    router.Render(ctx, "export",
                  {{"title", "Export"},
                   {"association", offer.association},
                   {"national_return", offer.national_return},
                   {"nothing", !offer.association && !offer.national_return},
                   {"year", year},
                   {"year_field",
                    fields.Number("year", "År", std::to_string(year), "Till exempel " + std::to_string(year) + ".")}});
}

void AssociationDownload(Router& router, Ctx& ctx, services::ExportFormat format) {
    auto exported = services::ExportService(router.app()).ExportAssociation(ctx.auth.actor, format);
    if (!exported.ok()) return router.RenderError(ctx, exported.status());
    const services::ExportFile& file = exported->files.front();  // CSV: the participations
    SendDownload(ctx, file.file_name, file.content_type, file.bytes);
}

void NationalReturnDownload(Router& router, Ctx& ctx, services::ExportFormat format) {
    const auto year = ReturnYear(ctx);
    if (!year)
        return router.RenderError(ctx, Status::InvalidInput("Ange ett år mellan 2000 och 2100, till exempel "
                                                            "?year=2025."));
    auto file = services::ExportService(router.app()).NationalReturn(ctx.auth.actor, *year, format);
    if (!file.ok()) return router.RenderError(ctx, file.status());
    SendDownload(ctx, file->file_name, file->content_type, file->bytes);
}

}  // namespace

void RegisterExportPages(Router& router) {
    using services::ExportFormat;
    router.Page("GET", "/export", [&router](Ctx& ctx) { ExportPage(router, ctx); });
    router.Page("GET", "/export/forbund.xlsx",
                [&router](Ctx& ctx) { AssociationDownload(router, ctx, ExportFormat::kXlsx); });
    router.Page("GET", "/export/forbund.csv",
                [&router](Ctx& ctx) { AssociationDownload(router, ctx, ExportFormat::kCsv); });
    router.Page("GET", "/export/uppfoljning-finsam.xlsx",
                [&router](Ctx& ctx) { NationalReturnDownload(router, ctx, ExportFormat::kXlsx); });
    router.Page("GET", "/export/uppfoljning-finsam.csv",
                [&router](Ctx& ctx) { NationalReturnDownload(router, ctx, ExportFormat::kCsv); });
}

}  // namespace foljsam::web
