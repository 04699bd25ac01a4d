// The readers read the element index, never the DOM: the edges where the
// index must stand in for what pugixml's nodes told them. Text nodes of
// leaves and BT-24 are checked against the DOM (hand-made odd documents,
// every official example and CEN suite document); reports of mixed
// content, foreign and xsi attributes and same-named siblings are checked
// against known paths and lines. Internal headers: tests/ is on the include
// path, src/ is not.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "../src/format/doc_tree.h"
#include "../src/format/facturx_profile_internal.h"
#include "../src/format/leaf_text.h"
#include "../src/format/long_name.h"
#include "../src/format/short_text.h"
#include "chorus/format/document.h"
#include "chorus/format/facturx_profile.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "format/scan_oracle.h"
#include "support/cen_suite.h"
#include "support/test_env.h"

namespace chorus {
namespace {

constexpr const char* kNotEn = "not an EN 16931 term";

std::unique_ptr<XmlDocument> Load(const std::string& xml) {
  auto doc = LoadDocumentBuffer(xml, "test.xml");
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? std::move(doc).value() : nullptr;
}

ReadResult Read(const std::string& xml,
                ReadResult (*reader)(const XmlDocument&)) {
  auto doc = Load(xml);
  return doc ? reader(*doc) : ReadResult{};
}

// 1-based line of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// An unmapped datum as path, line and value.
using Report = std::tuple<std::string, int, std::string>;
std::vector<Report> Reports(const ReadResult& r) {
  std::vector<Report> out;
  for (const UnmappedDatum& u : r.unmapped) {
    out.emplace_back(u.path, u.line, u.value);
  }
  return out;
}

using Nodes = std::vector<std::pair<std::ptrdiff_t, std::string>>;

// Every leaf holding text: its text nodes found again in the source equal
// the DOM's (offsets and values).
void ExpectLeafTextMatchesDom(const XmlDocument& doc, const std::string& what) {
  const xml::ElementIndex& index = doc.tree()->elements;
  std::vector<pugi::xml_node> nodes =
      xml::testing::ElementsInOrder(doc.dom().document_element());
  ASSERT_EQ(nodes.size(), index.size()) << what;
  for (int32_t i = 0; i < static_cast<int32_t>(index.size()); ++i) {
    const xml::ElementIndex::Entry& e = index[i];
    if (e.first_child >= 0 || e.raw.empty()) continue;
    Nodes expected;
    pugi::xml_node node = nodes[static_cast<std::size_t>(i)];
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        expected.emplace_back(c.offset_debug(), c.value());
      }
    }
    Nodes found;
    for (const xml::LeafTextNode& n :
         xml::LeafTextNodes(doc.bytes, e.offset, e.raw)) {
      found.emplace_back(static_cast<std::ptrdiff_t>(n.offset),
                         std::string(n.text));
    }
    EXPECT_EQ(found, expected) << what << " entry " << i;
  }
}

void ExpectSpecificationIdMatchesDom(const XmlDocument& doc,
                                     const std::string& what) {
  if (doc.syntax == Syntax::kUbl) return;
  xml::DocTree tree(doc);
  EXPECT_EQ(internal::SpecificationIdIn(tree.elements, doc.bytes),
            SpecificationIdOf(doc))
      << what;
}

// Every official example and CEN suite document that loads.
template <typename Check>
void ForEachOfficialDocument(Check check) {
  std::filesystem::path conformance =
      testing::SharedDir() / "conformance/en16931";
  int documents = 0;
  auto run = [&](const std::string& xml, const std::string& what) {
    auto doc = LoadDocumentBuffer(xml, what);
    if (!doc) return;
    check(**doc, what);
    ++documents;
  };
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const auto& file : testing::XmlFilesIn(conformance / dir)) {
      run(testing::ReadFile(file), file.filename().string());
    }
  }
  testing::ForEachSuiteDocument(conformance, run);
  EXPECT_GT(documents, 1000);
}

const std::string kCiiOpen =
    "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:"
    "standard:CrossIndustryInvoice:100\" xmlns:ram=\"urn:un:unece:uncefact:"
    "data:standard:ReusableAggregateBusinessInformationEntity:100\">\n";
const std::string kCiiClose = "</rsm:CrossIndustryInvoice>";
const std::string kRamUri =
    "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100";

TEST(LeafTextTest, CommentsCdataReferencesAndLineEndsSplitAsInTheDom) {
  auto doc =
      Load(kCiiOpen +
           "<ram:A x='&gt;' y=\"a>b\">one<!-- c -->two<![CDATA[t&amp;\r\nu]]>"
           "\r\n w&amp;&#x41;&#66;&#;&#x;&#12a;&bogus;&lt\r</ram:A>\n"
           "<ram:B>  <?pi x?>  t  <!--x-->   </ram:B>\n"
           "<ram:C><![CDATA[]]><![CDATA[ ]]>x</ram:C>\n"
           "<ram:D>&#xE9;&#8364;&#x1F600;\ttab</ram:D>\n"
           "<ram:E>plain</ram:E>\n" +
           kCiiClose);
  ASSERT_TRUE(doc);
  ExpectLeafTextMatchesDom(*doc, "odd leaves");
}

TEST(LeafTextTest, EveryOfficialLeafMatchesTheDom) {
  ForEachOfficialDocument(ExpectLeafTextMatchesDom);
}

TEST(SpecificationIdTest, TreeAnswersAsTheDomOnOddContexts) {
  const std::string context = "<rsm:ExchangedDocumentContext>";
  const std::string guideline =
      "<ram:GuidelineSpecifiedDocumentContextParameter>";
  const std::string close =
      "</ram:GuidelineSpecifiedDocumentContextParameter>"
      "</rsm:ExchangedDocumentContext>\n";
  for (const std::string& id : {
           std::string("<ram:ID> urn:factur-x.eu:1p0:basic </ram:ID>"),
           std::string("<ram:ID>urn:factur-x.eu:1p0:<!--c-->basic</ram:ID>"),
           std::string("<ram:ID><![CDATA[urn:a]]>b</ram:ID>"),
           std::string("<ram:ID>lead<ram:X/>urn:factur-x.eu:1p0:en16931"
                       "</ram:ID>"),
           std::string("<ram:ID><ram:X/>urn:b</ram:ID>"),
           std::string("<r:ID xmlns:r='" + kRamUri + "'>urn:c</r:ID>"),
           std::string("<ram:ID xmlns:ram='urn:other'>urn:d</ram:ID>"
                       "<ram:ID>urn:e</ram:ID>"),
           std::string("<ID xmlns='" + kRamUri + "'>urn:f</ID>"),
           std::string("<ram:ID/>"),
       }) {
    auto doc = Load(kCiiOpen + context + guideline + id + close + kCiiClose);
    ASSERT_TRUE(doc);
    ExpectSpecificationIdMatchesDom(*doc, id);
  }
}

TEST(SpecificationIdTest, TreeAnswersAsTheDomOnOfficialDocuments) {
  ForEachOfficialDocument(ExpectSpecificationIdMatchesDom);
}

TEST(CiiReadIndexTest, MixedContentIsReportedInDocumentOrder) {
  std::string xml = kCiiOpen +
                    "<rsm:ExchangedDocument>lead\n"
                    "<ram:ID>1</ram:ID> mid\n"
                    "<ram:Foo>x</ram:Foo>\n"
                    "<r:Foo xmlns:r='" +
                    kRamUri +
                    "'>y</r:Foo>\n"
                    "<ram:Foo>z</ram:Foo>tail\n"
                    "</rsm:ExchangedDocument>\n" +
                    kCiiClose;
  ReadResult r = Read(xml, ReadCii);
  EXPECT_EQ(r.invoice.number, "1");
  const std::string at = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument";
  // Siblings are numbered by their name as written: r:Foo is alone.
  std::vector<Report> expected = {
      {at + "/text()", LineOf(xml, "lead"), "lead"},
      {at + "/text()", LineOf(xml, "<ram:ID>"), "mid"},
      {at + "/ram:Foo[1]", LineOf(xml, "<ram:Foo>x"), "x"},
      {at + "/ram:Foo", LineOf(xml, "<r:Foo"), "y"},
      {at + "/ram:Foo[2]", LineOf(xml, "<ram:Foo>z"), "z"},
      {at + "/text()", LineOf(xml, "tail"), "tail"},
  };
  EXPECT_EQ(Reports(r), expected);
  for (const UnmappedDatum& u : r.unmapped) EXPECT_EQ(u.reason, kNotEn);
}

TEST(CiiReadIndexTest, TextInPlaceOfChildrenIsReportedPieceByPiece) {
  std::string xml = kCiiOpen +
                    "<rsm:ExchangedDocumentContext>ab<!--c-->\ncd"
                    "<![CDATA[e]]>\n g&amp;h</rsm:ExchangedDocumentContext>\n" +
                    kCiiClose;
  ReadResult r = Read(xml, ReadCii);
  const std::string path =
      "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/text()";
  int first = LineOf(xml, ">ab<");
  std::vector<Report> expected = {
      {path, first, "ab"},
      {path, first, "cd"},  // its text node starts with the line end
      {path, first + 1, "e"},
      {path, first + 1, "g&h"},
  };
  EXPECT_EQ(Reports(r), expected);
}

TEST(CiiReadIndexTest, XsiAttributesAreSkippedWhateverTheirPrefix) {
  std::string xml =
      kCiiOpen +
      "<rsm:ExchangedDocument xmlns:s='http://www.w3.org/2001/"
      "XMLSchema-instance' s:nil='false' xmlns:o='urn:o' o:x='1'\n"
      " plain='2'>\n"
      "<ram:ID>7</ram:ID>\n"
      "<ram:Foo s:type='t' q=' 3 '><o:Bar xmlns:o='" +
      kRamUri +
      "'>v</o:Bar></ram:Foo>\n"
      "</rsm:ExchangedDocument>\n" +
      kCiiClose;
  ReadResult r = Read(xml, ReadCii);
  EXPECT_EQ(r.invoice.number, "7");
  const std::string at = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument";
  int open = LineOf(xml, "<rsm:ExchangedDocument");
  int foo = LineOf(xml, "<ram:Foo");
  std::vector<Report> expected = {
      {at + "/@o:x", open, "1"},
      {at + "/@plain", open, "2"},
      {at + "/ram:Foo/@q", foo, "3"},
      // o: is bound again, to RAM, on o:Bar itself.
      {at + "/ram:Foo/ram:Bar", foo, "v"},
  };
  EXPECT_EQ(Reports(r), expected);
}

// Lists the CII reader builds in place, sized on their first entry
// (ReadContext::CountFrom), keep every entry in document order, whatever
// lies between the siblings: credit transfers from payment means with an
// account or only a BIC, breakdowns, allowances, product characteristics
// and classifications.
TEST(CiiReadIndexTest, ListsReadInPlaceKeepDocumentOrder) {
  const std::string xml =
      kCiiOpen +
      "<rsm:SupplyChainTradeTransaction>\n"
      "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedTradeProduct>"
      "<ram:Name>n</ram:Name>"
      "<ram:ApplicableProductCharacteristic><ram:Description>d1"
      "</ram:Description><ram:Value>v1</ram:Value>"
      "</ram:ApplicableProductCharacteristic>"
      "<ram:DesignatedProductClassification><ram:ClassCode listID='L1'>c1"
      "</ram:ClassCode></ram:DesignatedProductClassification>"
      "<ram:ApplicableProductCharacteristic><ram:Description>d2"
      "</ram:Description></ram:ApplicableProductCharacteristic>"
      "<ram:DesignatedProductClassification><ram:ClassCode>c2"
      "</ram:ClassCode></ram:DesignatedProductClassification>"
      "</ram:SpecifiedTradeProduct></ram:IncludedSupplyChainTradeLineItem>\n"
      "<ram:ApplicableHeaderTradeSettlement>"
      "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58"
      "</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>A1"
      "</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>"
      "</ram:SpecifiedTradeSettlementPaymentMeans>"
      "<ram:ApplicableTradeTax><ram:CategoryCode>S</ram:CategoryCode>"
      "</ram:ApplicableTradeTax>"
      "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58"
      "</ram:TypeCode><ram:PayeeSpecifiedCreditorFinancialInstitution>"
      "<ram:BICID>B2</ram:BICID>"
      "</ram:PayeeSpecifiedCreditorFinancialInstitution>"
      "</ram:SpecifiedTradeSettlementPaymentMeans>"
      "<ram:ApplicableTradeTax><ram:CategoryCode>Z</ram:CategoryCode>"
      "</ram:ApplicableTradeTax>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:Reason>r1</ram:Reason>"
      "</ram:SpecifiedTradeAllowanceCharge>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:Reason>r2</ram:Reason>"
      "</ram:SpecifiedTradeAllowanceCharge>"
      "</ram:ApplicableHeaderTradeSettlement>\n"
      "</rsm:SupplyChainTradeTransaction>\n" +
      kCiiClose;
  ReadResult r = Read(xml, ReadCii);
  ASSERT_TRUE(r.invoice.payment.has_value());
  const auto& transfers = r.invoice.payment->credit_transfers;
  ASSERT_EQ(transfers.size(), 2u);
  EXPECT_EQ(transfers[0].account_id, "A1");
  EXPECT_FALSE(transfers[0].service_provider_id.has_value());
  EXPECT_FALSE(transfers[1].account_id.has_value());
  EXPECT_EQ(transfers[1].service_provider_id, "B2");
  ASSERT_EQ(r.invoice.vat_breakdown.size(), 2u);
  EXPECT_EQ(r.invoice.vat_breakdown[0].category, "S");
  EXPECT_EQ(r.invoice.vat_breakdown[1].category, "Z");
  ASSERT_EQ(r.invoice.allowances_charges.size(), 2u);
  EXPECT_EQ(r.invoice.allowances_charges[0].reason, "r1");
  EXPECT_EQ(r.invoice.allowances_charges[1].reason, "r2");
  ASSERT_EQ(r.invoice.lines.size(), 1u);
  ASSERT_TRUE(r.invoice.lines[0].item.has_value());
  const Item& item = *r.invoice.lines[0].item;
  ASSERT_EQ(item.attributes.size(), 2u);
  EXPECT_EQ(item.attributes[0].name, "d1");
  EXPECT_EQ(item.attributes[0].value, "v1");
  EXPECT_EQ(item.attributes[1].name, "d2");
  EXPECT_FALSE(item.attributes[1].value.has_value());
  ASSERT_EQ(item.classifications.size(), 2u);
  EXPECT_EQ(item.classifications[0].value, "c1");
  EXPECT_EQ(item.classifications[0].scheme, "L1");
  EXPECT_EQ(item.classifications[1].value, "c2");
  EXPECT_FALSE(item.classifications[1].scheme.has_value());
}

TEST(UblReadIndexTest, AttributesTakenBesideOthersAndXsiOnes) {
  std::string xml =
      "<Invoice xmlns='" + std::string(ns::kUblInvoice) + "' xmlns:cac='" +
      std::string(ns::kCac) + "' xmlns:cbc='" + std::string(ns::kCbc) +
      "' xmlns:i='http://www.w3.org/2001/XMLSchema-instance'"
      " i:schemaLocation='x y' lang='fr'>\n"
      "<cbc:ID>A-1</cbc:ID>\n"
      "<cbc:DocumentCurrencyCode i:type=\"t\" listID=\"ISO\">EUR"
      "</cbc:DocumentCurrencyCode>\n"
      "<cac:LegalMonetaryTotal>\n"
      "<cbc:PayableAmount xmlns:o=\"urn:o\" o:x=\"1\" currencyID=\"EUR\""
      " o:y=\" 2 \">10</cbc:PayableAmount>\n"
      "</cac:LegalMonetaryTotal>\n"
      "</Invoice>";
  ReadResult r = Read(xml, ReadUbl);
  EXPECT_EQ(r.invoice.currency, "EUR");
  const std::string amount =
      "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount";
  std::vector<Report> expected = {
      {"/Invoice/@lang", 1, "fr"},
      {"/Invoice/cbc:DocumentCurrencyCode/@listID",
       LineOf(xml, "<cbc:DocumentCurrencyCode"), "ISO"},
      {amount + "/@o:x", LineOf(xml, "<cbc:PayableAmount"), "1"},
      {amount + "/@o:y", LineOf(xml, "<cbc:PayableAmount"), "2"},
  };
  EXPECT_EQ(Reports(r), expected);
}

TEST(UblReadIndexTest, ForeignRootIsNamedWithItsNamespace) {
  ReadResult r = Read(kCiiOpen + kCiiClose, ReadUbl);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].message,
            "root element 'rsm:CrossIndustryInvoice' in 'urn:un:unece:"
            "uncefact:data:standard:CrossIndustryInvoice:100' is not a UBL "
            "2.1 Invoice or CreditNote");
  EXPECT_EQ(r.diagnostics[0].location, "/rsm:CrossIndustryInvoice (line 1)");
}

// Validation reads without the unmapped report: everything else it reads
// must be what a full read gives, on documents that report data and on
// those that do not.
TEST(ReadOptionsTest, WithoutTheUnmappedReportTheRestIsTheSame) {
  int reporting = 0;
  ForEachOfficialDocument([&](const XmlDocument& doc, const std::string& what) {
    ReadResult full = ReadInvoice(doc);
    ReadResult lean = ReadInvoice(doc, ReadOptions{.report_unmapped = false});
    EXPECT_EQ(lean.invoice, full.invoice) << what;
    EXPECT_EQ(lean.diagnostics, full.diagnostics) << what;
    EXPECT_TRUE(lean.unmapped.empty()) << what;
    if (!full.unmapped.empty()) ++reporting;
  });
  EXPECT_GT(reporting, 0);
}

// ReadOptions::cut_free_text, the way validation reads: free texts keep a
// prefix, and the rules must not see the difference.
constexpr ReadOptions kFull{.report_unmapped = false};
constexpr ReadOptions kCut{.report_unmapped = false, .cut_free_text = true};

// `cut` is what cutting leaves of `full`: present and empty alike, and a
// prefix of at most 15 bytes.
void ExpectCutOf(const Text& cut, const Text& full, const std::string& what) {
  ASSERT_EQ(cut.has_value(), full.has_value()) << what;
  if (!full) return;
  EXPECT_EQ(cut->empty(), full->empty()) << what;
  EXPECT_LE(cut->size(), 15u) << what;
  EXPECT_EQ(std::string_view(*full).substr(0, cut->size()), *cut) << what;
  if (full->size() <= 15) {
    EXPECT_EQ(*cut, *full) << what;
  }
}

TEST(CutFreeTextTest, RulesGiveTheSameVerdicts) {
  int cut_documents = 0, ubl_attachments = 0, cii_attachments = 0;
  ForEachOfficialDocument([&](const XmlDocument& doc, const std::string& what) {
    ReadResult full = ReadInvoice(doc, kFull);
    ReadResult cut = ReadInvoice(doc, kCut);
    EXPECT_EQ(cut.diagnostics, full.diagnostics) << what;
    EXPECT_EQ(CheckRules(doc, cut), CheckRules(doc, full)) << what;
    if (!(cut.invoice == full.invoice)) ++cut_documents;
    for (const SupportingDocument& d : full.invoice.supporting_documents) {
      if (d.attachment_base64 && d.attachment_base64->size() > 15) {
        ++(doc.syntax == Syntax::kUbl ? ubl_attachments : cii_attachments);
      }
    }
  });
  // Long names and notes are common: the option does cut.
  EXPECT_GT(cut_documents, 50);
  // Embedded attachments, cut in both syntaxes, are among what the rules
  // must not see.
  EXPECT_GT(ubl_attachments, 0);
  EXPECT_GT(cii_attachments, 0);
}

TEST(CutFreeTextTest, CutTermsArePrefixesAndComparedNamesStayWhole) {
  ForEachOfficialDocument([&](const XmlDocument& doc, const std::string& what) {
    ReadResult full = ReadInvoice(doc, kFull);
    ReadResult cut = ReadInvoice(doc, kCut);
    const Invoice& f = full.invoice;
    const Invoice& c = cut.invoice;
    ExpectCutOf(c.specification_id, f.specification_id, what);
    ExpectCutOf(c.payment_terms, f.payment_terms, what);
    ASSERT_EQ(c.lines.size(), f.lines.size()) << what;
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      ExpectCutOf(c.lines[i].note, f.lines[i].note, what);
      ASSERT_EQ(c.lines[i].item.has_value(), f.lines[i].item.has_value());
      if (f.lines[i].item) {
        ExpectCutOf(c.lines[i].item->name, f.lines[i].item->name, what);
        ExpectCutOf(c.lines[i].item->description, f.lines[i].item->description,
                    what);
      }
    }
    ASSERT_EQ(c.supporting_documents.size(), f.supporting_documents.size())
        << what;
    for (std::size_t i = 0; i < f.supporting_documents.size(); ++i) {
      const SupportingDocument& cd = c.supporting_documents[i];
      const SupportingDocument& fd = f.supporting_documents[i];
      EXPECT_EQ(cd.id, fd.id) << what;
      ExpectCutOf(cd.description, fd.description, what);
      ExpectCutOf(cd.external_uri, fd.external_uri, what);
      ExpectCutOf(cd.attachment_base64, fd.attachment_base64, what);
      EXPECT_EQ(cd.attachment_mime, fd.attachment_mime) << what;
      EXPECT_EQ(cd.attachment_filename, fd.attachment_filename) << what;
    }
    // BR-17 compares these whole.
    ASSERT_EQ(c.payee.has_value(), f.payee.has_value()) << what;
    if (f.payee) {
      EXPECT_EQ(c.payee->name, f.payee->name) << what;
    }
    ASSERT_EQ(c.seller.has_value(), f.seller.has_value()) << what;
    if (f.seller) {
      EXPECT_EQ(c.seller->trading_name, f.seller->trading_name) << what;
      if (doc.syntax != Syntax::kUbl) {
        EXPECT_EQ(c.seller->name, f.seller->name) << what;
      }
    }
    // Codes, identifiers and amounts are never cut.
    EXPECT_EQ(c.number, f.number) << what;
    EXPECT_EQ(c.vat_breakdown.size(), f.vat_breakdown.size()) << what;
    EXPECT_EQ(c.totals, f.totals) << what;
  });
}

TEST(CutFreeTextTest, PrefixEndsOnACharacterBoundary) {
  EXPECT_EQ(xml::ShortPrefix(""), "");
  EXPECT_EQ(xml::ShortPrefix("fifteen bytes.."), "fifteen bytes..");
  EXPECT_EQ(xml::ShortPrefix("sixteen bytes..."), "sixteen bytes..");
  // "é" is two bytes: 14 ASCII bytes then one would end at byte 16.
  EXPECT_EQ(xml::ShortPrefix("fourteen bytes\xC3\xA9 and more"),
            "fourteen bytes");
  // A four-byte character straddling the cut is left out whole.
  EXPECT_EQ(xml::ShortPrefix("thirteen byte\xF0\x9F\x98\x80!"),
            "thirteen byte");
  // A text of multi-byte characters only still keeps some.
  EXPECT_EQ(xml::ShortPrefix("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                             "\xC3\xA9\xC3\xA9\xC3\xA9"),
            "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");
}

// The readers' copy of a text into a term gives what assigning the text
// does, for every length around the in-place capacity, into a term that is
// unset and into one already set (short or allocated).
TEST(ShortTextTest, EmplaceTextIsAssignment) {
  const std::string base = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (std::size_t n = 0; n <= 20; ++n) {
    const std::string_view text = std::string_view(base).substr(n % 7, n);
    for (const Text& before :
         {Text(), Text(""), Text("short"), Text(std::string(40, 'x'))}) {
      Text out = before;
      xml::EmplaceText(out, text);
      ASSERT_TRUE(out.has_value()) << n;
      EXPECT_EQ(*out, text) << n;
      EXPECT_EQ(out->size(), n);
      EXPECT_EQ(out->c_str()[n], '\0') << n;
      std::string assigned = before.value_or("");
      xml::AssignText(assigned, text);
      EXPECT_EQ(assigned, text) << n;
    }
  }
}

// A 0..1 text's view is its value, "" when unset.
TEST(ShortTextTest, ViewOrIsValueOrEmpty) {
  EXPECT_EQ(xml::ViewOr(Text()), "");
  EXPECT_EQ(xml::ViewOr(Text("")), "");
  EXPECT_EQ(xml::ViewOr(Text("VAT")), "VAT");
  const Text long_text(std::string(40, 'x'));
  EXPECT_EQ(xml::ViewOr(long_text).data(), long_text->data());
}

// The readers' attribute-name comparison answers as string equality, for
// every length its word loads handle differently and a difference at any
// byte (the first and last bytes of each load included).
TEST(SameNameTest, AnswersAsEquality) {
  const std::string base = "abcdefghijklmnopqrstu";
  for (std::size_t n = 0; n <= base.size(); ++n) {
    std::string a = base.substr(0, n);
    EXPECT_TRUE(xml::SameName(a, std::string(a))) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = '*';
      EXPECT_EQ(xml::SameName(a, b), a == b) << n << " " << i;
      EXPECT_FALSE(xml::SameName(b, a)) << n << " " << i;
    }
    if (n > 0) {
      EXPECT_FALSE(xml::SameName(a, a.substr(0, n - 1))) << n;
      EXPECT_FALSE(xml::SameName(a.substr(1), a.substr(0, n - 1)) &&
                   a.substr(1) != a.substr(0, n - 1))
          << n;
    }
  }
  EXPECT_TRUE(xml::SameName("currencyID", "currencyID"));
  EXPECT_FALSE(xml::SameName("currencyID", "currencyId"));
  EXPECT_FALSE(xml::SameName("unitCode", "listID"));
}

}  // namespace
}  // namespace chorus
