// chorus inspect FILE: what a document is and says, at a glance.
#include <iostream>
#include <nlohmann/json.hpp>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

using Json = nlohmann::ordered_json;

struct InspectOptions {
  std::string input;
  std::string format = "text";
};

Json Opt(const Text& t) { return t ? Json(*t) : Json(); }
Json Opt(const std::optional<Date>& d) { return d ? Json(d->ToIso()) : Json(); }
Json Opt(const Amount& a) { return a ? Json(a->ToString()) : Json(); }
Json IdJson(const Identifier& id) {
  Json j{{"id", id.value}};
  j["scheme"] = Opt(id.scheme);
  return j;
}
Json Opt(const OptId& id) { return id ? IdJson(*id) : Json(); }

Json PartyJson(const Text& name, const Text& vat, const OptId& legal,
               const std::vector<Identifier>& ids, const OptId& endpoint,
               const std::optional<Address>& address) {
  Json j{{"name", Opt(name)}};
  j["vat_id"] = Opt(vat);
  j["legal_registration_id"] = Opt(legal);
  j["ids"] = Json::array();
  for (const auto& id : ids) j["ids"].push_back(IdJson(id));
  j["electronic_address"] = Opt(endpoint);
  j["country"] = address ? Opt(address->country) : Json();
  return j;
}

Json Summarize(const XmlDocument& doc, const Invoice& inv) {
  Json j;
  j["path"] = doc.path;
  j["syntax"] = SyntaxName(doc.syntax);
  j["document"] =
      inv.kind == DocumentKind::kCreditNote ? "credit_note" : "invoice";
  j["specification_id"] = Opt(inv.specification_id);                      // BT-24
  j["business_process"] = Opt(inv.business_process);                  // BT-23
  j["number"] = Opt(inv.number);                                          // BT-1
  j["type_code"] = Opt(inv.type_code);                                    // BT-3
  j["issue_date"] = Opt(inv.issue_date);                              // BT-2
  j["due_date"] = Opt(inv.due_date);                                  // BT-9
  j["currency"] = Opt(inv.currency);                                      // BT-5
  j["buyer_reference"] = Opt(inv.buyer_reference);                    // BT-10
  j["purchase_order_reference"] = Opt(inv.purchase_order_reference);  // BT-13
  if (inv.seller) {
    const Seller& s = *inv.seller;
    j["seller"] = PartyJson(s.name, s.vat_id, s.legal_registration_id, s.ids,
                            s.electronic_address, s.address);
  } else {
    j["seller"] = Json();
  }
  if (inv.buyer) {
    const Buyer& b = *inv.buyer;
    std::vector<Identifier> buyer_ids;
    if (b.id) buyer_ids.push_back(*b.id);
    j["buyer"] = PartyJson(b.name, b.vat_id, b.legal_registration_id,
                           buyer_ids, b.electronic_address, b.address);
  } else {
    j["buyer"] = Json();
  }
  static const Totals kNoTotals;
  const Totals& t = inv.totals ? *inv.totals : kNoTotals;
  j["totals"] = {{"line_net_total", Opt(t.line_net_total)},
                 {"tax_exclusive", Opt(t.tax_exclusive)},
                 {"vat_total", Opt(inv.vat_total)},
                 {"tax_inclusive", Opt(t.tax_inclusive)},
                 {"payable", Opt(t.payable)}};
  j["vat_breakdown"] = Json::array();
  for (const auto& v : inv.vat_breakdown) {
    j["vat_breakdown"].push_back({{"category", Opt(v.category)},
                                  {"rate", Opt(v.rate)},
                                  {"taxable", Opt(v.taxable_amount)},
                                  {"tax", Opt(v.tax_amount)}});
  }
  j["lines"] = inv.lines.size();
  return j;
}

void PrintText(const Json& j) {
  auto s = [](const Json& v) {
    return v.is_null()     ? std::string("-")
           : v.is_string() ? v.get<std::string>()
                           : v.dump();
  };
  auto party = [&](const char* label, const Json& p) {
    if (p.is_null()) {
      std::cout << label << "-\n";
      return;
    }
    std::cout << label << s(p["name"]) << " (" << s(p["country"]) << ")\n";
    if (!p["vat_id"].is_null())
      std::cout << "    VAT id: " << s(p["vat_id"]) << "\n";
    if (!p["legal_registration_id"].is_null()) {
      std::cout << "    legal id: " << s(p["legal_registration_id"]["id"])
                << " scheme " << s(p["legal_registration_id"]["scheme"])
                << "\n";
    }
    for (const auto& id : p["ids"]) {
      std::cout << "    id: " << s(id["id"]) << " scheme " << s(id["scheme"])
                << "\n";
    }
    if (!p["electronic_address"].is_null()) {
      std::cout << "    electronic address: "
                << s(p["electronic_address"]["id"]) << " scheme "
                << s(p["electronic_address"]["scheme"]) << "\n";
    }
  };
  std::cout << s(j["path"]) << "\n"
            << "  syntax:          " << s(j["syntax"]) << " "
            << s(j["document"]) << "\n"
            << "  spec (BT-24):    " << s(j["specification_id"]) << "\n"
            << "  number (BT-1):   " << s(j["number"]) << "  type "
            << s(j["type_code"]) << "\n"
            << "  issued (BT-2):   " << s(j["issue_date"]) << "  due (BT-9) "
            << s(j["due_date"]) << "\n"
            << "  currency (BT-5): " << s(j["currency"]) << "\n"
            << "  service code (BT-10): " << s(j["buyer_reference"])
            << "  engagement (BT-13): " << s(j["purchase_order_reference"])
            << "\n";
  party("  seller: ", j["seller"]);
  party("  buyer:  ", j["buyer"]);
  const Json& t = j["totals"];
  std::cout << "  totals: net " << s(t["tax_exclusive"]) << ", VAT "
            << s(t["vat_total"]) << ", gross " << s(t["tax_inclusive"])
            << ", due " << s(t["payable"]) << "\n";
  for (const auto& v : j["vat_breakdown"]) {
    std::cout << "    VAT " << s(v["category"]) << " " << s(v["rate"])
              << "%: " << s(v["taxable"]) << " -> " << s(v["tax"]) << "\n";
  }
  std::cout << "  lines: " << j["lines"].get<std::size_t>() << "\n";
  if (j.contains("facturx")) {
    const Json& fx = j["facturx"];
    std::cout << "  factur-x: " << s(fx["attachment"]) << ", profile "
              << s(fx["profile"]) << " (XMP says " << s(fx["xmp_conformance_level"])
              << "), " << fx["pdf_findings"].size() << " PDF finding(s)\n";
    for (const auto& d : fx["pdf_findings"]) {
      std::cout << "    " << s(d["rule"]) << " " << s(d["severity"]) << ": "
                << s(d["message"]) << "\n";
    }
  }
}

int RunInspect(const InspectOptions& opt) {
  auto doc = LoadDocumentFile(opt.input);
  if (!doc) return ReportError(doc.error());
  ReadResult read = ReadInvoice(**doc);
  Json j = Summarize(**doc, read.invoice);
  if ((*doc)->syntax == Syntax::kFacturX) {
    // The PDF side: profile declared in XMP and the FX-PDF findings.
    auto bytes = ReadFileBounded(opt.input, kDefaultMaxDocumentBytes);
    facturx::PdfReport pdf = facturx::CheckPdf(bytes ? *bytes : "", opt.input);
    auto bt24 = FacturXProfileOf(**doc);
    Json fx{{"attachment", pdf.xml_name},
            {"profile", bt24 ? Json(facturx::ConformanceLevel(*bt24)) : Json()},
            {"xmp_conformance_level",
             pdf.declared_profile
                 ? Json(facturx::ConformanceLevel(*pdf.declared_profile))
                 : Json()},
            {"pdf_findings", Json::array()}};
    for (const auto& d : pdf.diagnostics) {
      fx["pdf_findings"].push_back({{"rule", d.rule},
                                    {"severity", SeverityName(d.severity)},
                                    {"message", d.message},
                                    {"location", d.location}});
    }
    j["facturx"] = fx;
  }
  if (opt.format == "json") {
    std::cout << j.dump(2) << "\n";
  } else {
    PrintText(j);
  }
  return kExitOk;
}

}  // namespace

void AddInspectCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<InspectOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "inspect", "Show what an invoice is: syntax, profile, parties, totals");
  cmd->footer(
      "A Factur-X PDF shows its embedded XML plus the profile and PDF findings.\n"
      "Example:\n  chorus inspect invoice.xml --format json");
  cmd->add_option("input", opt->input, "UBL, CII or Factur-X PDF invoice")->required();
  AddFormatOption(*cmd, &opt->format);
  cmd->callback([opt, exit_code] { *exit_code = RunInspect(*opt); });
}

}  // namespace chorus::cli
