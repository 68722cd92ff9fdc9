// Log-in, log-out and the user's own password.

#include "security/crypto.hpp"
#include "web/form_fields.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

constexpr const char* kLoginCsrfCookie = "foljsam_login";

// The log-in form has no session yet: its CSRF token is a double-submit cookie.
void RenderLogin(Router& router, Ctx& ctx, const std::vector<FieldError>& errors, const std::string& username,
                 int status) {
    const std::string token = security::RandomToken();
    ctx.res.set_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token +
                                         "; Path=/logga-in; HttpOnly; SameSite=Strict" +
                                         (router.options().secure_cookies ? "; Secure" : ""));
    FieldSet fs(errors);
    nlohmann::json model = {
        {"title", "Logga in"},
        {"login_csrf", token},
        {"error_summary", fs.Summary()},
        {"fields",
         {fs.Text("username", "Användarnamn", username, "", "username"),
          fs.Password("password", "Lösenord", "current-password")}},
        {"expired", ctx.Query("utloggad") == "1"},
    };
    router.Render(ctx, "login", model, status);
}

}  // namespace

void RegisterAuthPages(Router& router) {
    router.PublicPage("GET", "/", [&router](Ctx& ctx) {
        auto auth = router.auth().FromSession(CookieValue(ctx.req, kSessionCookie));
        Router::Redirect(ctx, auth.ok() ? "/start" : "/logga-in");
    });

    router.PublicPage("GET", "/logga-in", [&router](Ctx& ctx) { RenderLogin(router, ctx, {}, "", 200); });

    router.PublicPage("POST", "/logga-in", [&router](Ctx& ctx) {
        const std::string cookie = CookieValue(ctx.req, kLoginCsrfCookie);
        const std::string sent = ctx.form.Get("login_csrf");
        if (cookie.empty() || !security::ConstantTimeEquals(cookie, sent)) {
            return RenderLogin(router, ctx, {{"username", "Sidan hade gått ut. Försök logga in igen."}},
                               ctx.form.Get("username"), 403);
        }
        auto login = router.auth().Login(ctx.form.Get("username"), ctx.form.Get("password"));
        if (!login.ok()) {
            if (login.status().code() != StatusCode::kInvalidInput) return router.RenderError(ctx, login.status());
            return RenderLogin(router, ctx, login.status().fields(), ctx.form.Get("username"), 422);
        }
        if (login->second_factor_due) {
            ctx.res.set_header("Set-Cookie", PendingLoginCookie(login->session_token, router.options().secure_cookies));
            return Router::Redirect(ctx, "/logga-in/kod");
        }
        ctx.res.set_header("Set-Cookie", SessionCookie(login->session_token, router.options().secure_cookies));
        Router::Redirect(ctx, login->actor.user.must_change_password ? "/konto/losenord" : "/start");
    });

    router.Page("POST", "/logga-ut", [&router](Ctx& ctx) {
        (void)router.auth().Logout(CookieValue(ctx.req, kSessionCookie));
        ctx.res.set_header("Set-Cookie", SessionCookie("", router.options().secure_cookies));
        Router::Redirect(ctx, "/logga-in?utloggad=1");
    });

    auto render_password = [&router](Ctx& ctx, const std::vector<FieldError>& errors, bool saved, int status) {
        FieldSet fs(errors);
        nlohmann::json model = {
            {"title", "Byt lösenord"},
            {"must_change", ctx.auth.actor.user.must_change_password},
            {"saved", saved},
            {"error_summary", fs.Summary()},
            {"fields",
             {fs.Password("current_password", "Nuvarande lösenord", "current-password"),
              fs.Password("new_password", "Nytt lösenord", "new-password")}},
        };
        model["fields"][1]["hint"] = "Minst 12 tecken. En mening av flera ord är lätt att minnas.";
        model["fields"][1]["describedby"] =
            "f-new_password-hint" + std::string(model["fields"][1].contains("error") ? " f-new_password-error" : "");
        router.Render(ctx, "password", model, status);
    };

    router.Page("GET", "/konto/losenord",
                [render_password](Ctx& ctx) { render_password(ctx, {}, ctx.Query("sparat") == "1", 200); });

    router.Page("POST", "/konto/losenord", [&router, render_password](Ctx& ctx) {
        Status st = router.auth().ChangePassword(ctx.auth.actor, ctx.form.Get("current_password"),
                                                 ctx.form.Get("new_password"));
        if (st.code() == StatusCode::kInvalidInput) return render_password(ctx, st.fields(), false, 422);
        if (!st.ok()) return router.RenderError(ctx, st);
        Router::Redirect(ctx, "/konto/losenord?sparat=1");
    });
}

}  // namespace foljsam::web
