// chorus rules list|explain: the rule catalogue, for humans and scripts.
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "chorus/facturx/facturx.h"
#include "chorus/model/json.h"
#include "chorus/rules/rules.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

struct RulesOptions {
  std::string format = "text";
  std::string id;
  std::string set;  // list: only this rule set ("" = all)
};

const char* RuleSyntaxName(RuleSyntax s) {
  switch (s) {
    case RuleSyntax::kUbl:
      return "ubl";
    case RuleSyntax::kCii:
      return "cii";
    case RuleSyntax::kBoth:
      break;
  }
  return "ubl,cii";
}

std::vector<std::string> SplitTerms(std::string_view terms) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < terms.size()) {
    std::size_t end = terms.find(' ', start);
    if (end == std::string_view::npos) end = terms.size();
    if (end > start) out.emplace_back(terms.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A first step toward a fix, from the shape of the official text.
std::string FixHint(const RuleInfo& rule) {
  std::string_view m = rule.message;
  if (rule.id.rfind("FX-PDF", 0) == 0) {
    return "Rebuild the PDF with `chorus facturx create` (or `chorus build --to facturx`), "
           "which writes every item this rule checks.";
  }
  auto has = [&](std::string_view s) { return m.find(s) != std::string_view::npos; };
  std::string id(rule.id);
  if (has("marked as not used")) {
    return "Remove it: the Factur-X profile does not use this element or attribute here.";
  }
  if (has("is not allowed") && has("Value of")) {
    return "Use a value from the code list the Factur-X profile allows here.";
  }
  if (has("must occur") || has("may occur at maximum") || has("is required in this context")) {
    return "Give the element the number of occurrences the Factur-X profile allows here.";
  }
  if (id.rfind("UBL-CR", 0) == 0 || id.rfind("CII-SR", 0) == 0) {
    return "Remove the element named: EN 16931 has no term for it, receivers may ignore it.";
  }
  if (has(" = ") || has("Σ") || has("sum of") || has("Sum of")) {
    return "Recompute the amounts: `chorus build --compute` produces totals and the VAT "
           "breakdown with exactly the arithmetic this rule checks.";
  }
  if (has("shall not")) return "Remove or change the data the rule forbids in this case.";
  if (has("shall have") || has("shall contain") || has("shall be provided") || has("must")) {
    return "Provide the business term(s) named in the text.";
  }
  if (has("code") || has("Code")) return "Use a value from the code list the rule names.";
  return "Change the document so that the statement above holds.";
}

// The EN 16931 catalogue, the Factur-X profile rules, the Factur-X PDF-side
// rules.
std::vector<const RuleInfo*> Catalogue() {
  std::vector<const RuleInfo*> all;
  for (const RuleInfo& r : AllRules()) all.push_back(&r);
  for (const RuleInfo& r : FacturXRules()) all.push_back(&r);
  for (const RuleInfo& r : facturx::PdfRules()) all.push_back(&r);
  return all;
}

int RunList(const RulesOptions& opt) {
  std::vector<const RuleInfo*> rules;
  for (const RuleInfo* r : Catalogue()) {
    if (opt.set.empty() || r->set == opt.set) rules.push_back(r);
  }
  if (opt.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const RuleInfo* r : rules) {
      out.push_back({{"id", r->id},
                     {"set", r->set},
                     {"severity", SeverityName(r->flag)},
                     {"syntax", RuleSyntaxName(r->syntax)},
                     {"text", r->message},
                     {"terms", SplitTerms(r->terms)}});
    }
    std::cout << nlohmann::ordered_json{{"rules", out}}.dump(2) << "\n";
    return kExitOk;
  }
  for (const RuleInfo* r : rules) {
    std::cout << r->id << "\t" << SeverityName(r->flag) << "\t" << RuleSyntaxName(r->syntax)
              << "\t" << r->set << "\t" << r->message << "\n";
  }
  return kExitOk;
}

int RunExplain(const RulesOptions& opt) {
  std::vector<const RuleInfo*> found;
  for (const RuleInfo* r : Catalogue()) {
    if (r->id.size() == opt.id.size() &&
        std::equal(r->id.begin(), r->id.end(), opt.id.begin(),
                   [](char a, char b) { return std::toupper(a) == std::toupper(b); })) {
      found.push_back(r);
    }
  }
  if (found.empty()) {
    std::cerr << "chorus: unknown rule \"" << opt.id << "\" (see `chorus rules list`)\n";
    return kExitUsage;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const RuleInfo* r : found) {
    nlohmann::ordered_json terms = nlohmann::ordered_json::array();
    for (const auto& t : SplitTerms(r->terms)) {
      std::string key = JsonKeyForTerm(t);
      terms.push_back({{"term", t}, {"json_key", key.empty() ? nullptr : nlohmann::ordered_json(key)}});
    }
    out.push_back({{"id", r->id},
                   {"set", r->set},
                   {"severity", SeverityName(r->flag)},
                   {"syntax", RuleSyntaxName(r->syntax)},
                   {"text", r->message},
                   {"terms", terms},
                   {"fix", FixHint(*r)}});
  }
  if (opt.format == "json") {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& r : out) {
    std::cout << r["id"].get<std::string>() << " (" << r["severity"].get<std::string>() << ", "
              << r["syntax"].get<std::string>() << ", " << r["set"].get<std::string>() << ")\n  "
              << r["text"].get<std::string>() << "\n";
    if (!r["terms"].empty()) {
      std::cout << "  Business terms:\n";
      for (const auto& t : r["terms"]) {
        std::cout << "    " << t["term"].get<std::string>();
        if (!t["json_key"].is_null()) std::cout << "  (chorus JSON: " << t["json_key"].get<std::string>() << ")";
        std::cout << "\n";
      }
    }
    std::cout << "  How to fix: " << r["fix"].get<std::string>() << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRulesCommand(CLI::App& parent, int* exit_code) {
  CLI::App* cmd = parent.add_subcommand("rules", "List and explain the validation rules");
  cmd->require_subcommand(1);
  cmd->footer("Examples:\n  chorus rules list --format json\n  chorus rules explain BR-CO-10");

  auto list_opt = std::make_shared<RulesOptions>();
  CLI::App* list = cmd->add_subcommand("list", "Every rule: id, severity, syntax, set, text");
  list->footer(
      "Sets: en16931 (CEN EN 16931), facturx-basicwl, facturx-en16931, facturx-extended\n"
      "(the Factur-X 1.09 profile Schematron; the same id can be in several sets),\n"
      "facturx-pdf (the PDF side of a Factur-X).\n"
      "Example:\n  chorus rules list | grep BR-CO\n  chorus rules list --set facturx-extended");
  AddFormatOption(*list, &list_opt->format);
  list->add_option("--set", list_opt->set, "Only the rules of this set")
      ->check(CLI::IsMember(
          {"en16931", "facturx-basicwl", "facturx-en16931", "facturx-extended", "facturx-pdf"}));
  list->callback([list_opt, exit_code] { *exit_code = RunList(*list_opt); });

  auto explain_opt = std::make_shared<RulesOptions>();
  CLI::App* explain = cmd->add_subcommand("explain", "A rule's text, business terms and how to fix it");
  explain->footer("Examples:\n  chorus rules explain BR-S-08\n  chorus rules explain FX-EXT-0042");
  explain->add_option("id", explain_opt->id, "Rule id, e.g. BR-CO-10")->required();
  AddFormatOption(*explain, &explain_opt->format);
  explain->callback([explain_opt, exit_code] { *exit_code = RunExplain(*explain_opt); });
}

}  // namespace chorus::cli
