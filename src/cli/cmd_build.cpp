// chorus build invoice.json --to ubl|cii: JSON invoice to XML, optionally
// computing line amounts, the VAT breakdown and totals.
#include <iostream>
#include <nlohmann/json.hpp>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/model/compute.h"
#include "chorus/model/json.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

struct BuildOptions {
  std::string input;
  std::string to = "ubl";
  std::string output;
  std::string format = "text";
  bool compute = false;
  std::string lang = "fr";  // labels of the rendered Factur-X page
};

// --to facturx: CII + rendered page + PDF/A-3b embedding.
Status BuildFacturX(const BuildOptions& opt, const Invoice& invoice) {
  if ((opt.output.empty() || opt.output == "-") && StdoutIsTerminal()) {
    return MakeError(Error::Kind::kUsage,
                     "--to facturx writes a PDF: give -o FILE.pdf");
  }
  facturx::RenderOptions render;
  render.language =
      opt.lang == "en" ? facturx::Language::kEnglish : facturx::Language::kFrench;
  auto made = facturx::CreateFromInvoice(invoice, render);
  if (!made) {
    Error e = made.take_error();
    e.message = opt.input + ": " + e.message;
    return e;
  }
  for (const auto& w : made->warnings) {
    std::cerr << "chorus: warning: " << w.message << " [" << w.rule << "]\n";
  }
  return WriteOutput(opt.output, made->pdf);
}

// JSON input is small; 16 MiB leaves room for embedded attachments.
constexpr std::size_t kMaxJsonBytes = 16u << 20;

// --to ubl|cii.
Status BuildXml(const BuildOptions& opt, const Invoice& invoice) {
  WriteResult written = WriteSyntax(invoice, opt.to);
  if (!written.lost.empty()) {
    Error e = MakeError(
        Error::Kind::kInvalidInput,
        opt.input + ": " + opt.to + " cannot carry every datum given");
    for (const auto& l : written.lost) {
      e.details.push_back({"CHORUS-LOSS", Severity::kError, l.message, l.term});
    }
    return e;
  }
  return WriteOutput(opt.output, written.xml);
}

int RunBuild(const BuildOptions& opt) {
  auto text = ReadFileBounded(opt.input, kMaxJsonBytes);
  if (!text) return ReportError(text.error());
  auto invoice = InvoiceFromJson(*text, opt.input);
  if (!invoice) return ReportError(invoice.error());
  if (opt.compute) {
    if (auto st = Compute(*invoice); !st) {
      Error e = st.take_error();
      e.message = opt.input + ": " + e.message;
      return ReportError(e);
    }
  } else if (invoice->vat_breakdown.empty()) {
    return ReportError(MakeError(
        Error::Kind::kInvalidInput,
        opt.input +
            ": no VAT breakdown (vat_breakdown, BG-23) nor totals given: "
            "add them or pass --compute to have chorus compute them"));
  }
  Status built = opt.to == "facturx" ? BuildFacturX(opt, *invoice)
                                      : BuildXml(opt, *invoice);
  if (!built) return ReportError(built.error());
  if (opt.format == "json") {
    nlohmann::ordered_json j{
        {"input", opt.input},
        {"to", opt.to},
        {"output", opt.output.empty() ? "-" : opt.output},
        {"number", invoice->number ? nlohmann::ordered_json(*invoice->number)
                                 : nlohmann::ordered_json()},
        {"lines", invoice->lines.size()},
        {"payable", invoice->totals && invoice->totals->payable
                        ? nlohmann::ordered_json(
                              invoice->totals->payable->ToCanonical())
                        : nlohmann::ordered_json()}};
    (opt.output.empty() ? std::cerr : std::cout) << j.dump(2) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddBuildCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<BuildOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "build",
      "Build a UBL, CII or Factur-X (PDF) invoice from a chorus JSON file");
  cmd->footer(
      "The JSON format is described in docs/json-format.md.\n"
      "Example:\n"
      "  chorus build samples/b2b-mixed-vat.json --compute --to cii -o "
      "invoice.xml\n"
      "  chorus build samples/b2b-mixed-vat.json --compute --to facturx -o "
      "invoice.pdf --lang en");
  cmd->add_option("input", opt->input, "Invoice in chorus JSON")->required();
  std::vector<std::string> targets = WritableSyntaxes();
  targets.push_back("facturx");
  cmd->add_option("--to", opt->to, "Target syntax (facturx: a PDF/A-3b)")
      ->check(CLI::IsMember(targets))
      ->capture_default_str();
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->add_flag("--compute", opt->compute,
                "Compute line net amounts, VAT breakdown and totals "
                "(BR-CO-10..17 arithmetic)");
  cmd->add_option("--lang", opt->lang, "Labels of the Factur-X page: fr or en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  AddFormatOption(*cmd, &opt->format);
  cmd->callback([opt, exit_code] { *exit_code = RunBuild(*opt); });
}

}  // namespace chorus::cli
