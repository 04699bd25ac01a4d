// The connection flags every platform command shares, and the way from them
// to a live Chorus Pro client: flags -> config::Settings -> api options,
// endpoints and credentials (one function per concern).
//
// Secrets have no flag: argv is visible to every user in `ps`. They come
// from CHORUS_* variables, the 0600 config file, or --secrets-stdin
// (lines "client_secret=...", "tech_password=...", "key_password=...").
#ifndef CHORUS_SRC_CLI_CONNECTION_H_
#define CHORUS_SRC_CLI_CONNECTION_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "chorus/api/chorus_pro.h"
#include "chorus/config/config.h"
#include "chorus/journal/journal.h"
#include "chorus/util/result.h"

namespace chorus::cli {

struct ConnectionFlags {
  config::Overrides overrides;  // filled by the flags
  bool secrets_stdin = false;
};

// Adds --env, --config, --url, --client-id, --tech-login, --cert, --key,
// --ca, --request-timeout, --connect-timeout, --deadline, --retries,
// --journal, --lookup-ttl, --secrets-stdin to `cmd` (group "Connection").
void AddConnectionOptions(CLI::App& cmd, ConnectionFlags* flags);

// The environment-variable and precedence help shared by --help footers.
extern const char* const kConnectionHelp;

// Reads the "key=value" lines of --secrets-stdin: only secret keys (or
// their CHORUS_* names); a message never repeats a value.
Result<std::map<std::string, std::string>> ReadSecretsFromStdin();

// Resolves the settings (reading stdin first when --secrets-stdin).
Result<config::Settings> LoadSettings(const ConnectionFlags& flags);

// A connected client and what it was made from.
struct Platform {
  config::Settings settings;
  config::Connection connection;
  std::unique_ptr<api::HttpClient> http;
  std::unique_ptr<api::ChorusProClient> client;
};
Result<std::unique_ptr<Platform>> Connect(const ConnectionFlags& flags);
// Same, from settings already resolved.
Result<std::unique_ptr<Platform>> Connect(config::Settings settings);

Result<std::unique_ptr<journal::Journal>> OpenJournal(
    const config::Settings& settings);

// The API failure as the user should read it: the client's message plus
// which setting to check, and where that setting's value came from.
Error Explain(const api::ApiError& error, const config::Settings& settings);
int ReportApiError(const api::ApiError& error,
                   const config::Settings& settings);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_CONNECTION_H_
