// The core business rules (BR-01..BR-65, BR-CO-*, BR-DEC-*): the official
// examples pass them, and the semantics where the UBL and CII artefacts
// differ, or where a rule's context is subtle, hold.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "rules/business_core_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

bool IsCoreRule(std::string_view id) {
  if (id.substr(0, 3) != "BR-" || id.size() < 4) return false;
  char c = id[3];
  return (c >= '0' && c <= '9') || id.substr(0, 6) == "BR-CO-" ||
         id.substr(0, 7) == "BR-DEC-";
}

using core_test::Check;
using core_test::Cii;
using core_test::Fired;
using core_test::Fires;
using core_test::Ubl;

void ExpectNoFatalCoreFindings(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files = testing::XmlFilesIn(dir);
  ASSERT_FALSE(files.empty()) << dir;
  for (const auto& file : files) {
    auto loaded = LoadDocumentFile(file.string());
    ASSERT_TRUE(loaded.ok()) << file;
    ReadResult read = ReadInvoice(**loaded);
    for (const Diagnostic& d : CheckRules(**loaded, read)) {
      if (IsCoreRule(d.rule) && d.severity == Severity::kFatal) {
        ADD_FAILURE() << file.filename() << ": " << d.rule << " at "
                      << d.location;
      }
    }
  }
}

TEST(BusinessCoreTest, OfficialUblExamplesPass) {
  ExpectNoFatalCoreFindings(testing::SharedDir() /
                            "conformance/en16931/ubl-examples");
}

TEST(BusinessCoreTest, OfficialCiiExamplesPass) {
  ExpectNoFatalCoreFindings(testing::SharedDir() /
                            "conformance/en16931/cii-examples");
}

TEST(BusinessCoreTest, TotalsRulesNeedTheTotalsGroup) {
  auto without =
      Check(Ubl("<cac:InvoiceLine><cbc:LineExtensionAmount>5"
                "</cbc:LineExtensionAmount></cac:InvoiceLine>"));
  EXPECT_FALSE(Fires(without, "BR-CO-10"));
  EXPECT_FALSE(Fires(without, "BR-12"));
  auto with =
      Check(Ubl("<cac:LegalMonetaryTotal/><cac:InvoiceLine>"
                "<cbc:LineExtensionAmount>5</cbc:LineExtensionAmount>"
                "</cac:InvoiceLine>"));
  EXPECT_TRUE(Fires(with, "BR-CO-10"));
  EXPECT_TRUE(Fires(with, "BR-12"));
}

TEST(BusinessCoreTest, UblRoundsTheLineSumHalfUp) {
  std::string lines =
      "<cac:InvoiceLine><cbc:LineExtensionAmount>10.004</"
      "cbc:LineExtensionAmount>"
      "</cac:InvoiceLine><cac:InvoiceLine><cbc:LineExtensionAmount>0.001"
      "</cbc:LineExtensionAmount></cac:InvoiceLine>";
  auto up =
      Check(Ubl("<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>10.01"
                "</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>" +
                lines));
  EXPECT_FALSE(Fires(up, "BR-CO-10"));
  auto down =
      Check(Ubl("<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>10.00"
                "</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>" +
                lines));
  EXPECT_TRUE(Fires(down, "BR-CO-10"));
}

TEST(BusinessCoreTest, AmountDueRoundsInUblButNotInCii) {
  auto ubl = Check(Ubl(
      "<cac:LegalMonetaryTotal><cbc:TaxInclusiveAmount>10.004"
      "</cbc:TaxInclusiveAmount><cbc:PrepaidAmount>0</cbc:PrepaidAmount>"
      "<cbc:PayableAmount>10.00</cbc:PayableAmount></cac:LegalMonetaryTotal>"));
  EXPECT_FALSE(Fires(ubl, "BR-CO-16"));
  auto cii =
      Check(Cii("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
                "<ram:GrandTotalAmount>10.004</ram:GrandTotalAmount>"
                "<ram:TotalPrepaidAmount>0</ram:TotalPrepaidAmount>"
                "<ram:DuePayableAmount>10.00</ram:DuePayableAmount>"
                "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  EXPECT_TRUE(Fires(cii, "BR-CO-16"));
}

TEST(BusinessCoreTest, InvalidChargeIndicatorIsNeitherAllowanceNorCharge) {
  auto bad =
      Check(Ubl("<cac:AllowanceCharge><cbc:ChargeIndicator>maybe"
                "</cbc:ChargeIndicator></cac:AllowanceCharge>"));
  EXPECT_FALSE(Fires(bad, "BR-31"));
  EXPECT_FALSE(Fires(bad, "BR-36"));
  auto allowance =
      Check(Ubl("<cac:AllowanceCharge><cbc:ChargeIndicator>false"
                "</cbc:ChargeIndicator></cac:AllowanceCharge>"));
  EXPECT_TRUE(Fires(allowance, "BR-31"));
  EXPECT_TRUE(Fires(allowance, "BR-33"));
  EXPECT_FALSE(Fires(allowance, "BR-36"));
}

TEST(BusinessCoreTest, AllowanceCategoryCountsOnlyUnderTheVatScheme) {
  auto other = Check(Ubl(
      "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
      "<cac:TaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>GST</cbc:ID>"
      "</cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>"));
  EXPECT_TRUE(Fires(other, "BR-37"));
  auto vat = Check(Ubl(
      "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
      "<cac:TaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID> vat </cbc:ID>"
      "</cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>"));
  EXPECT_FALSE(Fires(vat, "BR-37"));
}

TEST(BusinessCoreTest, MissingNetPriceIsAlsoNotNonNegative) {
  auto d = Check(Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine>"));
  EXPECT_TRUE(Fires(d, "BR-26"));
  EXPECT_TRUE(Fires(d, "BR-27"));
}

TEST(BusinessCoreTest, VatIdPrefixListsDifferPerSyntax) {
  // UBL tests contains(list, first two characters): one letter passes.
  auto ubl = Check(
      Ubl("<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme>"
          "<cbc:CompanyID>A</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
          "</cac:TaxScheme></cac:PartyTaxScheme></cac:Party>"
          "</cac:AccountingSupplierParty>"));
  EXPECT_FALSE(Fires(ubl, "BR-CO-09"));
  std::string agreement =
      "<ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty>"
      "<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">A</ram:ID>"
      "</ram:SpecifiedTaxRegistration></ram:SellerTradeParty>"
      "</ram:ApplicableHeaderTradeAgreement>";
  EXPECT_TRUE(Fires(Check(Cii("", agreement)), "BR-CO-09"));
}

TEST(BusinessCoreTest, VatAmountUsesTheRateRoundedToAnInteger) {
  // round(0.4) = 0: the tax amount must then round to 0 as well.
  std::string subtotal =
      "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">%s</cbc:TaxAmount>"
      "<cac:TaxSubtotal><cbc:TaxableAmount>1000</cbc:TaxableAmount>"
      "<cbc:TaxAmount>%s</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID>"
      "<cbc:Percent>0.4</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
      "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>";
  auto with = [&](const std::string& amount) {
    std::string s = subtotal;
    for (std::size_t at; (at = s.find("%s")) != std::string::npos;) {
      s.replace(at, 2, amount);
    }
    return Check(Ubl(s));
  };
  EXPECT_TRUE(Fires(with("4.00"), "BR-CO-17"));
  EXPECT_FALSE(Fires(with("0.40"), "BR-CO-17"));
}

TEST(BusinessCoreTest, VatTotalDecimalsCheckedInCiiOnly) {
  auto cii = Check(
      Cii("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
          "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
          "<ram:TaxTotalAmount currencyID=\"EUR\">1.234</ram:TaxTotalAmount>"
          "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  EXPECT_TRUE(Fires(cii, "BR-DEC-13"));
  // The UBL assertion compares @currencyID with a child element the amount
  // never has, so it cannot fail.
  auto ubl =
      Check(Ubl("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">1.234"
                "</cbc:TaxAmount></cac:TaxTotal>"));
  EXPECT_FALSE(Fires(ubl, "BR-DEC-13"));
}

TEST(BusinessCoreTest, LineFindingsAreLocatedAtTheirLine) {
  auto d =
      Check(Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine>\n"
                "<cac:InvoiceLine><cbc:ID/></cac:InvoiceLine>"));
  auto br21 = Fired(d, "BR-21");
  ASSERT_EQ(br21.size(), 1u);
  EXPECT_EQ(br21[0].location, "/Invoice/cac:InvoiceLine[2] (line 2)");
  auto cii = Check(Cii("", "<ram:IncludedSupplyChainTradeLineItem/>"));
  auto cii21 = Fired(cii, "BR-21");
  ASSERT_EQ(cii21.size(), 1u);
  EXPECT_EQ(cii21[0].location.rfind(
                "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
                "ram:IncludedSupplyChainTradeLineItem",
                0),
            0u);
}

TEST(BusinessCoreTest, PeriodRulesSeeDatesTheModelCannotRead) {
  auto bad =
      Check(Ubl("<cac:InvoicePeriod><cbc:StartDate>2024-01-01"
                "</cbc:StartDate><cbc:EndDate>soon</cbc:EndDate>"
                "</cac:InvoicePeriod>"));
  EXPECT_TRUE(Fires(bad, "BR-29"));      // xs:date('soon') fails
  EXPECT_FALSE(Fires(bad, "BR-CO-19"));  // but a date element exists
  auto reversed = Check(Cii(
      "<ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTimeString "
      "format=\"102\">20240201</udt:DateTimeString></ram:StartDateTime>"
      "<ram:EndDateTime><udt:DateTimeString format=\"102\">20240101"
      "</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>"));
  EXPECT_TRUE(Fires(reversed, "BR-29"));
  // Any text is an issue date for BR-03.
  EXPECT_FALSE(
      Fires(Check(Ubl("<cbc:IssueDate>123</cbc:IssueDate>")), "BR-03"));
  EXPECT_TRUE(Fires(Check(Ubl("<cbc:IssueDate> </cbc:IssueDate>")), "BR-03"));
}

TEST(BusinessCoreTest, DecimalRulesCountDigitsAsWritten) {
  auto total = [](const std::string& amount) {
    return Check(Ubl("<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>" +
                     amount +
                     "</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>"));
  };
  EXPECT_FALSE(Fires(total("10.00"), "BR-DEC-09"));
  EXPECT_TRUE(Fires(total("10.000"), "BR-DEC-09"));  // trailing zero counts
  EXPECT_TRUE(Fires(total("1.234x"), "BR-DEC-09"));  // not a number, still text
  EXPECT_FALSE(Fires(total("1.234x"), "BR-12"));     // and still present
  // CII's BR-DEC-13 compares values: a trailing zero is fine.
  auto cii = Check(
      Cii("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
          "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
          "<ram:TaxTotalAmount currencyID=\"EUR\">1.230</ram:TaxTotalAmount>"
          "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  EXPECT_FALSE(Fires(cii, "BR-DEC-13"));
}

TEST(BusinessCoreTest, EveryTotalsTermIsFoundByItsName) {
  // "1.23 " has three characters after the point as written: each term's
  // BR-DEC rule fires only when the rules find its element (the model
  // reads 1.23). Another name hides it. Rows: UBL name, CII name, rule.
  const char* const terms[][3] = {
      {"LineExtensionAmount", "LineTotalAmount", "BR-DEC-09"},
      {"AllowanceTotalAmount", "AllowanceTotalAmount", "BR-DEC-10"},
      {"ChargeTotalAmount", "ChargeTotalAmount", "BR-DEC-11"},
      {"TaxExclusiveAmount", "TaxBasisTotalAmount", "BR-DEC-12"},
      {"TaxInclusiveAmount", "GrandTotalAmount", "BR-DEC-14"},
      {"PrepaidAmount", "TotalPrepaidAmount", "BR-DEC-16"},
      {"PayableRoundingAmount", "RoundingAmount", "BR-DEC-17"},
      {"PayableAmount", "DuePayableAmount", "BR-DEC-18"},
  };
  auto ubl = [](const std::string& name) {
    return Check(Ubl("<cac:LegalMonetaryTotal><" + name + ">1.23 </" + name +
                     "></cac:LegalMonetaryTotal>"));
  };
  auto cii = [](const std::string& name) {
    return Check(
        Cii("<ram:SpecifiedTradeSettlementHeaderMonetarySummation><" + name +
            ">1.23 </" + name +
            "></ram:SpecifiedTradeSettlementHeaderMonetarySummation>"));
  };
  for (const auto& term : terms) {
    const std::string u = term[0];
    const std::string c = term[1];
    const std::string_view rule = term[2];
    EXPECT_TRUE(Fires(ubl("cbc:" + u), rule)) << u;
    EXPECT_TRUE(Fires(cii("ram:" + c), rule)) << c;
    // Same length and first seven bytes, another tail.
    std::string other = u;
    other[other.size() - 3] = 'X';
    EXPECT_FALSE(Fires(ubl("cbc:" + other), rule)) << other;
    EXPECT_FALSE(Fires(ubl("cbc:" + u + "s"), rule)) << u;
    EXPECT_FALSE(Fires(cii("ram:X" + c), rule)) << c;
  }
  // Two line net totals: xs:decimal() of them is an error (BR-CO-10).
  const std::string line =
      "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:LineExtensionAmount>1"
      "</cbc:LineExtensionAmount></cac:InvoiceLine>";
  auto totals = [&](const std::string& amounts) {
    return Check(Ubl("<cac:LegalMonetaryTotal>" + amounts +
                     "</cac:LegalMonetaryTotal>" + line));
  };
  const std::string one =
      "<cbc:LineExtensionAmount>1</cbc:LineExtensionAmount>";
  EXPECT_FALSE(Fires(totals(one), "BR-CO-10"));
  EXPECT_TRUE(Fires(totals(one + one), "BR-CO-10"));
  EXPECT_TRUE(Fires(
      totals(one + "<cbc:TaxExclusiveAmount>1</cbc:TaxExclusiveAmount>" + one),
      "BR-CO-10"));
}

TEST(BusinessCoreTest, UblVatIdReadsTheLastSchemeAndTheFirstId) {
  // BR-CO-09 on a cac:PartyTaxScheme: the last cac:TaxScheme says whether
  // it is the VAT one, the first cbc:CompanyID is tested, in any order.
  auto fires = [](const std::string& children) {
    return Fires(Check(Ubl("<cac:AccountingSupplierParty><cac:Party>"
                           "<cac:PartyTaxScheme>" +
                           children +
                           "</cac:PartyTaxScheme></cac:Party>"
                           "</cac:AccountingSupplierParty>")),
                 "BR-CO-09");
  };
  auto id = [](const std::string& v) {
    return "<cbc:CompanyID>" + v + "</cbc:CompanyID>";
  };
  auto scheme = [](const std::string& v) {
    return "<cac:TaxScheme><cbc:ID>" + v + "</cbc:ID></cac:TaxScheme>";
  };
  EXPECT_FALSE(fires(id("FR1") + scheme("VAT")));
  EXPECT_TRUE(fires(id("12345") + scheme("VAT")));
  EXPECT_TRUE(fires(scheme("vat") + id("12345")));
  EXPECT_FALSE(fires(id("12345") + scheme("VAT") + scheme("GST")));
  EXPECT_TRUE(fires(scheme("GST") + id("12345") + scheme("VAT")));
  EXPECT_FALSE(fires(id("FR1") + id("12345") + scheme("VAT")));
  EXPECT_TRUE(fires(id("12345") + scheme("VAT") + id("FR1")));
  EXPECT_FALSE(fires(scheme("VAT")));  // no id: contains(list, "") holds
  EXPECT_FALSE(fires(id("12345") + "<cac:TaxScheme/>"));
}

TEST(BusinessCoreTest, PricesCompareAsDoubles) {
  // BR-27 / BR-28 cast each price to xs:double: short plain decimals take a
  // fast path that must agree with the full cast.
  auto line = [](const std::string& price, const std::string& base) {
    std::string discount;
    if (!base.empty()) {
      discount = "<cac:AllowanceCharge><cbc:BaseAmount>" + base +
                 "</cbc:BaseAmount></cac:AllowanceCharge>";
    }
    return Check(
        Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Price>"
            "<cbc:PriceAmount>" +
            price + "</cbc:PriceAmount>" + discount +
            "</cac:Price></cac:InvoiceLine>"));
  };
  for (const char* ok : {"0", "-0", "-0.00", "+5", ".5", "5.", " 12.50 ", "1E2",
                         "INF", "123456789012345678901234.5"}) {
    EXPECT_FALSE(Fires(line(ok, ""), "BR-27")) << ok;
    EXPECT_FALSE(Fires(line("1", ok), "BR-28")) << ok;
  }
  for (const char* bad : {"-0.01", "-1E2", "-INF", "abc", "1.2.3", "-", ".",
                          "- 1", "-123456789012345678901234.5"}) {
    EXPECT_TRUE(Fires(line(bad, ""), "BR-27")) << bad;
    EXPECT_TRUE(Fires(line("1", bad), "BR-28")) << bad;
  }
  // One price >= 0 is enough; no gross price at all passes BR-28.
  auto two = Check(
      Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Price><cbc:PriceAmount>-1"
          "</cbc:PriceAmount><cbc:PriceAmount>1</cbc:PriceAmount></cac:Price>"
          "</cac:InvoiceLine>"));
  EXPECT_FALSE(Fires(two, "BR-27"));
  EXPECT_FALSE(Fires(two, "BR-28"));
  EXPECT_TRUE(Fires(line("1", "<x>-1</x>"), "BR-28"));
}

TEST(BusinessCoreTest, UblTaxInclusiveSumSeesEveryTotalsGroup) {
  // BR-CO-15: xs:decimal() of two exclusive amounts, or two inclusive ones
  // in a group, is an error (a failure here); "=" holds when any group's
  // inclusive amount equals the rounded sum.
  auto check = [](const std::string& groups) {
    return Fires(
        Check(Ubl("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">20.004"
                  "</cbc:TaxAmount></cac:TaxTotal>" +
                  groups)),
        "BR-CO-15");
  };
  auto group = [](const std::string& amounts) {
    return "<cac:LegalMonetaryTotal>" + amounts + "</cac:LegalMonetaryTotal>";
  };
  const std::string excl =
      "<cbc:TaxExclusiveAmount>100</cbc:TaxExclusiveAmount>";
  auto incl = [](const std::string& v) {
    return "<cbc:TaxInclusiveAmount>" + v + "</cbc:TaxInclusiveAmount>";
  };
  EXPECT_FALSE(check(group(excl + incl("120.00"))));
  EXPECT_FALSE(check(group(incl(" 120 ") + excl)));
  EXPECT_TRUE(check(group(excl + incl("120.01"))));
  EXPECT_TRUE(check(group(excl + incl("120") + incl("120"))));
  EXPECT_TRUE(check(group(excl + incl("x"))));
  EXPECT_TRUE(check(group(incl("120"))));
  EXPECT_FALSE(check(group(excl + incl("121")) + group(incl("120"))));
  EXPECT_TRUE(check(group(excl + incl("120")) + group(excl)));
  EXPECT_TRUE(check(group(excl + incl("120")) + group(incl("1") + incl("2"))));
  EXPECT_TRUE(check(group(excl + incl("120")) + group(incl("y"))));
  // The first group's terms are read once for every rule: the later
  // groups' must count the same way.
  EXPECT_TRUE(check(group(excl + excl + incl("120"))));
  EXPECT_FALSE(check(group(incl("120")) + group(excl)));
  EXPECT_FALSE(check(group(incl("119")) + group(excl + incl("120"))));
  EXPECT_TRUE(check(group(incl("120")) + group(excl + excl)));
  EXPECT_TRUE(check(group(incl("120") + incl("120")) + group(excl)));
  EXPECT_TRUE(check(group(incl("120")) + group(excl) + group(excl)));
  // The one VAT total in the currency must be a decimal; one in another
  // currency does not count.
  auto with_vat = [&](const std::string& tax_totals) {
    return Fires(
        Check(Ubl("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>" +
                  tax_totals + group(excl + incl("120")))),
        "BR-CO-15");
  };
  auto vat = [](const std::string& v, const std::string& currency = "EUR") {
    return "<cac:TaxTotal><cbc:TaxAmount currencyID=\"" + currency + "\">" + v +
           "</cbc:TaxAmount></cac:TaxTotal>";
  };
  EXPECT_FALSE(with_vat(vat(" 20 ")));
  EXPECT_TRUE(with_vat(vat("2O")));
  EXPECT_TRUE(with_vat(vat("")));
  EXPECT_TRUE(with_vat(vat("20") + vat("20")));
  EXPECT_TRUE(with_vat(vat("x") + vat("20")));
  EXPECT_FALSE(with_vat(vat("x", "USD") + vat("20")));
  EXPECT_TRUE(with_vat(vat("19", "USD")));
}

// BR-09, BR-11, BR-20 and BR-57 take every address one or two steps below
// the root children, each step repeated: every one without a code fires.
TEST(BusinessCoreTest, CountryCodeRulesSeeEveryAddressAtEveryStep) {
  const std::string empty = "<cac:Country/>";
  const std::string se =
      "<cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode>"
      "</cac:Country>";
  auto address = [](const std::string& name, const std::string& country) {
    return "<cac:" + name + ">" + country + "</cac:" + name + ">";
  };
  auto party = [&](const std::string& root, const std::string& addresses) {
    return "<cac:" + root + "><cac:Party>" + addresses + "</cac:Party>" +
           "<cac:Party>" + address("PostalAddress", empty) + "</cac:Party>" +
           "</cac:" + root + ">";
  };
  auto supplier = [&](const std::string& addresses) {
    return party("AccountingSupplierParty", addresses);
  };
  EXPECT_EQ(
      Fired(Check(Ubl(supplier(address("PostalAddress", se)))), "BR-09").size(),
      1u);
  EXPECT_EQ(Fired(Check(Ubl(supplier(address("PostalAddress", se)) +
                            supplier(address("PostalAddress", empty)))),
                  "BR-09")
                .size(),
            3u);
  EXPECT_EQ(Fired(Check(Ubl(party("AccountingCustomerParty",
                                  address("PostalAddress", empty) +
                                      address("PostalAddress", se)))),
                  "BR-11")
                .size(),
            2u);
  const std::string representative =
      "<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>n</cbc:Name>"
      "</cac:PartyName>" +
      address("PostalAddress", empty) + address("PostalAddress", se) +
      address("PostalAddress", empty + se) + "</cac:TaxRepresentativeParty>";
  EXPECT_EQ(Fired(Check(Ubl(representative + representative)), "BR-20").size(),
            2u);
  const std::string delivery =
      "<cac:Delivery><cac:DeliveryLocation>" + address("Address", empty) +
      "</cac:DeliveryLocation><cac:DeliveryLocation>" + address("Address", se) +
      address("Address", empty) + "</cac:DeliveryLocation></cac:Delivery>";
  EXPECT_EQ(Fired(Check(Ubl(delivery + delivery)), "BR-57").size(), 4u);
}

// The UBL breakdown rules read a subtotal's first cbc:TaxableAmount and
// cbc:TaxAmount and every cac:TaxCategory under the VAT scheme (any of them
// may carry the code and the rate), by local name, wherever they stand.
TEST(BusinessCoreTest, UblBreakdownReadsFirstAmountsAndEveryVatCategory) {
  auto el = [](const std::string& name, const std::string& content) {
    return "<" + name + ">" + content + "</" + name + ">";
  };
  auto category = [&](const std::string& scheme, const std::string& children) {
    return el("cac:TaxCategory",
              children + el("cac:TaxScheme", el("cbc:ID", scheme)));
  };
  const std::string vat_s =
      category("VAT", el("cbc:ID", "S") + el("cbc:Percent", "20"));
  auto rules = [&](const std::string& children) {
    return Check(Ubl(el("cac:TaxTotal", el("cbc:TaxAmount", "20") +
                                            el("cac:TaxSubtotal", children))));
  };
  const std::string taxable = el("cbc:TaxableAmount", "100");
  const std::string tax = el("cbc:TaxAmount", "20");
  auto fired = [](const std::vector<Diagnostic>& all) {
    std::vector<std::string> ids;
    for (const char* id :
         {"BR-45", "BR-46", "BR-47", "BR-48", "BR-DEC-19", "BR-DEC-20"}) {
      if (Fires(all, id)) ids.push_back(id);
    }
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(fired(rules(taxable + tax + vat_s)), Ids());
  EXPECT_EQ(fired(rules(vat_s + tax + taxable)), Ids());
  EXPECT_EQ(fired(rules(tax + vat_s)), Ids({"BR-45"}));
  EXPECT_EQ(fired(rules(taxable + vat_s)), Ids({"BR-46"}));
  // The first of two amounts counts for the decimals.
  EXPECT_EQ(fired(rules(el("cbc:TaxableAmount", "1.234") + taxable + tax +
                        el("cbc:TaxAmount", "1.234") + vat_s)),
            Ids({"BR-DEC-19"}));
  // A category outside the VAT scheme counts for nothing; any VAT one
  // may give the code, another the rate.
  EXPECT_EQ(fired(rules(
                taxable + tax +
                category("GST", el("cbc:ID", "S") + el("cbc:Percent", "20")))),
            Ids({"BR-47", "BR-48"}));
  EXPECT_EQ(fired(rules(taxable + tax + category("VAT", el("cbc:ID", "S")) +
                        category("VAT", el("cbc:Percent", "20")))),
            Ids());
  EXPECT_EQ(fired(rules(taxable + tax + category("VAT", el("cbc:ID", "O")))),
            Ids());
  // A long prefix hides an amount: the next one is the first.
  EXPECT_EQ(fired(rules("<averyveryverylongprefix:TaxableAmount xmlns:"
                        "averyveryverylongprefix=\"urn:oasis:names:"
                        "specification:ubl:schema:xsd:CommonBasicComponents-2"
                        "\">1.234</averyveryverylongprefix:TaxableAmount>" +
                        taxable + tax + vat_s)),
            Ids());
}

}  // namespace
}  // namespace chorus
