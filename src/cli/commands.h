// The subcommands, one file each (cmd_<name>.cpp).
#ifndef CHORUS_SRC_CLI_COMMANDS_H_
#define CHORUS_SRC_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace chorus::cli {

void AddBuildCommand(CLI::App& parent, int* exit_code);
void AddConvertCommand(CLI::App& parent, int* exit_code);
void AddValidateCommand(CLI::App& parent, int* exit_code);
void AddInspectCommand(CLI::App& parent, int* exit_code);
void AddRulesCommand(CLI::App& parent, int* exit_code);
void AddFacturXCommand(CLI::App& parent, int* exit_code);
void AddAuthCommand(CLI::App& parent, int* exit_code);
void AddSubmitCommand(CLI::App& parent, int* exit_code);
void AddStatusCommand(CLI::App& parent, int* exit_code);
void AddInvoicesCommand(CLI::App& parent, int* exit_code);
void AddInboxCommand(CLI::App& parent, int* exit_code);
void AddLookupCommand(CLI::App& parent, int* exit_code);
void AddConfigCommand(CLI::App& parent, int* exit_code);
void AddSandboxCommand(CLI::App& parent, int* exit_code);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_COMMANDS_H_
