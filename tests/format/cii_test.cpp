// ReadCii / WriteCii: round trips over the official examples and Factur-X
// samples and XSD validity of the output. The binding checks on a
// hand-written invoice are in cii_read_test.cpp and cii_write_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "format/cii_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using chorus::testing::ReadFile;
using chorus::testing::SharedDir;
using chorus::testing::XmlFilesIn;
using chorus::testing::cii::Diff;
using chorus::testing::cii::Load;
using chorus::testing::cii::XsdErrors;

// read -> write -> read: the second model equals the first and the written
// document is valid against the D16B schema.
void ExpectRoundTrip(const fs::path& path) {
  SCOPED_TRACE(path.filename().string());
  auto doc = Load(ReadFile(path), path.string());
  ASSERT_TRUE(doc);
  ReadResult first = ReadCii(*doc);
  for (const Diagnostic& d : first.diagnostics) {
    EXPECT_NE(d.severity, Severity::kError)
        << d.message << " at " << d.location;
  }
  WriteResult written = WriteCii(first.invoice);
  EXPECT_TRUE(written.lost.empty())
      << written.lost.front().term << ": " << written.lost.front().message;
  auto again = Load(written.xml, path.filename().string() + " (written)");
  ASSERT_TRUE(again);
  ReadResult second = ReadCii(*again);
  EXPECT_TRUE(second.diagnostics.empty()) << second.diagnostics.front().message;
  EXPECT_TRUE(second.unmapped.empty()) << second.unmapped.front().path;
  EXPECT_EQ(first.invoice, second.invoice)
      << Diff(first.invoice, second.invoice);
  EXPECT_EQ(XsdErrors(written.xml, path.stem().string()), "");
}

TEST(CiiConformance, OfficialExamplesRoundTripAndWriteValidD16B) {
  auto files = XmlFilesIn(SharedDir() / "conformance/en16931/cii-examples");
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& f : files) ExpectRoundTrip(f);
}

TEST(CiiConformance, OfficialExamplesReadCleanly) {
  for (const fs::path& f :
       XmlFilesIn(SharedDir() / "conformance/en16931/cii-examples")) {
    SCOPED_TRACE(f.filename().string());
    auto doc = Load(ReadFile(f), f.string());
    ASSERT_TRUE(doc);
    ReadResult r = ReadCii(*doc);
    EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().message;
    EXPECT_FALSE(r.invoice.number.value_or("").empty());
    EXPECT_FALSE(r.invoice.lines.empty());
    EXPECT_FALSE(r.invoice.currency.value_or("").empty());
    EXPECT_GT(SourceLine(*doc, r.invoice.seller->pos), 0u);
    for (const InvoiceLine& l : r.invoice.lines) {
      ASSERT_TRUE(l.item.has_value());
      EXPECT_FALSE(l.item->name.value_or("").empty());
    }
  }
}

TEST(CiiConformance, FacturXSamplesReadAndRoundTrip) {
  int seen = 0;
  for (const fs::path& f : XmlFilesIn(SharedDir() / "conformance/facturx")) {
    if (f.filename().string().rfind("factur-x", 0) != 0) continue;
    ++seen;
    ExpectRoundTrip(f);
  }
  EXPECT_GE(seen, 5);
}

}  // namespace
}  // namespace chorus
