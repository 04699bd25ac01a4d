// chorus auth check: a token, then one cheap call per API chorus uses, and
// on failure which credential is wrong (PISTE client, technical account,
// API subscription).
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"

namespace chorus::cli {
namespace {

struct AuthOptions {
  std::string format = "text";
  ConnectionFlags connection;
};

struct Check {
  std::string name;  // "token", "Structures", ...
  bool ok = false;
  std::string detail;
  std::optional<api::ApiError> error;
};

// A functional answer (codeRetour != 0) still proves the route is open to
// this application and account: only the gateway's refusals count.
bool Reached(const api::ApiError& e) {
  return e.kind == api::ApiErrorKind::kFunctional ||
         e.kind == api::ApiErrorKind::kNotFound;
}

template <typename T>
Check Probe(const std::string& name, const api::ApiResult<T>& r) {
  Check c{name, true, "ok", std::nullopt};
  if (!r && !Reached(r.error())) {
    c.ok = false;
    c.error = r.error();
    c.detail = r.error().message;
  }
  return c;
}

int RunAuthCheck(AuthOptions& opt) {
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  std::vector<Check> checks;
  auto token = p.client->Authenticate();
  checks.push_back(Probe("token", token));
  if (token) {
    checks.back().detail =
        "ok (PISTE application " + p.settings.Value("client_id") + ")";
    // One cheap read per API: Structures, Factures, Transverses. A 401 on
    // the first means the technical account; it would repeat on the others.
    checks.push_back(
        Probe("Structures", p.client->RechercherStructure("00000000000000")));
    bool account_ok = checks.back().ok || checks.back().error->kind !=
                                              api::ApiErrorKind::kUnauthorized;
    if (account_ok) {
      api::InvoiceSearch q;
      q.per_page = 1;
      checks.push_back(Probe("Factures", p.client->RechercherFournisseur(q)));
      checks.push_back(
          Probe("Transverses", p.client->ConsulterCRDetaille("0")));
    }
  }

  int code = kExitOk;
  const api::ApiError* first = nullptr;
  for (const auto& c : checks) {
    if (c.error && !first) first = &*c.error;
  }
  if (first) code = ExitCodeFor(Explain(*first, p.settings));

  if (opt.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : checks) {
      nlohmann::json j = {
          {"check", c.name}, {"ok", c.ok}, {"detail", c.detail}};
      if (c.error) {
        Error e = Explain(*c.error, p.settings);
        j["kind"] = api::ApiErrorKindName(c.error->kind);
        j["http_status"] = c.error->http_status;
        nlohmann::json hints = nlohmann::json::array();
        for (const auto& d : e.details) hints.push_back(d.message);
        j["hints"] = hints;
      }
      list.push_back(j);
    }
    std::cout << nlohmann::json(
                     {{"env", p.settings.env},
                      {"token_url", p.connection.endpoints.token_url},
                      {"api_base", p.connection.endpoints.api_base},
                      {"technical_account", p.settings.Value("tech_login")},
                      {"ok", code == kExitOk},
                      {"checks", list}})
                     .dump(2)
              << "\n";
    return code;
  }
  std::cout << "environment   " << p.settings.env << " ("
            << p.connection.endpoints.api_base << ")\n";
  for (const auto& c : checks) {
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 12), ' ');
    std::cout << name << "  " << (c.ok ? c.detail : "FAILED") << "\n";
  }
  if (first) return ReportApiError(*first, p.settings);
  std::cout
      << "Credentials work: token, technical account and API subscriptions.\n";
  return kExitOk;
}

}  // namespace

void AddAuthCommand(CLI::App& parent, int* exit_code) {
  CLI::App* auth =
      parent.add_subcommand("auth", "Check Chorus Pro credentials");
  auth->require_subcommand(1);
  auto opt = std::make_shared<AuthOptions>();
  CLI::App* check = auth->add_subcommand(
      "check",
      "Get a token and call each API once; say which credential is wrong");
  check->footer(
      std::string(
          "Explains failures: invalid_client -> the PISTE application's\n"
          "client id/secret; HTTP 401 -> the technical account login or\n"
          "password (they expire); HTTP 403 -> the application is not\n"
          "subscribed to the named API for this environment.\n"
          "Example:\n"
          "  CHORUS_CLIENT_SECRET=... CHORUS_TECH_PASSWORD=... \\\n"
          "    chorus auth check --env sandbox --client-id ID \\\n"
          "      --tech-login TECH_1_XYZ@cpro.fr\n"
          "Exit: 0 all good, 2 a credential or setting is wrong, 3 platform\n"
          "unreachable.\n") +
      kConnectionHelp);
  AddFormatOption(*check, &opt->format);
  AddConnectionOptions(*check, &opt->connection);
  check->callback([opt, exit_code] { *exit_code = RunAuthCheck(*opt); });
}

}  // namespace chorus::cli
