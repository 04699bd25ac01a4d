#include "chorus/model/compute.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace chorus {
namespace {

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

std::string S(const Amount& d) { return d ? d->ToString() : "(absent)"; }

InvoiceLine Line(std::string id, std::string_view qty, std::string_view price,
                 std::string category, std::optional<std::string_view> rate) {
  InvoiceLine line;
  line.id = std::move(id);
  line.quantity = D(qty);
  line.unit_code = "C62";
  line.price.emplace().net_price = D(price);
  line.vat_category = std::move(category);
  if (rate) line.vat_rate = D(*rate);
  line.item.emplace().name = "item";
  return line;
}

AllowanceCharge DocAc(bool charge, std::string_view amount, std::string category,
                      std::string_view rate) {
  AllowanceCharge ac;
  ac.is_charge = charge;
  ac.amount = D(amount);
  ac.vat_category = std::move(category);
  ac.vat_rate = D(rate);
  ac.reason = charge ? "Freight" : "Discount";
  return ac;
}

LineAllowanceCharge LineAc(bool charge, std::string_view amount) {
  LineAllowanceCharge ac;
  ac.is_charge = charge;
  ac.amount = D(amount);
  ac.reason = "reason";
  return ac;
}

const VatBreakdown* Find(const Invoice& inv, std::string_view category,
                         std::optional<std::string_view> rate) {
  for (const VatBreakdown& b : inv.vat_breakdown) {
    if (b.category != category) continue;
    if (!rate && !b.rate) return &b;
    if (rate && b.rate && *b.rate == D(*rate)) return &b;
  }
  return nullptr;
}

TEST(Compute, TwoRatesWithDocumentAllowanceAndCharge) {
  Invoice inv;
  inv.lines.push_back(Line("1", "3", "19.99", "S", "20"));
  inv.lines.push_back(Line("2", "1.5", "0.55", "S", "20"));  // 0.825 -> 0.83
  inv.lines.push_back(Line("3", "10", "4.10", "S", "5.5"));
  inv.lines.push_back(Line("4", "4", "12.5", "S", "5.5"));
  inv.lines[3].price->base_quantity = D("10");  // 4 x 12.5 / 10
  inv.allowances_charges.push_back(DocAc(false, "10.00", "S", "20"));
  inv.allowances_charges.push_back(DocAc(true, "3.00", "S", "5.5"));

  ASSERT_TRUE(Compute(inv).ok());

  EXPECT_EQ(S(inv.lines[0].net_amount), "59.97");
  EXPECT_EQ(S(inv.lines[1].net_amount), "0.83");
  EXPECT_EQ(S(inv.lines[2].net_amount), "41.00");
  EXPECT_EQ(S(inv.lines[3].net_amount), "5.00");

  ASSERT_EQ(inv.vat_breakdown.size(), 2u);
  const VatBreakdown* s20 = Find(inv, "S", "20");
  const VatBreakdown* s55 = Find(inv, "S", "5.5");
  ASSERT_NE(s20, nullptr);
  ASSERT_NE(s55, nullptr);
  EXPECT_EQ(S(s20->taxable_amount), "50.80");  // 59.97 + 0.83 - 10.00
  EXPECT_EQ(S(s20->tax_amount), "10.16");
  EXPECT_EQ(S(s55->taxable_amount), "49.00");  // 41.00 + 5.00 + 3.00
  EXPECT_EQ(S(s55->tax_amount), "2.70");       // 2.695 rounds half up
  EXPECT_FALSE(s20->exemption_reason_code.has_value());

  EXPECT_EQ(S(inv.totals->line_net_total), "106.80");
  EXPECT_EQ(S(inv.totals->allowance_total), "10.00");
  EXPECT_EQ(S(inv.totals->charge_total), "3.00");
  EXPECT_EQ(S(inv.totals->tax_exclusive), "99.80");
  EXPECT_EQ(S(inv.vat_total), "12.86");
  EXPECT_EQ(S(inv.totals->tax_inclusive), "112.66");
  EXPECT_EQ(S(inv.totals->payable), "112.66");
}

TEST(Compute, PercentageAllowancesAndCharges) {
  Invoice inv;
  InvoiceLine a = Line("A", "12", "7.45", "S", "20");  // 89.40
  LineAllowanceCharge pct_only = LineAc(false, "0");
  pct_only.percentage = D("10");  // of the line price amount 89.40
  a.allowances_charges.push_back(pct_only);
  a.allowances_charges.push_back(LineAc(true, "2.50"));
  inv.lines.push_back(a);

  InvoiceLine b = Line("B", "1", "33.33", "S", "20");
  LineAllowanceCharge with_base = LineAc(false, "0");
  with_base.base_amount = D("33.33");
  with_base.percentage = D("15");  // 4.9995 -> 5.00
  b.allowances_charges.push_back(with_base);
  inv.lines.push_back(b);

  AllowanceCharge doc = DocAc(false, "0", "S", "20");
  doc.base_amount = D("111.29");
  doc.percentage = D("2.5");  // 2.78225 -> 2.78
  inv.allowances_charges.push_back(doc);

  ASSERT_TRUE(Compute(inv).ok());

  EXPECT_EQ(S(inv.lines[0].allowances_charges[0].base_amount), "89.40");
  EXPECT_EQ(S(inv.lines[0].allowances_charges[0].amount), "8.94");
  EXPECT_EQ(S(inv.lines[0].net_amount), "82.96");  // 89.40 - 8.94 + 2.50
  EXPECT_EQ(S(inv.lines[1].allowances_charges[0].amount), "5.00");
  EXPECT_EQ(S(inv.lines[1].net_amount), "28.33");
  EXPECT_EQ(S(inv.allowances_charges[0].amount), "2.78");

  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(S(inv.vat_breakdown[0].taxable_amount), "108.51");  // 111.29 - 2.78
  EXPECT_EQ(S(inv.vat_breakdown[0].tax_amount), "21.70");       // 21.702
  EXPECT_EQ(S(inv.totals->line_net_total), "111.29");
  EXPECT_EQ(S(inv.totals->allowance_total), "2.78");
  EXPECT_FALSE(inv.totals->charge_total.has_value());
  EXPECT_EQ(S(inv.totals->tax_exclusive), "108.51");
  EXPECT_EQ(S(inv.totals->tax_inclusive), "130.21");
}

TEST(Compute, ExplicitAllowanceAmountWinsOverPercentage) {
  Invoice inv;
  InvoiceLine a = Line("1", "1", "100", "S", "20");
  LineAllowanceCharge ac = LineAc(false, "7.00");
  ac.base_amount = D("100.00");
  ac.percentage = D("10");
  a.allowances_charges.push_back(ac);
  inv.lines.push_back(a);
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.lines[0].allowances_charges[0].amount), "7.00");
  EXPECT_EQ(S(inv.lines[0].net_amount), "93.00");
}

TEST(Compute, ReverseChargeLineNextToStandardRate) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "100", "S", "20"));
  inv.lines.push_back(Line("2", "2", "250", "AE", "0"));
  ASSERT_TRUE(Compute(inv).ok());

  ASSERT_EQ(inv.vat_breakdown.size(), 2u);
  EXPECT_EQ(inv.vat_breakdown[0].category, "S");  // order of first appearance
  EXPECT_EQ(inv.vat_breakdown[1].category, "AE");
  const VatBreakdown& ae = inv.vat_breakdown[1];
  EXPECT_EQ(S(ae.taxable_amount), "500.00");
  EXPECT_EQ(S(ae.tax_amount), "0.00");
  EXPECT_EQ(S(ae.rate), "0");
  EXPECT_EQ(ae.exemption_reason_code.value_or(""), "VATEX-EU-AE");  // BR-AE-10
  EXPECT_EQ(S(inv.vat_total), "20.00");
  EXPECT_EQ(S(inv.totals->tax_inclusive), "620.00");
}

TEST(Compute, KeepsExistingExemptionReason) {
  Invoice inv;
  inv.lines.push_back(Line("1", "2", "250", "AE", "0"));
  inv.lines.push_back(Line("2", "1", "40", "E", "0"));
  VatBreakdown old;
  old.category = "AE";
  old.rate = D("0.00");
  old.exemption_reason = "Autoliquidation";
  old.taxable_amount = D("1.00");  // stale, must be replaced
  inv.vat_breakdown.push_back(old);
  VatBreakdown old_e;
  old_e.category = "E";
  old_e.rate = D("0");
  old_e.exemption_reason_code = "VATEX-EU-132-1I";
  inv.vat_breakdown.push_back(old_e);

  ASSERT_TRUE(Compute(inv).ok());
  ASSERT_EQ(inv.vat_breakdown.size(), 2u);
  EXPECT_EQ(inv.vat_breakdown[0].exemption_reason.value_or(""), "Autoliquidation");
  EXPECT_FALSE(inv.vat_breakdown[0].exemption_reason_code.has_value());
  EXPECT_EQ(S(inv.vat_breakdown[0].taxable_amount), "500.00");
  EXPECT_EQ(inv.vat_breakdown[1].exemption_reason_code.value_or(""), "VATEX-EU-132-1I");
  EXPECT_EQ(S(inv.vat_breakdown[1].taxable_amount), "40.00");
}

TEST(Compute, ZeroCategoriesGetOneBreakdownAndOutOfScopeHasNoRate) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "10", "Z", "0"));
  inv.lines.push_back(Line("2", "1", "5", "Z", "0.00"));
  ASSERT_TRUE(Compute(inv).ok());
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(S(inv.vat_breakdown[0].taxable_amount), "15.00");
  EXPECT_FALSE(inv.vat_breakdown[0].exemption_reason_code.has_value());  // BR-Z-10

  Invoice o;
  o.lines.push_back(Line("1", "3", "1.10", "O", std::nullopt));
  ASSERT_TRUE(Compute(o).ok());
  ASSERT_EQ(o.vat_breakdown.size(), 1u);
  EXPECT_FALSE(o.vat_breakdown[0].rate.has_value());  // BR-O-05 / BR-48
  EXPECT_EQ(S(o.vat_breakdown[0].taxable_amount), "3.30");
  EXPECT_EQ(S(o.vat_breakdown[0].tax_amount), "0.00");
  EXPECT_EQ(o.vat_breakdown[0].exemption_reason_code.value_or(""), "VATEX-EU-O");
}

TEST(Compute, SameRateWrittenDifferentlyIsOneGroup) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "10", "S", "20"));
  inv.lines.push_back(Line("2", "1", "10", " S ", "20.00"));
  ASSERT_TRUE(Compute(inv).ok());
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(inv.vat_breakdown[0].category, "S");
  EXPECT_EQ(S(inv.vat_breakdown[0].tax_amount), "4.00");
}

TEST(Compute, CreditLinesRoundSymmetrically) {
  Invoice inv;
  inv.lines.push_back(Line("1", "-1.5", "0.55", "S", "20"));  // -0.825
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.lines[0].net_amount), "-0.83");
  EXPECT_EQ(S(inv.vat_breakdown[0].tax_amount), "-0.17");  // -0.166
  EXPECT_EQ(S(inv.totals->tax_inclusive), "-1.00");

  Invoice half;
  half.lines.push_back(Line("1", "-1", "2.25", "S", "10"));
  ASSERT_TRUE(Compute(half).ok());
  // BR-S-09 rounds abs(taxable) x rate: |-0.225| -> 0.23.
  EXPECT_EQ(S(half.vat_breakdown[0].tax_amount), "-0.23");
}

TEST(Compute, PrepaidAndRoundingAmounts) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "99.55", "S", "20"));  // tax 19.91
  inv.totals.emplace().prepaid = D("20.00");
  inv.totals->rounding = D("0.34");
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.totals->tax_inclusive), "119.46");
  EXPECT_EQ(S(inv.totals->payable), "99.80");  // 119.46 - 20.00 + 0.34
  EXPECT_EQ(S(inv.totals->prepaid), "20.00");
}

TEST(Compute, GrossPriceAndDiscountGiveNetPrice) {
  Invoice inv;
  InvoiceLine line = Line("1", "100.000", "0", "S", "25");
  line.price->gross_price = D("0.1234");
  line.price->discount = D("0.0022");
  line.price->base_quantity = D("1");
  inv.lines.push_back(line);
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.lines[0].price->net_price), "0.1212");
  EXPECT_EQ(S(inv.lines[0].net_amount), "12.12");
  EXPECT_EQ(S(inv.vat_breakdown[0].tax_amount), "3.03");
}

TEST(Compute, NonTerminatingPriceDivision) {
  Invoice inv;
  InvoiceLine line = Line("1", "1", "10", "S", "20");
  line.price->base_quantity = D("3");  // 3.333...
  inv.lines.push_back(line);
  InvoiceLine line2 = Line("2", "2", "10", "S", "20");
  line2.price->base_quantity = D("3");  // 6.666...
  inv.lines.push_back(line2);
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.lines[0].net_amount), "3.33");
  EXPECT_EQ(S(inv.lines[1].net_amount), "6.67");
  EXPECT_EQ(S(inv.totals->line_net_total), "10.00");
}

TEST(Compute, KeepLineAmountsOption) {
  Invoice inv;
  inv.lines.push_back(Line("1", "3", "10", "S", "20"));
  inv.lines[0].net_amount = D("29.00");  // deliberately not 3 x 10
  ComputeOptions keep;
  keep.keep_line_amounts = true;
  ASSERT_TRUE(Compute(inv, keep).ok());
  EXPECT_EQ(S(inv.lines[0].net_amount), "29.00");
  EXPECT_EQ(S(inv.totals->line_net_total), "29.00");
  EXPECT_EQ(S(inv.vat_breakdown[0].tax_amount), "5.80");

  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.lines[0].net_amount), "30.00");
}

TEST(Compute, AllowanceTotalsPresence) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "10", "S", "20"));
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_FALSE(inv.totals->allowance_total.has_value());
  EXPECT_FALSE(inv.totals->charge_total.has_value());
  EXPECT_EQ(S(inv.totals->tax_exclusive), "10.00");

  inv.totals->allowance_total = D("5.00");  // stale but present: stays, as 0.00
  ASSERT_TRUE(Compute(inv).ok());
  EXPECT_EQ(S(inv.totals->allowance_total), "0.00");
}

TEST(Compute, ReportsImpossibleDataWithLocations) {
  Invoice inv;
  inv.lines.push_back(Line("L1", "1", "10", "S", "20"));
  inv.lines.push_back(Line("L2", "1", "10", "X", "20"));
  inv.lines.push_back(Line("L3", "1", "10", "S", std::nullopt));
  inv.lines.push_back(Line("L4", "1", "10", "S", "20"));
  inv.lines[3].price->base_quantity = D("0");
  AllowanceCharge doc = DocAc(false, "0", "S", "20");
  doc.percentage = D("5");
  inv.allowances_charges.push_back(doc);
  const Invoice before = inv;

  Status status = Compute(inv);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, Error::Kind::kInvalidInput);
  std::vector<std::string> locations;
  for (const Diagnostic& d : status.error().details) {
    locations.push_back(d.location);
    EXPECT_FALSE(d.message.empty());
  }
  EXPECT_THAT(locations, ::testing::ElementsAre("$.lines[1].vat_category", "$.lines[2].vat_rate",
                                                "$.lines[3].price.base_quantity",
                                                "$.allowances_charges[0].base_amount"));
  EXPECT_THAT(status.error().details[0].message, ::testing::HasSubstr("'L2'"));
  EXPECT_THAT(status.error().details[0].message, ::testing::HasSubstr("'X'"));
  EXPECT_EQ(inv, before);  // untouched on failure
}

TEST(Compute, MissingCategoryIsAnError) {
  Invoice inv;
  inv.lines.push_back(Line("1", "1", "10", "", "20"));
  Status status = Compute(inv);
  ASSERT_FALSE(status.ok());
  ASSERT_EQ(status.error().details.size(), 1u);
  EXPECT_EQ(status.error().details[0].location, "$.lines[0].vat_category");
}

}  // namespace
}  // namespace chorus
