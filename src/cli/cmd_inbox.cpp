// chorus inbox: invoices received by your structure (rechercher/recipiendaire).
#include "cli/commands.h"
#include "cli/connection.h"
#include "cli/invoice_search.h"

namespace chorus::cli {

void AddInboxCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<SearchOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "inbox", "Invoices received by your structure (the recipient side)");
  cmd->footer(
      std::string(
          "Example:\n"
          "  chorus inbox --status MISE_A_DISPOSITION --from 2026-11-01\n"
          "Exit: 0 listed (even none), 2 usage, configuration or credential\n"
          "error, 3 platform unreachable.\n") +
      kConnectionHelp);
  AddSearchOptions(*cmd, opt.get());
  cmd->callback(
      [opt, exit_code] { *exit_code = RunInvoiceSearch(*opt, true); });
}

}  // namespace chorus::cli
