// Generated UBL and CII invoices for the robustness tests: a valid skeleton
// (zero-rated lines, so totals are plain sums) with holes where a test puts
// hostile content, and a runner for the public path LoadDocumentBuffer ->
// ReadInvoice -> CheckRules that also measures time.
#ifndef CHORUS_TESTS_RULES_ROBUSTNESS_INVOICE_H_
#define CHORUS_TESTS_RULES_ROBUSTNESS_INVOICE_H_

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "chorus/util/result.h"

namespace chorus::robustness {

struct Spec {
  int lines = 1;
  // The text of BT-131 (and BT-146) of line i (0-based).
  std::function<std::string(int)> amount = [](int) { return "1.00"; };
  // The text of BT-146 of line i when set (otherwise the amount).
  std::function<std::string(int)> price;
  // BT-106, BT-109, BT-112, BT-115 and BT-116.
  std::string total = "1.00";
  // Raw XML put at the start of the first line's content (UBL: after
  // cbc:ID; CII: inside the line's ram:SpecifiedTradeSettlementLineMonetary-
  // Summation, after ram:LineTotalAmount).
  std::string line_extra;
  // Raw XML put among the header children (UBL: after cbc:BuyerReference;
  // CII: inside rsm:ExchangedDocumentContext).
  std::string header_extra;
  // Raw XML put at the end of the totals (UBL cac:LegalMonetaryTotal, CII
  // header monetary summation).
  std::string totals_extra;
  // Raw XML put after the totals group (UBL only: a second
  // cac:LegalMonetaryTotal, say).
  std::string after_totals;
};

inline std::string Ubl(const Spec& s) {
  std::string x;
  x.reserve(static_cast<std::size_t>(s.lines) * 400 + 2000);
  // Short prefixes keep the 100,000-line document under the size limit and
  // prove nothing depends on the conventional ones.
  x += R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
<b:CustomizationID>urn:cen.eu:en16931:2017</b:CustomizationID>
<b:ID>R-1</b:ID>
<b:IssueDate>2024-01-15</b:IssueDate>
<b:DueDate>2024-02-15</b:DueDate>
<b:InvoiceTypeCode>380</b:InvoiceTypeCode>
<b:DocumentCurrencyCode>EUR</b:DocumentCurrencyCode>
<b:BuyerReference>B-1</b:BuyerReference>
)";
  x += s.header_extra;
  x += R"(
<a:AccountingSupplierParty><a:Party><a:PostalAddress><a:Country><b:IdentificationCode>FR</b:IdentificationCode></a:Country></a:PostalAddress><a:PartyTaxScheme><b:CompanyID>FR12345678901</b:CompanyID><a:TaxScheme><b:ID>VAT</b:ID></a:TaxScheme></a:PartyTaxScheme><a:PartyLegalEntity><b:RegistrationName>Seller</b:RegistrationName></a:PartyLegalEntity></a:Party></a:AccountingSupplierParty>
<a:AccountingCustomerParty><a:Party><a:PostalAddress><a:Country><b:IdentificationCode>FR</b:IdentificationCode></a:Country></a:PostalAddress><a:PartyLegalEntity><b:RegistrationName>Buyer</b:RegistrationName></a:PartyLegalEntity></a:Party></a:AccountingCustomerParty>
<a:TaxTotal><b:TaxAmount currencyID="EUR">0.00</b:TaxAmount><a:TaxSubtotal><b:TaxableAmount currencyID="EUR">)";
  x += s.total;
  x +=
      R"(</b:TaxableAmount><b:TaxAmount currencyID="EUR">0.00</b:TaxAmount><a:TaxCategory><b:ID>Z</b:ID><b:Percent>0</b:Percent><a:TaxScheme><b:ID>VAT</b:ID></a:TaxScheme></a:TaxCategory></a:TaxSubtotal></a:TaxTotal>
<a:LegalMonetaryTotal>)";
  for (const char* term : {"LineExtensionAmount", "TaxExclusiveAmount",
                           "TaxInclusiveAmount", "PayableAmount"}) {
    x += std::string("<b:") + term + " currencyID=\"EUR\">" + s.total +
         "</b:" + term + ">";
  }
  x += s.totals_extra;
  x += "</a:LegalMonetaryTotal>\n";
  x += s.after_totals;
  for (int i = 0; i < s.lines; ++i) {
    std::string amount = s.amount(i);
    x += "<a:InvoiceLine><b:ID>";
    x += std::to_string(i + 1);
    x += "</b:ID>";
    if (i == 0) x += s.line_extra;
    x +=
        R"(<b:InvoicedQuantity unitCode="C62">1</b:InvoicedQuantity><b:LineExtensionAmount currencyID="EUR">)";
    x += amount;
    x +=
        R"(</b:LineExtensionAmount><a:Item><b:Name>I</b:Name><a:ClassifiedTaxCategory><b:ID>Z</b:ID><b:Percent>0</b:Percent><a:TaxScheme><b:ID>VAT</b:ID></a:TaxScheme></a:ClassifiedTaxCategory></a:Item><a:Price><b:PriceAmount currencyID="EUR">)";
    x += s.price ? s.price(i) : amount;
    x += "</b:PriceAmount></a:Price></a:InvoiceLine>\n";
  }
  x += "</Invoice>\n";
  return x;
}

inline std::string Cii(const Spec& s) {
  std::string x;
  x.reserve(static_cast<std::size_t>(s.lines) * 600 + 2000);
  x += R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:r="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocumentContext><r:GuidelineSpecifiedDocumentContextParameter><r:ID>urn:cen.eu:en16931:2017</r:ID></r:GuidelineSpecifiedDocumentContextParameter>)";
  x += s.header_extra;
  x += R"(</rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument><r:ID>R-1</r:ID><r:TypeCode>380</r:TypeCode><r:IssueDateTime><udt:DateTimeString format="102">20240115</udt:DateTimeString></r:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
)";
  for (int i = 0; i < s.lines; ++i) {
    std::string amount = s.amount(i);
    x += "<r:IncludedSupplyChainTradeLineItem><r:"
         "AssociatedDocumentLineDocument><r:LineID>";
    x += std::to_string(i + 1);
    x +=
        R"(</r:LineID></r:AssociatedDocumentLineDocument><r:SpecifiedTradeProduct><r:Name>I</r:Name></r:SpecifiedTradeProduct><r:SpecifiedLineTradeAgreement><r:NetPriceProductTradePrice><r:ChargeAmount>)";
    x += s.price ? s.price(i) : amount;
    x +=
        R"(</r:ChargeAmount></r:NetPriceProductTradePrice></r:SpecifiedLineTradeAgreement><r:SpecifiedLineTradeDelivery><r:BilledQuantity unitCode="C62">1</r:BilledQuantity></r:SpecifiedLineTradeDelivery><r:SpecifiedLineTradeSettlement><r:ApplicableTradeTax><r:TypeCode>VAT</r:TypeCode><r:CategoryCode>Z</r:CategoryCode><r:RateApplicablePercent>0</r:RateApplicablePercent></r:ApplicableTradeTax><r:SpecifiedTradeSettlementLineMonetarySummation><r:LineTotalAmount>)";
    x += amount;
    x += "</r:LineTotalAmount>";
    if (i == 0) x += s.line_extra;
    x += "</r:SpecifiedTradeSettlementLineMonetarySummation></"
         "r:SpecifiedLineTradeSettlement></"
         "r:IncludedSupplyChainTradeLineItem>\n";
  }
  x +=
      R"(<r:ApplicableHeaderTradeAgreement><r:BuyerReference>B-1</r:BuyerReference><r:SellerTradeParty><r:Name>Seller</r:Name><r:PostalTradeAddress><r:CountryID>FR</r:CountryID></r:PostalTradeAddress><r:SpecifiedTaxRegistration><r:ID schemeID="VA">FR12345678901</r:ID></r:SpecifiedTaxRegistration></r:SellerTradeParty><r:BuyerTradeParty><r:Name>Buyer</r:Name><r:PostalTradeAddress><r:CountryID>FR</r:CountryID></r:PostalTradeAddress></r:BuyerTradeParty></r:ApplicableHeaderTradeAgreement>
<r:ApplicableHeaderTradeDelivery/>
<r:ApplicableHeaderTradeSettlement><r:InvoiceCurrencyCode>EUR</r:InvoiceCurrencyCode><r:ApplicableTradeTax><r:CalculatedAmount>0.00</r:CalculatedAmount><r:TypeCode>VAT</r:TypeCode><r:BasisAmount>)";
  x += s.total;
  x +=
      R"(</r:BasisAmount><r:CategoryCode>Z</r:CategoryCode><r:RateApplicablePercent>0</r:RateApplicablePercent></r:ApplicableTradeTax><r:SpecifiedTradePaymentTerms><r:DueDateDateTime><udt:DateTimeString format="102">20240215</udt:DateTimeString></r:DueDateDateTime></r:SpecifiedTradePaymentTerms><r:SpecifiedTradeSettlementHeaderMonetarySummation>)";
  auto term = [&](const char* name, const std::string& value,
                  const char* attrs = "") {
    x += std::string("<r:") + name + attrs + ">" + value + "</r:" + name + ">";
  };
  term("LineTotalAmount", s.total);
  term("TaxBasisTotalAmount", s.total);
  term("TaxTotalAmount", "0.00", " currencyID=\"EUR\"");
  term("GrandTotalAmount", s.total);
  term("DuePayableAmount", s.total);
  x += s.totals_extra;
  x +=
      R"(</r:SpecifiedTradeSettlementHeaderMonetarySummation></r:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
)";
  return x;
}

struct Outcome {
  bool loaded = false;
  Error error;                    // when !loaded
  std::vector<Diagnostic> rules;  // CheckRules
  std::vector<Diagnostic> read;   // ReadResult::diagnostics
  double seconds = 0;             // load + read + rules
};

inline Outcome Check(std::string xml,
                     std::size_t max_bytes = kDefaultMaxDocumentBytes) {
  Outcome out;
  auto start = std::chrono::steady_clock::now();
  auto loaded =
      LoadDocumentBuffer(std::move(xml), "robust.xml", LoadOptions{max_bytes});
  if (loaded.ok()) {
    out.loaded = true;
    ReadResult read = ReadInvoice(**loaded);
    out.rules = CheckRules(**loaded, read);
    out.read = std::move(read.diagnostics);
  } else {
    out.error = loaded.error();
  }
  out.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return out;
}

inline bool Has(const std::vector<Diagnostic>& d, std::string_view rule) {
  return std::any_of(d.begin(), d.end(),
                     [&](const Diagnostic& x) { return x.rule == rule; });
}

// "ID @ location" of every fatal finding, for readable failure messages.
inline std::vector<std::string> Fatals(const std::vector<Diagnostic>& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d) {
    if (x.severity != Severity::kWarning) {
      out.push_back(x.rule + " @ " + x.location);
    }
  }
  return out;
}

}  // namespace chorus::robustness

#endif  // CHORUS_TESTS_RULES_ROBUSTNESS_INVOICE_H_
