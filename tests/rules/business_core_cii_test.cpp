// The core business rules where the CII artefact reads its own way:
// indicators compared as strings, currencies, and sums over every header
// settlement, summation and line.

#include <gtest/gtest.h>

#include <string>

#include "rules/business_core_test_util.h"

namespace chorus {
namespace {

using core_test::Check;
using core_test::Cii;
using core_test::Fires;

TEST(BusinessCoreTest, CiiAccountingCurrencyMustDifferFromInvoiceCurrency) {
  std::string summation =
      "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
      "<ram:TaxTotalAmount currencyID=\"EUR\">1</ram:TaxTotalAmount>"
      "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>";
  auto same =
      Check(Cii("<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>"
                "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>" +
                summation));
  EXPECT_TRUE(Fires(same, "BR-53"));
}

TEST(BusinessCoreTest, CiiChargeIndicatorContextIsAStringComparison) {
  auto check = [](const std::string& indicator) {
    return Check(
        Cii("<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
            "<udt:Indicator>" +
            indicator +
            "</udt:Indicator>"
            "</ram:ChargeIndicator></ram:SpecifiedTradeAllowanceCharge>"));
  };
  EXPECT_TRUE(Fires(check("false"), "BR-31"));
  EXPECT_FALSE(Fires(check("0"), "BR-31"));
  EXPECT_TRUE(Fires(check("true"), "BR-36"));
}

// BR-CO-11 sums the allowances whose indicator casts to false(): XML
// whitespace around the lexical does not matter.
TEST(BusinessCoreTest, CiiAllowanceTotalCastsTheIndicator) {
  auto check = [](const std::string& indicator, const std::string& amount) {
    return Check(Cii(
        "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
        "<udt:Indicator>" +
        indicator + "</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>" +
        amount +
        "</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>"
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        "<ram:AllowanceTotalAmount>10.00</ram:AllowanceTotalAmount>"
        "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  };
  EXPECT_FALSE(Fires(check("\n false\t", "10.00"), "BR-CO-11"));
  EXPECT_TRUE(Fires(check("\n false\t", "5.00"), "BR-CO-11"));
  EXPECT_FALSE(Fires(check(" 0 ", "10"), "BR-CO-11"));
  EXPECT_TRUE(Fires(check(" 0 ", "9"), "BR-CO-11"));
}

// BR-CO-11 and BR-CO-12 come from one walk of the allowances and charges:
// each total sums its own, an element whose indicators cast to both values
// counts in both.
TEST(BusinessCoreTest, CiiAllowanceAndChargeTotalsSumTheirOwn) {
  auto entry = [](const std::string& indicators, const char* amount) {
    return "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>" +
           indicators + "</ram:ChargeIndicator><ram:ActualAmount>" + amount +
           "</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>";
  };
  auto indicator = [](const char* value) {
    return std::string("<udt:Indicator>") + value + "</udt:Indicator>";
  };
  auto check = [&](const std::string& more, const char* allowances,
                   const char* charges) {
    return Check(
        Cii(entry(indicator("false"), "10.00") + entry(indicator("1"), "3.00") +
            entry(indicator("0"), "1.00") + more +
            "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
            "<ram:ChargeTotalAmount>" +
            charges + "</ram:ChargeTotalAmount><ram:AllowanceTotalAmount>" +
            allowances +
            "</ram:AllowanceTotalAmount>"
            "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  };
  auto fired = [](const auto& run) {
    return std::to_string(Fires(run, "BR-CO-11")) +
           std::to_string(Fires(run, "BR-CO-12"));
  };
  EXPECT_EQ(fired(check("", "11.00", "3.00")), "00");
  EXPECT_EQ(fired(check("", "11.00", "4.00")), "01");
  EXPECT_EQ(fired(check("", "10.00", "3.00")), "10");
  EXPECT_EQ(fired(check("", "3.00", "11.00")), "11");
  const std::string both = entry(indicator("false") + indicator("true"), "2");
  EXPECT_EQ(fired(check(both, "13.00", "5.00")), "00");
  EXPECT_EQ(fired(check(both, "11.00", "5.00")), "10");
  EXPECT_EQ(fired(check(both, "13.00", "3.00")), "01");
}

// BR-CO-11 and BR-CO-14 sum over every header settlement of every
// transaction, whether there is one (the reader's lists answer) or more,
// and whatever other children lie between.
TEST(BusinessCoreTest, CiiTotalsSumEveryHeaderSettlement) {
  auto tax = [](const char* amount) {
    return std::string("<ram:ApplicableTradeTax><ram:CalculatedAmount>") +
           amount +
           "</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>"
           "<ram:CategoryCode>S</ram:CategoryCode></ram:ApplicableTradeTax>";
  };
  auto allowance = [](const char* amount) {
    return std::string(
               "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
               "<udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>"
               "<ram:ActualAmount>") +
           amount + "</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>";
  };
  const std::string other = "<ram:PaymentReference>X</ram:PaymentReference>";
  const std::string second =
      "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
      "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>" +
      tax("2.00") + allowance("4.00");
  auto check = [&](const std::string& more, const char* allowances,
                   const char* vat) {
    return Check(Cii(
        "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>" + other +
        tax("5.00") + other + tax("1.00") + allowance("10.00") + other +
        allowance("1.00") +
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        "<ram:AllowanceTotalAmount>" +
        allowances +
        "</ram:AllowanceTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">" +
        vat + "</ram:TaxTotalAmount>" + other +
        "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>" + other +
        more));
  };
  EXPECT_FALSE(Fires(check("", "11.00", "6.00"), "BR-CO-11"));
  EXPECT_TRUE(Fires(check("", "10.00", "6.00"), "BR-CO-11"));
  EXPECT_FALSE(Fires(check("", "11.00", "6.00"), "BR-CO-14"));
  EXPECT_TRUE(Fires(check("", "11.00", "5.00"), "BR-CO-14"));
  EXPECT_FALSE(Fires(check(second, "15.00", "8.00"), "BR-CO-11"));
  EXPECT_TRUE(Fires(check(second, "11.00", "8.00"), "BR-CO-11"));
  EXPECT_FALSE(Fires(check(second, "15.00", "8.00"), "BR-CO-14"));
  EXPECT_TRUE(Fires(check(second, "15.00", "6.00"), "BR-CO-14"));
}

// BR-CO-10 sums every line's amounts, whatever lies between the lines.
TEST(BusinessCoreTest, CiiLineSumTakesEveryLine) {
  auto line = [](const char* amount) {
    return std::string(
               "<ram:IncludedSupplyChainTradeLineItem>"
               "<ram:SpecifiedLineTradeSettlement>"
               "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
               "<ram:LineTotalAmount>") +
           amount +
           "</ram:LineTotalAmount>"
           "</ram:SpecifiedTradeSettlementLineMonetarySummation>"
           "</ram:SpecifiedLineTradeSettlement>"
           "</ram:IncludedSupplyChainTradeLineItem>";
  };
  const std::string lines = line("10.00") +
                            "<ram:ApplicableHeaderTradeAgreement/>" +
                            line("5.00") + "<ram:X/><ram:X/>" + line("0.50");
  auto check = [&](const char* total) {
    return Check(
        Cii("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
            "<ram:LineTotalAmount>" +
                std::string(total) +
                "</ram:LineTotalAmount>"
                "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>",
            lines));
  };
  EXPECT_FALSE(Fires(check("15.50"), "BR-CO-10"));
  EXPECT_TRUE(Fires(check("15.00"), "BR-CO-10"));
  EXPECT_TRUE(Fires(check("10.50"), "BR-CO-10"));
}

TEST(BusinessCoreTest, CiiTaxInclusiveSumCountsEveryVatTotal) {
  // BR-CO-15 in CII needs exactly one ram:TaxTotalAmount in the invoice
  // currency over every summation; one summation's are the span the core
  // rules collect up front, more summations are walked.
  auto check = [](const std::string& settlement) {
    return Fires(
        Check(Cii("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>" +
                  settlement)),
        "BR-CO-15");
  };
  auto summation = [](const std::string& amounts) {
    return "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>" + amounts +
           "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>";
  };
  auto tax = [](const std::string& v, const std::string& currency = "EUR") {
    return "<ram:TaxTotalAmount currencyID=\"" + currency + "\">" + v +
           "</ram:TaxTotalAmount>";
  };
  const std::string basis =
      "<ram:TaxBasisTotalAmount>100</ram:TaxBasisTotalAmount>";
  const std::string grand = "<ram:GrandTotalAmount>120</ram:GrandTotalAmount>";
  EXPECT_FALSE(check(summation(basis + tax("20") + grand)));
  EXPECT_TRUE(check(summation(basis + tax("20.01") + grand)));
  EXPECT_TRUE(check(summation(basis + tax("20") + tax("20") + grand)));
  EXPECT_FALSE(check(summation(basis + tax("20") + tax("1", "USD") + grand)));
  EXPECT_FALSE(check(summation(basis + tax("1", "USD") + tax("20") + grand)));
  EXPECT_TRUE(check(summation(basis + tax("x") + grand)));
  EXPECT_TRUE(
      check(summation(basis + tax("20") + grand) + summation(tax("20"))));
  EXPECT_FALSE(
      check(summation(basis + tax("20") + grand) + summation(tax("1", "USD"))));
}

}  // namespace
}  // namespace chorus
