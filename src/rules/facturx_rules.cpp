// The Factur-X profile rules, natively: the generated tables of
// facturx_rules.inc (every assert and report of the BASIC WL, EN16931 and
// EXTENDED Schematron files) run by the XPath evaluator of
// facturx_xpath.h with Schematron semantics: in each pattern a node is
// checked by the first rule whose context matches it.
#include "rules/facturx_rules.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/rules/rules.h"
#include "rules/facturx_xpath.h"

namespace chorus {
namespace {

struct FxRuleDef {
  std::uint16_t pattern;
  std::string_view context;
};
struct FxLetDef {
  std::uint16_t rule;
  std::string_view name;
  std::string_view value;
};
struct FxCheckDef {
  std::uint16_t rule;
  std::uint16_t entry;  // index in FacturXRules()
  bool report;
  std::string_view test;
};

#include "rules/facturx_codes.inc"
#include "rules/facturx_rules.inc"

using rules::fx::Evaluator;
using rules::fx::ExprPtr;
using rules::fx::FxTree;
using rules::fx::ParseXPath;
using rules::fx::Variable;

constexpr std::string_view kNotRunId = "CHORUS-FX-NOT-RUN";
constexpr std::string_view kNoProfileId = "CHORUS-FX-PROFILE";

struct Tables {
  std::string_view set;
  std::span<const FxRuleDef> rules;
  std::span<const FxLetDef> lets;
  std::span<const FxCheckDef> checks;
  std::span<const unsigned char> codedb;
};

// Order of FacturXProfile: MINIMUM, BASIC WL, BASIC, EN16931,
// EXTENDED.
constexpr std::array<std::span<const unsigned char>, 5> kProfileCodedb = {
    kFxCodedbMinimum, kFxCodedbBasicwl, kFxCodedbBasic, kFxCodedbEn16931,
    kFxCodedbExtended};

constexpr std::array<Tables, 3> kTables = {{
    {"facturx-basicwl", kFacturxBasicwlRules, kFacturxBasicwlLets,
     kFacturxBasicwlChecks, kFxCodedbBasicwl},
    {"facturx-en16931", kFacturxEn16931Rules, kFacturxEn16931Lets,
     kFacturxEn16931Checks, kFxCodedbEn16931},
    {"facturx-extended", kFacturxExtendedRules, kFacturxExtendedLets,
     kFacturxExtendedChecks, kFxCodedbExtended},
}};

struct Check {
  const RuleInfo* info;
  bool report;
  bool code_list;  // the test looks a value up in a code list
  ExprPtr test;
};

struct Rule {
  int pattern;
  ExprPtr context;
  std::vector<std::pair<std::string, ExprPtr>> lets;
  std::vector<Check> checks;
};

// One set, parsed once per process.
struct CompiledSet {
  std::vector<Rule> rules;
  std::vector<const RuleInfo*> not_runnable;  // expression did not parse
};

CompiledSet Compile(const Tables& t) {
  CompiledSet out;
  std::span<const RuleInfo> catalogue = FacturXRules();
  out.rules.resize(t.rules.size());
  std::vector<bool> rule_ok(t.rules.size(), true);
  for (std::size_t i = 0; i < t.rules.size(); ++i) {
    out.rules[i].pattern = t.rules[i].pattern;
    auto context = ParseXPath(t.rules[i].context);
    if (context) {
      out.rules[i].context = std::move(*context);
    } else {
      rule_ok[i] = false;
    }
  }
  for (const FxLetDef& let : t.lets) {
    auto value = ParseXPath(let.value);
    if (value) {
      out.rules[let.rule].lets.emplace_back(std::string(let.name),
                                            std::move(*value));
    } else {
      rule_ok[let.rule] = false;
    }
  }
  for (const FxCheckDef& c : t.checks) {
    const RuleInfo* info = &catalogue[c.entry];
    auto test = ParseXPath(c.test);
    if (!test || !rule_ok[c.rule]) {
      out.not_runnable.push_back(info);
      continue;
    }
    bool code_list = c.test.find("fx:code(") != std::string_view::npos;
    out.rules[c.rule].checks.push_back(
        Check{info, c.report, code_list, std::move(*test)});
  }
  return out;
}

const CompiledSet& SetFor(std::size_t index) {
  static std::array<CompiledSet, 3> sets;
  static std::array<std::once_flag, 3> once;
  std::call_once(once[index],
                 [index] { sets[index] = Compile(kTables[index]); });
  return sets[index];
}

bool InList(int list_index, std::string_view value) {
  std::span<const std::string_view> list =
      kFxLists[static_cast<std::size_t>(list_index)];
  return std::binary_search(list.begin(), list.end(), value);
}

std::string Location(const XmlDocument& doc, const FxTree& tree, int node) {
  std::string path = tree.Path(node);
  int line = doc.LineOf(tree.at(node).element);
  return line > 0 ? path + " (line " + std::to_string(line) + ")" : path;
}

}  // namespace

std::vector<const RuleInfo*> FacturXRulesNotRunnable() {
  std::vector<const RuleInfo*> out;
  for (std::size_t i = 0; i < kTables.size(); ++i) {
    const CompiledSet& set = SetFor(i);
    out.insert(out.end(), set.not_runnable.begin(), set.not_runnable.end());
  }
  return out;
}

std::string_view FacturXRuleSet(FacturXProfile profile) {
  switch (profile) {
    case FacturXProfile::kMinimum:
    case FacturXProfile::kBasicWl:
      return kTables[0].set;
    case FacturXProfile::kBasic:
    case FacturXProfile::kEn16931:
      return kTables[1].set;
    case FacturXProfile::kExtended:
      break;
  }
  return kTables[2].set;
}

std::vector<Diagnostic> CheckFacturXRules(const XmlDocument& doc) {
  std::vector<Diagnostic> out;
  std::optional<FacturXProfile> found = FacturXProfileOf(doc);
  if (!found) {
    // Asked for, but which profile's rules? Say so rather than pass quietly.
    if (doc.syntax != Syntax::kUbl) {
      out.push_back(Diagnostic{
          std::string(kNoProfileId), Severity::kWarning,
          "BT-24 \"" + SpecificationIdOf(doc) +
              "\" names no Factur-X profile (MINIMUM, BASIC WL, BASIC, "
              "EN16931, EXTENDED): the Factur-X profile rules did not run",
          ""});
    }
    return out;
  }
  FacturXProfile profile = *found;
  std::size_t index =
      profile == FacturXProfile::kMinimum || profile == FacturXProfile::kBasicWl
          ? 0
          : (profile == FacturXProfile::kExtended ? 2 : 1);
  const Tables& tables = kTables[index];
  const CompiledSet& set = SetFor(index);
  // MINIMUM has no Schematron of its own: it gets the BASIC WL code list
  // checks (its code lists are those of BASIC WL) and nothing else.
  bool codes_only = profile == FacturXProfile::kMinimum;
  // BASIC shares the EN16931 rules; list 1 (the BT-24 values) is always the
  // document's own profile's, so the profile id itself is accepted.
  auto profile_db = kProfileCodedb[static_cast<std::size_t>(profile)];
  FxTree tree(doc.dom(), doc.bytes);
  Evaluator ev(tree, [&](int list, std::string_view value) {
    std::span<const unsigned char> db = list == 1 ? profile_db : tables.codedb;
    if (list < 1 || static_cast<std::size_t>(list) > db.size()) return false;
    return InList(db[static_cast<std::size_t>(list) - 1], value);
  });

  auto fail = [&](const Check& c, std::string location,
                  const std::string& error) {
    std::string message(c.info->message);
    if (!error.empty()) message += " (could not be evaluated: " + error + ")";
    out.push_back(Diagnostic{std::string(c.info->id), c.info->flag,
                             std::move(message), std::move(location)});
  };
  std::vector<int> checked_in(static_cast<std::size_t>(tree.size()), -1);
  std::vector<Variable> vars;
  for (const Rule& rule : set.rules) {
    if (!rule.context) continue;  // its checks are in set.not_runnable
    auto nodes = ev.Match(*rule.context);
    if (!nodes) {
      for (const Check& c : rule.checks) fail(c, "", nodes.error().message);
      continue;
    }
    for (const auto& item : *nodes) {
      if (item.kind != rules::fx::ItemKind::kNode) continue;
      int& mark = checked_in[static_cast<std::size_t>(item.node)];
      if (mark == rule.pattern)
        continue;  // an earlier rule of the pattern had it
      mark = rule.pattern;
      vars.clear();
      for (const auto& [name, value] : rule.lets) {
        auto v = ev.Eval(*value, item.node, {});
        vars.push_back(Variable{name, v ? std::move(*v) : rules::fx::Seq{}});
      }
      for (const Check& c : rule.checks) {
        if (codes_only && !c.code_list) continue;
        auto r = ev.Test(*c.test, item.node, vars);
        if (!r) {
          fail(c, Location(doc, tree, item.node), r.error().message);
        } else if (*r == c.report) {
          fail(c, Location(doc, tree, item.node), "");
        }
      }
    }
  }
  if (!set.not_runnable.empty()) {
    std::string ids;
    for (const RuleInfo* r : set.not_runnable)
      ids += (ids.empty() ? "" : " ") + std::string(r->id);
    out.push_back(Diagnostic{std::string(kNotRunId), Severity::kWarning,
                             std::to_string(set.not_runnable.size()) +
                                 " rules of " + std::string(tables.set) +
                                 " could not run: " + ids,
                             ""});
  }
  return out;
}

}  // namespace chorus
