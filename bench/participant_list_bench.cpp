// Latency of the participant list (deltagarlista) with the demo data, over real HTTP.
//
// Fills a fresh SQLite database with the demo association (FillDemo, seed 1), starts
// web::Server in-process on a free port, logs in as registrator.stad through the log-in
// form like a browser, then times N requests of each variant, one after another:
//   - the HTML page GET /insatser/<FINSAM-team> (first page),
//   - the HTML page GET /insatser/<FINSAM-team>?sida=3&status=AVSLUTAD,
//   - the API GET /api/v1/insatser/<FINSAM-team>/deltaganden (first page).
// Times are client round trips over loopback, each on a new connection (connecting adds
// about a tenth of a millisecond). Not on one keep-alive connection: cpp-httplib's server
// writes the headers and the body of a response separately without TCP_NODELAY, so Nagle's
// algorithm holds the body until the client's delayed ACK of the headers, about 40 ms
// later, which would swamp the server's own time. The last line shows that cost on one
// keep-alive connection (it disappears once the server sets TCP_NODELAY). Every list read
// writes its audit event, as in production.
//
// Usage: participant_list_bench [N]   (default 500)

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "services/app.hpp"
#include "services/demo_service.hpp"
#include "web/server.hpp"

namespace {

using namespace foljsam;

constexpr const char* kPassword = "Följsam-demo-2026";
constexpr int kWarmUp = 20;

template <typename T>
T Must(Result<T> result, const char* what) {
    if (!result.ok()) {
        const Status& s = result.status();
        throw std::runtime_error(std::string(what) + ": " + s.CodeName() + ": " + s.message() + " " + s.internal());
    }
    return std::move(*result);
}

// The value of cookie `name` in the response's Set-Cookie headers, or "".
std::string SetCookieValue(const httplib::Result& res, const std::string& name) {
    const size_t count = res->get_header_value_count("Set-Cookie");
    for (size_t idx = 0; idx < count; ++idx) {
        const std::string header = res->get_header_value("Set-Cookie", idx);
        if (header.rfind(name + "=", 0) != 0) continue;
        const size_t end = header.find(';');
        return header.substr(name.size() + 1, end == std::string::npos ? std::string::npos : end - name.size() - 1);
    }
    return "";
}

// Logs in through the HTML form and returns the session token.
std::string LogIn(httplib::Client& client, const std::string& username) {
    auto form = client.Get("/logga-in");
    if (!form || form->status != 200) throw std::runtime_error("GET /logga-in failed");
    const std::string login_cookie = SetCookieValue(form, "foljsam_login");
    std::smatch match;
    if (!std::regex_search(form->body, match, std::regex(R"re(name="login_csrf" value="([^"]+)")re")))
        throw std::runtime_error("no login_csrf in the log-in form");
    httplib::Params params{{"username", username}, {"password", kPassword}, {"login_csrf", match[1].str()}};
    httplib::Headers headers{{"Cookie", "foljsam_login=" + login_cookie}};
    auto posted = client.Post("/logga-in", headers, params);
    if (!posted || posted->status != 303) throw std::runtime_error("POST /logga-in failed");
    const std::string session = SetCookieValue(posted, "foljsam_session");
    if (session.empty()) throw std::runtime_error("no session cookie after log-in");
    return session;
}

struct Timing {
    std::vector<double> ms;
    size_t bytes = 0;
};

Timing Measure(httplib::Client& client, const httplib::Headers& headers, const std::string& path, int count) {
    auto fetch = [&]() -> size_t {
        auto res = client.Get(path, headers);
        if (!res || res->status != 200)
            throw std::runtime_error("GET " + path + " gave " + (res ? std::to_string(res->status) : "no answer"));
        return res->body.size();
    };
    for (int idx = 0; idx < kWarmUp; ++idx) fetch();
    Timing t;
    t.ms.reserve(count);
    for (int idx = 0; idx < count; ++idx) {
        const auto start = std::chrono::steady_clock::now();
        t.bytes = fetch();
        const auto end = std::chrono::steady_clock::now();
        t.ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(t.ms.begin(), t.ms.end());
    return t;
}

double Percentile(const std::vector<double>& sorted, double p) {
    const size_t idx = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(idx, sorted.size() - 1)];
}

void Report(const char* label, const Timing& t) {
    double sum = 0;
    for (double v : t.ms) sum += v;
    std::printf("%-46s n=%zu  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f  mean %7.2f ms  (%zu bytes)\n", label,
                t.ms.size(), Percentile(t.ms, 50), Percentile(t.ms, 90), Percentile(t.ms, 99), t.ms.back(),
                sum / static_cast<double>(t.ms.size()), t.bytes);
}

long long FindInsats(httplib::Client& client, const httplib::Headers& headers, const std::string& name) {
    auto res = client.Get("/api/v1/insatser", headers);
    if (!res || res->status != 200) throw std::runtime_error("GET /api/v1/insatser failed");
    const nlohmann::json body = nlohmann::json::parse(res->body);  // outlives the loop
    for (const auto& item : body["items"])
        if (item["name"] == name) return item["id"].get<long long>();
    throw std::runtime_error("insats missing: " + name);
}

int Serve(services::App& app, const services::DemoSummary& summary, int count);

int Run(int count) {
    spdlog::set_level(spdlog::level::warn);  // the server logs every request at info
    std::string pattern = (std::filesystem::temp_directory_path() / "foljsam-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    const std::filesystem::path dir = pattern;

    services::AppOptions options;
    options.data_dir = dir;
    options.hash_cost = security::HashCost::kMinimum;
    auto app = Must(services::App::Open(options), "open");
    services::DemoOptions demo;
    demo.seed = 1;
    const auto summary = Must(services::FillDemo(*app, demo), "demo");
    const int rc = Serve(*app, summary, count);
    app.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return rc;
}

int Serve(services::App& app, const services::DemoSummary& summary, int count) {
    web::Server server(app);
    web::ServeOptions serve;
    serve.host = "127.0.0.1";
    serve.port = 0;
    serve.web_dir = std::filesystem::path(FOLJSAM_SOURCE_DIR) / "web";
    const int port = Must(server.Bind(serve), "bind");
    std::thread serving([&server] { server.Run(); });

    int rc = 0;
    try {
        // A new connection per request: see the header comment on keep-alive.
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(false);
        const std::string session = LogIn(client, "registrator.stad");
        const httplib::Headers headers{{"Cookie", "foljsam_session=" + session}};
        const long long insats = FindInsats(client, headers, "FINSAM-team");
        const std::string page = "/insatser/" + std::to_string(insats);
        const std::string api = "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden";

        auto probe = client.Get(api + "?status=AVSLUTAD", headers);
        if (!probe || probe->status != 200) throw std::runtime_error("GET " + api + " failed");
        const auto ended = nlohmann::json::parse(probe->body)["total"].get<long long>();
        std::printf("demo data: %lld participations in %lld insatser; FINSAM-team id %lld, %lld of them ended\n",
                    summary.participations, summary.insatser, insats, ended);
        std::printf("hardware threads: %u; server threads: %d; N=%d per variant after %d warm-up requests\n",
                    std::thread::hardware_concurrency(), serve.threads, count, kWarmUp);

        Report("GET /insatser/<id>", Measure(client, headers, page, count));
        Report("GET /insatser/<id>?sida=3&status=AVSLUTAD",
               Measure(client, headers, page + "?sida=3&status=AVSLUTAD", count));
        Report("GET /api/v1/insatser/<id>/deltaganden", Measure(client, headers, api, count));

        httplib::Client kept("127.0.0.1", port);
        kept.set_keep_alive(true);
        Report("GET /insatser/<id> (one keep-alive connection)", Measure(kept, headers, page, count));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "participant_list_bench: %s\n", e.what());
        rc = 1;
    }
    server.Stop();
    serving.join();
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 500;
    if (count < 1) {
        std::fprintf(stderr, "usage: participant_list_bench [N]\n");
        return 2;
    }
    try {
        return Run(count);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "participant_list_bench: %s\n", e.what());
        return 1;
    }
}
