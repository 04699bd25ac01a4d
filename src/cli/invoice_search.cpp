#include "cli/invoice_search.h"

#include <iostream>

#include "chorus/model/date.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

// Why a --from/--to value is no date ("" when it is one, or is empty).
std::string DateProblem(const char* flag, const std::string& s) {
  if (s.empty() || Date::ParseIso(s)) return {};
  bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-';
  return std::string(flag) + " '" + s + "' " +
         (shaped ? "is not a day of the calendar"
                 : "is not a date: use YYYY-MM-DD");
}

std::string Pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string Text(const api::InvoiceSearchAnswer& a) {
  if (a.factures.empty()) return "No invoice matches.\n";
  std::size_t wid = 2, wnum = 6, wst = 6, wflow = 4;
  for (const auto& f : a.factures) {
    wid = std::max(wid, std::to_string(f.identifiant_facture_cpp).size());
    wnum = std::max(wnum, f.numero_facture.size());
    wst = std::max(wst, f.statut.size());
    wflow = std::max(wflow, f.numero_flux_depot.size());
  }
  std::string out = Pad("ID", wid) + "  " + Pad("NUMBER", wnum) + "  " +
                    Pad("STATUS", wst) + "  " + Pad("FLOW", wflow) +
                    "  DEPOSITED\n";
  for (const auto& f : a.factures) {
    out += Pad(std::to_string(f.identifiant_facture_cpp), wid) + "  " +
           Pad(f.numero_facture, wnum) + "  " + Pad(f.statut, wst) + "  " +
           Pad(f.numero_flux_depot, wflow) + "  " + f.date_depot + "\n";
  }
  out += "page " + std::to_string(a.page) + "/" + std::to_string(a.pages) +
         ", " + std::to_string(a.total) + " invoice" +
         (a.total == 1 ? "" : "s") + "\n";
  return out;
}

nlohmann::json Json(const api::InvoiceSearchAnswer& a) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : a.factures) {
    list.push_back({{"id", f.identifiant_facture_cpp},
                    {"number", f.numero_facture},
                    {"status", f.statut},
                    {"flow", f.numero_flux_depot},
                    {"date_depot", f.date_depot},
                    {"raw", f.raw}});
  }
  return {{"page", a.page},
          {"pages", a.pages},
          {"total", a.total},
          {"per_page", a.per_page},
          {"invoices", list}};
}

}  // namespace

void AddSearchOptions(CLI::App& cmd, SearchOptions* opt) {
  auto& q = opt->query;
  cmd.add_option("--flow", q.numero_flux_depot,
                 "Flow number (numeroFluxDepot)");
  cmd.add_option("--number", q.numero_facture, "Invoice number (BT-1)");
  cmd.add_option(
      "--status", q.statuts,
      "Invoice status (DEPOSEE, MISE_A_DISPOSITION, REJETEE, ...); repeatable");
  cmd.add_option("--from", q.date_du, "Deposited on or after (YYYY-MM-DD)");
  cmd.add_option("--to", q.date_au, "Deposited on or before (YYYY-MM-DD)");
  cmd.add_option("--page", q.page, "Page (from 1)")
      ->check(CLI::Range(1, 1'000'000));
  cmd.add_option("--per-page", q.per_page, "Invoices per page")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  AddFormatOption(cmd, &opt->format);
  AddConnectionOptions(cmd, &opt->connection);
}

int RunInvoiceSearch(SearchOptions& opt, bool recipient_side) {
  for (std::string problem : {DateProblem("--from", opt.query.date_du),
                              DateProblem("--to", opt.query.date_au)}) {
    if (!problem.empty())
      return ReportError(MakeError(Error::Kind::kUsage, problem));
  }
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto answer = recipient_side ? p.client->RechercherRecipiendaire(opt.query)
                               : p.client->RechercherFournisseur(opt.query);
  if (!answer) return ReportApiError(answer.error(), p.settings);
  if (opt.format == "json") {
    std::cout << Json(*answer).dump(2) << "\n";
  } else {
    std::cout << Text(*answer);
  }
  return kExitOk;
}

}  // namespace chorus::cli
