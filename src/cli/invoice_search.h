// The invoice search filters and listing shared by `invoices search`
// (rechercher/fournisseur, the invoices you sent) and `inbox`
// (rechercher/recipiendaire, the invoices you received).
#ifndef CHORUS_SRC_CLI_INVOICE_SEARCH_H_
#define CHORUS_SRC_CLI_INVOICE_SEARCH_H_

#include <CLI/CLI.hpp>
#include <string>

#include "chorus/api/chorus_pro.h"
#include "cli/connection.h"

namespace chorus::cli {

struct SearchOptions {
  api::InvoiceSearch query;
  std::string format = "text";
  ConnectionFlags connection;
};

// --flow, --number, --status (repeatable), --from, --to, --page, --per-page.
void AddSearchOptions(CLI::App& cmd, SearchOptions* opt);

// Runs the search on the supplier (false) or recipient (true) side and
// prints it. Exit 0 (even with no result), 2 bad filters or credentials,
// 3 unreachable.
int RunInvoiceSearch(SearchOptions& opt, bool recipient_side);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_INVOICE_SEARCH_H_
