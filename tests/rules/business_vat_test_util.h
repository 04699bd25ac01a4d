// Helpers of the VAT category rule tests (business_vat_test.cpp,
// business_vat_cii_test.cpp): the rule ids that fire on a document, and CII
// invoices built from parts.
#ifndef CHORUS_TESTS_RULES_BUSINESS_VAT_TEST_UTIL_H_
#define CHORUS_TESTS_RULES_BUSINESS_VAT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/rules/rules.h"

namespace chorus::vat_test {

inline bool IsVatCategoryRule(const std::string& id) {
  for (const char* p : {"BR-S-", "BR-Z-", "BR-E-", "BR-AE-", "BR-IC-", "BR-G-",
                        "BR-O-", "BR-AF-", "BR-AG-", "BR-B-"}) {
    if (id.rfind(p, 0) == 0) return true;
  }
  return false;
}

// The VAT category rule ids that fire on `xml`, sorted.
inline std::vector<std::string> Fired(const std::string& xml) {
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return {};
  const XmlDocument& doc = *loaded.value();
  std::vector<std::string> out;
  for (const Diagnostic& d : CheckRules(doc, ReadInvoice(doc))) {
    if (IsVatCategoryRule(d.rule)) out.push_back(d.rule);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline bool Has(const std::vector<std::string>& fired, const char* id) {
  return std::find(fired.begin(), fired.end(), id) != fired.end();
}

// A CII invoice; `agreement` goes in the header trade agreement, `lines`
// before it and `settlement` in the header trade settlement.
inline std::string Cii(const std::string& lines, const std::string& agreement,
                       const std::string& settlement) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice
 xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:r="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:SupplyChainTradeTransaction>
)" + lines +
         "<r:ApplicableHeaderTradeAgreement>" + agreement +
         "</"
         "r:ApplicableHeaderTradeAgreement><r:"
         "ApplicableHeaderTradeSettlement>" +
         settlement +
         "</r:ApplicableHeaderTradeSettlement>\n"
         "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>\n";
}

inline std::string CiiLine(const std::string& cat, const std::string& type,
                           const std::string& rate, const std::string& amount) {
  return "<r:IncludedSupplyChainTradeLineItem><r:SpecifiedLineTradeSettlement>"
         "<r:ApplicableTradeTax><r:TypeCode>" +
         type + "</r:TypeCode><r:CategoryCode>" + cat + "</r:CategoryCode>" +
         rate +
         "</"
         "r:ApplicableTradeTax><r:"
         "SpecifiedTradeSettlementLineMonetarySummation>"
         "<r:LineTotalAmount>" +
         amount +
         "</r:LineTotalAmount></"
         "r:SpecifiedTradeSettlementLineMonetarySummation>"
         "</r:SpecifiedLineTradeSettlement></"
         "r:IncludedSupplyChainTradeLineItem>\n";
}

inline std::string CiiTax(const std::string& cat, const std::string& basis,
                          const std::string& calculated,
                          const std::string& rate,
                          const std::string& extra = "") {
  return "<r:ApplicableTradeTax><r:CalculatedAmount>" + calculated +
         "</r:CalculatedAmount><r:TypeCode>VAT</r:TypeCode>" + extra +
         "<r:BasisAmount>" + basis + "</r:BasisAmount><r:CategoryCode>" + cat +
         "</r:CategoryCode>" + rate + "</r:ApplicableTradeTax>\n";
}

inline std::string CiiRate(const std::string& percent) {
  return "<r:RateApplicablePercent>" + percent + "</r:RateApplicablePercent>";
}

inline std::string Seller(const std::string& scheme) {
  return "<r:SellerTradeParty><r:SpecifiedTaxRegistration><r:ID schemeID=\"" +
         scheme +
         "\">X1</r:ID></r:SpecifiedTaxRegistration></r:SellerTradeParty>";
}

}  // namespace chorus::vat_test

#endif  // CHORUS_TESTS_RULES_BUSINESS_VAT_TEST_UTIL_H_
