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
#include <thread>
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

// Every code of `list` and its near misses: edited, cut, lengthened,
// lower-cased, padded, or holding a control byte or a NUL.
std::vector<std::string> CodesAndNearMisses(rules::CodeList list) {
  std::vector<std::string> values = {"",   " ",        "A",
                                     "\t", "ZZZZZZZZ", std::string(1, '\0')};
  std::istringstream codes{std::string(rules::CodeListLiteral(list))};
  for (std::string code; codes >> code;) {
    values.push_back(code);
    values.push_back(code + "X");
    values.push_back(code.substr(0, code.size() - 1));
    values.push_back(code.substr(1));
    values.push_back(" " + code);
    values.push_back(code + " ");
    values.push_back(code + std::string(1, '\0'));
    values.push_back(code + std::string(2, '\0'));
    values.push_back(std::string(1, '\0') + code);
    values.push_back(std::string(1, '\x01') + code);
    std::string edited = code;
    edited.back() = static_cast<char>(edited.back() ^ 1);
    values.push_back(edited);
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    values.push_back(lower);
  }
  return values;
}

// The inline tests answer as the exact contains() for every code of every
// list and for near misses: PackCode then the list's ShortCodes, and
// IsShortCode, which never says yes where the exact test says no, and
// says no only where PackCode does not pack (whitespace, NUL, length) or
// the exact test says no too (a trailing NUL, "EUR\0", packs as the code
// but is no code).
TEST(CodeListRules, ShortCodesAnswerAsTheExactTest) {
  using rules::CodeList;
  std::size_t packed = 0;
  std::size_t hits = 0;
  for (std::size_t l = 0; l < rules::kCodeListCount; ++l) {
    const auto list = static_cast<CodeList>(l);
    for (const std::string& v : CodesAndNearMisses(list)) {
      const bool exact = rules::ListHasPadded(list, v);
      const std::string where =
          std::string(rules::CodeListName(list)) + " '" + v + "'";
      if (rules::IsShortCode(list, v)) {
        ++hits;
        EXPECT_TRUE(exact) << where;
      }
      const uint64_t key = rules::PackCode(v);
      if (key == 0) {
        // Not packed: only values the inline test must leave alone.
        EXPECT_TRUE(v.empty() || v.size() > 8 ||
                    v.find_first_of(std::string(" \t\r\n\0\x01", 6)) !=
                        std::string::npos)
            << where;
        continue;
      }
      ++packed;
      EXPECT_EQ(rules::ShortCodesOf(list).Contains(key), exact) << where;
      EXPECT_EQ(rules::IsShortCode(list, v), exact) << where;
    }
  }
  EXPECT_GT(packed, std::size_t{20000});
  EXPECT_GT(hits, std::size_t{5000});
  EXPECT_FALSE(rules::IsShortCode(CodeList::kIso4217, std::string("EUR\0", 4)));
  EXPECT_TRUE(rules::IsShortCode(CodeList::kIso4217, "EUR"));
}

// A UBL invoice holding `body`, and its index (views into the document:
// both live as long as this).
struct UblIndexed {
  std::unique_ptr<XmlDocument> doc;
  std::shared_ptr<const rules::DocIndex> index;  // null: no document
};
UblIndexed UblIndex(const std::string& body) {
  auto loaded = LoadDocumentBuffer(
      "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
      "Invoice-2'>" +
          body + "</Invoice>",
      "test.xml");
  if (!loaded.ok()) return {};
  UblIndexed out{std::move(loaded.value()), nullptr};
  out.index = rules::MakeDocIndex(*out.doc);
  return out;
}

// Walk::IsRepeatedCode, which remembers each list's last code, answers as
// IsShortCode whatever came before: a code again, another code, a miss
// after a hit, and the values with no key (empty, a trailing NUL, too long)
// even before any code was met.
TEST(CodeListRules, RepeatedCodesAnswerAsShortCodes) {
  using rules::CodeList;
  const UblIndexed indexed = UblIndex("");
  ASSERT_NE(indexed.index, nullptr);
  const rules::DocIndex* index = indexed.index.get();
  const rules::code_lists_eval::Walk w(*index);
  std::size_t hits = 0;
  for (std::size_t l = 0; l < rules::kCodeListCount; ++l) {
    const auto list = static_cast<CodeList>(l);
    const rules::ShortCodes::Probe& codes = rules::ShortCodesOf(list).probe();
    std::vector<std::string> values = {"", std::string("\0", 1),
                                       std::string("EUR\0", 4), "123456789"};
    for (const std::string& v : CodesAndNearMisses(list)) {
      values.push_back(v);
      values.push_back(v);
    }
    values.push_back("");
    for (const std::string& v : values) {
      const bool expected = rules::IsShortCode(list, v);
      hits += expected ? 1 : 0;
      EXPECT_EQ(w.IsRepeatedCode(list, codes, v), expected)
          << rules::CodeListName(list) << " '" << v << "'";
    }
  }
  EXPECT_GT(hits, std::size_t{5000});
}

// IsRepeatedCode's memos outlive a walk (kept per thread): a later walk,
// over another document, answers as IsShortCode whatever codes the one
// before left there, and so does a walk on a thread whose memos are new;
// so does StringValue through the buffers the walks share.
TEST(CodeListRules, RepeatedCodesHoldAcrossWalks) {
  using rules::CodeList;
  using rules::code_lists_eval::Walk;
  const UblIndexed first = UblIndex("<a>x<b>y</b></a>");
  const UblIndexed second = UblIndex("<a>z<b>w</b>v</a>");
  ASSERT_NE(first.index, nullptr);
  ASSERT_NE(second.index, nullptr);
  const std::vector<std::string> values = {
      "EUR", "EUR",       "USD", "XXX", "", std::string("EUR\0", 4),
      "C62", "123456789", "EUR"};
  auto check = [&values](const Walk& w) {
    for (CodeList list : {CodeList::kIso4217, CodeList::kUnece20And21}) {
      const rules::ShortCodes::Probe& codes = rules::ShortCodesOf(list).probe();
      for (const std::string& v : values) {
        EXPECT_EQ(w.IsRepeatedCode(list, codes, v), rules::IsShortCode(list, v))
            << rules::CodeListName(list) << " '" << v << "'";
      }
    }
  };
  {
    const Walk w(*first.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "xy");
  }
  {
    const Walk w(*second.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "zwv");
  }
  std::thread other([&] {
    const Walk w(*second.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "zwv");
  });
  other.join();
}

// Walk::HasAncestor of two names climbs once and answers as the two
// one-name climbs: either name, both, neither, the element itself not
// counted, the root having no ancestor.
TEST(CodeListRules, HasAncestorOfTwoNamesIsEither) {
  // In the invoice's namespace (the default one).
  const UblIndexed indexed =
      UblIndex("<A><B><C/></B><C/></A><B><A/><D><E><C/></E></D></B>");
  ASSERT_NE(indexed.index, nullptr);
  const rules::code_lists_eval::Walk w(*indexed.index);
  int either = 0;
  for (int32_t i = 0; i < indexed.index->size(); ++i) {
    for (const int ns : {int{rules::kNsInvoice}, int{rules::kNsCac}}) {
      for (const auto& [a, b] : {std::pair{"A", "B"}, std::pair{"E", "Z"},
                                 std::pair{"Z", "D"}, std::pair{"Z", "Y"}}) {
        const bool expected =
            w.HasAncestor(i, ns, a) || w.HasAncestor(i, ns, b);
        EXPECT_EQ(w.HasAncestor(i, ns, a, b), expected)
            << i << " " << ns << " " << a << " " << b;
        either += expected ? 1 : 0;
      }
    }
  }
  EXPECT_GT(either, 8);
}

// WordName::Is is string equality for the names it takes (8 to 16 bytes),
// whatever byte differs, and whatever the other name's length.
TEST(CodeListRules, WordNameIsExactEquality) {
  using rules::code_lists_eval::WordName;
  for (const std::string name :
       {"unitCode", "schemeID", "currencyID", "0123456789abcdef"}) {
    ASSERT_TRUE(WordName::Fits(name));
    const WordName word(name);
    std::vector<std::string> others = {name,
                                       "",
                                       "ID",
                                       name + "x",
                                       name.substr(1),
                                       name.substr(0, 7),
                                       "x" + name.substr(1)};
    for (std::size_t i = 0; i < name.size(); ++i) {
      std::string edited = name;
      edited[i] = static_cast<char>(edited[i] ^ 0x20);
      others.push_back(edited);
    }
    for (const std::string& other : others) {
      EXPECT_EQ(word.Is(other), other == name) << name << " vs " << other;
    }
  }
  EXPECT_FALSE(WordName::Fits("listID"));
  EXPECT_FALSE(WordName::Fits("0123456789abcdefg"));
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

// Walk::Attribute by WordName, which tests the first attribute before the
// loop, finds what the lookup by name finds: the first, a later or the
// last attribute, none on an element without, nothing for a name absent.
TEST(CodeListRules, AttributeByWordNameFindsAsByName) {
  using rules::code_lists_eval::WordName;
  const UblIndexed indexed = UblIndex(
      "<a currencyID='1'/><b unitCode='2' currencyID='3'/>"
      "<c schemeID='4' unitCode='5' currencyID='6'/><d/>");
  ASSERT_NE(indexed.index, nullptr);
  const rules::DocIndex* index = indexed.index.get();
  const rules::code_lists_eval::Walk w(*index);
  int found = 0;
  for (int32_t i = 0; i < index->size(); ++i) {
    for (const char* name :
         {"currencyID", "unitCode", "schemeID", "currencyIE", "listAgencyID"}) {
      const auto* by_name = w.Attribute(i, std::string_view(name));
      EXPECT_EQ(w.Attribute(i, WordName(name)), by_name) << i << " " << name;
      found += by_name != nullptr ? 1 : 0;
    }
  }
  EXPECT_EQ(found, 6);
}

}  // namespace
}  // namespace chorus
