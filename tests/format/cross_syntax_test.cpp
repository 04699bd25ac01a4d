// UBL -> CII -> UBL and CII -> UBL -> CII keep every EN 16931 term: the
// model read from the official examples survives a trip through the other
// syntax, except for data the writer itself declares lost.
#include <gtest/gtest.h>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "format/ubl_test_util.h"
#include "support/test_env.h"

namespace chorus::testing {
namespace {

std::string LostTerms(const WriteResult& w) {
  std::string out;
  for (const auto& l : w.lost) out += l.term + ": " + l.message + "\n";
  return out;
}

// The model members (as DiffInvoices names them) a declared loss may touch.
std::string MemberOf(const std::string& term) {
  if (term == "BG-3") return "preceding_invoices";
  if (term == "BT-147" || term == "BT-148" || term == "BT-150") return ".price";
  if (term == "BT-110" || term == "BT-111") return "totals";
  return term;  // unknown: will not match, so the test shows it
}

// True when every difference listed in `diff` is covered by a declared loss.
bool DiffCoveredBy(const std::string& diff, const std::vector<LostDatum>& lost) {
  std::size_t start = 0;
  while (start < diff.size()) {
    std::size_t end = diff.find(", ", start);
    std::string item = diff.substr(start, end == std::string::npos ? end : end - start);
    bool covered = false;
    for (const auto& l : lost) covered |= item.find(MemberOf(l.term)) != std::string::npos;
    if (!covered) return false;
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return true;
}

// Reads `path`, writes the other syntax, reads that back, writes the first
// syntax again and reads it: both models must equal the original, and the
// intermediate document must be schema-valid. Where the writer declares a
// loss, the models may differ in the declared terms only.
void CheckCrossTrip(const std::filesystem::path& path) {
  SCOPED_TRACE(path.filename().string());
  auto doc = LoadDocumentFile(path.string());
  if (!doc) {
    ADD_FAILURE() << doc.error().message;
    return;
  }
  const bool from_ubl = (*doc)->syntax == Syntax::kUbl;
  Invoice original = ReadInvoice(**doc).invoice;

  WriteResult there = from_ubl ? WriteCii(original) : WriteUbl(original);
  auto there_doc = LoadDocumentBuffer(there.xml, "there");
  if (!there_doc) {
    ADD_FAILURE() << there_doc.error().message;
    return;
  }
  ReadResult there_read = ReadInvoice(**there_doc);
  EXPECT_TRUE(there_read.unmapped.empty()) << Describe(there_read.unmapped);
  std::string diff = DiffInvoices(original, there_read.invoice);
  EXPECT_TRUE(DiffCoveredBy(diff, there.lost))
      << "differs in: " << diff << "\ndeclared loss:\n" << LostTerms(there);
  auto xsd = ValidateXsd(**there_doc, ChooseSchema(**there_doc));
  EXPECT_TRUE(xsd && xsd->empty()) << (xsd ? Describe(*xsd) : xsd.error().message);

  WriteResult back = from_ubl ? WriteUbl(there_read.invoice) : WriteCii(there_read.invoice);
  auto back_doc = LoadDocumentBuffer(back.xml, "back");
  if (!back_doc) {
    ADD_FAILURE() << back_doc.error().message;
    return;
  }
  std::vector<LostDatum> all_lost = there.lost;
  all_lost.insert(all_lost.end(), back.lost.begin(), back.lost.end());
  diff = DiffInvoices(original, ReadInvoice(**back_doc).invoice);
  EXPECT_TRUE(DiffCoveredBy(diff, all_lost))
      << "differs after the trip back in: " << diff;
}

void CheckFolder(const std::filesystem::path& dir, std::size_t min_files) {
  auto files = XmlFilesIn(dir);
  ASSERT_GE(files.size(), min_files);
  for (const auto& f : files) CheckCrossTrip(f);
}

TEST(CrossSyntax, UblExamplesThroughCiiAndBack) {
  CheckFolder(SharedDir() / "conformance" / "en16931" / "ubl-examples", 30);
}

TEST(CrossSyntax, CiiExamplesThroughUblAndBack) {
  CheckFolder(SharedDir() / "conformance" / "en16931" / "cii-examples", 10);
}

}  // namespace
}  // namespace chorus::testing
