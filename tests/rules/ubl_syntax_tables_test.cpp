// The UBL syntax walk's name table (ubl::Tables::Find), whose slots
// SpreadNameSlots lays out by the multiplier that spreads the names best:
// every interned name finds its own id, and names that share its key (its
// length and first seven bytes) but differ further on, or its namespace,
// find no other. Then the per-name flags the walk's short paths rely on.
#include "../src/rules/ubl_syntax_tables.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace chorus {
namespace {

TEST(UblSyntaxTables, FindsEveryInternedNameAtItsId) {
  const rules::ubl::Tables& t = rules::ubl::GetTables();
  ASSERT_GT(t.names_.size(), 300u);
  for (std::size_t id = 0; id < t.names_.size(); ++id) {
    const rules::ubl::NameEntry& e = t.names_[id];
    EXPECT_EQ(t.Find(e.ns, e.local, xml::NameKey(e.local)),
              static_cast<int>(id))
        << e.local;
  }
}

TEST(UblSyntaxTables, NamesThatDifferPastTheKeyOrByNamespaceMiss) {
  const rules::ubl::Tables& t = rules::ubl::GetTables();
  std::set<std::pair<int, std::string>> interned;
  for (const rules::ubl::NameEntry& e : t.names_) {
    interned.emplace(e.ns, std::string(e.local));
  }
  int tried = 0;
  for (const rules::ubl::NameEntry& e : t.names_) {
    // One byte changed at each position past the key: the tail, and for
    // names of 16 bytes or more the middle, are what tell these apart.
    for (std::size_t at = 7; at < e.local.size(); ++at) {
      std::string other(e.local);
      other[at] = other[at] == 'x' ? 'y' : 'x';
      if (interned.contains({e.ns, other})) continue;
      EXPECT_EQ(t.Find(e.ns, other, xml::NameKey(other)), -1) << other;
      ++tried;
    }
    const int other_ns =
        e.ns == rules::ubl::kCbc ? rules::ubl::kCac : rules::ubl::kCbc;
    if (!interned.contains({other_ns, std::string(e.local)})) {
      EXPECT_EQ(t.Find(other_ns, e.local, xml::NameKey(e.local)), -1)
          << e.local;
      ++tried;
    }
  }
  EXPECT_GT(tried, 1000);
}

// The combined state of a row by a multiply (StateOf) is the row divided
// by the row length, for every row the 20 bits of Tables::Next can hold.
TEST(UblSyntaxTables, StateOfEveryRowIsItsQuotient) {
  const rules::ubl::Tables& t = rules::ubl::GetTables();
  const std::size_t names = t.names_.size();
  std::size_t rows = 0;
  for (std::size_t row = 0; row <= rules::ubl::Tables::kRowMask; row += names) {
    ASSERT_EQ(t.StateOf(static_cast<uint32_t>(row)), row / names) << row;
    ++rows;
  }
  EXPECT_GT(rows, 1000u);
}

// The names the walk hands to its short paths: kPlainContext (a context
// opened without RestInGeneral) only on names whose rule takes every
// element of the name and that gather nothing; kAttributeName on the names
// a "//" path continues to an attribute and on cbc:PaymentMeansCode,
// never in the flags that decide whether an element needs Rest.
TEST(UblSyntaxTables, ShortPathsOnlyWhereTheGeneralOneDoesNoMore) {
  namespace ubl = rules::ubl;
  const ubl::Tables& t = ubl::GetTables();
  auto flags_of = [&](int ns, std::string_view local) {
    const int id = t.Find(ns, local, xml::NameKey(local));
    EXPECT_GE(id, 0) << local;
    return id < 0 ? 0 : t.flags_[static_cast<std::size_t>(id)];
  };
  int plain = 0;
  for (std::size_t n = 0; n < t.names_.size(); ++n) {
    const ubl::NameEntry& e = t.names_[n];
    EXPECT_EQ(
        (t.rest_flags_[2 * n] | t.rest_flags_[2 * n + 1]) & ubl::kAttributeName,
        0)
        << e.local;
    if (t.flags_[n] != (ubl::kSlowName | ubl::kPlainContext)) continue;
    ++plain;
    EXPECT_TRUE(e.rule >= 0 && e.rule != ubl::kRootRule &&
                e.rule != ubl::kSupplierPartyRule &&
                e.rule != ubl::kAllowanceRule)
        << e.local;
    EXPECT_TRUE(!e.gathers && e.collect < 0 && e.floating.empty() &&
                e.suffix_rule < 0)
        << e.local;
  }
  EXPECT_GE(plain, 8);
  for (std::string_view local : {"InvoiceLine", "PostalAddress", "TaxSubtotal",
                                 "PaymentMeans", "Delivery"}) {
    EXPECT_EQ(flags_of(ubl::kCac, local), ubl::kSlowName | ubl::kPlainContext)
        << local;
  }
  for (std::string_view local :
       {"Party", "AllowanceCharge", "PartyTaxScheme",
        "AdditionalDocumentReference", "PartyIdentification"}) {
    EXPECT_EQ(flags_of(ubl::kCac, local) & ubl::kPlainContext, 0) << local;
  }
  for (std::string_view local : {"PaymentMeansCode", "ID", "CompanyID"}) {
    EXPECT_NE(flags_of(ubl::kCbc, local) & ubl::kAttributeName, 0) << local;
  }
  for (std::string_view local : {"Note", "CustomizationID"}) {
    EXPECT_EQ(flags_of(ubl::kCbc, local) & ubl::kAttributeName, 0) << local;
  }
  // End lists whose paths all end on attributes (the walk skips them on
  // elements without attributes: cbc:CustomizationID/@schemeID at the
  // root, UblSyntax.AttributesCountWhereverTheyStand) exist, and fit.
  int attributes_only = 0;
  for (const ubl::Tables::EndList& l : t.end_lists_) {
    attributes_only += l.begin == l.attributes && l.attributes < l.end;
  }
  EXPECT_GT(attributes_only, 0);
  EXPECT_LE(t.end_lists_.size(), ubl::Tables::kAttributesOnlyList);
}

}  // namespace
}  // namespace chorus
