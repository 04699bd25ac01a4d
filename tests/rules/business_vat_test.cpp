// The VAT category rules (BR-S-*, BR-Z-*, ..., BR-B-*): the semantics of the
// official contexts and tests that are easy to get wrong. The official CEN
// unit suite (conformance_en16931) covers the UBL rules; it has no CII test
// for these categories, so the CII phrasing is pinned down here.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "rules/business_vat_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using vat_test::Cii;
using vat_test::CiiLine;
using vat_test::CiiRate;
using vat_test::CiiTax;
using vat_test::Fired;
using vat_test::Has;
using vat_test::IsVatCategoryRule;
using vat_test::Seller;

// A UBL invoice with an unusual prefix for cbc, so matching must go by
// namespace; `body` goes after the seller party.
std::string Ubl(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <b:ID>1</b:ID>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme>
  <b:CompanyID>FR123</b:CompanyID><cac:TaxScheme><b:ID>VAT</b:ID></cac:TaxScheme>
 </cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>
)" + body +
         "</Invoice>\n";
}

std::string UblLine(const std::string& cat, const std::string& scheme,
                    const std::string& percent, const std::string& amount) {
  return "<cac:InvoiceLine><b:ID>1</b:ID><b:LineExtensionAmount>" + amount +
         "</b:LineExtensionAmount><cac:Item><cac:ClassifiedTaxCategory><b:ID>" +
         cat + "</b:ID>" + percent + "<cac:TaxScheme><b:ID>" + scheme +
         "</b:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
         "</cac:InvoiceLine>\n";
}

std::string UblSubtotal(const std::string& cat, const std::string& taxable,
                        const std::string& tax, const std::string& percent,
                        const std::string& extra = "") {
  return "<cac:TaxSubtotal><b:TaxableAmount>" + taxable +
         "</b:TaxableAmount><b:TaxAmount>" + tax +
         "</b:TaxAmount><cac:TaxCategory><b:ID>" + cat + "</b:ID>" + percent +
         extra +
         "<cac:TaxScheme><b:ID>VAT</b:ID></cac:TaxScheme></cac:TaxCategory>"
         "</cac:TaxSubtotal>";
}

std::string UblTotal(const std::string& subtotals) {
  return "<cac:TaxTotal><b:TaxAmount>0</b:TaxAmount>" + subtotals +
         "</cac:TaxTotal>\n";
}

TEST(BusinessVatUbl, LineContextNeedsTheVatSchemeAfterUpperCaseAndTrim) {
  // Lower case and padded "vat" is the VAT scheme: BR-S-05 applies.
  EXPECT_TRUE(
      Has(Fired(Ubl(UblLine("S", " vat ", "<b:Percent>0</b:Percent>", "10"))),
          "BR-S-05"));
  // Another scheme: the line is not in the BR-S-05 context at all.
  EXPECT_FALSE(
      Has(Fired(Ubl(UblLine("S", "GST", "<b:Percent>0</b:Percent>", "10"))),
          "BR-S-05"));
}

// The scheme's ID is read as its string value whether it is a leaf (its
// text) or holds elements (the text around them, joined).
TEST(BusinessVatUbl, SchemeIdIsItsStringValue) {
  const std::pair<const char*, bool> schemes[] = {
      {"VAT", true},
      {" vat ", true},
      {"V<b:Note/>AT", true},
      {" v<b:Note/>at\n", true},
      {"V<b:Note/>A", false},
      {"<b:Note/>", false},
      {"", false},
      {"GST", false},
  };
  for (const auto& [scheme, vat] : schemes) {
    EXPECT_EQ(
        Has(Fired(Ubl(UblLine("S", scheme, "<b:Percent>0</b:Percent>", "10"))),
            "BR-S-05"),
        vat)
        << "'" << scheme << "'";
  }
}

TEST(BusinessVatUbl, CategoryCodeIsNormalized) {
  auto fired =
      Fired(Ubl(UblLine(" Z ", "VAT", "<b:Percent>5</b:Percent>", "10")));
  EXPECT_TRUE(Has(fired, "BR-Z-05"));
  // And BR-Z-01 sees the Z line without a Z breakdown.
  EXPECT_TRUE(Has(fired, "BR-Z-01"));
}

TEST(BusinessVatUbl, StandardTaxAmountToleranceIsStrictlyBelowOne) {
  std::string line = UblLine("S", "VAT", "<b:Percent>20</b:Percent>", "100");
  std::string pct = "<b:Percent>20</b:Percent>";
  // 100 * 20% = 20.00; 20.99 is within one unit, 21.00 is not.
  EXPECT_FALSE(
      Has(Fired(Ubl(line + UblTotal(UblSubtotal("S", "100", "20.99", pct)))),
          "BR-S-09"));
  EXPECT_TRUE(
      Has(Fired(Ubl(line + UblTotal(UblSubtotal("S", "100", "21.00", pct)))),
          "BR-S-09"));
}

TEST(BusinessVatUbl, StandardTaxableAmountIsPerRate) {
  std::string lines = UblLine("S", "VAT", "<b:Percent>20</b:Percent>", "100") +
                      UblLine("S", "VAT", "<b:Percent>10</b:Percent>", "50");
  std::string ok =
      UblTotal(UblSubtotal("S", "100", "20", "<b:Percent>20</b:Percent>") +
               UblSubtotal("S", "50", "5", "<b:Percent>10</b:Percent>"));
  EXPECT_FALSE(Has(Fired(Ubl(lines + ok)), "BR-S-08"));
  std::string summed =
      UblTotal(UblSubtotal("S", "150", "30", "<b:Percent>20</b:Percent>"));
  EXPECT_TRUE(Has(Fired(Ubl(lines + summed)), "BR-S-08"));
}

// Each line's rate is parsed once and the last leaf text remembered (lines
// repeat one rate): a changed text, a nested Percent (its string value) and
// the texts around them still answer per line.
TEST(BusinessVatUbl, RepeatedAndChangingLineRatesAnswerPerLine) {
  auto line = [](const std::string& percent) {
    return UblLine("Z", "VAT", "<b:Percent>" + percent + "</b:Percent>", "1");
  };
  std::string lines = line("0") + line("0") + line("5") + line("5") +
                      line(" 0.00 ") + line("-0") + line("0e1") +
                      line("5<b:Note/>") + line("5") + line("0<b:Note/>") +
                      line("0");
  auto fired = Fired(Ubl(lines));
  // 5, 5, 0e1 (no decimal), the nested 5 and the 5 after it.
  EXPECT_EQ(std::count(fired.begin(), fired.end(), "BR-Z-05"), 5);
  // More rates than the evaluator keeps parsed, each coming back: every
  // line still answers by its own text.
  std::string cycle;
  for (const char* p : {"0", "5", "0e1", " 0 ", "-0", "0.0", "x", "0"}) {
    cycle += line(p);
  }
  fired = Fired(Ubl(cycle + cycle + line("5") + line("x") + line("0")));
  // 5, 0e1 and x in each turn, then 5 and x.
  EXPECT_EQ(std::count(fired.begin(), fired.end(), "BR-Z-05"), 8);
}

// The sums ask every line whether it has the category and rate: a line's
// one category answers directly, a line with several by any of them; an
// unreadable rate of a line of the category makes the sum an error.
TEST(BusinessVatUbl, StandardTaxableAmountAsksEachLineCategory) {
  const std::string pct20 = "<b:Percent>20</b:Percent>";
  const std::string breakdown =
      UblTotal(UblSubtotal("S", "100", "20", "<b:Percent>20.00</b:Percent>"));
  auto category = [](const std::string& code, const std::string& percent) {
    return "<cac:ClassifiedTaxCategory><b:ID>" + code + "</b:ID>" + percent +
           "<cac:TaxScheme><b:ID>VAT</b:ID></cac:TaxScheme>"
           "</cac:ClassifiedTaxCategory>";
  };
  auto line = [](const std::string& amount, const std::string& categories) {
    return "<cac:InvoiceLine><b:ID>1</b:ID><b:LineExtensionAmount>" + amount +
           "</b:LineExtensionAmount><cac:Item>" + categories +
           "</cac:Item></cac:InvoiceLine>\n";
  };
  // 20 = 20.00 as decimals; the Z line is another category.
  EXPECT_FALSE(
      Has(Fired(Ubl(line("100", category("S", pct20)) +
                    line("7", category("Z", "<b:Percent>0</b:Percent>")) +
                    breakdown)),
          "BR-S-08"));
  // Two categories, the matching one second: the line counts.
  const std::string z_then_s =
      category("Z", "<b:Percent>0</b:Percent>") + category("S", pct20);
  EXPECT_FALSE(Has(Fired(Ubl(line("100", z_then_s) + breakdown)), "BR-S-08"));
  // Another rate: the line does not count.
  EXPECT_TRUE(
      Has(Fired(Ubl(line("100", category("S", "<b:Percent>10</b:Percent>")) +
                    breakdown)),
          "BR-S-08"));
  // A rate that is no decimal, on a line of the category: an error.
  EXPECT_TRUE(
      Has(Fired(Ubl(line("100", category("S", pct20)) +
                    line("5", category("S", "<b:Percent>x</b:Percent>")) +
                    breakdown)),
          "BR-S-08"));
}

// The presence rules count categories by raw or normalized cbc:ID, and
// the normalized IDs themselves: a category of one ID (counted directly)
// and one of several (counted per ID) answer alike.
TEST(BusinessVatUbl, PresenceCountsRawAndNormalizedIds) {
  struct Case {
    const char* code;   // the line's category
    const char* id;     // the breakdown category's cbc:ID
    const char* extra;  // more of its children
    const char* rule;
    bool fires;
  };
  const Case cases[] = {
      // BR-AF-01 asks for a breakdown whose raw cbc:ID is L.
      {"L", "L", "", "BR-AF-01", false},
      {"L", " L ", "", "BR-AF-01", true},
      // BR-Z-01 counts the normalized IDs equal to Z in the breakdown: one.
      {"Z", " Z ", "", "BR-Z-01", false},
      {"Z", "Z", "<b:ID>Z</b:ID>", "BR-Z-01", true},
      {"Z", "Z", "<b:ID>S</b:ID>", "BR-Z-01", false},
  };
  const std::string pct0 = "<b:Percent>0</b:Percent>";
  for (const Case& c : cases) {
    const std::string xml =
        Ubl(UblLine(c.code, "VAT", pct0, "1") +
            UblTotal(UblSubtotal(c.id, "1", "0", pct0, c.extra)));
    EXPECT_EQ(Has(Fired(xml), c.rule), c.fires)
        << c.rule << " with '" << c.id << "' " << c.extra;
  }
}

// A line's net amount in the sums: xs:decimal() of two amounts is an
// error, of none the empty sequence (nothing added).
TEST(BusinessVatUbl, StandardTaxableAmountOfLinesWithTwoOrNoAmounts) {
  const std::string pct = "<b:Percent>20</b:Percent>";
  const std::string breakdown = UblTotal(UblSubtotal("S", "100", "20", pct));
  const std::string two = UblLine("S", "VAT", pct, "100");
  const std::string doubled = std::string(two).insert(
      two.find("<cac:Item>"),
      "<b:LineExtensionAmount>100</b:LineExtensionAmount>");
  std::string none = two;
  none.erase(
      none.find("<b:LineExtensionAmount>"),
      std::string("<b:LineExtensionAmount>100</b:LineExtensionAmount>").size());
  EXPECT_FALSE(Has(Fired(Ubl(two + breakdown)), "BR-S-08"));
  EXPECT_TRUE(Has(Fired(Ubl(doubled + breakdown)), "BR-S-08"));
  EXPECT_FALSE(Has(Fired(Ubl(none + two + breakdown)), "BR-S-08"));
  EXPECT_TRUE(Has(Fired(Ubl(none + breakdown)), "BR-S-08"));
}

TEST(BusinessVatUbl, StandardTaxableBoundsAreDoubleArithmetic) {
  // xs:decimal(cbc:TaxableAmount - 1): the untyped amount makes "- 1" an
  // xs:double operation, so 64.10 - 1 lands just below 63.10 and a sum of
  // exactly 63.10 is inside the bounds (exact decimals would say "equal").
  std::string line = UblLine("S", "VAT", "<b:Percent>20</b:Percent>", "63.10");
  std::string pct = "<b:Percent>20</b:Percent>";
  EXPECT_FALSE(
      Has(Fired(Ubl(line + UblTotal(UblSubtotal("S", "64.10", "12.82", pct)))),
          "BR-S-08"));
  EXPECT_TRUE(
      Has(Fired(Ubl(line + UblTotal(UblSubtotal("S", "64.20", "12.84", pct)))),
          "BR-S-08"));
}

TEST(BusinessVatUbl, ExemptCategoryNeedsExactlyOneBreakdown) {
  std::string line = UblLine("E", "VAT", "<b:Percent>0</b:Percent>", "10");
  std::string reason = "<b:TaxExemptionReason>Exempt</b:TaxExemptionReason>";
  std::string one =
      UblSubtotal("E", "10", "0", "<b:Percent>0</b:Percent>", reason);
  EXPECT_FALSE(Has(Fired(Ubl(line + UblTotal(one))), "BR-E-01"));
  EXPECT_TRUE(Has(Fired(Ubl(line + UblTotal(one + one))), "BR-E-01"));
  // BR-E-10: the reason is required.
  EXPECT_TRUE(
      Has(Fired(Ubl(line + UblTotal(UblSubtotal("E", "10", "0",
                                                "<b:Percent>0</b:Percent>")))),
          "BR-E-10"));
}

TEST(BusinessVatUbl, InvalidChargeIndicatorIsNeitherAllowanceNorCharge) {
  std::string ac =
      "<cac:AllowanceCharge><b:ChargeIndicator>maybe</b:ChargeIndicator>"
      "<b:Amount>5</b:Amount><cac:TaxCategory><b:ID>S</b:ID>"
      "<b:Percent>0</b:Percent><cac:TaxScheme><b:ID>VAT</b:ID>"
      "</cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>\n";
  auto fired = Fired(Ubl(ac));
  EXPECT_FALSE(Has(fired, "BR-S-06"));
  EXPECT_FALSE(Has(fired, "BR-S-07"));
  std::string allowance = ac;
  allowance.replace(allowance.find("maybe"), 5, " false ");
  EXPECT_TRUE(Has(Fired(Ubl(allowance)), "BR-S-06"));
}

TEST(BusinessVatUbl, NotSubjectExcludesOtherCategories) {
  std::string reason =
      "<b:TaxExemptionReason>Not subject</b:TaxExemptionReason>";
  std::string body = UblLine("O", "VAT", "", "10") +
                     UblLine("S", "VAT", "<b:Percent>20</b:Percent>", "10") +
                     UblTotal(UblSubtotal("O", "10", "0", "", reason));
  auto fired = Fired(Ubl(body));
  EXPECT_TRUE(Has(fired, "BR-O-12"));  // an S line next to an O breakdown
  EXPECT_FALSE(Has(fired, "BR-O-11"));
  // BR-O-02: the seller has a VAT identifier.
  EXPECT_TRUE(Has(fired, "BR-O-02"));
}

TEST(BusinessVatUbl, SplitPaymentMustBeDomesticItalian) {
  std::string line = UblLine("B", "VAT", "<b:Percent>22</b:Percent>", "10");
  std::string it =
      "<cac:Delivery><cac:DeliveryLocation><cac:Address>"
      "<cac:Country><b:IdentificationCode>IT</b:IdentificationCode>"
      "</cac:Country></cac:Address></cac:DeliveryLocation>"
      "</cac:Delivery>\n";
  EXPECT_FALSE(Has(Fired(Ubl(it + line)), "BR-B-01"));
  std::string fr = it;
  fr.replace(fr.find(">IT<"), 4, ">FR<");
  EXPECT_TRUE(Has(Fired(Ubl(fr + line)), "BR-B-01"));
}

// Ubl(body) with `parties` for its seller party.
std::string UblParties(const std::string& parties, const std::string& body) {
  std::string doc = Ubl(body);
  const std::string end = "</cac:AccountingSupplierParty>";
  const std::size_t from = doc.find("<cac:AccountingSupplierParty>");
  doc.replace(from, doc.find(end) + end.size() - from, parties);
  return doc;
}

std::string TaxScheme(const std::string& ns, const std::string& company,
                      const std::string& scheme) {
  return "<" + ns + ":PartyTaxScheme>" + company + "<cac:TaxScheme><b:ID>" +
         scheme + "</b:ID></cac:TaxScheme></" + ns + ":PartyTaxScheme>";
}

// The seller identifier tests (02-04) find a party's tax scheme by its
// path only: <role>/cac:Party/cac:PartyTaxScheme (the representative's
// without cac:Party), with a cbc:CompanyID, wherever the role is.
TEST(BusinessVatUbl, PartyTaxIdentifiersGoByTheirPath) {
  const std::string id = "<b:CompanyID>X1</b:CompanyID>";
  const std::string vat = TaxScheme("cac", id, "VAT");
  auto party = [](const std::string& role, const std::string& inner) {
    return "<cac:" + role + ">" + inner + "</cac:" + role + ">";
  };
  auto in_party = [&](const std::string& role, const std::string& scheme) {
    return party(role, "<cac:Party>" + scheme + "</cac:Party>");
  };
  const std::string supplier = "AccountingSupplierParty";
  const std::string customer = "AccountingCustomerParty";
  const std::string rep = "TaxRepresentativeParty";
  const std::pair<std::string, bool> cases[] = {
      {in_party(supplier, TaxScheme("cac", id, "GST")), false},
      {party(supplier, vat), true},
      {in_party(supplier, TaxScheme("cac", "", "VAT")), true},
      {in_party(supplier, TaxScheme("b", id, "VAT")), true},
      {in_party(supplier, "<cac:Party>" + vat + "</cac:Party>"), true},
      {"<cac:Delivery>" + in_party(supplier, vat) + "</cac:Delivery>", false},
      {party(rep, vat), false},
      {party(rep, TaxScheme("cac", id, "GST")), true},
      {in_party(rep, vat), true},
      {in_party(customer, vat), true},
      {in_party(customer, vat) + party(rep, vat), false},
  };
  const std::string s_line =
      UblLine("S", "VAT", "<b:Percent>20</b:Percent>", "10");
  for (const auto& [parties, fires] : cases) {
    EXPECT_EQ(Has(Fired(UblParties(parties, s_line)), "BR-S-02"), fires)
        << parties;
  }
  // BR-O-02: no VAT identifier for the seller, representative or buyer.
  const std::string o_line = UblLine("O", "VAT", "", "10");
  EXPECT_TRUE(
      Has(Fired(UblParties(in_party(customer, vat), o_line)), "BR-O-02"));
  EXPECT_FALSE(
      Has(Fired(UblParties(in_party(customer, TaxScheme("cac", id, "GST")),
                           o_line)),
          "BR-O-02"));
  EXPECT_FALSE(Has(Fired(UblParties(party(customer, vat), o_line)), "BR-O-02"));
}

TEST(BusinessVatCii, StandardRulesFollowTheCiiArtefact) {
  std::string rate20 = "<r:RateApplicablePercent>20</r:RateApplicablePercent>";
  std::string line = CiiLine("S", "VAT", rate20, "100.00");
  auto ok =
      Fired(Cii(line, Seller("VA"), CiiTax("S", "100.00", "20.00", rate20)));
  EXPECT_TRUE(ok.empty()) << ok.front();
  // BR-S-08 in CII is an exact comparison (UBL allows one unit).
  EXPECT_TRUE(Has(
      Fired(Cii(line, Seller("VA"), CiiTax("S", "100.50", "20.10", rate20))),
      "BR-S-08"));
  // BR-S-02 accepts a seller tax registration with scheme FC.
  EXPECT_FALSE(Has(
      Fired(Cii(line, Seller("FC"), CiiTax("S", "100.00", "20.00", rate20))),
      "BR-S-02"));
  EXPECT_TRUE(Has(
      Fired(Cii(line, Seller("XX"), CiiTax("S", "100.00", "20.00", rate20))),
      "BR-S-02"));
}

TEST(BusinessVatCii, LineContextNeedsTypeCodeVatAfterUpperCase) {
  std::string rate5 = "<r:RateApplicablePercent>5</r:RateApplicablePercent>";
  EXPECT_TRUE(
      Has(Fired(Cii(CiiLine("Z", "vat", rate5, "10"), Seller("VA"), "")),
          "BR-Z-05"));
  EXPECT_FALSE(
      Has(Fired(Cii(CiiLine("Z", "GST", rate5, "10"), Seller("VA"), "")),
          "BR-Z-05"));
  // Any case of each letter, and nothing else (the test folds bit 5).
  for (auto [type, vat] :
       std::initializer_list<std::pair<const char*, bool>>{{"vAt", true},
                                                           {"VaT", true},
                                                           {"V@T", false},
                                                           {"VA", false},
                                                           {"VATS", false},
                                                           {"WAT", false},
                                                           {"vat ", false}}) {
    EXPECT_EQ(Has(Fired(Cii(CiiLine("Z", type, rate5, "10"), Seller("VA"), "")),
                  "BR-Z-05"),
              vat)
        << type;
  }
  // Two TypeCodes: upper-case() raises an error, the context matches
  // nothing; the TypeCode may come after the CategoryCode.
  EXPECT_FALSE(Has(
      Fired(Cii(CiiLine("Z", "VAT</r:TypeCode><r:TypeCode>VAT", rate5, "10"),
                Seller("VA"), "")),
      "BR-Z-05"));
  std::string late =
      "<r:IncludedSupplyChainTradeLineItem><r:SpecifiedLineTradeSettlement>"
      "<r:ApplicableTradeTax><r:CategoryCode>Z</r:CategoryCode>" +
      rate5 +
      "<r:TypeCode>Vat</r:TypeCode></r:ApplicableTradeTax>"
      "</r:SpecifiedLineTradeSettlement></r:IncludedSupplyChainTradeLineItem>";
  EXPECT_TRUE(Has(Fired(Cii(late, Seller("VA"), "")), "BR-Z-05"));
}

TEST(BusinessVatCii, ZeroRatedTaxableAmountHasOneUnitTolerance) {
  std::string rate0 = "<r:RateApplicablePercent>0</r:RateApplicablePercent>";
  std::string line = CiiLine("Z", "VAT", rate0, "100.00");
  EXPECT_FALSE(
      Has(Fired(Cii(line, Seller("VA"), CiiTax("Z", "100.99", "0", rate0))),
          "BR-Z-08"));
  EXPECT_TRUE(
      Has(Fired(Cii(line, Seller("VA"), CiiTax("Z", "101.00", "0", rate0))),
          "BR-Z-08"));
}

TEST(BusinessVatCii, IntraCommunityNeedsVatSchemeIdentifiers) {
  std::string rate0 = "<r:RateApplicablePercent>0</r:RateApplicablePercent>";
  std::string line = CiiLine("K", "VAT", rate0, "10");
  // Scheme FC does not count for intra-community supplies.
  EXPECT_TRUE(Has(Fired(Cii(line, Seller("FC"), "")), "BR-IC-02"));
  std::string buyer =
      "<r:BuyerTradeParty><r:SpecifiedTaxRegistration><r:ID schemeID=\"VA\">"
      "B1</r:ID></r:SpecifiedTaxRegistration></r:BuyerTradeParty>";
  EXPECT_FALSE(Has(Fired(Cii(line, Seller("VA") + buyer, "")), "BR-IC-02"));
}

TEST(BusinessVatCii, ExemptNeedsExactlyOneBreakdownAndAReason) {
  std::string rate0 = "<r:RateApplicablePercent>0</r:RateApplicablePercent>";
  std::string line = CiiLine("E", "VAT", rate0, "10");
  std::string reason = "<r:ExemptionReason>Exempt</r:ExemptionReason>";
  std::string one = CiiTax("E", "10", "0", rate0, reason);
  auto fired = Fired(Cii(line, Seller("VA"), one));
  EXPECT_FALSE(Has(fired, "BR-E-01"));
  EXPECT_FALSE(Has(fired, "BR-E-10"));
  EXPECT_TRUE(Has(Fired(Cii(line, Seller("VA"), one + one)), "BR-E-01"));
  EXPECT_TRUE(Has(Fired(Cii(line, Seller("VA"), CiiTax("E", "10", "0", rate0))),
                  "BR-E-10"));
}

// BR-E-01 counts the breakdowns, line taxes and allowance taxes of the
// category (Gather counts them as it meets the taxes): line taxes are the
// ram:ApplicableTradeTax children of any ram:SpecifiedLineTradeSettlement,
// header ones those of any ram:ApplicableHeaderTradeSettlement, wherever
// these are, and a tax with two category codes counts for both.
TEST(BusinessVatCii, PresenceCountsTaxesByParentWhereverItIs) {
  std::string rate0 = "<r:RateApplicablePercent>0</r:RateApplicablePercent>";
  std::string reason = "<r:ExemptionReason>Exempt</r:ExemptionReason>";
  std::string header = CiiTax("E", "10", "0", rate0, reason);
  std::string tax =
      "<r:ApplicableTradeTax><r:TypeCode>VAT</r:TypeCode>"
      "<r:CategoryCode>E</r:CategoryCode>" +
      rate0 + "</r:ApplicableTradeTax>";
  std::string stray_line = "<r:SpecifiedLineTradeSettlement>" + tax +
                           "</r:SpecifiedLineTradeSettlement>";
  // A breakdown and no line: BR-E-01.
  EXPECT_TRUE(Has(Fired(Cii("", Seller("VA"), header)), "BR-E-01"));
  // A line settlement outside any line item still counts as a line.
  EXPECT_FALSE(Has(Fired(Cii(stray_line, Seller("VA"), header)), "BR-E-01"));
  // A tax under another parent is no line tax.
  EXPECT_TRUE(Has(Fired(Cii("<r:Elsewhere>" + tax + "</r:Elsewhere>",
                            Seller("VA"), header)),
                  "BR-E-01"));
  // A header settlement inside the agreement adds a second breakdown.
  std::string nested = Seller("VA") + "<r:ApplicableHeaderTradeSettlement>" +
                       header + "</r:ApplicableHeaderTradeSettlement>";
  EXPECT_TRUE(Has(Fired(Cii(stray_line, nested, header)), "BR-E-01"));
  // A line tax coded both E and Z counts for Z too: with no Z breakdown,
  // BR-Z-01 fires.
  std::string both =
      "<r:SpecifiedLineTradeSettlement><r:ApplicableTradeTax>"
      "<r:TypeCode>VAT</r:TypeCode><r:CategoryCode>E</r:CategoryCode>"
      "<r:CategoryCode>Z</r:CategoryCode>" +
      rate0 + "</r:ApplicableTradeTax></r:SpecifiedLineTradeSettlement>";
  auto fired = Fired(Cii(both, Seller("VA"), header));
  EXPECT_FALSE(Has(fired, "BR-E-01"));
  EXPECT_TRUE(Has(fired, "BR-Z-01"));
}

// The rate checks remember the last rate text parsed (lines repeat one):
// each line still answers for its own rate.
TEST(BusinessVatCii, RepeatedAndChangingLineRatesAnswerPerLine) {
  std::string lines = CiiLine("Z", "VAT", CiiRate("0"), "1") +
                      CiiLine("Z", "VAT", CiiRate("0"), "1") +
                      CiiLine("Z", "VAT", CiiRate("5"), "1") +
                      CiiLine("Z", "VAT", CiiRate("5"), "1") +
                      CiiLine("Z", "VAT", CiiRate(" 0.00 "), "1") +
                      CiiLine("Z", "VAT", CiiRate("-0"), "1") +
                      CiiLine("Z", "VAT", CiiRate("0e1"), "1");
  auto fired = Fired(Cii(lines, Seller("VA"), ""));
  EXPECT_EQ(std::count(fired.begin(), fired.end(), "BR-Z-05"), 2);
}

// BR-S-08 sums the lines of each rate; the rates are compared as decimals
// ("20" = "20.00") and each line's rate parsed once, the last text
// remembered (lines repeat one rate).
TEST(BusinessVatCii, StandardTaxableAmountSumsEachRatesLines) {
  std::string lines = CiiLine("S", "VAT", CiiRate("20"), "100.00") +
                      CiiLine("S", "VAT", CiiRate("20.00"), "50.00") +
                      CiiLine("S", "VAT", CiiRate("10"), "30.00") +
                      CiiLine("S", "VAT", CiiRate("20"), "10.00");
  auto check = [&](const std::string& basis20) {
    return Fired(Cii(lines, Seller("VA"),
                     CiiTax("S", basis20, "32.00", CiiRate("20")) +
                         CiiTax("S", "30.00", "3.00", CiiRate("10"))));
  };
  EXPECT_FALSE(Has(check("160.00"), "BR-S-08"));
  EXPECT_TRUE(Has(check("150.00"), "BR-S-08"));
}

TEST(BusinessVatCii, IgicTaxableAmountRuleIsVacuousAsInTheArtefact) {
  // BR-AF-08 reads ../ram:RateApplicablePercent from the ApplicableTradeTax
  // context, which never exists: the official CII rule cannot fail.
  std::string rate7 = "<r:RateApplicablePercent>7</r:RateApplicablePercent>";
  std::string line = CiiLine("L", "VAT", rate7, "100.00");
  auto fired =
      Fired(Cii(line, Seller("VA"), CiiTax("L", "500.00", "7.00", rate7)));
  EXPECT_FALSE(Has(fired, "BR-AF-08"));
  // BR-AF-05 in CII wants a rate above zero (UBL accepts zero).
  std::string rate0 = "<r:RateApplicablePercent>0</r:RateApplicablePercent>";
  EXPECT_TRUE(Has(Fired(Cii(CiiLine("L", "VAT", rate0, "1"), Seller("VA"), "")),
                  "BR-AF-05"));
  EXPECT_FALSE(
      Has(Fired(Ubl(UblLine("L", "VAT", "<b:Percent>0</b:Percent>", "1"))),
          "BR-AF-05"));
}

TEST(BusinessVatExamples, OfficialExamplesHaveNoFatalVatCategoryFailure) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    auto some =
        testing::XmlFilesIn(testing::SharedDir() / "conformance/en16931" / dir);
    files.insert(files.end(), some.begin(), some.end());
  }
  ASSERT_GT(files.size(), 10u);
  for (const auto& file : files) {
    auto loaded = LoadDocumentFile(file.string());
    ASSERT_TRUE(loaded.ok()) << file;
    const XmlDocument& doc = *loaded.value();
    for (const Diagnostic& d : CheckRules(doc, ReadInvoice(doc))) {
      if (!IsVatCategoryRule(d.rule)) continue;
      EXPECT_NE(d.severity, Severity::kFatal)
          << file.filename() << ": " << d.rule << " at " << d.location;
    }
  }
}

}  // namespace
}  // namespace chorus
