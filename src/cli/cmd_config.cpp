// chorus config init|show: write the configuration file (mode 0600), and
// print the effective settings with secrets masked and where each came from.
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "chorus/config/config.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"

namespace chorus::cli {
namespace {

struct ConfigOptions {
  bool force = false;
  bool make_default = false;
  std::string format = "text";
  ConnectionFlags connection;
};

// One line from the terminal; without echo for secrets.
std::string Prompt(const std::string& question, bool secret) {
  std::cerr << question << ": " << std::flush;
  termios old{};
  bool hide = secret && ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (hide) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (hide) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}

int RunInit(ConfigOptions& opt) {
  auto& flags = opt.connection.overrides.flags;
  std::string path = flags["config"];
  if (const char* e = config::ProcessEnv()("CHORUS_CONFIG"); path.empty() && e)
    path = e;
  if (path.empty()) path = config::DefaultConfigPath();
  std::string env = flags["env"].empty() ? "sandbox" : flags["env"];
  const auto& names = config::EnvironmentNames();
  if (std::find(names.begin(), names.end(), env) == names.end()) {
    return ReportError(
        MakeError(Error::Kind::kUsage,
                  "--env " + env + ": choose production, sandbox or local"));
  }
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (exists && !opt.force) {
    return ReportError(
        MakeError(Error::Kind::kUsage,
                  path + " exists; --force updates it (other environments "
                         "are kept)"));
  }
  config::TomlDocument doc;
  if (exists) {
    auto loaded = config::LoadConfigFile(path);
    if (!loaded) return ReportError(loaded.error());
    doc = std::move(*loaded);
  }

  std::map<std::string, std::string> values;
  for (const auto& spec : config::SettingSpecs()) {
    auto it = flags.find(spec.key);
    if (it != flags.end() && !it->second.empty()) values[spec.key] = it->second;
  }
  if (opt.connection.secrets_stdin) {
    auto secrets = ReadSecretsFromStdin();
    if (!secrets) return ReportError(secrets.error());
    for (const auto& [key, value] : *secrets) values[key] = value;
  } else if (::isatty(STDIN_FILENO) && StderrIsTerminal()) {
    // Asks only what was not given, and only a person at a terminal.
    std::vector<std::pair<const char*, const char*>> asks = {
        {"client_id", "PISTE client id"},
        {"client_secret", "PISTE client secret (not echoed)"},
        {"tech_login",
         "Chorus Pro technical account login (TECH_1_...@cpro.fr)"},
        {"tech_password", "technical account password (not echoed)"}};
    if (env == "local")
      asks.insert(asks.begin(),
                  {"url", "sandbox URL (https://127.0.0.1:PORT)"});
    for (const auto& [key, question] : asks) {
      if (values.count(key)) continue;
      std::string answer = Prompt(question, config::FindSpec(key)->secret);
      if (!answer.empty()) values[key] = answer;
    }
  }

  config::TomlTable& table = doc.GetOrAdd("env." + env);
  for (const auto& [key, value] : values) {
    const config::SettingSpec* spec = config::FindSpec(key);
    (spec->per_env ? table : doc.tables.front()).Set(key, value);
  }
  if (opt.make_default || !doc.tables.front().Find("env")) {
    doc.tables.front().Set("env", env);
  }
  if (auto ok = config::CheckConfigDocument(doc, path); !ok)
    return ReportError(ok.error());
  if (auto ok = config::SaveConfigFile(path, doc); !ok)
    return ReportError(ok.error());
  std::cout << "Wrote " << path << " (mode 0600), environment " << env << ".\n";
  for (const char* secret : {"client_secret", "tech_password"}) {
    if (!table.Find(secret)) {
      std::cout
          << "  " << secret << " not stored: set "
          << config::FindSpec(secret)->env_var
          << " when running chorus, or rerun with --force --secrets-stdin.\n";
    }
  }
  return kExitOk;
}

int RunShow(ConfigOptions& opt) {
  auto settings = LoadSettings(opt.connection);
  if (!settings) return ReportError(settings.error());
  const config::Settings& s = *settings;
  auto shown = [&](const std::string& key,
                   const config::SettingValue& v) -> std::string {
    const config::SettingSpec* spec = config::FindSpec(key);
    if (!v.set) return "(not set)";
    return spec && spec->secret ? "****" : v.value;
  };
  api::Endpoints endpoints = config::EndpointsFor(s);
  std::vector<std::string> keys = {"env", "config"};
  for (const auto& spec : config::SettingSpecs()) keys.push_back(spec.key);

  if (opt.format == "json") {
    nlohmann::json list = nlohmann::json::object();
    for (const auto& k : keys) {
      const auto& v = s.Get(k);
      list[k] = {{"value", shown(k, v)},
                 {"set", v.set},
                 {"source", v.set ? config::SourceName(v.source) : "none"},
                 {"origin", v.origin}};
    }
    std::cout << nlohmann::json({{"env", s.env},
                                 {"config_file", s.config_path},
                                 {"config_loaded", s.config_loaded},
                                 {"effective_token_url", endpoints.token_url},
                                 {"effective_api_base", endpoints.api_base},
                                 {"settings", list}})
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  std::size_t wk = 0, wv = 0;
  for (const auto& k : keys) {
    wk = std::max(wk, k.size());
    wv = std::max(wv, shown(k, s.Get(k)).size());
  }
  for (const auto& k : keys) {
    const auto& v = s.Get(k);
    std::string value = shown(k, v);
    std::string line = k + std::string(wk - k.size() + 2, ' ') + value;
    if (v.set) {
      line += std::string(wv - value.size() + 2, ' ') +
              config::SourceName(v.source) + ": " + v.origin;
    }
    std::cout << line << "\n";
  }
  std::cout << "\neffective endpoints: token "
            << (endpoints.token_url.empty() ? "(none: set url)"
                                            : endpoints.token_url)
            << ", API "
            << (endpoints.api_base.empty() ? "(none)" : endpoints.api_base)
            << "\n"
            << (s.config_loaded
                    ? ""
                    : "(no configuration file at " + s.config_path + ")\n");
  return kExitOk;
}

}  // namespace

void AddConfigCommand(CLI::App& parent, int* exit_code) {
  CLI::App* cfg =
      parent.add_subcommand("config", "Write or show chorus's configuration");
  cfg->require_subcommand(1);

  auto init = std::make_shared<ConfigOptions>();
  CLI::App* in = cfg->add_subcommand(
      "init", "Write the configuration file (mode 0600) for one environment");
  in->footer(
      std::string(
          "Values come from the flags (and --secrets-stdin); at a terminal,\n"
          "chorus asks for the missing credentials (secrets not echoed);\n"
          "otherwise it asks nothing. An existing file is refused without\n"
          "--force, which updates it and keeps the other environments.\n"
          "Example:\n"
          "  printf 'client_secret=%s\\ntech_password=%s\\n' \"$S\" \"$P\" |\n"
          "    chorus config init --env sandbox --client-id ID \\\n"
          "      --tech-login TECH_1_XYZ@cpro.fr --secrets-stdin\n"
          "Exit: 0 written, 2 usage error or file not writable.\n") +
      kConnectionHelp);
  in->add_flag("--force", init->force, "Update an existing file");
  in->add_flag("--default", init->make_default,
               "Make this environment the default (root `env`)");
  AddConnectionOptions(*in, &init->connection);
  in->callback([init, exit_code] { *exit_code = RunInit(*init); });

  auto show = std::make_shared<ConfigOptions>();
  CLI::App* sh = cfg->add_subcommand(
      "show", "Effective settings, secrets masked, and where each came from");
  sh->footer(
      std::string("Example:\n  chorus config show --env local --format json\n"
                  "Exit: 0 shown, 2 configuration error (unreadable file, "
                  "unknown key,\n"
                  "secrets readable by others).\n") +
      kConnectionHelp);
  AddFormatOption(*sh, &show->format);
  AddConnectionOptions(*sh, &show->connection);
  sh->callback([show, exit_code] { *exit_code = RunShow(*show); });
}

}  // namespace chorus::cli
