// UBL-DT-01 (at most two decimals) on the Amount rule's context:
// //*[ends-with(name(), 'Amount') and not(ends-with(name(), 'PriceAmount'))
// and not(ancestor::cac:Price/cac:AllowanceCharge)]. The walk checks the
// value first and asks about a cac:Price ancestor only of an amount that
// fails: these cases pin that order against the pattern's semantics.
#include <gtest/gtest.h>

#include <string>

#include "ubl_syntax_outcome.h"

namespace chorus {
namespace {

using ubl_test::CheckInvoiceBody;
using ubl_test::Outcome;

TEST(UblSyntaxAmounts, AmountWithThreeDecimals) {
  Outcome run = CheckInvoiceBody(R"(
  <cac:LegalMonetaryTotal>
    <cbc:PayableAmount currencyID="EUR">10.005</cbc:PayableAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">10.00</cbc:TaxExclusiveAmount>
  </cac:LegalMonetaryTotal>)");
  ASSERT_EQ(run.Count("UBL-DT-01", Severity::kFatal), 1) << run.Ids();
  for (const Diagnostic& d : run.out) {
    if (d.rule == "UBL-DT-01") {
      EXPECT_NE(d.location.find("cbc:PayableAmount"), std::string::npos)
          << d.location;
    }
  }
}

TEST(UblSyntaxAmounts, PriceAmountsAndPriceDiscountsMayHaveMoreDecimals) {
  Outcome run = CheckInvoiceBody(R"(
  <cac:InvoiceLine>
    <cac:Item><cac:ClassifiedTaxCategory/></cac:Item>
    <cac:Price>
      <cbc:PriceAmount>1.2345</cbc:PriceAmount>
      <cac:AllowanceCharge><cbc:Amount>0.125</cbc:Amount>
        <cbc:BaseAmount>1.3595</cbc:BaseAmount></cac:AllowanceCharge>
    </cac:Price>
  </cac:InvoiceLine>)");
  EXPECT_EQ(run.Count("UBL-DT-01"), 0) << run.Ids();
  // The same amount outside a price is checked.
  Outcome doc_level = CheckInvoiceBody(
      "<cac:AllowanceCharge><cbc:Amount>0.125</cbc:Amount></"
      "cac:AllowanceCharge>");
  EXPECT_EQ(doc_level.Count("UBL-DT-01"), 1) << doc_level.Ids();
}

// An ancestor cac:Price with a cac:AllowanceCharge child exempts an amount
// at any depth below it, and whether that child comes before or after the
// amount; a cac:Price without one, or one that is no ancestor, does not.
TEST(UblSyntaxAmounts, PriceAllowanceExemptsAtAnyDepthAndPosition) {
  auto dt01 = [](const std::string& body) {
    return CheckInvoiceBody(body).Count("UBL-DT-01");
  };
  const std::string wide = "<cbc:Amount>0.125</cbc:Amount>";
  const std::string charge = "<cac:AllowanceCharge/>";
  // The charge after the amount: the walk has not entered it yet.
  EXPECT_EQ(
      dt01("<cac:Price><cac:X>" + wide + "</cac:X>" + charge + "</cac:Price>"),
      0);
  EXPECT_EQ(dt01("<cac:Price>" + charge + "<cac:X><cac:Y>" + wide +
                 "</cac:Y></cac:X></cac:Price>"),
            0);
  // An outer priced allowance exempts through an inner plain cac:Price.
  EXPECT_EQ(dt01("<cac:Price>" + charge + "<cac:Price>" + wide +
                 "</cac:Price></cac:Price>"),
            0);
  EXPECT_EQ(dt01("<cac:Price>" + wide + "</cac:Price>"), 1);
  EXPECT_EQ(dt01("<cac:Price><cac:X>" + charge + wide + "</cac:X></cac:Price>"),
            1);
  // A sibling cac:Price with a charge does not cover the next one.
  EXPECT_EQ(dt01("<cac:Price>" + charge + "</cac:Price><cac:Price>" + wide +
                 "</cac:Price>"),
            1);
  // The charge must be a cac: one, the cac:Price too.
  EXPECT_EQ(dt01("<cac:Price><cbc:AllowanceCharge/>" + wide + "</cac:Price>"),
            1);
  EXPECT_EQ(dt01("<cbc:Price>" + charge + wide + "</cbc:Price>"), 1);
  // Amounts with element children and names that merely end in Amount.
  EXPECT_EQ(dt01("<cac:Price>" + charge +
                 "<cbc:Amount>1.234<cac:X/></cbc:Amount></cac:Price>"),
            0);
  EXPECT_EQ(dt01("<cbc:Amount>1.234<cac:X/></cbc:Amount>"), 1);
  EXPECT_EQ(dt01("<cbc:Amount>1<cac:X/></cbc:Amount>"), 0);
  EXPECT_EQ(dt01("<cac:Price>" + charge +
                 "<cbc:TaxAmount>1.234</cbc:TaxAmount></cac:Price>"),
            0);
  EXPECT_EQ(dt01("<cac:Price><cbc:TaxAmount>1.234</cbc:TaxAmount>"
                 "</cac:Price>"),
            1);
}

}  // namespace
}  // namespace chorus
