// BR-CL-*: the code list rules against the official CEN unit tests, the
// official examples, and focused cases.
#include "../src/rules/code_lists.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../src/rules/code_lists_eval.h"
#include "../src/rules/doc_index.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "code_lists_test_util.h"
#include "support/cen_suite.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;

struct Checked {
  bool loaded = false;
  std::string load_error;
  std::vector<Diagnostic> diagnostics;
};

Checked CheckXml(std::string xml, const std::string& name = "<test>") {
  Checked out;
  auto doc = LoadDocumentBuffer(std::move(xml), name);
  if (!doc.ok()) {
    out.load_error = doc.error().message;
    return out;
  }
  out.loaded = true;
  ReadResult read;
  Syntax syntax = (*doc)->syntax == Syntax::kUbl ? Syntax::kUbl : Syntax::kCii;
  rules::RunContext ctx{**doc, read, syntax, &out.diagnostics};
  rules::CheckCodeListRules(ctx);
  return out;
}

std::size_t CountOf(const Checked& c, std::string_view id,
                    Severity severity = Severity::kFatal) {
  std::size_t n = 0;
  for (const Diagnostic& d : c.diagnostics) {
    if (d.rule == id && d.severity == severity) ++n;
  }
  return n;
}

// Where rule `id` failed, in report order.
std::vector<std::string> LocationsOf(const Checked& c, std::string_view id) {
  std::vector<std::string> out;
  for (const Diagnostic& d : c.diagnostics) {
    if (d.rule == id) out.push_back(d.location);
  }
  return out;
}

std::string Summary(const Checked& c) {
  std::ostringstream s;
  for (const Diagnostic& d : c.diagnostics) {
    s << "  " << d.rule << " @ " << d.location << "\n";
  }
  return s.str();
}

struct Tally {
  int passed = 0;
  int failed = 0;
  std::vector<std::string> failures;
};

void RunUnitFile(const fs::path& file, Tally& tally) {
  for (const testing::SuiteCase& c : testing::ReadSuiteFile(file)) {
    Checked checked = CheckXml(c.xml, c.label);
    for (const testing::SuiteExpectation& e : c.expected) {
      if (!e.rule.starts_with("BR-CL-")) continue;
      if (checked.loaded && testing::Meets(e, checked.diagnostics)) {
        ++tally.passed;
      } else {
        ++tally.failed;
        tally.failures.push_back(c.label + ": expected " + e.kind + " of " +
                                 e.rule + checked.load_error + "\n" +
                                 Summary(checked));
      }
    }
  }
}

TEST(CodeListRules, CenUnitTests) {
  fs::path base = testing::SharedDir() / "conformance" / "en16931";
  Tally tally;
  int files = 0;
  for (const char* dir :
       {"Invoice-unit-UBL", "CreditNote-unit-UBL", "cii-unit"}) {
    for (const fs::path& file : testing::XmlFilesIn(base / dir)) {
      std::string text = testing::ReadFile(file);
      std::size_t scope = text.find("<scope>");
      if (scope == std::string::npos ||
          text.substr(scope, text.find("</assert>", scope) - scope)
                  .find("BR-CL-") == std::string::npos) {
        continue;
      }
      ++files;
      RunUnitFile(file, tally);
    }
  }
  std::cout << "CEN BR-CL unit files: " << files << ", " << tally.passed
            << " passed, " << tally.failed << " failed\n";
  for (const std::string& f : tally.failures) std::cout << f;
  EXPECT_GT(files, 20);
  EXPECT_GT(tally.passed, 0);
  EXPECT_EQ(tally.failed, 0);
}

TEST(CodeListRules, OfficialExamplesHaveNoFatalFailure) {
  fs::path base = testing::SharedDir() / "conformance" / "en16931";
  int files = 0;
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const fs::path& file : testing::XmlFilesIn(base / dir)) {
      Checked c = CheckXml(testing::ReadFile(file), file.string());
      if (!c.loaded) continue;  // not an invoice root: not ours to judge
      ++files;
      std::size_t fatal = 0;
      for (const Diagnostic& d : c.diagnostics) {
        if (d.severity == Severity::kFatal) ++fatal;
      }
      EXPECT_EQ(fatal, 0u) << file << "\n" << Summary(c);
    }
  }
  EXPECT_GT(files, 30);
}

// ------------------------------------------------------------ focused

std::string Ubl(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
)" + body +
         "\n</Invoice>\n";
}

using code_lists_test::Cii;

TEST(CodeListRules, BadCurrencyCode) {
  Checked c = CheckXml(
      Ubl("<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>"
          "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"XYZ\">1"
          "</cbc:PayableAmount><cbc:TaxExclusiveAmount currencyID=\"EUR\">1"
          "</cbc:TaxExclusiveAmount><cbc:PrepaidAmount>0</cbc:PrepaidAmount>"
          "</cac:LegalMonetaryTotal>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(CountOf(c, "BR-CL-04"), 1u) << Summary(c);
  // Bad, and absent (normalize-space of nothing is '', not in the list).
  EXPECT_EQ(CountOf(c, "BR-CL-03"), 2u) << Summary(c);
  bool located = false;
  for (const Diagnostic& d : c.diagnostics) {
    if (d.rule == "BR-CL-04") {
      located = d.location.find("DocumentCurrencyCode") != std::string::npos;
    }
  }
  EXPECT_TRUE(located) << Summary(c);
}

TEST(CodeListRules, BadCountryCode) {
  Checked c = CheckXml(
      Ubl("<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress>"
          "<cac:Country><cbc:IdentificationCode>XX</cbc:IdentificationCode>"
          "</cac:Country></cac:PostalAddress></cac:Party>"
          "</cac:AccountingSupplierParty>"
          "<cac:InvoiceLine><cac:Item><cac:OriginCountry>"
          "<cbc:IdentificationCode>fr</cbc:IdentificationCode>"
          "</cac:OriginCountry></cac:Item></cac:InvoiceLine>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(CountOf(c, "BR-CL-14"), 1u) << Summary(c);
  EXPECT_EQ(CountOf(c, "BR-CL-15"), 1u) << Summary(c);
}

TEST(CodeListRules, CountryListsDifferBetweenArtefacts) {
  // "AN" (former Netherlands Antilles) is in the CII artefact's list only.
  Checked ubl = CheckXml(
      Ubl("<cac:Delivery><cac:DeliveryLocation><cac:Address><cac:Country>"
          "<cbc:IdentificationCode>AN</cbc:IdentificationCode></cac:Country>"
          "</cac:Address></cac:DeliveryLocation></cac:Delivery>"));
  Checked cii = CheckXml(Cii(
      "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>"
      "<ram:SellerTradeParty><ram:PostalTradeAddress>"
      "<ram:CountryID>AN</ram:CountryID></ram:PostalTradeAddress>"
      "</ram:SellerTradeParty></ram:ApplicableHeaderTradeAgreement>"
      "</rsm:SupplyChainTradeTransaction>"));
  ASSERT_TRUE(ubl.loaded && cii.loaded);
  EXPECT_EQ(CountOf(ubl, "BR-CL-14"), 1u) << Summary(ubl);
  EXPECT_EQ(CountOf(cii, "BR-CL-14"), 0u) << Summary(cii);
}

TEST(CodeListRules, BadUnitCode) {
  Checked c = CheckXml(Ubl(
      "<cac:InvoiceLine><cbc:InvoicedQuantity unitCode=\"PIECES\">1"
      "</cbc:InvoicedQuantity><cac:Price><cbc:BaseQuantity unitCode=\"C62\">"
      "1</cbc:BaseQuantity></cac:Price></cac:InvoiceLine>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(CountOf(c, "BR-CL-23"), 1u) << Summary(c);

  Checked cii = CheckXml(Cii(
      "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem>"
      "<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"H87 \">"
      "1</ram:BilledQuantity><ram:BasisQuantity unitCode=\"H 87\">1"
      "</ram:BasisQuantity></ram:SpecifiedLineTradeDelivery>"
      "</ram:IncludedSupplyChainTradeLineItem>"
      "</rsm:SupplyChainTradeTransaction>"));
  ASSERT_TRUE(cii.loaded) << cii.load_error;
  // "H87 " normalizes to a code; "H 87" has an inner space.
  EXPECT_EQ(CountOf(cii, "BR-CL-23"), 1u) << Summary(cii);
}

TEST(CodeListRules, BadMimeCode) {
  Checked c = CheckXml(
      Ubl("<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment>"
          "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/zip\" "
          "filename=\"a.zip\">AA==</cbc:EmbeddedDocumentBinaryObject>"
          "</cac:Attachment></cac:AdditionalDocumentReference>"
          "<cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID><cac:Attachment>"
          "<cbc:EmbeddedDocumentBinaryObject mimeCode=\" application/pdf\" "
          "filename=\"a.pdf\">AA==</cbc:EmbeddedDocumentBinaryObject>"
          "</cac:Attachment></cac:AdditionalDocumentReference>"
          "<cac:AdditionalDocumentReference><cbc:ID>3</cbc:ID><cac:Attachment>"
          "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"image/png\" "
          "filename=\"a.png\">AA==</cbc:EmbeddedDocumentBinaryObject>"
          "</cac:Attachment></cac:AdditionalDocumentReference>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  // BR-CL-24 compares @mimeCode as is: no normalize-space there.
  EXPECT_EQ(CountOf(c, "BR-CL-24"), 2u) << Summary(c);
}

TEST(CodeListRules, SurroundingWhitespaceIsNormalized) {
  Checked c = CheckXml(
      Ubl("<cbc:InvoiceTypeCode>\n  380\t</cbc:InvoiceTypeCode>"
          "<cbc:DocumentCurrencyCode> EUR </cbc:DocumentCurrencyCode>"
          "<cac:TaxTotal><cbc:TaxAmount currencyID=\" EUR\">0</cbc:TaxAmount>"
          "</cac:TaxTotal><cac:PaymentMeans><cbc:PaymentMeansCode>\n30\n"
          "</cbc:PaymentMeansCode></cac:PaymentMeans>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_TRUE(c.diagnostics.empty()) << Summary(c);

  Checked inner = CheckXml(
      Ubl("<cbc:DocumentCurrencyCode>EUR USD</cbc:DocumentCurrencyCode>"
          "<cbc:TaxCurrencyCode></cbc:TaxCurrencyCode>"));
  ASSERT_TRUE(inner.loaded);
  EXPECT_EQ(CountOf(inner, "BR-CL-04"), 1u) << Summary(inner);
  EXPECT_EQ(CountOf(inner, "BR-CL-05"), 1u) << Summary(inner);
}

TEST(CodeListRules, RepeatedAttributeCodesAnswerAsTheFirst) {
  // The walk remembers each list's last answer: a repeat of a good or a
  // bad code, and codes that differ from it only by spaces, case or
  // absence, must each get the answer of a first lookup.
  std::string body;
  const std::vector<const char*> currencies = {"EUR", "EUR", " EUR ", "EU R",
                                               "EUR", "XYZ", "XYZ",   nullptr,
                                               "eur", "EUR"};
  for (const char* currency : currencies) {
    body += "<cac:TaxTotal><cbc:TaxAmount";
    if (currency != nullptr) {
      body += std::string(" currencyID=\"") + currency + "\"";
    }
    body += ">0</cbc:TaxAmount></cac:TaxTotal>";
  }
  Checked c = CheckXml(Ubl(body));
  ASSERT_TRUE(c.loaded) << c.load_error;
  // "EU R", "XYZ" twice, the absent one and "eur".
  EXPECT_EQ(CountOf(c, "BR-CL-03"), 5u) << Summary(c);
}

// UBL BR-CL-01 takes its list from the element's name (invoice or credit
// note type code), wherever the element sits: codes of either list, of
// both (81), of neither, padded (normalized), with a space inside, and
// as the string value of an element with content.
TEST(CodeListRules, DocumentTypeListDependsOnName) {
  struct Case {
    const char* code;
    bool invoice;      // in the invoice type codes
    bool credit_note;  // in the credit note type codes
  };
  for (const Case& k : {Case{"380", true, false}, Case{"381", false, true},
                        Case{"81", true, true}, Case{"999", false, false},
                        Case{" 396\n", false, true}, Case{"3 80", false, false},
                        Case{"", false, false}}) {
    for (const bool invoice : {true, false}) {
      const std::string element =
          invoice ? "cbc:InvoiceTypeCode" : "cbc:CreditNoteTypeCode";
      const std::string code = k.code;
      Checked c =
          CheckXml(Ubl("<" + element + ">" + code + "</" + element + "><" +
                       element + ">" + code + "<cbc:Note/></" + element + ">"));
      ASSERT_TRUE(c.loaded) << c.load_error;
      const bool in_list = invoice ? k.invoice : k.credit_note;
      EXPECT_EQ(CountOf(c, "BR-CL-01"), in_list ? 0u : 2u)
          << element << " '" << code << "' " << Summary(c);
    }
  }
}

TEST(CodeListRules, DocumentTypeListDependsOnRoot) {
  // 381 is a credit note type: wrong as cbc:InvoiceTypeCode in UBL.
  Checked c = CheckXml(Ubl("<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>"));
  EXPECT_EQ(CountOf(c, "BR-CL-01"), 1u) << Summary(c);
  Checked cii =
      CheckXml(Cii("<rsm:ExchangedDocument><ram:TypeCode>381</ram:TypeCode>"
                   "</rsm:ExchangedDocument>"));
  EXPECT_EQ(CountOf(cii, "BR-CL-01"), 0u) << Summary(cii);
}

TEST(CodeListRules, NoteSubjectUsesSubstringSemantics) {
  // UBL BR-CL-08 tests contains(LIST, code) without padding: "A A" is found
  // inside " AAA AAB ", "ZZY" is not; no second '#' means no code at all.
  Checked c = CheckXml(
      Ubl("<cbc:Note>#A A#text</cbc:Note><cbc:Note>#ZZY#text</cbc:Note>"
          "<cbc:Note>#ZZY text</cbc:Note><cbc:Note>#AAIX#long</cbc:Note>"));
  ASSERT_TRUE(c.loaded);
  EXPECT_EQ(CountOf(c, "BR-CL-08"), 1u) << Summary(c);
}

// UBL BR-CL-08 checks the notes of the root alone, an invoice or a credit
// note: not a line's, nor those of a nested element named like a root.
TEST(CodeListRules, NoteSubjectOnlyOnRootNotes) {
  const std::string bad = "<cbc:Note>#ZZY#text</cbc:Note>";
  const std::string body = bad + "<cac:InvoiceLine>" + bad +
                           "</cac:InvoiceLine><Invoice>" + bad + "</Invoice>" +
                           bad;
  Checked invoice = CheckXml(Ubl(body));
  ASSERT_TRUE(invoice.loaded) << invoice.load_error;
  EXPECT_EQ(CountOf(invoice, "BR-CL-08"), 2u) << Summary(invoice);
  std::string credit_note = Ubl(body);
  const std::string invoice_ns =
      "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
  credit_note.replace(credit_note.find(invoice_ns), invoice_ns.size(),
                      "urn:oasis:names:specification:ubl:schema:xsd:"
                      "CreditNote-2");
  credit_note.replace(credit_note.find("<Invoice"), 8, "<CreditNote");
  credit_note.replace(credit_note.rfind("</Invoice>"), 10, "</CreditNote>");
  Checked c = CheckXml(credit_note);
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(CountOf(c, "BR-CL-08"), 2u) << Summary(c);
}

TEST(CodeListRules, VatexIsUpperCased) {
  Checked c = CheckXml(Ubl(
      "<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>E</cbc:ID>"
      "<cbc:TaxExemptionReasonCode>vatex-eu-79-c</cbc:TaxExemptionReasonCode>"
      "</cac:TaxCategory></cac:TaxSubtotal><cac:TaxSubtotal><cac:TaxCategory>"
      "<cbc:ID>Q</cbc:ID><cbc:TaxExemptionReasonCode>VATEX-EU-X"
      "</cbc:TaxExemptionReasonCode></cac:TaxCategory></cac:TaxSubtotal>"
      "</cac:TaxTotal>"));
  ASSERT_TRUE(c.loaded);
  EXPECT_EQ(CountOf(c, "BR-CL-22"), 1u) << Summary(c);
  EXPECT_EQ(CountOf(c, "BR-CL-17"), 1u) << Summary(c);
}

TEST(CodeListRules, FirstMatchingRuleWinsInCii) {
  // ram:ID[@schemeID] (BR-CL-11) comes before ram:OriginTradeCountry/ram:ID
  // (BR-CL-15) in the pattern: a bad country with a schemeID is judged by
  // BR-CL-11 only.
  Checked c = CheckXml(Cii(
      "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem>"
      "<ram:SpecifiedTradeProduct><ram:OriginTradeCountry>"
      "<ram:ID schemeID=\"0088\">XX</ram:ID></ram:OriginTradeCountry>"
      "<ram:OriginTradeCountry><ram:ID>XX</ram:ID></ram:OriginTradeCountry>"
      "</ram:SpecifiedTradeProduct></ram:IncludedSupplyChainTradeLineItem>"
      "</rsm:SupplyChainTradeTransaction>"));
  ASSERT_TRUE(c.loaded);
  EXPECT_EQ(CountOf(c, "BR-CL-11"), 0u) << Summary(c);
  EXPECT_EQ(CountOf(c, "BR-CL-15"), 1u) << Summary(c);
}

TEST(CodeListRules, ChargeIndicatorSelectsReasonList) {
  Checked c = CheckXml(Cii(
      "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
      "<udt:Indicator> false </udt:Indicator></ram:ChargeIndicator>"
      "<ram:ReasonCode>95</ram:ReasonCode></ram:SpecifiedTradeAllowanceCharge>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
      "<udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>"
      "<ram:ReasonCode>95</ram:ReasonCode></ram:SpecifiedTradeAllowanceCharge>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
      "<udt:Indicator>maybe</udt:Indicator></ram:ChargeIndicator>"
      "<ram:ReasonCode>XX</ram:ReasonCode></"
      "ram:SpecifiedTradeAllowanceCharge>"));
  ASSERT_TRUE(c.loaded);
  // 95 is an allowance reason (UNTDID 5189), not a charge one (7161); an
  // indicator that is no boolean matches neither rule.
  EXPECT_EQ(CountOf(c, "BR-CL-19"), 0u) << Summary(c);
  EXPECT_EQ(CountOf(c, "BR-CL-20"), 1u) << Summary(c);
}

// The value of an element with element children is its XPath string
// value over the parsed document: text, CDATA and descendants' text in
// order; text that is whitespace only is not kept by the parser (so not in
// the value either, as it never was).
TEST(CodeListRules, MixedContentValuesAreStringValues) {
  const std::string x = " xmlns:x=\"urn:example:x\"";
  Checked joined = CheckXml(Ubl("<cbc:DocumentCurrencyCode>E<x:i" + x +
                                ">U</x:i>R</cbc:DocumentCurrencyCode>"));
  ASSERT_TRUE(joined.loaded) << joined.load_error;
  EXPECT_EQ(CountOf(joined, "BR-CL-04"), 0u) << Summary(joined);
  Checked cdata =
      CheckXml(Ubl("<cbc:DocumentCurrencyCode>E<x:i" + x +
                   ">U</x:i>R<![CDATA[O]]></cbc:DocumentCurrencyCode>"));
  EXPECT_EQ(CountOf(cdata, "BR-CL-04"), 1u) << Summary(cdata);
  Checked spaced =
      CheckXml(Ubl("<cbc:DocumentCurrencyCode><x:i" + x + ">E</x:i> <x:i" + x +
                   ">UR</x:i></cbc:DocumentCurrencyCode>"));
  EXPECT_EQ(CountOf(spaced, "BR-CL-04"), 0u) << Summary(spaced);
  auto cii_type = [&x](const std::string& inner) {
    return CheckXml(Cii("<rsm:ExchangedDocument><ram:TypeCode>3<x:i" + x + ">" +
                        inner +
                        "</x:i></ram:TypeCode>"
                        "</rsm:ExchangedDocument>"));
  };
  Checked nested = cii_type("8<x:j>0</x:j>");
  ASSERT_TRUE(nested.loaded) << nested.load_error;
  EXPECT_EQ(CountOf(nested, "BR-CL-01"), 0u) << Summary(nested);
  Checked bad = cii_type("X<x:j>0</x:j>");
  EXPECT_EQ(CountOf(bad, "BR-CL-01"), 1u) << Summary(bad);
}

// Attributes are looked up by the name as written: a prefixed unitCode is
// another attribute, and the rule's context needs the unprefixed one.
TEST(CodeListRules, PrefixedAttributesAreOtherAttributes) {
  Checked c = CheckXml(
      Ubl("<cac:InvoiceLine><cbc:InvoicedQuantity xmlns:x=\"urn:example:x\" "
          "x:unitCode=\"PIECES\">1</cbc:InvoicedQuantity></cac:InvoiceLine>\n"
          "<cac:InvoiceLine><cbc:InvoicedQuantity xmlns:x=\"urn:example:x\" "
          "x:unitCode=\"C62\" unitCode=\"PIECES\">1</cbc:InvoicedQuantity>"
          "</cac:InvoiceLine>"));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(LocationsOf(c, "BR-CL-23"),
            std::vector<std::string>{
                "/Invoice/cac:InvoiceLine[2]/cbc:InvoicedQuantity (line 6)"})
      << Summary(c);
}

TEST(CodeListRules, ListMembershipIsExactContains) {
  using rules::CodeList;
  EXPECT_TRUE(rules::ListHasPadded(CodeList::kIso4217, "EUR"));
  EXPECT_FALSE(rules::ListHasPadded(CodeList::kIso4217, "EU"));
  EXPECT_FALSE(rules::ListHasPadded(CodeList::kIso4217, ""));
  // A value with a space is a substring search of the padded value.
  EXPECT_TRUE(rules::ListHasPadded(CodeList::kIso4217, "AED AFN"));
  EXPECT_FALSE(rules::ListHasPadded(CodeList::kIso4217, "AED ALL"));
  EXPECT_TRUE(rules::ListHasExact(CodeList::kMime, "text/csv"));
  EXPECT_FALSE(rules::ListHasExact(CodeList::kMime, "text/csv "));
  EXPECT_EQ(rules::CodeListName(CodeList::kEas), "Eas");
}

// The amounts' currency by its compiled name: names of the same length
// that differ in one byte are other attributes, and a value the inline
// probe misses (padded, NUL-free but not a code) gets the exact answer.
TEST(CodeListRules, CompiledAttributeNamesMatchExactly) {
  // No currencyID; " SEK " (a code once normalized); no code.
  std::string body;
  for (const char* attributes :
       {"currencyIE=\"EUR\"", "currencyId=\"EUR\" currencyID=\" SEK \"",
        "currencyID=\"SEKK\""}) {
    body += std::string("<cac:TaxTotal><cbc:TaxAmount ") + attributes +
            ">0</cbc:TaxAmount></cac:TaxTotal>";
  }
  Checked c = CheckXml(Ubl(body));
  ASSERT_TRUE(c.loaded) << c.load_error;
  EXPECT_EQ(CountOf(c, "BR-CL-03"), 2u) << Summary(c);
}

}  // namespace
}  // namespace chorus
