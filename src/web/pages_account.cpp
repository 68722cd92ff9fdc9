// The user's own account (issue 5, item 2 and 3): /konto with two-factor log-in (enrolment
// with a QR code, recovery codes, turning it off), log-out everywhere; and the code step of
// a log-in with two factors (/logga-in/kod).

#include "security/crypto.hpp"
#include "services/two_factor_service.hpp"
#include "web/form_fields.hpp"
#include "web/qr_svg.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

constexpr const char* kLoginCsrfCookie = "foljsam_login";

void RenderCode(Router& router, Ctx& ctx, const std::vector<FieldError>& errors, int status) {
    const std::string token = security::RandomToken();
    ctx.res.set_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token +
                                         "; Path=/logga-in; HttpOnly; SameSite=Strict" +
                                         (router.options().secure_cookies ? "; Secure" : ""));
    FieldSet fs(errors);
    nlohmann::json code = fs.Text(
        "code", "Kod", "", "Sex siffror från autentiseringsappen, eller en av dina reservkoder.", "one-time-code");
    nlohmann::json model = {
        {"title", "Ange kod"},
        {"login_csrf", token},
        {"error_summary", fs.Summary()},
        {"fields", {code}},
    };
    router.Render(ctx, "login_code", model, status);
}

void RenderRecoveryCodes(Router& router, Ctx& ctx, const std::vector<std::string>& codes, bool first) {
    ctx.res.set_header("Cache-Control", "no-store");
    router.Render(ctx, "recovery_codes",
                  {{"title", "Dina reservkoder"}, {"codes", codes}, {"first", first}, {"count", codes.size()}});
}

}  // namespace

void RegisterAccountPages(Router& router) {
    // --- the second step of log-in --------------------------------------------------------
    router.PublicPage("GET", "/logga-in/kod", [&router](Ctx& ctx) {
        if (CookieValue(ctx.req, kPendingLoginCookie).empty()) return Router::Redirect(ctx, "/logga-in");
        RenderCode(router, ctx, {}, 200);
    });

    router.PublicPage("POST", "/logga-in/kod", [&router](Ctx& ctx) {
        const std::string pending = CookieValue(ctx.req, kPendingLoginCookie);
        if (pending.empty()) return Router::Redirect(ctx, "/logga-in");
        const std::string cookie = CookieValue(ctx.req, kLoginCsrfCookie);
        const std::string sent = ctx.form.Get("login_csrf");
        if (cookie.empty() || !security::ConstantTimeEquals(cookie, sent))
            return RenderCode(router, ctx, {{"code", "Sidan hade gått ut. Försök igen."}}, 403);
        auto login = router.auth().CompleteSecondFactor(pending, ctx.form.Get("code"));
        if (!login.ok()) {
            if (login.status().code() == StatusCode::kInvalidInput)
                return RenderCode(router, ctx, login.status().fields(), 422);
            ctx.res.set_header("Set-Cookie", PendingLoginCookie("", router.options().secure_cookies));
            if (login.status().code() == StatusCode::kNotFound) return Router::Redirect(ctx, "/logga-in");
            return router.RenderError(ctx, login.status());
        }
        ctx.res.set_header("Set-Cookie", PendingLoginCookie("", router.options().secure_cookies));
        ctx.res.set_header("Set-Cookie", SessionCookie(login->session_token, router.options().secure_cookies));
        Router::Redirect(ctx, login->actor.user.must_change_password ? "/konto/losenord" : "/start");
    });

    // --- the account page -----------------------------------------------------------------
    router.Page("GET", "/konto", [&router](Ctx& ctx) {
        services::TwoFactorService two_factor(router.app());
        auto state = two_factor.State(ctx.auth.actor);
        if (!state.ok()) return router.RenderError(ctx, state.status());
        nlohmann::json roles = nlohmann::json::array();
        for (const auto& r : ctx.auth.actor.roles) roles.push_back(domain::RoleLabel(r.role));
        router.Render(ctx, "account",
                      {{"title", "Mitt konto"},
                       {"username", ctx.auth.actor.user.username},
                       {"display_name", ctx.auth.actor.user.display_name},
                       {"roles", roles},
                       {"two_factor_on", state->enabled},
                       {"two_factor_required", state->required}});
    });

    router.Page("POST", "/konto/logga-ut-overallt", [&router](Ctx& ctx) {
        Status st = router.auth().LogoutEverywhere(ctx.auth.actor);
        if (!st.ok()) return router.RenderError(ctx, st);
        ctx.res.set_header("Set-Cookie", SessionCookie("", router.options().secure_cookies));
        Router::Redirect(ctx, "/logga-in?utloggad=1");
    });

    // --- two-factor log-in ----------------------------------------------------------------
    auto render_two_factor = [&router](Ctx& ctx, const std::vector<FieldError>& errors, int status) {
        services::TwoFactorService two_factor(router.app());
        auto state = two_factor.State(ctx.auth.actor);
        if (!state.ok()) return router.RenderError(ctx, state.status());
        FieldSet fs(errors);
        nlohmann::json model = {
            {"title", "Tvåfaktorsinloggning"},
            {"enabled", state->enabled},
            {"pending", state->pending},
            {"required", state->required},
            {"must_enrol", ctx.auth.must_enrol_second_factor},
            {"unused_codes", state->unused_recovery_codes},
            {"error_summary", fs.Summary()},
            {"saved", ctx.Query("sparat")},
        };
        if (state->pending) {
            auto pending = two_factor.Pending(ctx.auth.actor);
            if (!pending.ok()) return router.RenderError(ctx, pending.status());
            model["qr"] = QrSvg(pending->otpauth_uri, "QR-kod att skanna med autentiseringsappen");
            // Groups of four, as apps show and people type them.
            std::string grouped;
            for (size_t i = 0; i < pending->secret_base32.size(); i += 4)
                grouped += (i ? " " : "") + pending->secret_base32.substr(i, 4);
            model["secret"] = grouped;
            model["confirm_fields"] = {fs.Text("code", "Kod från appen", "", "Sex siffror.", "one-time-code")};
        }
        if (state->enabled) {
            model["codes_fields"] = {fs.Text("code", "Kod från appen", "", "Sex siffror.", "one-time-code")};
            model["disable_fields"] = {fs.Password("password", "Ditt lösenord", "current-password")};
        }
        ctx.res.set_header("Cache-Control", "no-store");
        router.Render(ctx, "two_factor", model, status);
    };

    router.Page("GET", "/konto/tvafaktor", [render_two_factor](Ctx& ctx) { render_two_factor(ctx, {}, 200); });

    router.Page("POST", "/konto/tvafaktor/starta", [&router](Ctx& ctx) {
        auto begun = services::TwoFactorService(router.app()).Begin(ctx.auth.actor);
        if (!begun.ok()) return router.RenderError(ctx, begun.status());
        Router::Redirect(ctx, "/konto/tvafaktor");
    });

    router.Page("POST", "/konto/tvafaktor/bekrafta", [&router, render_two_factor](Ctx& ctx) {
        auto codes = services::TwoFactorService(router.app()).Confirm(ctx.auth.actor, ctx.form.Get("code"));
        if (!codes.ok() && codes.status().code() == StatusCode::kInvalidInput)
            return render_two_factor(ctx, codes.status().fields(), 422);
        if (!codes.ok()) return router.RenderError(ctx, codes.status());
        RenderRecoveryCodes(router, ctx, *codes, true);
    });

    router.Page("POST", "/konto/tvafaktor/reservkoder", [&router, render_two_factor](Ctx& ctx) {
        auto codes = services::TwoFactorService(router.app()).NewRecoveryCodes(ctx.auth.actor, ctx.form.Get("code"));
        if (!codes.ok() && codes.status().code() == StatusCode::kInvalidInput)
            return render_two_factor(ctx, codes.status().fields(), 422);
        if (!codes.ok()) return router.RenderError(ctx, codes.status());
        RenderRecoveryCodes(router, ctx, *codes, false);
    });

    router.Page("POST", "/konto/tvafaktor/stang-av", [&router, render_two_factor](Ctx& ctx) {
        Status st = services::TwoFactorService(router.app()).Disable(ctx.auth.actor, ctx.form.Get("password"));
        if (st.code() == StatusCode::kInvalidInput) return render_two_factor(ctx, st.fields(), 422);
        if (!st.ok()) return router.RenderError(ctx, st);
        Router::Redirect(ctx, "/konto/tvafaktor?sparat=av");
    });
}

}  // namespace foljsam::web
