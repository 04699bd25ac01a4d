// Absent mandatory terms and groups survive JSON round trips; Compute fills
// what it computes, creating BG-22 when absent.
#include <gtest/gtest.h>

#include <string>

#include "chorus/model/compute.h"
#include "chorus/model/json.h"

namespace chorus {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

// A model missing most mandatory terms the JSON format lets one omit.
Invoice Sparse() {
  Invoice inv;
  inv.number = "";  // present but empty
  inv.issue_date = Date{2026, 1, 2};
  inv.type_code = "380";
  inv.currency = "EUR";
  Seller& s = inv.seller.emplace();
  s.name = "S";
  s.address.emplace().city = "Lyon";  // no country
  inv.buyer.emplace().name = "B";      // no address at all
  AllowanceCharge ac;
  ac.percentage = D("10");  // amount absent
  inv.allowances_charges.push_back(ac);
  inv.vat_total = D("3.00");  // BT-110 without BG-22
  VatBreakdown vb;
  vb.category = "S";  // amounts absent
  inv.vat_breakdown.push_back(vb);
  InvoiceLine& l = inv.lines.emplace_back();
  l.id = "1";
  l.quantity = D("1");
  l.price.emplace().net_price = D("5");
  l.item.emplace().name = "x";  // no unit code, no net amount
  return inv;
}

TEST(JsonPresence, AbsentMandatoryTermsRoundTrip) {
  const Invoice inv = Sparse();
  const std::string json = InvoiceToJson(inv);
  EXPECT_EQ(json.find("\"specification_id\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"unit_code\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"country\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"number\": \"\""), std::string::npos) << json;
  Result<Invoice> back = InvoiceFromJson(json, "sparse.json");
  ASSERT_TRUE(back.ok()) << back.error().message << "\n" << json;
  EXPECT_EQ(*back, inv);
  EXPECT_EQ(back->totals, std::nullopt);
  EXPECT_EQ(back->vat_total, D("3.00"));
  EXPECT_EQ(back->buyer->address, std::nullopt);
  EXPECT_EQ(back->seller->address->country, std::nullopt);
  EXPECT_EQ(back->lines[0].net_amount, std::nullopt);
  EXPECT_EQ(back->allowances_charges[0].amount, std::nullopt);
  EXPECT_EQ(back->vat_breakdown[0].tax_amount, std::nullopt);
}

TEST(JsonPresence, EmptyGroupsStayPresent) {
  Invoice inv = Sparse();
  // An empty BG-22 next to BT-110 would read back as BT-110 alone (the JSON
  // format keeps BT-110 in "totals"): the one case the format cannot tell.
  inv.vat_total.reset();
  inv.totals.emplace();
  inv.buyer->address.emplace();
  Result<Invoice> back = InvoiceFromJson(InvoiceToJson(inv), "empty.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, inv);
}

TEST(JsonPresence, RequiredKeysAreStillRequired) {
  Invoice inv = Sparse();
  inv.number.reset();
  inv.allowances_charges[0].indicator_valid = false;
  Result<Invoice> back = InvoiceFromJson(InvoiceToJson(inv), "missing.json");
  ASSERT_FALSE(back.ok());
  std::string locations;
  for (const Diagnostic& d : back.error().details) locations += d.location + " ";
  EXPECT_NE(locations.find("$.number"), std::string::npos) << locations;
  EXPECT_NE(locations.find("$.allowances_charges[0].is_charge"),
            std::string::npos)
      << locations;
}

TEST(ComputePresence, FillsAbsentTermsAndCreatesTotals) {
  Invoice inv;
  InvoiceLine& l = inv.lines.emplace_back();
  l.id = "1";
  l.quantity = D("2");
  l.price.emplace().net_price = D("10");
  l.vat_category = "S";
  l.vat_rate = D("20");
  AllowanceCharge ac;
  ac.percentage = D("10");
  ac.base_amount = D("20");
  ac.vat_category = "S";
  ac.vat_rate = D("20");
  inv.allowances_charges.push_back(ac);
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(inv.lines[0].net_amount, D("20.00"));
  EXPECT_EQ(inv.allowances_charges[0].amount, D("2.00"));
  ASSERT_TRUE(inv.totals.has_value());
  EXPECT_EQ(inv.totals->line_net_total, D("20.00"));
  EXPECT_EQ(inv.totals->tax_exclusive, D("18.00"));
  EXPECT_EQ(inv.vat_total, D("3.60"));
  EXPECT_EQ(inv.totals->payable, D("21.60"));
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(inv.vat_breakdown[0].taxable_amount, D("18.00"));
}

TEST(ComputePresence, AbsentQuantityOrPriceCountsAsZero) {
  Invoice inv;
  InvoiceLine& l = inv.lines.emplace_back();
  l.vat_category = "Z";
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(inv.lines[0].net_amount, D("0.00"));
  EXPECT_EQ(inv.lines[0].price, std::nullopt);  // not invented
  EXPECT_EQ(inv.totals->payable, D("0.00"));
}

}  // namespace
}  // namespace chorus
