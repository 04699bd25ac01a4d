#include "cli/connection.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/common.h"

namespace chorus::cli {
Result<std::map<std::string, std::string>> ReadSecretsFromStdin() {
  std::map<std::string, std::string> out;
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::size_t eq = line.find('=');
    std::string key = line.substr(0, eq);
    for (const auto& spec : config::SettingSpecs()) {
      if (key == spec.env_var) key = spec.key;  // CHORUS_CLIENT_SECRET= too
    }
    const config::SettingSpec* spec = config::FindSpec(key);
    if (eq == std::string::npos || !spec || !spec->secret) {
      return MakeError(Error::Kind::kUsage,
                       "--secrets-stdin: line " + std::to_string(n) +
                           " is not client_secret=, tech_password= or "
                           "key_password=");
    }
    out[key] = line.substr(eq + 1);
  }
  return out;
}

namespace {

std::string Where(const config::Settings& s, const char* key) {
  const auto& v = s.Get(key);
  if (!v.set) return std::string(key) + " (not set)";
  return std::string(key) + " (from " + v.origin + ")";
}

}  // namespace

const char* const kConnectionHelp =
    "Settings: flags > CHORUS_* environment variables > config file\n"
    "([env.<name>] table, then root) > defaults; `chorus config show` prints\n"
    "them and where each came from. Secrets (client_secret, tech_password,\n"
    "key_password) are never flags (argv is visible in ps): use\n"
    "CHORUS_CLIENT_SECRET, CHORUS_TECH_PASSWORD, CHORUS_KEY_PASSWORD, the\n"
    "0600 config file, or --secrets-stdin.\n";

void AddConnectionOptions(CLI::App& cmd, ConnectionFlags* flags) {
  const std::string group = "Connection";
  auto& f = flags->overrides.flags;
  cmd.add_option("--env", f["env"],
                 "Environment: production, sandbox (PISTE qualification), "
                 "local (chorus sandbox) [CHORUS_ENV]")
      ->group(group);
  cmd.add_option("--config", f["config"],
                 "Configuration file [CHORUS_CONFIG; default "
                 "$XDG_CONFIG_HOME/chorus/config.toml]")
      ->group(group);
  for (const auto& spec : config::SettingSpecs()) {
    if (!spec.flag) continue;
    cmd.add_option(spec.flag, f[spec.key],
                   std::string(spec.help) + " [" + spec.env_var + "]")
        ->group(group);
  }
  cmd.add_flag("--secrets-stdin", flags->secrets_stdin,
               "Read client_secret=, tech_password=, key_password= lines "
               "from standard input")
      ->group(group);
}

Result<config::Settings> LoadSettings(const ConnectionFlags& flags) {
  config::Overrides o = flags.overrides;
  if (flags.secrets_stdin) {
    auto secrets = ReadSecretsFromStdin();
    if (!secrets) return secrets.take_error();
    o.from_stdin = std::move(*secrets);
  }
  return config::ResolveSettings(o);
}

Result<std::unique_ptr<Platform>> Connect(config::Settings settings) {
  auto p = std::make_unique<Platform>();
  auto conn = config::ConnectionFor(settings);
  if (!conn) return conn.take_error();
  p->settings = std::move(settings);
  p->connection = std::move(*conn);
  auto http = api::MakeCurlHttpClient(p->connection.http);
  if (!http) return http.take_error();
  p->http = std::move(*http);
  spdlog::info("environment {}: token {}, API {}", p->settings.env,
               p->connection.endpoints.token_url,
               p->connection.endpoints.api_base);
  p->client = std::make_unique<api::ChorusProClient>(
      *p->http, p->connection.endpoints, p->connection.credentials,
      p->connection.retry);
  return p;
}

Result<std::unique_ptr<Platform>> Connect(const ConnectionFlags& flags) {
  auto settings = LoadSettings(flags);
  if (!settings) return settings.take_error();
  return Connect(std::move(*settings));
}

Result<std::unique_ptr<journal::Journal>> OpenJournal(
    const config::Settings& settings) {
  return journal::Journal::Open(settings.Value("journal"));
}

Error Explain(const api::ApiError& e, const config::Settings& s) {
  Error out = e.ToError();
  auto hint = [&](std::string text) {
    out.details.push_back({"", Severity::kError, std::move(text), ""});
  };
  const std::string env = "environment " + s.env;
  switch (e.kind) {
    case api::ApiErrorKind::kBadClient:
      hint("the token endpoint refused the PISTE application: check " +
           Where(s, "client_id") + " and " + Where(s, "client_secret") +
           " for " + env);
      break;
    case api::ApiErrorKind::kUnauthorized:
      hint("the Chorus Pro technical account was refused: check " +
           Where(s, "tech_login") + " and " + Where(s, "tech_password") +
           " for " + env +
           "; technical-account passwords expire and are renewed in the "
           "Chorus Pro portal");
      break;
    case api::ApiErrorKind::kNotSubscribed:
      hint("subscribe the PISTE application (" + Where(s, "client_id") +
           ") to that API for " + env + " in the PISTE console");
      break;
    case api::ApiErrorKind::kUnreachable:
      hint("check the endpoint (" + env +
           (s.Get("url").set ? ", " + Where(s, "url") : "") +
           "), the network or proxy, the TLS files (" + Where(s, "ca") + ", " +
           Where(s, "cert") + "), and " + Where(s, "request_timeout") +
           " if the platform is slow");
      break;
    case api::ApiErrorKind::kRateLimited:
    case api::ApiErrorKind::kDeadline:
      if (e.http_status == 429 || e.kind == api::ApiErrorKind::kRateLimited) {
        hint(
            "the platform is limiting the request rate (HTTP 429); chorus "
            "waits as its "
            "Retry-After asks, but only within " +
            Where(s, "deadline") +
            ": try again later or allow a longer deadline");
      } else {
        hint("no answer in time: " + Where(s, "request_timeout") +
             " per request, " + Where(s, "deadline") +
             " per call with its retries");
      }
      break;
    case api::ApiErrorKind::kServer:
      hint("the platform kept failing (HTTP " + std::to_string(e.http_status) +
           "): try again later");
      break;
    default:
      break;
  }
  return out;
}

int ReportApiError(const api::ApiError& error,
                   const config::Settings& settings) {
  return ReportError(Explain(error, settings));
}

}  // namespace chorus::cli
