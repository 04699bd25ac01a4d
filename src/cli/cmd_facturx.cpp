// chorus facturx create|extract: embed a CII into a PDF as a PDF/A-3b
// Factur-X, or get the embedded XML back byte for byte.
#include <iostream>
#include <nlohmann/json.hpp>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

// A Factur-X is an invoice page or a few: far below this.
constexpr std::size_t kMaxPdfBytes = kDefaultMaxDocumentBytes;

struct CreateOptions {
  std::string xml;
  std::string pdf;
  std::string output;
  std::string profile;
  std::string relationship;
  std::string format = "text";
};

struct ExtractOptions {
  std::string input;
  std::string output;
};

void PrintWarnings(const std::vector<Diagnostic>& warnings) {
  for (const auto& w : warnings) {
    std::cerr << "chorus: warning: " << w.message << " [" << w.rule << "]\n";
  }
}

int RunCreate(const CreateOptions& opt) {
  facturx::EmbedOptions embed;
  if (!opt.profile.empty()) {
    embed.profile = facturx::ParseProfile(opt.profile);
    if (!embed.profile) {
      std::cerr << "chorus: --profile " << opt.profile
                << ": expected minimum, basicwl, basic, en16931 or extended\n";
      return kExitUsage;
    }
  }
  if (!opt.relationship.empty()) {
    embed.relationship = facturx::ParseRelationship(opt.relationship);
    if (!embed.relationship) {
      std::cerr << "chorus: --relationship " << opt.relationship
                << ": expected Data, Source or Alternative\n";
      return kExitUsage;
    }
  }
  auto xml = ReadFileBounded(opt.xml, kMaxPdfBytes);
  if (!xml) return ReportError(xml.error());
  auto pdf = ReadFileBounded(opt.pdf, kMaxPdfBytes);
  if (!pdf) return ReportError(pdf.error());
  auto made = facturx::Embed(*pdf, *xml, embed);
  if (!made) {
    Error e = made.take_error();
    e.message = opt.xml + " into " + opt.pdf + ": " + e.message;
    return ReportError(e);
  }
  PrintWarnings(made->warnings);
  if (auto st = WriteOutput(opt.output, made->pdf); !st)
    return ReportError(st.error());
  if (opt.format == "json") {
    nlohmann::ordered_json j{
        {"output", opt.output},
        {"profile", facturx::ConformanceLevel(made->profile)},
        {"relationship", facturx::RelationshipName(made->relationship)},
        {"bytes", made->pdf.size()},
        {"warnings", made->warnings.size()}};
    std::cout << j.dump(2) << "\n";
  }
  return kExitOk;
}

int RunExtract(const ExtractOptions& opt) {
  auto pdf = ReadFileBounded(opt.input, kMaxPdfBytes);
  if (!pdf) return ReportError(pdf.error());
  auto xml = facturx::ExtractXml(*pdf, opt.input);
  if (!xml) return ReportError(xml.error());
  if (auto st = WriteOutput(opt.output, *xml); !st)
    return ReportError(st.error());
  return kExitOk;
}

}  // namespace

void AddFacturXCommand(CLI::App& parent, int* exit_code) {
  CLI::App* cmd = parent.add_subcommand(
      "facturx", "Create Factur-X PDFs, extract their XML");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  chorus facturx create --xml invoice.cii.xml --pdf invoice.pdf -o "
      "facturx.pdf\n"
      "  chorus facturx extract facturx.pdf -o factur-x.xml\n"
      "To build one from chorus JSON: chorus build invoice.json --to facturx "
      "-o out.pdf\n"
      "To validate one: chorus validate facturx.pdf");

  auto create = std::make_shared<CreateOptions>();
  CLI::App* c = cmd->add_subcommand(
      "create", "Embed a CII into a PDF and make it PDF/A-3b + Factur-X");
  c->footer(
      "The profile is the one the XML's BT-24 names; --profile only "
      "double-checks it.\n"
      "An existing PDF keeps its pages; fonts it does not embed are reported "
      "(the\n"
      "result is then not PDF/A). Encrypted PDFs are refused.\n"
      "Example:\n"
      "  chorus facturx create --xml cii.xml --pdf visual.pdf -o out.pdf "
      "--profile en16931\n"
      "Exit: 0 done, 1 the XML or PDF is not acceptable, 2 usage error or "
      "--profile "
      "mismatch.");
  c->add_option("--xml", create->xml, "The CII invoice to embed")->required();
  c->add_option("--pdf", create->pdf, "The visual PDF")->required();
  c->add_option("-o,--output", create->output, "Output PDF")->required();
  c->add_option("--profile", create->profile,
                "Expected profile: minimum, basicwl, basic, en16931, extended");
  c->add_option(
      "--relationship", create->relationship,
      "AFRelationship: Data, Source or Alternative (default: Data for "
      "MINIMUM and BASIC WL, Alternative otherwise)");
  AddFormatOption(*c, &create->format);
  c->callback([create, exit_code] { *exit_code = RunCreate(*create); });

  auto extract = std::make_shared<ExtractOptions>();
  CLI::App* x = cmd->add_subcommand(
      "extract", "Write the embedded factur-x.xml, byte for byte");
  x->footer(
      "Example:\n  chorus facturx extract invoice.pdf -o factur-x.xml\n"
      "Exit: 0 done, 1 no factur-x.xml or encrypted, 2 not a readable PDF.");
  x->add_option("input", extract->input, "Factur-X PDF")->required();
  x->add_option("-o,--output", extract->output,
                "Output file (default: stdout)");
  x->callback([extract, exit_code] { *exit_code = RunExtract(*extract); });
}

}  // namespace chorus::cli
