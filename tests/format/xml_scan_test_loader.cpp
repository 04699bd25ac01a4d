// The loader around the scanner: a DOCTYPE is looked for only when the
// scanner has left a document to pugixml (the scanner refuses every "<!"
// but comments and CDATA), yet the refusal must read as when it was looked
// for first, whatever else is wrong with the document.
#include <gtest/gtest.h>

#include <string>

#include "chorus/format/document.h"

namespace chorus {
namespace {

constexpr const char* kHead =
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "Invoice-2\">";
constexpr const char* kDtd =
    "x.xml: DTDs are not allowed in invoices (entity expansion / external "
    "entities are refused) (line 2, column 1)";

std::string Refusal(const std::string& xml) {
  auto r = LoadDocumentBuffer(xml, "x.xml");
  EXPECT_FALSE(r.ok()) << xml;
  return r.ok() ? std::string() : r.error().message;
}

TEST(ScanLoaderTest, DoctypeIsNamedBeforeWhateverElseIsWrong) {
  std::string prolog = "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice>\n";
  // Invalid UTF-8 past the first KiB (before it, it reads as binary).
  std::string bad = "<!--" + std::string(1100, '-') + "->\xC3\x28";
  // Well-formed otherwise, malformed, invalid UTF-8, no invoice root,
  // a lowercase doctype.
  EXPECT_EQ(Refusal(prolog + kHead + "</Invoice>"), kDtd);
  EXPECT_EQ(Refusal(prolog + kHead + "</Invoic>"), kDtd);
  EXPECT_EQ(Refusal(prolog + kHead + bad + "</Invoice>"), kDtd);
  EXPECT_EQ(Refusal(prolog + "<a/>"), kDtd);
  EXPECT_EQ(Refusal("<?xml version=\"1.0\"?>\n<!doctype a>\n<a/>"), kDtd);
  // Without a DOCTYPE those are refused for what they are.
  EXPECT_NE(Refusal(kHead + bad + "</Invoice>").find("invalid UTF-8"),
            std::string::npos);
}

// The scanner runs before the checks on raw bytes, which are then only
// those of UTF-8 for a document it reads: each refusal must be the one
// the checks in their order give.
TEST(ScanLoaderTest, ADocumentTheScannerReadsIsStillCheckedAsBefore) {
  std::string body = "<a>caf\xC3\xA9</a></Invoice>";
  EXPECT_TRUE(LoadDocumentBuffer(kHead + body, "x.xml").ok());
  EXPECT_TRUE(
      LoadDocumentBuffer("\xEF\xBB\xBF \r\n\t" + (kHead + body), "x.xml").ok());
  // Invalid UTF-8 in the first KiB reads as binary; after it, as itself.
  EXPECT_NE(Refusal(kHead + std::string("<a>\xC3(</a></Invoice>"))
                .find("binary content"),
            std::string::npos);
  std::string far = kHead + std::string("<!--") + std::string(1100, 'x') +
                    "-->\n<a>caf\xE9</a></Invoice>";
  EXPECT_NE(Refusal(far).find("invalid UTF-8 (invoices must be UTF-8) "
                              "(line 2, column 7)"),
            std::string::npos)
      << Refusal(far);
  // A lone continuation byte in the head is binary; a sequence cut by the
  // end of the document is not (the head may be cut anywhere), but is
  // invalid.
  EXPECT_NE(Refusal(kHead + std::string("<a>\x80</a></Invoice>"))
                .find("binary content"),
            std::string::npos);
  EXPECT_NE(Refusal(kHead + std::string("</Invoice>\xC3"))
                .find("invalid UTF-8 (invoices must be UTF-8) (line 1, "),
            std::string::npos);
}

TEST(ScanLoaderTest, LinesOfAnAcceptedDocumentCountEveryNewline) {
  std::string xml = std::string(kHead) + "\n";
  for (int i = 0; i < 300; ++i) xml += "<a>\xC3\xA9</a>\r\n";
  xml += "</Invoice>";
  auto r = LoadDocumentBuffer(xml, "x.xml");
  ASSERT_TRUE(r.ok());
  const XmlDocument& doc = **r;
  int line = 1;
  for (std::size_t i = 0; i <= xml.size(); ++i) {
    ASSERT_EQ(doc.LineOf(static_cast<std::ptrdiff_t>(i)), line) << i;
    if (i < xml.size() && xml[i] == '\n') ++line;
  }
}

}  // namespace
}  // namespace chorus
