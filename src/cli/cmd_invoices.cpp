// chorus invoices search|show|history|download: the invoices you deposited.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"
#include "cli/invoice_search.h"

namespace chorus::cli {
namespace {

struct InvoiceOptions {
  std::vector<std::int64_t> ids;
  std::string output;
  std::string as = "XML";
  bool attachments = false;
  std::string format = "text";
  ConnectionFlags connection;
};

std::string Scalar(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

int RunShow(InvoiceOptions& opt) {
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto answer = p.client->ConsulterFournisseur(opt.ids.front());
  if (!answer) return ReportApiError(answer.error(), p.settings);
  if (opt.format == "json") {
    std::cout << answer->dump(2) << "\n";
    return kExitOk;
  }
  // Every field as the platform sent it: unknown ones included.
  std::size_t w = 0;
  for (const auto& [k, v] : answer->items()) w = std::max(w, k.size());
  for (const auto& [k, v] : answer->items()) {
    if (k == "codeRetour" || k == "libelle") continue;
    std::cout << k << std::string(w - k.size() + 2, ' ') << Scalar(v) << "\n";
  }
  return kExitOk;
}

int RunHistory(InvoiceOptions& opt) {
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto h = p.client->ConsulterHistorique(opt.ids.front());
  if (!h) return ReportApiError(h.error(), p.settings);
  if (opt.format == "json") {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& e : h->entries)
      steps.push_back({{"status", e.code}, {"date", e.date}});
    std::cout << nlohmann::json({{"id", opt.ids.front()},
                                 {"current_status", h->statut_courant},
                                 {"history", steps},
                                 {"raw", h->raw}})
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  std::cout << "current status: " << h->statut_courant << "\n";
  for (const auto& e : h->entries)
    std::cout << "  " << e.date << "  " << e.code << "\n";
  return kExitOk;
}

int RunDownload(InvoiceOptions& opt) {
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto bytes = p.client->TelechargerGroupe(opt.ids, opt.as, opt.attachments);
  if (!bytes) return ReportApiError(bytes.error(), p.settings);
  if (auto ok = WriteOutput(opt.output, *bytes); !ok)
    return ReportError(ok.error());
  if (opt.output != "-") {
    std::cerr << "chorus: wrote " << bytes->size() << " bytes to " << opt.output
              << "\n";
  }
  return kExitOk;
}

CLI::App* AddIdCommand(CLI::App& parent, const char* name, const char* help,
                       std::shared_ptr<InvoiceOptions> opt, bool many) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  auto* ids = cmd->add_option("ids", opt->ids,
                              many ? "Invoice ids (identifiantFactureCPP)"
                                   : "Invoice id (identifiantFactureCPP)")
                  ->required();
  if (!many) ids->expected(1);
  AddConnectionOptions(*cmd, &opt->connection);
  return cmd;
}

}  // namespace

void AddInvoicesCommand(CLI::App& parent, int* exit_code) {
  CLI::App* inv = parent.add_subcommand(
      "invoices", "The invoices you deposited in Chorus Pro");
  inv->require_subcommand(1);
  const std::string exits =
      "Exit: 0 ok, 1 refused by the platform (unknown id), 2 usage, "
      "configuration\n"
      "or credential error, 3 platform unreachable.\n";

  auto search = std::make_shared<SearchOptions>();
  CLI::App* s = inv->add_subcommand(
      "search", "Search your invoices (rechercher/fournisseur)");
  s->footer(
      "Example:\n  chorus invoices search --flow CPP0011110000000000001557\n"
      "  chorus invoices search --status REJETEE --from 2026-11-01 --format "
      "json\n" +
      exits + kConnectionHelp);
  AddSearchOptions(*s, search.get());
  s->callback(
      [search, exit_code] { *exit_code = RunInvoiceSearch(*search, false); });

  auto show = std::make_shared<InvoiceOptions>();
  CLI::App* sh = AddIdCommand(
      *inv, "show", "Every field of one invoice (consulter/fournisseur)", show,
      false);
  sh->footer("Example:\n  chorus invoices show 4200017\n" + exits +
             kConnectionHelp);
  AddFormatOption(*sh, &show->format);
  sh->callback([show, exit_code] { *exit_code = RunShow(*show); });

  auto history = std::make_shared<InvoiceOptions>();
  CLI::App* hi = AddIdCommand(*inv, "history", "Status history of one invoice",
                              history, false);
  hi->footer("Example:\n  chorus invoices history 4200017 --format json\n" +
             exits + kConnectionHelp);
  AddFormatOption(*hi, &history->format);
  hi->callback([history, exit_code] { *exit_code = RunHistory(*history); });

  auto download = std::make_shared<InvoiceOptions>();
  CLI::App* dl =
      AddIdCommand(*inv, "download",
                   "Download invoices (telecharger/groupe): one file, or an "
                   "archive for several",
                   download, true);
  dl->footer(
      "Example:\n  chorus invoices download 4200017 4200018 -o invoices.tar\n" +
      exits + kConnectionHelp);
  dl->add_option("-o,--output", download->output, "Output file (- for stdout)")
      ->required();
  dl->add_option("--as", download->as, "format asked of the platform")
      ->capture_default_str();
  dl->add_flag("--attachments", download->attachments,
               "Include additional attachments");
  dl->callback([download, exit_code] { *exit_code = RunDownload(*download); });
}

}  // namespace chorus::cli
