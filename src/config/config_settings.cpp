// The catalogue of settings and their resolution: flag > stdin > environment
// variable > configuration file ([env.<name>], then root) > built-in default.
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "chorus/config/config.h"

namespace chorus::config {
namespace {

const std::vector<SettingSpec> kSpecs = {
    {"url", "CHORUS_URL", "--url", false, true,
     "base URL of the local sandbox (env local), e.g. https://127.0.0.1:8443"},
    {"token_url", "CHORUS_TOKEN_URL", nullptr, false, true,
     "OAuth token endpoint (default: the environment's, or "
     "<url>/api/oauth/token)"},
    {"api_base", "CHORUS_API_BASE", nullptr, false, true,
     "API base URL (default: the environment's, or <url>)"},
    {"client_id", "CHORUS_CLIENT_ID", "--client-id", false, true,
     "PISTE application client id"},
    {"client_secret", "CHORUS_CLIENT_SECRET", nullptr, true, true,
     "PISTE application client secret"},
    {"tech_login", "CHORUS_TECH_LOGIN", "--tech-login", false, true,
     "Chorus Pro technical account login (TECH_1_...@cpro.fr)"},
    {"tech_password", "CHORUS_TECH_PASSWORD", nullptr, true, true,
     "Chorus Pro technical account password"},
    {"cert", "CHORUS_CERT", "--cert", false, true,
     "client certificate (PEM, or PKCS#12 .p12/.pfx)"},
    {"key", "CHORUS_KEY", "--key", false, true,
     "client private key (PEM; not with PKCS#12)"},
    {"key_password", "CHORUS_KEY_PASSWORD", nullptr, true, true,
     "passphrase of the key or PKCS#12 file"},
    {"ca", "CHORUS_CA", "--ca", false, true,
     "CA bundle trusted for the server (default: system store)"},
    {"request_timeout", "CHORUS_REQUEST_TIMEOUT", "--request-timeout", false,
     true, "total time for one HTTP request (e.g. 60s)"},
    {"connect_timeout", "CHORUS_CONNECT_TIMEOUT", "--connect-timeout", false,
     true, "time to establish a connection (e.g. 10s)"},
    {"deadline", "CHORUS_DEADLINE", "--deadline", false, true,
     "total time for one call, retries and waits included (e.g. 2m)"},
    {"retries", "CHORUS_RETRIES", "--retries", false, true,
     "attempts per call on 429, 5xx and transport errors (first included)"},
    {"lookup_ttl", "CHORUS_LOOKUP_TTL", "--lookup-ttl", false, true,
     "how long recipient lookups stay cached (e.g. 24h, 0 = no cache)"},
    {"journal", "CHORUS_JOURNAL", "--journal", false, false,
     "deposit journal (SQLite)"},
};

const std::map<std::string, std::string> kDefaults = {
    {"request_timeout", "60s"}, {"connect_timeout", "10s"}, {"deadline", "2m"},
    {"retries", "6"},           {"lookup_ttl", "24h"},
};

const std::vector<std::string> kDurationKeys = {
    "request_timeout", "connect_timeout", "deadline", "lookup_ttl"};
const std::vector<std::string> kPathKeys = {"cert", "key", "ca", "journal"};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string EnvVar(const EnvLookup& env, const char* name) {
  const char* v = env(name);
  return v ? std::string(v) : std::string();
}

std::string ValueText(const TomlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return std::get<bool>(v) ? "true" : "false";
}

// A relative path in the file means relative to the file's folder, so a
// config next to its certificates works from any working directory.
std::string ResolvePath(const std::string& value, const std::string& file) {
  std::filesystem::path p(value);
  if (p.is_absolute() || value.empty()) return value;
  if (value.rfind("~/", 0) == 0) return value;  // expanded below
  return (std::filesystem::path(file).parent_path() / p).lexically_normal();
}

std::string ExpandHome(const std::string& value, const EnvLookup& env) {
  if (value.rfind("~/", 0) != 0) return value;
  std::string home = EnvVar(env, "HOME");
  return home.empty() ? value : home + value.substr(1);
}

Status CheckValue(const std::string& key, const SettingValue& v) {
  if (!v.set) return Ok{};
  std::string where = " (from " + v.origin + ")";
  if (Contains(kDurationKeys, key)) {
    auto d = ParseDuration(v.value);
    if (!d) {
      return MakeError(Error::Kind::kUsage,
                       key + ": " + d.error().message + where);
    }
  }
  if (key == "retries") {
    char* end = nullptr;
    long n = std::strtol(v.value.c_str(), &end, 10);
    if (v.value.empty() || *end != '\0' || n < 1 || n > 20) {
      return MakeError(Error::Kind::kUsage,
                       "retries: '" + v.value +
                           "' is not a number of attempts from 1 to 20" +
                           where);
    }
  }
  return Ok{};
}

}  // namespace

const char* SourceName(Source s) {
  switch (s) {
    case Source::kDefault:
      return "default";
    case Source::kConfigFile:
      return "config";
    case Source::kEnvironment:
      return "env";
    case Source::kFlag:
      return "flag";
    case Source::kStdin:
      return "stdin";
  }
  return "default";
}

const std::vector<SettingSpec>& SettingSpecs() { return kSpecs; }

const SettingSpec* FindSpec(const std::string& key) {
  for (const auto& s : kSpecs) {
    if (key == s.key) return &s;
  }
  return nullptr;
}

const std::vector<std::string>& EnvironmentNames() {
  static const std::vector<std::string> kNames{"production", "sandbox",
                                               "local"};
  return kNames;
}

EnvLookup ProcessEnv() {
  return [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;  // an empty variable counts as unset
  };
}

const SettingValue& Settings::Get(const std::string& key) const {
  static const SettingValue kUnset;
  auto it = values.find(key);
  return it == values.end() ? kUnset : it->second;
}

const std::string& Settings::Value(const std::string& key) const {
  return Get(key).value;
}

std::string DefaultConfigPath(const EnvLookup& env) {
  std::string xdg = EnvVar(env, "XDG_CONFIG_HOME");
  if (!xdg.empty() && xdg[0] == '/') return xdg + "/chorus/config.toml";
  return EnvVar(env, "HOME") + "/.config/chorus/config.toml";
}

std::string DefaultJournalPath(const EnvLookup& env) {
  std::string xdg = EnvVar(env, "XDG_STATE_HOME");
  if (!xdg.empty() && xdg[0] == '/') return xdg + "/chorus/journal.db";
  return EnvVar(env, "HOME") + "/.local/state/chorus/journal.db";
}

Result<Settings> ResolveSettings(const Overrides& overrides,
                                 const EnvLookup& env) {
  Settings settings;
  auto flag = [&](const std::string& key) -> const std::string* {
    auto it = overrides.flags.find(key);
    return it == overrides.flags.end() || it->second.empty() ? nullptr
                                                             : &it->second;
  };

  // The file first: it may choose the environment.
  bool explicit_config = true;
  SettingValue config_origin{"", Source::kFlag, "--config", true};
  if (const auto* f = flag("config")) {
    settings.config_path = *f;
  } else if (auto e = EnvVar(env, "CHORUS_CONFIG"); !e.empty()) {
    settings.config_path = e;
    config_origin = {"", Source::kEnvironment, "CHORUS_CONFIG", true};
  } else {
    settings.config_path = DefaultConfigPath(env);
    config_origin = {"", Source::kDefault, "built-in", true};
    explicit_config = false;
  }
  config_origin.value = settings.config_path;
  settings.values["config"] = config_origin;

  TomlDocument doc;
  std::error_code ec;
  if (std::filesystem::exists(settings.config_path, ec)) {
    auto loaded = LoadConfigFile(settings.config_path);
    if (!loaded) return loaded.take_error();
    doc = std::move(*loaded);
    settings.config_loaded = true;
  } else if (explicit_config) {
    return MakeError(Error::Kind::kUsage,
                     settings.config_path + ": configuration file not found (" +
                         config_origin.origin +
                         "); `chorus config init` "
                         "writes one");
  }

  const TomlTable& root = doc.tables.front();
  SettingValue env_value{"sandbox", Source::kDefault, "built-in", true};
  if (const auto* f = flag("env")) {
    env_value = {*f, Source::kFlag, "--env", true};
  } else if (auto e = EnvVar(env, "CHORUS_ENV"); !e.empty()) {
    env_value = {e, Source::kEnvironment, "CHORUS_ENV", true};
  } else if (const auto* entry = root.Find("env")) {
    env_value = {ValueText(entry->value), Source::kConfigFile,
                 settings.config_path + ":" + std::to_string(entry->line),
                 true};
  }
  if (!Contains(EnvironmentNames(), env_value.value)) {
    return MakeError(Error::Kind::kUsage,
                     "unknown environment '" + env_value.value + "' (from " +
                         env_value.origin +
                         "): choose production, sandbox or local");
  }
  settings.env = env_value.value;
  settings.values["env"] = env_value;

  const TomlTable* env_table = doc.Find("env." + settings.env);
  for (const auto& spec : kSpecs) {
    SettingValue v;
    auto from_stdin = overrides.from_stdin.find(spec.key);
    if (spec.flag && flag(spec.key)) {
      v = {*flag(spec.key), Source::kFlag, spec.flag, true};
    } else if (from_stdin != overrides.from_stdin.end()) {
      v = {from_stdin->second, Source::kStdin, "--secrets-stdin", true};
    } else if (auto e = EnvVar(env, spec.env_var); !e.empty()) {
      v = {e, Source::kEnvironment, spec.env_var, true};
    } else {
      const TomlEntry* entry = env_table ? env_table->Find(spec.key) : nullptr;
      if (!entry) entry = root.Find(spec.key);
      if (entry) {
        std::string text = ValueText(entry->value);
        if (Contains(kPathKeys, spec.key)) {
          text = ResolvePath(text, settings.config_path);
        }
        v = {text, Source::kConfigFile,
             settings.config_path + ":" + std::to_string(entry->line), true};
      } else if (auto d = kDefaults.find(spec.key); d != kDefaults.end()) {
        v = {d->second, Source::kDefault, "built-in", true};
      } else if (std::string(spec.key) == "journal") {
        v = {DefaultJournalPath(env), Source::kDefault, "built-in", true};
      }
    }
    if (Contains(kPathKeys, spec.key)) v.value = ExpandHome(v.value, env);
    if (auto ok = CheckValue(spec.key, v); !ok) return ok.take_error();
    settings.values[spec.key] = std::move(v);
  }
  return settings;
}

}  // namespace chorus::config
