// The rule catalogue against the official artefacts: every assert of both
// Schematron files must be in the table with the same flag and text, so the
// committed table cannot drift from them.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "chorus/format/document.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

const RuleInfo& MustFind(std::string_view id, Syntax syntax) {
  const RuleInfo* rule = FindRule(id, syntax);
  if (rule == nullptr) {
    ADD_FAILURE() << "no catalogue entry for " << id;
    static const RuleInfo kNone{};
    return kNone;
  }
  return *rule;
}

// Position in AllRules() of the first entry with that id.
std::ptrdiff_t IndexOf(std::string_view id) {
  auto all = AllRules();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].id == id) return static_cast<std::ptrdiff_t>(i);
  }
  ADD_FAILURE() << id << " not in the catalogue";
  return -1;
}

// Natural order key, written independently of the generator: digit runs
// compare as numbers and before text at the same position.
std::vector<std::pair<long, std::string>> NaturalKey(std::string_view id) {
  std::vector<std::pair<long, std::string>> key;
  std::size_t i = 0;
  while (i < id.size()) {
    std::size_t j = i;
    bool digits = id[i] >= '0' && id[i] <= '9';
    while (j < id.size() && (id[j] >= '0' && id[j] <= '9') == digits) ++j;
    std::string chunk(id.substr(i, j - i));
    if (digits) {
      key.emplace_back(std::stol(chunk), "");
    } else {
      key.emplace_back(-1, chunk);  // -1 never equals a number
    }
    i = j;
  }
  return key;
}

// The message as an assert states it: "[ID]-" or "[ID] - " prefix dropped,
// line wraps with their indentation read as one space, ends trimmed.
std::string OfficialText(std::string_view raw) {
  std::string s(raw);
  std::size_t start = s.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && s[start] == '[') {
    std::size_t close = s.find(']', start);
    if (close != std::string::npos) {
      std::size_t k = close + 1;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
      if (k < s.size() && s[k] == '-') ++k;
      s = s.substr(k);
    }
  }
  // A line break and the blanks around it read as one space.
  std::string joined;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n') {
      joined += s[i];
      continue;
    }
    while (!joined.empty() && (joined.back() == ' ' || joined.back() == '\t' ||
                               joined.back() == '\r')) {
      joined.pop_back();
    }
    while (i + 1 < s.size() && (s[i + 1] == ' ' || s[i + 1] == '\t' ||
                                s[i + 1] == '\r' || s[i + 1] == '\n')) {
      ++i;
    }
    joined += ' ';
  }
  s = std::move(joined);
  // Trimmed of XML white space and of U+00A0 (C2 A0), which ends a few
  // UBL messages.
  auto blank_at = [&s](std::size_t i) {
    char c = s[i];
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    if (blank_at(s.size() - 1)) {
      s.pop_back();
      changed = true;
    } else if (s.ends_with("\xC2\xA0")) {
      s.resize(s.size() - 2);
      changed = true;
    }
  }
  std::size_t b = 0;
  while (b < s.size() && (blank_at(b) || s.compare(b, 2, "\xC2\xA0") == 0)) {
    b += blank_at(b) ? 1 : 2;
  }
  return s.substr(b);
}

struct Assert {
  std::string flag;
  std::string text;
};

// id -> first assert of that id in one artefact.
std::map<std::string, Assert> ReadArtefact(const std::filesystem::path& path) {
  std::map<std::string, Assert> out;
  pugi::xml_document sch;
  pugi::xml_parse_result parsed = sch.load_file(path.c_str());
  EXPECT_TRUE(parsed) << path << ": " << parsed.description();
  for (pugi::xpath_node n : sch.select_nodes("//*[local-name()='assert']")) {
    pugi::xml_node a = n.node();
    out.try_emplace(a.attribute("id").value(),
                    Assert{a.attribute("flag").value(),
                           OfficialText(a.child_value())});
  }
  return out;
}

std::filesystem::path Artefact(std::string_view syntax) {
  std::string name = syntax == "ubl" ? "UBL" : "CII";
  return testing::SharedDir() / "rules/en16931" / std::string(syntax) /
         ("EN16931-" + name + "-validation-preprocessed.sch");
}

const char* FlagName(Severity s) {
  return s == Severity::kFatal ? "fatal"
                               : (s == Severity::kWarning ? "warning" : "?");
}

TEST(CatalogueTest, HoldsEveryRuleOfBothArtefacts) {
  auto ubl = ReadArtefact(Artefact("ubl"));
  auto cii = ReadArtefact(Artefact("cii"));
  ASSERT_GT(ubl.size(), 900u);
  ASSERT_GT(cii.size(), 700u);

  std::size_t expected_entries = 0;
  for (const auto& [syntax, asserts] :
       {std::pair{Syntax::kUbl, &ubl}, std::pair{Syntax::kCii, &cii}}) {
    for (const auto& [id, a] : *asserts) {
      const RuleInfo* rule = FindRule(id, syntax);
      ASSERT_NE(rule, nullptr) << id << " (" << SyntaxName(syntax) << ")";
      EXPECT_EQ(rule->id, id);
      EXPECT_EQ(FlagName(rule->flag), a.flag) << id;
      EXPECT_EQ(rule->message, a.text) << id << " (" << SyntaxName(syntax)
                                       << ")";
    }
  }
  for (const auto& [id, a] : ubl) {
    auto other = cii.find(id);
    bool same = other != cii.end() && other->second.flag == a.flag &&
                other->second.text == a.text;
    expected_entries += (same || other == cii.end()) ? 1 : 2;
  }
  for (const auto& [id, a] : cii) {
    if (!ubl.contains(id)) ++expected_entries;
  }
  // No entry the artefacts do not define.
  EXPECT_EQ(AllRules().size(), expected_entries);
  EXPECT_GT(AllRules().size(), 1000u);
}

TEST(CatalogueTest, EveryEntryIsWellFormed) {
  const std::regex term("B[TG]-[0-9]+");
  for (const RuleInfo& rule : AllRules()) {
    EXPECT_FALSE(rule.id.empty());
    EXPECT_FALSE(rule.message.empty()) << rule.id;
    EXPECT_TRUE(rule.flag == Severity::kFatal ||
                rule.flag == Severity::kWarning)
        << rule.id;
    EXPECT_NE(rule.message.front(), ' ') << rule.id;
    EXPECT_NE(rule.message.back(), ' ') << rule.id;
    EXPECT_NE(rule.message.front(), '[') << rule.id << ": prefix left";
    // Each listed term is named in the text, and each named term is listed.
    std::string message(rule.message);
    std::string terms(rule.terms);
    for (auto it = std::sregex_iterator(terms.begin(), terms.end(), term);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(std::regex_search(message,
                                    std::regex("\\b" + it->str() + "\\b")))
          << rule.id << " lists " << it->str();
    }
    for (auto it = std::sregex_iterator(message.begin(), message.end(), term);
         it != std::sregex_iterator(); ++it) {
      EXPECT_NE((" " + terms + " ").find(" " + it->str() + " "),
                std::string::npos)
          << rule.id << " does not list " << it->str();
    }
  }
}

TEST(CatalogueTest, SortedNaturallyWithOneEntryPerIdAndSyntax) {
  auto all = AllRules();
  for (std::size_t i = 1; i < all.size(); ++i) {
    const RuleInfo& a = all[i - 1];
    const RuleInfo& b = all[i];
    if (a.id == b.id) {
      // Split entries: kUbl then kCii, never with a kBoth.
      EXPECT_EQ(a.syntax, RuleSyntax::kUbl) << a.id;
      EXPECT_EQ(b.syntax, RuleSyntax::kCii) << b.id;
      EXPECT_TRUE(a.flag != b.flag || a.message != b.message) << a.id;
      continue;
    }
    auto ka = NaturalKey(a.id);
    auto kb = NaturalKey(b.id);
    EXPECT_TRUE(ka < kb || (ka == kb && a.id < b.id))
        << a.id << " before " << b.id;
  }
  EXPECT_LT(IndexOf("BR-09"), IndexOf("BR-10"));
  EXPECT_LT(IndexOf("BR-CO-04"), IndexOf("BR-CO-10"));
  EXPECT_LT(IndexOf("BR-65"), IndexOf("BR-AE-01"));
  // CII-SR-04 is the one id whose natural and byte orders differ.
  EXPECT_LT(IndexOf("CII-SR-003"), IndexOf("CII-SR-04"));
  EXPECT_LT(IndexOf("CII-SR-04"), IndexOf("CII-SR-006"));
}

TEST(CatalogueTest, KnownRules) {
  const RuleInfo& co10 = MustFind("BR-CO-10", Syntax::kUbl);
  EXPECT_EQ(co10.flag, Severity::kFatal);
  EXPECT_EQ(co10.message,
            "Sum of Invoice line net amount (BT-106) = \xCE\xA3 Invoice line "
            "net amount (BT-131).");
  EXPECT_EQ(co10.terms, "BT-106 BT-131");
  EXPECT_EQ(co10.syntax, RuleSyntax::kBoth);

  const RuleInfo& cr1 = MustFind("UBL-CR-001", Syntax::kUbl);
  EXPECT_EQ(cr1.flag, Severity::kWarning);
  EXPECT_EQ(cr1.syntax, RuleSyntax::kUbl);
  EXPECT_EQ(cr1.message, "A UBL invoice should not include extensions");

  const RuleInfo& sr1 = MustFind("CII-SR-001", Syntax::kCii);
  EXPECT_EQ(sr1.flag, Severity::kWarning);
  EXPECT_EQ(sr1.syntax, RuleSyntax::kCii);

  // The CII artefact wraps this text over two lines; UBL does not.
  const RuleInfo& cl21 = MustFind("BR-CL-21", Syntax::kCii);
  EXPECT_EQ(cl21.message,
            "Item standard identifier scheme identifier MUST belong to the "
            "ISO 6523 ICD code list");
  EXPECT_EQ(cl21.syntax, RuleSyntax::kBoth);
}

TEST(CatalogueTest, FindRuleIgnoresCase) {
  const RuleInfo* upper = FindRule("BR-CO-10", Syntax::kCii);
  ASSERT_NE(upper, nullptr);
  EXPECT_EQ(FindRule("br-co-10", Syntax::kCii), upper);
  EXPECT_EQ(FindRule("Br-Co-10", Syntax::kUbl), upper);
}

TEST(CatalogueTest, FindRulePicksTheEntryOfTheSyntax) {
  // BR-AE-01 says "VAT Breakdown" in UBL and "VAT breakdown" in CII.
  const RuleInfo* ubl = FindRule("BR-AE-01", Syntax::kUbl);
  const RuleInfo* cii = FindRule("BR-AE-01", Syntax::kCii);
  ASSERT_NE(ubl, nullptr);
  ASSERT_NE(cii, nullptr);
  EXPECT_EQ(ubl->syntax, RuleSyntax::kUbl);
  EXPECT_EQ(cii->syntax, RuleSyntax::kCii);
  EXPECT_NE(ubl->message.find("VAT Breakdown"), std::string_view::npos);
  EXPECT_NE(cii->message.find("VAT breakdown"), std::string_view::npos);
  EXPECT_EQ(FindRule("BR-AE-01", Syntax::kFacturX), cii);

  // Syntax-only rules are not found for the other syntax.
  EXPECT_EQ(FindRule("UBL-CR-001", Syntax::kCii), nullptr);
  EXPECT_EQ(FindRule("CII-SR-001", Syntax::kUbl), nullptr);
  EXPECT_NE(FindRule("CII-SR-001", Syntax::kFacturX), nullptr);
}

TEST(CatalogueTest, FindRuleReachesEveryEntry) {
  for (const RuleInfo& rule : AllRules()) {
    if (rule.syntax != RuleSyntax::kCii) {
      EXPECT_EQ(FindRule(rule.id, Syntax::kUbl), &rule) << rule.id;
    }
    if (rule.syntax != RuleSyntax::kUbl) {
      EXPECT_EQ(FindRule(rule.id, Syntax::kCii), &rule) << rule.id;
    }
  }
}

TEST(CatalogueTest, FindRuleRejectsUnknownIds) {
  EXPECT_EQ(FindRule("", Syntax::kUbl), nullptr);
  EXPECT_EQ(FindRule("BR-9999", Syntax::kUbl), nullptr);
  EXPECT_EQ(FindRule("BR-CO-10 ", Syntax::kUbl), nullptr);
  EXPECT_EQ(FindRule(std::string(200, 'B'), Syntax::kCii), nullptr);
}

}  // namespace
}  // namespace chorus
