#include "chorus/cli/cli.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  success: every document valid, command done\n"
    "  1  invalid input or rejected invoice (validation failed, bad JSON,\n"
    "     lossy conversion refused)\n"
    "  2  usage or tool error (bad arguments, unreadable or unparsable file,\n"
    "     schema folder missing)\n"
    "  3  network or platform unreachable\n"
    "\n"
    "Environment:\n"
    "  CHORUS_SCHEMA_DIR  folder holding the XSD schemas (see "
    "schemas/README.md)\n"
    "  CHORUS_ENV, CHORUS_CONFIG, CHORUS_URL, CHORUS_CLIENT_ID,\n"
    "  CHORUS_CLIENT_SECRET, CHORUS_TECH_LOGIN, CHORUS_TECH_PASSWORD,\n"
    "  CHORUS_CERT, CHORUS_KEY, CHORUS_KEY_PASSWORD, CHORUS_CA,\n"
    "  CHORUS_JOURNAL, CHORUS_REQUEST_TIMEOUT, CHORUS_CONNECT_TIMEOUT,\n"
    "  CHORUS_DEADLINE, CHORUS_RETRIES, CHORUS_LOOKUP_TTL: Chorus Pro\n"
    "  settings; precedence: flags > these variables > config file >\n"
    "  defaults (chorus config show)\n";

// The subcommands, in the order `chorus --help` lists them.
constexpr CommandSpec kCommands[] = {
    {"build", AddBuildCommand},
    {"convert", AddConvertCommand},
    {"validate", AddValidateCommand},
    {"inspect", AddInspectCommand},
    {"rules", AddRulesCommand},
    {"facturx", AddFacturXCommand},
    {"submit", AddSubmitCommand},
    {"status", AddStatusCommand},
    {"invoices", AddInvoicesCommand},
    {"inbox", AddInboxCommand},
    {"lookup", AddLookupCommand},
    {"auth", AddAuthCommand},
    {"config", AddConfigCommand},
    {"sandbox", AddSandboxCommand},
};

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{
      "chorus: build, validate, convert and submit French e-invoices\n"
      "(EN 16931: UBL 2.1, UN/CEFACT CII, Factur-X)",
      "chorus"};
  app.footer(kExitCodesHelp);
  app.set_version_flag("--version", std::string("chorus ") + CHORUS_VERSION);
  app.require_subcommand(1);
  // Logs go to stderr: stdout carries the command's output (--format json).
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "chorus", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  spdlog::set_level(spdlog::level::warn);
  app.add_flag_function(
      "-v,--verbose",
      [](std::int64_t count) {
        spdlog::set_level(count >= 2 ? spdlog::level::debug
                                     : spdlog::level::info);
      },
      "More log output on stderr (-vv for debug)");

  int exit_code = kExitOk;
  for (const auto& spec : kCommands) spec.add(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "chorus: out of memory\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "chorus: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace chorus::cli
