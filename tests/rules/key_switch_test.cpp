// KeySwitch and VisitPicked, the walks' one-probe name lookup: every listed
// name finds its action, no other key does, and VisitPicked keeps exactly the
// entries a per-element test would, in document order.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../src/rules/doc_index.h"
#include "chorus/format/document.h"

namespace chorus {
namespace {

constexpr rules::KeySwitch<5> kSwitch = {
    {"InvoiceLine", 1},
    {"ID", 2},
    {"AccountingSupplierParty", 3},
    {"AccountingCustomerParty", 3},  // same key, same action
    {"TaxTotal", 4},
    {"Amount", 5},
};

TEST(KeySwitch, FindsEveryListedNameAndNoOther) {
  EXPECT_EQ(kSwitch(xml::NameKey("InvoiceLine")), 1);
  EXPECT_EQ(kSwitch(xml::NameKey("ID")), 2);
  EXPECT_EQ(kSwitch(xml::NameKey("AccountingSupplierParty")), 3);
  EXPECT_EQ(kSwitch(xml::NameKey("AccountingCustomerParty")), 3);
  EXPECT_EQ(kSwitch(xml::NameKey("TaxTotal")), 4);
  EXPECT_EQ(kSwitch(xml::NameKey("Amount")), 5);
  for (std::string_view other :
       {"", "I", "IDs", "Id", "InvoiceLines", "Invoice", "TaxTotals",
        "PayableAmount", "amount", "CreditNoteLine", "Note", "cbc"}) {
    EXPECT_EQ(kSwitch(xml::NameKey(other)), 0) << other;
    EXPECT_EQ(kSwitch.Knows(xml::NameKey(other)), 0u) << other;
  }
  // A key holds the length and first seven bytes only: a name sharing
  // them is a hit the caller must confirm.
  EXPECT_EQ(kSwitch(xml::NameKey("InvoiceXXXX")), 1);
}

TEST(KeySwitch, VisitPickedVisitsTheKnownEntriesInDocumentOrder) {
  const std::string xml =
      "<Invoice "
      "xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' "
      "xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonBasicComponents-2'><cbc:ID>1</cbc:ID><Note/>"
      "<InvoiceLine><ID>2</ID><Amount>3</Amount><Item><Name/></Item>"
      "</InvoiceLine><TaxTotal/><Other><Amount/></Other></Invoice>";
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  std::shared_ptr<const rules::DocIndex> index =
      rules::MakeDocIndex(*loaded.value());
  const rules::DocIndex& d = *index;
  std::vector<int32_t> expected;
  for (int32_t i = 0; i < d.size(); ++i) {
    if (kSwitch(d[i].key) != 0) expected.push_back(i);
  }
  std::vector<int32_t> out;
  rules::VisitPicked(
      d.size(), [&](int32_t i) { return kSwitch.Knows(d[i].key); },
      [&](int32_t i) { out.push_back(i); });
  EXPECT_EQ(out, expected);
  std::vector<std::string_view> names;
  for (int32_t i : out) names.push_back(d[i].local);
  EXPECT_EQ(names,
            (std::vector<std::string_view>{"ID", "InvoiceLine", "ID", "Amount",
                                           "TaxTotal", "Amount"}));
}

}  // namespace
}  // namespace chorus
