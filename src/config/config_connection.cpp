// From resolved settings to what the api layer takes: endpoints,
// credentials, HTTP options and the retry policy.
#include <charconv>
#include <cstdint>

#include "chorus/config/config.h"

namespace chorus::config {
namespace {

struct EnvEndpoints {
  const char* env;
  const char* token_url;
  const char* api_base;
};
// ../shared/docs/platform-apis.md §1.
constexpr EnvEndpoints kBuiltIn[] = {
    {"production", "https://oauth.piste.gouv.fr/api/oauth/token",
     "https://api.piste.gouv.fr"},
    {"sandbox", "https://sandbox-oauth.piste.gouv.fr/api/oauth/token",
     "https://sandbox-api.piste.gouv.fr"},
};

std::string TrimSlash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// How to set `key`, for messages: "--client-id, CHORUS_CLIENT_ID or
// client_id in [env.sandbox] of <file>".
std::string HowToSet(const std::string& key, const Settings& s) {
  const SettingSpec* spec = FindSpec(key);
  std::string out;
  if (spec->flag) out += std::string(spec->flag) + ", ";
  if (spec->secret) out += "--secrets-stdin, ";
  out += std::string(spec->env_var) + " or " + key + " in [env." + s.env +
         "] of " + s.config_path;
  return out;
}

std::chrono::milliseconds DurationOf(const Settings& s, const char* key) {
  auto d = ParseDuration(s.Value(key));
  return d ? *d : std::chrono::milliseconds(0);  // checked at resolution
}

}  // namespace

Result<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  std::int64_t n = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || p == begin || n < 0) {
    return MakeError(Error::Kind::kUsage,
                     "'" + text + "' is not a duration (e.g. 30s, 500ms, 10m)");
  }
  std::string unit(p, end);
  std::int64_t factor = 0;
  if (unit.empty() || unit == "s") factor = 1000;
  if (unit == "ms") factor = 1;
  if (unit == "m" || unit == "min") factor = 60'000;
  if (unit == "h") factor = 3'600'000;
  if (factor == 0) {
    return MakeError(Error::Kind::kUsage, "'" + text +
                                              "' has an unknown unit (use ms, "
                                              "s, m or h)");
  }
  if (n > INT64_MAX / factor / 1000) {
    return MakeError(Error::Kind::kUsage, "'" + text + "' is too long");
  }
  return std::chrono::milliseconds(n * factor);
}

api::Endpoints EndpointsFor(const Settings& s) {
  api::Endpoints out;
  std::string url = TrimSlash(s.Value("url"));
  for (const auto& e : kBuiltIn) {
    if (s.env == e.env) out = {e.token_url, e.api_base};
  }
  if (!url.empty()) out = {url + "/api/oauth/token", url};
  if (s.Get("token_url").set) out.token_url = s.Value("token_url");
  if (s.Get("api_base").set) out.api_base = TrimSlash(s.Value("api_base"));
  return out;
}

namespace {

// Credentials travel in these requests: only https, except to this very
// machine (the sandbox without --tls).
bool SafeToSendSecrets(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return true;
  for (const char* local :
       {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    std::string prefix = local;
    if (url.rfind(prefix, 0) == 0 &&
        (url.size() == prefix.size() || url[prefix.size()] == ':' ||
         url[prefix.size()] == '/')) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<Connection> ConnectionFor(const Settings& s) {
  Connection c;
  c.endpoints = EndpointsFor(s);
  if (c.endpoints.token_url.empty() || c.endpoints.api_base.empty()) {
    return MakeError(Error::Kind::kUsage,
                     "environment '" + s.env +
                         "' needs the sandbox's URL: " + HowToSet("url", s));
  }
  for (const std::string& url : {c.endpoints.token_url, c.endpoints.api_base}) {
    if (!SafeToSendSecrets(url)) {
      return MakeError(Error::Kind::kUsage,
                       url +
                           ": credentials are only sent over https (plain "
                           "http only to 127.0.0.1, localhost or [::1])");
    }
  }

  std::vector<Diagnostic> missing;
  for (const char* key :
       {"client_id", "client_secret", "tech_login", "tech_password"}) {
    if (s.Value(key).empty()) {
      missing.push_back({"", Severity::kError,
                         std::string(key) + ": set it with " + HowToSet(key, s),
                         ""});
    }
  }
  if (!missing.empty()) {
    return MakeError(Error::Kind::kUsage,
                     "missing credentials for environment '" + s.env + "'",
                     std::move(missing));
  }
  c.credentials = {s.Value("client_id"), s.Value("client_secret"),
                   s.Value("tech_login"), s.Value("tech_password")};

  c.http.connect_timeout = DurationOf(s, "connect_timeout");
  c.http.total_timeout = DurationOf(s, "request_timeout");
  c.http.tls = {s.Value("ca"), s.Value("cert"), s.Value("key"),
                s.Value("key_password")};
  c.http.user_agent = std::string("chorus/") + CHORUS_VERSION;
  c.retry.max_attempts = std::stoi(s.Value("retries"));
  c.retry.deadline = DurationOf(s, "deadline");
  if (c.retry.max_delay > c.retry.deadline)
    c.retry.max_delay = c.retry.deadline;
  return c;
}

}  // namespace chorus::config
