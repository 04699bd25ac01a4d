// Minimal CII invoices for the syntax-pattern tests: a skeleton that passes
// the pattern, with places for the content a test adds.
#ifndef CHORUS_TESTS_RULES_CII_SYNTAX_INVOICE_H_
#define CHORUS_TESTS_RULES_CII_SYNTAX_INVOICE_H_

#include <string>

namespace chorus::testing {

inline constexpr const char* kCiiOpen =
    "<rsm:CrossIndustryInvoice"
    " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:"
    "100\""
    " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100\""
    " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:"
    "100\">";

// A minimal invoice that passes the pattern: the guideline, a type code.
inline std::string CiiInvoice(const std::string& document_extra = "",
                              const std::string& transaction = "") {
  return std::string(kCiiOpen) +
         "<rsm:ExchangedDocumentContext>"
         "<ram:GuidelineSpecifiedDocumentContextParameter>"
         "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>"
         "</ram:GuidelineSpecifiedDocumentContextParameter>"
         "</rsm:ExchangedDocumentContext>"
         "<rsm:ExchangedDocument><ram:ID>1</ram:ID>"
         "<ram:TypeCode>380</ram:TypeCode>" +
         document_extra +
         "</rsm:ExchangedDocument>"
         "<rsm:SupplyChainTradeTransaction>" +
         transaction +
         "</rsm:SupplyChainTradeTransaction>"
         "</rsm:CrossIndustryInvoice>";
}

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_RULES_CII_SYNTAX_INVOICE_H_
