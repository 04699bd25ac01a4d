// The UBL syntax walk follows the tries of every context an element lies in
// as one combined state (ubl::Tables::Next), in Tables::kSlots slots; a
// context opened while every slot is taken is counted by searching its
// subtree instead (the general path). Nested contexts deeper than the
// slots, with the same content at every depth, must fail the same asserts
// at every depth: both paths answer alike.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../src/rules/engine_internal.h"
#include "../src/rules/ubl_syntax_tables.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"

namespace chorus {
namespace {

std::string InInvoice(const std::string& body) {
  const std::string ubl = "urn:oasis:names:specification:ubl:schema:xsd:";
  return "<Invoice xmlns='" + ubl + "Invoice-2' xmlns:cac='" + ubl +
         "CommonAggregateComponents-2' xmlns:cbc='" + ubl +
         "CommonBasicComponents-2'>" + body + "</Invoice>";
}

// Rule ids per failing element (its location: path and line), root
// failures left out.
using Places = std::map<std::string, std::multiset<std::string>>;
Places FailuresByPlace(const std::string& body) {
  auto loaded = LoadDocumentBuffer(InInvoice(body), "t.xml");
  EXPECT_TRUE(loaded.ok());
  Places by_place;
  if (!loaded.ok()) return by_place;
  std::vector<Diagnostic> out;
  ReadResult read;
  rules::RunContext ctx{*loaded.value(), read, Syntax::kUbl, &out};
  rules::CheckUblSyntaxRules(ctx);
  for (const Diagnostic& d : out) {
    if (!d.location.starts_with("/Invoice (")) {
      by_place[d.location].insert(d.rule);
    }
  }
  return by_place;
}

// Whether a location ("/a/b (line n)") names an element `name`.
bool IsAt(const std::string& place, std::string_view name) {
  return std::string_view(place)
      .substr(0, place.find(" (line"))
      .ends_with(name);
}

// The rule ids failing at each element named `name`, expected the same at
// every one of them; `count`: how many failed.
std::multiset<std::string> SameAtEach(const Places& by_place,
                                      std::string_view name, int& count) {
  std::multiset<std::string> first;
  count = 0;
  for (const auto& [place, rules] : by_place) {
    if (!IsAt(place, name)) continue;
    if (count++ == 0) first = rules;
    EXPECT_EQ(rules, first) << place;
  }
  return first;
}

// A context's content that breaks its count asserts: `inner` goes where
// the next one nests.
std::string Line(const std::string& inner) {
  return "\n<cac:InvoiceLine><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>"
         "<cac:InvoicePeriod/><cac:InvoicePeriod/>"
         "<cac:OrderLineReference><cbc:LineID>1</cbc:LineID>"
         "<cbc:LineID>2</cbc:LineID></cac:OrderLineReference>"
         "\n<cac:AllowanceCharge>"
         "<cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
         "<cbc:AllowanceChargeReason>x</cbc:AllowanceChargeReason>"
         "<cbc:AllowanceChargeReason>y</cbc:AllowanceChargeReason>"
         "<cbc:Amount>1.234</cbc:Amount></cac:AllowanceCharge>"
         "<cac:Item><cbc:Description>d</cbc:Description>"
         "<cbc:Description>e</cbc:Description></cac:Item>" +
         inner + "</cac:InvoiceLine>";
}

TEST(UblSyntaxCombined, NestedContextsFailAlikeWithinAndBeyondTheSlots) {
  constexpr int kDepth = rules::ubl::Tables::kSlots + 3;
  std::string body;
  for (int d = 0; d < kDepth; ++d) body = Line(body);
  const auto by_place = FailuresByPlace(body);
  // Each line, and each allowance in it, fails on its own.
  int lines = 0;
  const auto line_rules = SameAtEach(by_place, "cac:InvoiceLine", lines);
  EXPECT_EQ(lines, kDepth);
  for (const char* id : {"UBL-SR-34", "UBL-SR-35", "UBL-SR-36", "UBL-SR-50"}) {
    EXPECT_EQ(line_rules.count(id), 1u) << id;
  }
  int allowances = 0;
  const auto allowance_rules =
      SameAtEach(by_place, "cac:AllowanceCharge", allowances);
  EXPECT_EQ(allowances, kDepth);
  EXPECT_EQ(allowance_rules.count("UBL-SR-30"), 1u);
}

// Contexts side by side and one inside another's dead paths: a slot
// whose paths ended is taken again by the next context, whose counts
// must not mix with its siblings'.
TEST(UblSyntaxCombined, SiblingContextsCountApart) {
  const std::string two_reasons =
      "<cbc:AllowanceChargeReason>x</cbc:AllowanceChargeReason>"
      "<cbc:AllowanceChargeReason>y</cbc:AllowanceChargeReason>";
  auto allowance = [](const std::string& inside) {
    return "<cac:AllowanceCharge><cbc:ChargeIndicator>false"
           "</cbc:ChargeIndicator>" +
           inside + "</cac:AllowanceCharge>";
  };
  const std::string one =
      "<cbc:AllowanceChargeReason>x</cbc:AllowanceChargeReason>";
  // Three one-reason allowances: no failure, though three reasons in all.
  auto by_place = FailuresByPlace(
      "<cac:InvoiceLine><cac:Item><cac:X>" + allowance(one) + allowance(one) +
      "</cac:X>" + allowance(one) + "</cac:Item></cac:InvoiceLine>");
  for (const auto& [place, rules] : by_place) {
    EXPECT_EQ(rules.count("UBL-SR-30"), 0u) << place;
  }
  // The one with two, between clean ones, fails alone.
  by_place = FailuresByPlace("<cac:InvoiceLine><cac:Item>" + allowance(one) +
                             allowance(two_reasons) + allowance(one) +
                             "</cac:Item></cac:InvoiceLine>");
  int failed = 0;
  for (const auto& [place, rules] : by_place) {
    failed += static_cast<int>(rules.count("UBL-SR-30"));
  }
  EXPECT_EQ(failed, 1);
}

}  // namespace
}  // namespace chorus
