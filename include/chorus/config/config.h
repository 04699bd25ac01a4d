// chorus's settings: which Chorus Pro environment to talk to, with which
// credentials and TLS material, and where the journal lives.
//
// Every setting comes from, in decreasing precedence:
//   1. a command-line flag (or, for secrets, --secrets-stdin: never argv,
//      which any user can read in `ps`),
//   2. an environment variable (CHORUS_*),
//   3. the configuration file: the [env.<name>] table of the chosen
//      environment, then the root table,
//   4. a built-in default.
// The file is --config, else CHORUS_CONFIG, else
// $XDG_CONFIG_HOME/chorus/config.toml (~/.config/chorus/config.toml). A file
// holding a secret that group or others may read is refused.
#ifndef CHORUS_CONFIG_CONFIG_H_
#define CHORUS_CONFIG_CONFIG_H_

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "chorus/api/chorus_pro.h"
#include "chorus/config/toml.h"
#include "chorus/util/result.h"

namespace chorus::config {

enum class Source { kDefault, kConfigFile, kEnvironment, kFlag, kStdin };
const char* SourceName(
    Source s);  // "default", "config", "env", "flag", "stdin"

// One setting chorus knows. `flag` is null for secrets: they never come
// from argv.
struct SettingSpec {
  const char* key;      // name in the file and in `config show`
  const char* env_var;  // CHORUS_...
  const char* flag;     // "--client-id", or nullptr
  bool secret;
  bool per_env;  // may sit in an [env.<name>] table
  const char* help;
};
const std::vector<SettingSpec>& SettingSpecs();
const SettingSpec* FindSpec(const std::string& key);

// The environments: production and sandbox (PISTE qualification) have
// built-in endpoints; local (the embedded `chorus sandbox`) takes `url`.
const std::vector<std::string>& EnvironmentNames();

struct SettingValue {
  std::string value;
  Source source = Source::kDefault;
  std::string origin;  // "--timeout", "CHORUS_TIMEOUT", "<file>:12", "built-in"
  bool set = false;
};

// What the command line supplied: key -> value. Keys are SettingSpec keys,
// plus "config" for the file path.
struct Overrides {
  std::map<std::string, std::string> flags;
  std::map<std::string, std::string> from_stdin;  // secrets read from stdin
};

// Reads an environment variable (a seam for tests); nullptr when unset.
using EnvLookup = std::function<const char*(const char*)>;
EnvLookup ProcessEnv();

struct Settings {
  std::string env;             // production | sandbox | local
  std::string config_path;     // the file considered
  bool config_loaded = false;  // false when the default file does not exist
  std::map<std::string, SettingValue> values;  // every spec key, plus "env"

  const SettingValue& Get(const std::string& key) const;
  const std::string& Value(const std::string& key) const;
};

// Resolves every setting. Fails (kUsage) on: an unreadable or unparsable
// file, an explicit --config/CHORUS_CONFIG that does not exist, a file with
// secrets readable by group/others (the message gives the chmod fix), an
// unknown key or table in the file (line number), an unknown environment,
// or a malformed duration/number (naming where it came from).
Result<Settings> ResolveSettings(const Overrides& overrides,
                                 const EnvLookup& env = ProcessEnv());

// $XDG_CONFIG_HOME/chorus/config.toml, else $HOME/.config/chorus/config.toml.
std::string DefaultConfigPath(const EnvLookup& env = ProcessEnv());
// $XDG_STATE_HOME/chorus/journal.db, else ~/.local/state/chorus/journal.db.
std::string DefaultJournalPath(const EnvLookup& env = ProcessEnv());

// "90", "90s", "500ms", "10m", "1h" (a bare number is seconds).
Result<std::chrono::milliseconds> ParseDuration(const std::string& text);

// Typed views of a resolved Settings, ready for the api layer.
struct Connection {
  api::Endpoints endpoints;
  api::Credentials credentials;
  api::HttpClientOptions http;
  api::RetryPolicy retry;
};
// The endpoints of the chosen environment: url, token_url and api_base
// settings override the built-in ones; empty when unknown (local, no url).
api::Endpoints EndpointsFor(const Settings& settings);
// Fails (kUsage) when the environment lacks endpoints (local without url)
// or a credential is missing, naming the flag / variable / key to set.
Result<Connection> ConnectionFor(const Settings& settings);

// Loads a file for editing (`config init --force`), refusing the same
// things ResolveSettings does; a missing file gives an empty document.
Result<TomlDocument> LoadConfigFile(const std::string& path);
// Checks keys, tables and types of a parsed file.
Status CheckConfigDocument(const TomlDocument& doc, const std::string& path);
// Writes `doc` atomically with mode 0600 (parent folders 0700).
Status SaveConfigFile(const std::string& path, const TomlDocument& doc);

}  // namespace chorus::config

#endif  // CHORUS_CONFIG_CONFIG_H_
