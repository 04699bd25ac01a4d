// chorus convert IN --to ubl|cii: through the EN 16931 model, refusing to
// drop data silently.
#include <iostream>
#include <nlohmann/json.hpp>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::string to;
  std::string output;
  std::string format = "text";
  bool allow_loss = false;
};

// One datum the conversion drops, whatever the cause.
struct Loss {
  std::string where;  // source path + line, or the model term
  std::string what;   // value or explanation
  std::string reason;
};

std::vector<Loss> CollectLosses(const ReadResult& read,
                                const WriteResult& written) {
  std::vector<Loss> losses;
  for (const auto& u : read.unmapped) {
    losses.push_back(
        {u.path + (u.line ? " (line " + std::to_string(u.line) + ")" : ""),
         u.value, u.reason});
  }
  for (const auto& d : read.diagnostics) {
    losses.push_back(
        {d.location, d.message, "unreadable value [" + d.rule + "]"});
  }
  for (const auto& l : written.lost) {
    losses.push_back({l.term, l.message, "target syntax has no place for it"});
  }
  return losses;
}

int RunConvert(const ConvertOptions& opt) {
  auto doc = LoadDocumentFile(opt.input);
  if (!doc) return ReportError(doc.error());
  ReadResult read = ReadInvoice(**doc);
  WriteResult written = WriteSyntax(read.invoice, opt.to);
  std::vector<Loss> losses = CollectLosses(read, written);
  bool refused = !losses.empty() && !opt.allow_loss;

  if (!refused) {
    if (auto st = WriteOutput(opt.output, written.xml); !st)
      return ReportError(st.error());
  }
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["input"] = opt.input;
    j["from"] = SyntaxName((*doc)->syntax);
    j["to"] = opt.to;
    j["output"] =
        refused ? nlohmann::ordered_json()
                : nlohmann::ordered_json(opt.output.empty() ? "-" : opt.output);
    j["written"] = !refused;
    j["lost"] = nlohmann::ordered_json::array();
    for (const auto& l : losses) {
      j["lost"].push_back(
          {{"where", l.where}, {"value", l.what}, {"reason", l.reason}});
    }
    // With no -o the document itself went to stdout; the report goes to stderr.
    ((opt.output.empty() || opt.output == "-") && !refused ? std::cerr
                                                           : std::cout)
        << j.dump(2) << "\n";
  } else if (!losses.empty()) {
    std::cerr << "chorus: " << opt.input << ": converting to " << opt.to << " "
              << (refused ? "would lose " : "loses ") << losses.size()
              << (losses.size() == 1 ? " datum" : " data") << ":\n";
    for (const auto& l : losses) {
      std::cerr << "  " << l.where;
      if (!l.what.empty()) std::cerr << " = \"" << l.what << "\"";
      std::cerr << " (" << l.reason << ")\n";
    }
    if (refused) std::cerr << "refused: pass --allow-loss to convert anyway\n";
  }
  return refused ? kExitInvalid : kExitOk;
}

}  // namespace

void AddConvertCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<ConvertOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "convert",
      "Convert an invoice between UBL and CII through the EN 16931 model");
  cmd->footer(
      "Every source datum the target cannot carry is listed; the conversion "
      "is\n"
      "refused (exit 1) unless --allow-loss is given.\n"
      "Example:\n"
      "  chorus convert invoice-ubl.xml --to cii -o invoice-cii.xml");
  cmd->add_option("input", opt->input, "UBL or CII invoice")->required();
  cmd->add_option("--to", opt->to, "Target syntax")
      ->required()
      ->check(CLI::IsMember(WritableSyntaxes()));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->add_flag("--allow-loss", opt->allow_loss,
                "Convert even if data is lost");
  AddFormatOption(*cmd, &opt->format);
  cmd->callback([opt, exit_code] { *exit_code = RunConvert(*opt); });
}

}  // namespace chorus::cli
