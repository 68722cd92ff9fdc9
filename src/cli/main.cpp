// foljsam: the one binary. Subcommands are thin: they parse options, open the App and
// call the same services as the web layer. CLI11 is included here only (it costs ~10 s
// of compile time per translation unit).

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "cli/export_command.hpp"
#include "cli/gallra_command.hpp"
#include "cli/import_command.hpp"
#include "cli/keys_command.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "report/render.hpp"
#include "security/crypto.hpp"
#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/audit_verify.hpp"
#include "services/auth_service.hpp"
#include "services/demo_service.hpp"
#include "services/report_service.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organisation_repo.hpp"
#include "web/server.hpp"

namespace {

using foljsam::Status;
namespace services = foljsam::services;

struct Location {
    std::string data_dir = "foljsam-data";
    std::string db_url;
};

void AddLocation(CLI::App* cmd, Location& loc) {
    cmd->add_option("--data", loc.data_dir, "Datakatalog: SQLite-databasen DIR/foljsam.db och nycklar i DIR/keys")
        ->capture_default_str();
    cmd->add_option("--db", loc.db_url, "PostgreSQL i stället för SQLite: postgresql://...");
}

int Fail(const Status& st) {
    std::cerr << "fel: " << st.message() << "\n";
    for (const auto& f : st.fields()) std::cerr << "  " << f.field << ": " << f.message << "\n";
    if (!st.internal().empty()) spdlog::error("{}", st.internal());
    return st.code() == foljsam::StatusCode::kInvalidInput ? 2 : 1;
}

foljsam::Result<std::shared_ptr<services::App>> OpenApp(const Location& loc) {
    services::AppOptions options;
    options.data_dir = loc.data_dir;
    options.database_url = loc.db_url;
    return services::App::Open(options);
}

// Options of `foljsam report`.
struct ReportOptions {
    std::string year, half, from, to;
    std::vector<std::string> insatser, measures, dimensions;
    std::string format = "json";
    std::string output;
    bool no_suppress = false;
};

// The period named by exactly one of --year, --half or --from/--to.
foljsam::Result<foljsam::report::Period> ReportPeriod(const ReportOptions& o) {
    const int given = (o.year.empty() ? 0 : 1) + (o.half.empty() ? 0 : 1) + (o.from.empty() && o.to.empty() ? 0 : 1);
    if (given != 1)
        return Status::InvalidInput(
            "Ange perioden med ett av --year ÅÅÅÅ, --half ÅÅÅÅ-H1 eller --from DATUM --to DATUM.");
    if (!o.year.empty()) {
        if (o.year.size() != 4) return Status::InvalidInput("--year ska vara ett år, t.ex. 2025.");
        return foljsam::report::Period::Parse(o.year);
    }
    if (!o.half.empty()) {
        if (o.half.size() != 7 || o.half[5] != 'H')
            return Status::InvalidInput("--half ska vara ett halvår, t.ex. 2025-H1.");
        return foljsam::report::Period::Parse(o.half);
    }
    if (o.from.empty() || o.to.empty()) return Status::InvalidInput("Ange både --from och --to.");
    return foljsam::report::Period::Parse(o.from + ".." + o.to);
}

// Now in local time as "2025-06-30 14:05", for "when the report was made".
std::string LocalTimestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

// Runs `foljsam report` as the operator of the machine; returns the exit status.
int RunReport(services::App& app, services::AdminService& admin, const ReportOptions& o) {
    namespace report = foljsam::report;
    if (o.format == "xlsx" && o.output.empty())
        return Fail(Status::InvalidInput("--format xlsx kräver -o FIL (en arbetsbok skrivs inte till standard ut)."));
    if (!app.IsInitialised())
        return Fail(
            Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
    services::ReportRequest request;
    request.no_suppress = o.no_suppress;
    auto period = ReportPeriod(o);
    if (!period.ok()) return Fail(period.status());
    request.query.period = *period;
    for (const auto& name : o.measures) {
        auto measure = report::ParseMeasure(name);
        if (!measure) return Fail(Status::InvalidInput("Okänt mått: " + name));
        request.query.measures.push_back(*measure);
    }
    if (request.query.measures.empty()) request.query.measures = report::AllMeasures();
    for (const auto& name : o.dimensions) {
        auto dimension = report::ParseDimension(name);
        if (!dimension) return Fail(Status::InvalidInput("Okänd dimension: " + name));
        request.query.dimensions.push_back(*dimension);
    }
    auto forbund = admin.TheForbund();
    if (!forbund.ok()) return Fail(forbund.status());
    services::ReportService reports(app);
    if (!o.insatser.empty()) {
        auto insatser = reports.InsatserOf(forbund->id);
        if (!insatser.ok()) return Fail(insatser.status());
        std::set<long long> ids;
        for (const auto& name : o.insatser) {
            auto it = std::find_if(insatser->begin(), insatser->end(), [&](const auto& i) { return i.name == name; });
            if (it == insatser->end()) return Fail(Status::InvalidInput("Insatsen finns inte: " + name));
            ids.insert(it->id);
        }
        request.query.insatser = ids;
    }
    auto result = reports.RunAsOperator(forbund->id, request);
    if (!result.ok()) return Fail(result.status());
    const report::RenderInput input = foljsam::services::RenderInputOf(*result, LocalTimestamp());
    if (o.format == "xlsx") {
        Status written = report::RenderXlsx(input, o.output);
        return written.ok() ? 0 : Fail(written);
    }
    const std::string text = o.format == "csv"    ? report::RenderCsv(input)
                             : o.format == "html" ? report::RenderHtml(input)
                                                  : report::RenderJson(input);
    if (o.output.empty()) {
        std::cout << text;
        return 0;
    }
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return Fail(Status::Unavailable("Kunde inte skriva " + o.output + "."));
    return 0;
}

std::function<void()> g_stop;

void OnSignal(int) {
    if (g_stop) g_stop();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Följsam – uppföljning av deltagare och insatser för samordningsförbund"};
    cli.require_subcommand(1);
    Location loc;

    auto* init = cli.add_subcommand("init", "Skapa databasen och förbundet, med en första administratör");
    AddLocation(init, loc);
    std::string forbund_name;
    init->add_option("--forbund", forbund_name, "Förbundets namn")->required();

    auto* serve = cli.add_subcommand("serve", "Starta webbgränssnittet och API:t");
    AddLocation(serve, loc);
    foljsam::web::ServeOptions serve_options;
    std::string web_dir;
    serve->add_option("--host", serve_options.host, "Adress att lyssna på")->capture_default_str();
    serve->add_option("--port", serve_options.port, "Port (0 = valfri ledig)")->capture_default_str();
    serve->add_option("--web-dir", web_dir, "Katalog med templates/ och static/");
    serve->add_flag("--secure-cookies", serve_options.secure_cookies, "Sätt Secure på kakor (bakom TLS)");

    auto* demo = cli.add_subcommand("demo", "Skapa databasen vid behov och fyll den med demodata");
    AddLocation(demo, loc);
    unsigned seed = 1;
    demo->add_option("--seed", seed, "Slumpfrö: samma frö och dag ger samma data")->capture_default_str();

    auto* migrate = cli.add_subcommand("migrate", "Uppdatera databasens schema");
    AddLocation(migrate, loc);
    bool check_only = false;
    migrate->add_flag("--check", check_only, "Visa bara om databasen är aktuell (slutstatus 1 om inte)");

    auto* user = cli.add_subcommand("user", "Hantera användare");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Lägg till en användare med en roll");
    AddLocation(user_add, loc);
    services::NewUser new_user;
    std::string role_code = "LASARE";
    std::vector<std::string> insats_names;
    std::string organisation_name;
    user_add->add_option("--username", new_user.username, "Användarnamn")->required();
    user_add->add_option("--name", new_user.display_name, "Namn")->required();
    user_add
        ->add_option("--role", role_code, "FORBUNDSADMIN, INSATSANSVARIG, DELTAGARANSVARIG, ANALYTIKER eller LASARE")
        ->capture_default_str();
    user_add->add_option("--insats", insats_names, "Insatsens namn (för insatsroller; kan upprepas)");
    user_add->add_option("--organisation", organisation_name, "Arbetsgivarens namn (krävs för deltagaransvarig)");
    auto* user_token = user->add_subcommand("token", "Skapa en API-nyckel för en användare");
    AddLocation(user_token, loc);
    std::string token_user, token_name = "api";
    int token_days = 90;
    user_token->add_option("--username", token_user, "Användarnamn")->required();
    user_token->add_option("--label", token_name, "Namn på nyckeln")->capture_default_str();
    user_token->add_option("--days", token_days, "Giltighet i dagar (0 = tills vidare)")->capture_default_str();

    auto* report_cmd = cli.add_subcommand("report", "Ta fram en rapport (mått och dimensioner över en period)");
    AddLocation(report_cmd, loc);
    ReportOptions report_options;
    report_cmd->add_option("--year", report_options.year, "Kalenderår, t.ex. 2025");
    report_cmd->add_option("--half", report_options.half, "Halvår, t.ex. 2025-H1");
    report_cmd->add_option("--from", report_options.from, "Första dag, ÅÅÅÅ-MM-DD (med --to)");
    report_cmd->add_option("--to", report_options.to, "Sista dag, ÅÅÅÅ-MM-DD (med --from)");
    report_cmd->add_option("--insats", report_options.insatser, "Insatsens namn (kan upprepas; utan: hela förbundet)");
    report_cmd->add_option("--measure", report_options.measures, "Mått, t.ex. started (kan upprepas; utan: alla)");
    report_cmd->add_option("--dimension", report_options.dimensions, "Dimension, t.ex. gender (högst två)");
    report_cmd
        ->add_option("--format", report_options.format,
                     "json (cellerna), csv (för Excel), html (tabeller och diagram) eller xlsx (kräver -o)")
        ->check(CLI::IsMember({"html", "xlsx", "csv", "json"}))
        ->capture_default_str();
    report_cmd->add_option("-o,--output", report_options.output,
                           "Skriv till filen i stället för standard ut (krävs för xlsx)");
    report_cmd->add_flag("--no-suppress", report_options.no_suppress, "Visa även små tal (bara för den som driftar)");

    auto* import_cmd = cli.add_subcommand("import", "Importera deltaganden från en Excel- eller CSV-fil");
    AddLocation(import_cmd, loc);
    foljsam::cli::ImportOptions import_options;
    long long undo_id = 0;
    import_cmd->add_option("file", import_options.file, "Filen (xlsx eller csv, t.ex. enligt mallen)");
    import_cmd->add_option("--insats", import_options.insats, "Insats för rader som inte anger någon");
    import_cmd->add_flag("--create-missing", import_options.create_missing,
                         "Skapa insatser, medlemmar och enheter som filen nämner men som saknas");
    import_cmd->add_flag("--dry-run", import_options.dry_run, "Provkör: visa vad som skulle hända, spara inget");
    import_cmd->add_option("--mode", import_options.mode, "all: allt eller inget (standard); valid: bara felfria rader")
        ->check(CLI::IsMember({"all", "valid"}))
        ->capture_default_str();
    import_cmd->add_option("--mapping", import_options.mapping, "JSON-fil med kolumn- och värdemappning");
    import_cmd->add_flag("--history", import_options.history, "Visa tidigare importer");
    auto* undo_opt = import_cmd->add_option("--undo", undo_id, "Ångra en hel import (nummer från --history)");

    auto* export_cmd = cli.add_subcommand("export", "Exportera förbundets deltaganden, eller återrapporteringen");
    AddLocation(export_cmd, loc);
    foljsam::cli::ExportOptions export_options;
    export_cmd->add_option("-o,--output", export_options.output, "Filen att skriva (vid csv även två filer bredvid)")
        ->required();
    export_cmd->add_option("--format", export_options.format, "xlsx eller csv")
        ->check(CLI::IsMember({"xlsx", "csv"}))
        ->capture_default_str();
    export_cmd->add_flag("--with-identity", export_options.with_identity,
                         "Ta med personnummer och namn i insatser som registrerar med identitet");
    export_cmd->add_flag("--national-return", export_options.national_return,
                         "Återrapporteringen Uppföljning Finsam i stället för deltagarna");
    export_cmd->add_option("--year", export_options.year, "Året för återrapporteringen, t.ex. 2025");

    auto* gallra_cmd = cli.add_subcommand(
        "gallra", "Ta bort identiteten från deltaganden som avslutades för mer än gallringsfristen sedan");
    AddLocation(gallra_cmd, loc);
    foljsam::cli::GallraOptions gallra_options;
    int gallra_months = 0;
    gallra_cmd->add_flag("--dry-run", gallra_options.dry_run, "Provkör: visa vad som skulle gallras, ändra inget");
    auto* gallra_months_opt =
        gallra_cmd->add_option("--set-months", gallra_months, "Ändra förbundets gallringsfrist (månader, 1-600)");

    auto* audit_cmd = cli.add_subcommand("audit", "Granskningsloggen");
    audit_cmd->require_subcommand(1);
    auto* audit_verify = audit_cmd->add_subcommand(
        "verify", "Kontrollera att ingen händelse i granskningsloggen har ändrats, tagits bort eller lagts till");
    AddLocation(audit_verify, loc);

    auto* keys_cmd = cli.add_subcommand("keys", "Krypteringsnycklarna för identiteter");
    keys_cmd->require_subcommand(1);
    auto* keys_rotate =
        keys_cmd->add_subcommand("rotate", "Kryptera om alla identiteter med nya nycklar, medan Följsam är i drift");
    AddLocation(keys_rotate, loc);
    foljsam::cli::KeysRotateOptions keys_options;
    long long keys_organisation = 0;
    keys_rotate->add_option("--batch-size", keys_options.batch_size, "Identiteter per transaktion")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    auto* keys_organisation_opt =
        keys_rotate->add_option("--organisation", keys_organisation, "Bara denna organisations nyckel (id)");

    CLI11_PARSE(cli, argc, argv);

    auto app = OpenApp(loc);
    if (!app.ok()) return Fail(app.status());
    services::AdminService admin(**app);

    if (init->parsed()) {
        auto result = admin.Init(forbund_name);
        if (!result.ok()) return Fail(result.status());
        std::cout << "Förbundet \"" << forbund_name << "\" är skapat.\n"
                  << "Första administratör: " << result->admin_username << "\n"
                  << "Engångslösenord (visas bara nu): " << result->one_time_password << "\n"
                  << "Byt lösenord vid första inloggningen.\n";
        return 0;
    }
    if (migrate->parsed()) {
        auto list = foljsam::store::ListMigrations((*app)->db());
        if (!list.ok()) return Fail(list.status());
        int pending = 0;
        for (const auto& m : *list) {
            std::cout << (m.applied ? "  klar    " : "  väntar  ") << m.name << "\n";
            pending += m.applied ? 0 : 1;
        }
        if (check_only) {
            std::cout << (pending == 0 ? "Databasen är aktuell.\n" : "Databasen behöver migreras.\n");
            return pending == 0 ? 0 : 1;
        }
        auto applied = foljsam::store::Migrate((*app)->db());
        if (!applied.ok()) return Fail(applied.status());
        std::cout << "Migreringar körda: " << *applied << "\n";
        return 0;
    }
    if (demo->parsed()) {
        services::DemoOptions options;
        options.seed = seed;
        auto summary = services::FillDemo(**app, options);
        if (!summary.ok()) return Fail(summary.status());
        std::cout << "Demodata skapad: " << summary->organisations << " organisationer, " << summary->insatser
                  << " insatser, " << summary->participations << " deltaganden.\n"
                  << "Demoanvändare (lösenord för alla: " << summary->password << "):\n";
        for (const auto& u : summary->users_list)
            std::cout << "  " << u.username << " – " << u.role_label << ": " << u.description << "\n";
        return 0;
    }
    if (user_add->parsed()) {
        auto role = foljsam::domain::ParseRole(role_code);
        if (!role) return Fail(Status::InvalidInput("Okänd roll: " + role_code, {{"role", "Okänd roll."}}));
        new_user.role = *role;
        auto forbund = admin.TheForbund();
        if (!forbund.ok()) return Fail(forbund.status());
        auto uow = (*app)->db().Begin(foljsam::store::Database::Mode::kRead);
        if (!uow.ok()) return Fail(uow.status());
        foljsam::store::OrganisationRepo orgs(**uow);
        auto insatser = orgs.ListInsatser(forbund->id);
        auto organisations = orgs.ListOrganisations(forbund->id);
        if (!insatser.ok() || !organisations.ok()) return Fail(Status::Internal("listing failed"));
        for (const auto& name : insats_names) {
            auto it = std::find_if(insatser->begin(), insatser->end(), [&](const auto& i) { return i.name == name; });
            if (it == insatser->end()) return Fail(Status::InvalidInput("Insatsen finns inte: " + name));
            new_user.insats_ids.push_back(it->id);
        }
        if (!organisation_name.empty()) {
            auto it = std::find_if(organisations->begin(), organisations->end(),
                                   [&](const auto& o) { return o.name == organisation_name; });
            if (it == organisations->end())
                return Fail(Status::InvalidInput("Organisationen finns inte: " + organisation_name));
            new_user.organisation_id = it->id;
        }
        uow->reset();
        auto password = admin.CreateUserUnchecked(forbund->id, new_user);
        if (!password.ok()) return Fail(password.status());
        std::cout << "Användaren " << new_user.username << " är skapad.\n"
                  << "Engångslösenord (visas bara nu): " << *password << "\n";
        return 0;
    }
    if (user_token->parsed()) {
        auto token = services::AuthService(**app).CreateApiToken(token_user, token_name, token_days);
        if (!token.ok()) return Fail(token.status());
        std::cout << *token << "\n";
        return 0;
    }
    if (report_cmd->parsed()) return RunReport(**app, admin, report_options);
    if (import_cmd->parsed()) {
        if (!(*app)->IsInitialised())
            return Fail(
                Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                    "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
        if (undo_opt->count() > 0) import_options.undo = undo_id;
        auto forbund = admin.TheForbund();
        if (!forbund.ok()) return Fail(forbund.status());
        return foljsam::cli::RunImport(**app, forbund->id, import_options);
    }
    if (audit_verify->parsed()) {
        auto checked = services::VerifyAuditChain(**app);
        if (!checked.ok()) return Fail(checked.status());
        if (!checked->intact) {
            std::cout << "Granskningsloggen är bruten: " << checked->problem << "\n";
            if (checked->broken_event_id != 0) std::cout << "Händelse: " << checked->broken_event_id << "\n";
            return 1;
        }
        std::cout << "Granskningsloggen är hel: " << checked->events << " händelser i obruten kedja.\n"
                  << "Senaste länk (nr " << checked->head_seq << "): " << checked->head_link << "\n";
        if (checked->unchained > 0) std::cout << checked->unchained << " äldre händelser kedjas vid nästa händelse.\n";
        return 0;
    }
    if (gallra_cmd->parsed()) {
        if (!(*app)->IsInitialised())
            return Fail(
                Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                    "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
        if (gallra_months_opt->count() == 0) return foljsam::cli::RunGallra(**app, 0, gallra_options);
        gallra_options.set_months = gallra_months;
        auto forbund = admin.TheForbund();
        if (!forbund.ok()) return Fail(forbund.status());
        return foljsam::cli::RunGallra(**app, forbund->id, gallra_options);
    }
    if (keys_rotate->parsed()) {
        if (!(*app)->IsInitialised())
            return Fail(
                Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                    "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
        if (keys_organisation_opt->count() > 0) keys_options.organisation_id = keys_organisation;
        return foljsam::cli::RunKeysRotate(**app, keys_options);
    }
    if (export_cmd->parsed()) {
        if (!(*app)->IsInitialised())
            return Fail(
                Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                    "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
        auto forbund = admin.TheForbund();
        if (!forbund.ok()) return Fail(forbund.status());
        return foljsam::cli::RunExport(**app, forbund->id, export_options);
    }
    if (serve->parsed()) {
        if (!(*app)->IsInitialised())
            return Fail(
                Status::Unavailable("Databasen är inte skapad eller inte migrerad. Kör först: "
                                    "foljsam init --forbund NAMN (eller foljsam demo), och foljsam migrate."));
        serve_options.web_dir = web_dir.empty() ? foljsam::web::DefaultWebDir() : std::filesystem::path(web_dir);
        foljsam::web::Server server(**app);
        auto port = server.Bind(serve_options);
        if (!port.ok()) return Fail(port.status());
        g_stop = [&server] { server.Stop(); };
        std::signal(SIGINT, OnSignal);
        std::signal(SIGTERM, OnSignal);
        std::cout << "Följsam kör på http://" << serve_options.host << ":" << *port << "/  (avsluta med Ctrl+C)"
                  << std::endl;
        server.Run();
        return 0;
    }
    return 0;
}
