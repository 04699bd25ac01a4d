// ReadOptions::cut_free_text, the way validation reads: free texts keep a
// prefix, and the rules must not see the difference.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "../src/format/short_text.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "support/cen_suite.h"
#include "support/test_env.h"

namespace chorus {
namespace {

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
  int cut_documents = 0;
  ForEachOfficialDocument([&](const XmlDocument& doc, const std::string& what) {
    ReadResult full = ReadInvoice(doc, kFull);
    ReadResult cut = ReadInvoice(doc, kCut);
    EXPECT_EQ(cut.diagnostics, full.diagnostics) << what;
    EXPECT_EQ(CheckRules(doc, cut), CheckRules(doc, full)) << what;
    if (!(cut.invoice == full.invoice)) ++cut_documents;
  });
  // Long names and notes are common: the option does cut.
  EXPECT_GT(cut_documents, 50);
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

}  // namespace
}  // namespace chorus
