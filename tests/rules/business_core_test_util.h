// Helpers of the core business rule tests (business_core_test.cpp,
// business_core_cii_test.cpp): every rule run on an invoice built from
// parts, and the findings of one rule.
#ifndef CHORUS_TESTS_RULES_BUSINESS_CORE_TEST_UTIL_H_
#define CHORUS_TESTS_RULES_BUSINESS_CORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/rules/rules.h"

namespace chorus::core_test {

inline std::vector<Diagnostic> Check(const std::string& xml) {
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return {};
  ReadResult read = ReadInvoice(**loaded);
  return CheckRules(**loaded, read);
}

inline std::vector<Diagnostic> Fired(const std::vector<Diagnostic>& all,
                                     std::string_view rule) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : all) {
    if (d.rule == rule) out.push_back(d);
  }
  return out;
}

inline bool Fires(const std::vector<Diagnostic>& all, std::string_view rule) {
  return !Fired(all, rule).empty();
}

inline std::string Ubl(const std::string& body) {
  return R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")"
         R"( xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")"
         R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)" +
         body + "</Invoice>";
}

// A CII root with the rsm, ram and udt prefixes, opened down to its
// transaction; the callers close both.
inline constexpr std::string_view kCiiTransactionOpen =
    R"(<rsm:CrossIndustryInvoice)"
    R"( xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")"
    R"( xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100")"
    R"( xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">)"
    R"(<rsm:SupplyChainTradeTransaction>)";

inline std::string Cii(const std::string& settlement,
                       const std::string& lines = "") {
  return std::string(kCiiTransactionOpen) + lines +
         "<ram:ApplicableHeaderTradeSettlement>" + settlement +
         "</ram:ApplicableHeaderTradeSettlement>"
         "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
}

}  // namespace chorus::core_test

#endif  // CHORUS_TESTS_RULES_BUSINESS_CORE_TEST_UTIL_H_
