// The import template (issue 4): GET /import/mall.xlsx and /import/mall.csv download the
// file to fill in, for users who may register participations in some insats or who
// administer the association. The workbook's drop-downs offer the insatser the user may
// import into (all of them for an administrator) and the association's members, read
// through the services; io/ builds the file.

#include <filesystem>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "io/template_writer.hpp"
#include "security/policy.hpp"
#include "web/report_choices.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using security::policy::Action;
using security::policy::Can;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The names the template offers, or kForbidden when the user may neither register nor
// administer: an administrator gets every insats of the association, a registrar the
// insatser they register in.
Result<io::TemplateOptions> OptionsFor(Router& router, const Ctx& ctx) {
    const domain::Actor& actor = ctx.auth.actor;
    const bool admin = Can(actor, Action::kAdminInsatser, {actor.user.forbund_id.value_or(-1)});
    auto insatser = router.admin().VisibleInsatser(actor);
    if (!insatser.ok()) return insatser.status();
    io::TemplateOptions options;
    for (const domain::Insats& insats : *insatser)
        if (admin || Can(actor, Action::kWriteParticipation, security::policy::ResourceOf(insats)))
            options.insats_names.push_back(insats.name);
    if (!admin && options.insats_names.empty())
        return Status::Forbidden("Importmallen är för den som registrerar deltagare eller administrerar förbundet.");
    auto organisations = router.admin().ListOrganisations(actor);
    if (!organisations.ok()) return organisations.status();
    for (const domain::Organisation& organisation : *organisations)
        if (!organisation.parent_id) options.member_names.push_back(organisation.name);
    return options;
}

void TemplateDownload(Router& router, Ctx& ctx, bool xlsx) {
    auto options = OptionsFor(router, ctx);
    if (!options.ok()) return router.RenderError(ctx, options.status());
    if (!xlsx) {
        SendDownload(ctx, "importmall-deltagare.csv", "text/csv; charset=utf-8", io::TemplateCsv());
        return;
    }
    auto bytes =
        ReadBackTemporary([&](const std::filesystem::path& path) { return io::WriteTemplateXlsx(path, *options); });
    if (!bytes.ok()) return router.RenderError(ctx, bytes.status());
    SendDownload(ctx, "importmall-deltagare.xlsx", kXlsxType, *bytes);
}

}  // namespace

void RegisterImportTemplatePages(Router& router) {
    router.Page("GET", "/import/mall.xlsx", [&router](Ctx& ctx) { TemplateDownload(router, ctx, true); });
    router.Page("GET", "/import/mall.csv", [&router](Ctx& ctx) { TemplateDownload(router, ctx, false); });
}

}  // namespace foljsam::web
