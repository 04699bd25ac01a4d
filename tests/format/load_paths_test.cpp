// The loader's two paths: the scanner (the usual one, no DOM) and pugixml
// (whatever the scanner leaves). A document must read and validate the same
// whichever path it took, and the DOM must still be there for those who ask.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "../src/format/doc_tree.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

std::string Example() {
  return testing::ReadFile(
      testing::SharedDir() /
      "conformance/en16931/ubl-examples/guide-example2.xml");
}

std::string Cii() {
  return testing::ReadFile(
      testing::SharedDir() /
      "conformance/en16931/cii-examples/CII_business_example_02.xml");
}

// Text after the root element: pugixml skips it, the scanner leaves the
// document to pugixml. Otherwise the same document.
std::string WithTrailingText(const std::string& xml) { return xml + "x"; }

std::vector<Diagnostic> Validate(const XmlDocument& doc) {
  ReadResult read = ReadInvoice(doc);
  std::vector<Diagnostic> out = CheckRules(doc, read);
  out.insert(out.end(), read.diagnostics.begin(), read.diagnostics.end());
  return out;
}

void ExpectSameIndex(const xml::ElementIndex& a, const xml::ElementIndex& b) {
  ASSERT_EQ(a.size(), b.size());
  for (int32_t i = 0; i < static_cast<int32_t>(a.size()); ++i) {
    EXPECT_EQ(a[i].local, b[i].local);
    EXPECT_EQ(a[i].raw, b[i].raw);
    EXPECT_EQ(a[i].offset, b[i].offset);
    EXPECT_EQ(a[i].ns, b[i].ns);
    EXPECT_EQ(a[i].end, b[i].end);
    EXPECT_EQ(a.PathOf(i), b.PathOf(i));
  }
}

TEST(LoadPathsTest, ScannedAndPugixmlLoadedDocumentsReadAndValidateAlike) {
  for (const std::string& xml : {Example(), Cii()}) {
    auto scanned = LoadDocumentBuffer(xml, "a.xml");
    auto parsed = LoadDocumentBuffer(WithTrailingText(xml), "a.xml");
    ASSERT_TRUE(scanned.ok()) << scanned.error().message;
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ((*scanned)->root, (*parsed)->root);
    EXPECT_EQ((*scanned)->syntax, (*parsed)->syntax);
    ExpectSameIndex((*scanned)->tree()->elements, (*parsed)->tree()->elements);
    std::vector<Diagnostic> a = Validate(**scanned);
    std::vector<Diagnostic> b = Validate(**parsed);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].rule, b[k].rule);
      EXPECT_EQ(a[k].message, b[k].message);
      EXPECT_EQ(a[k].location, b[k].location);
    }
  }
}

TEST(LoadPathsTest, TheDomIsParsedOnDemandOnceForEveryThread) {
  auto doc = LoadDocumentBuffer(Example(), "a.xml");
  ASSERT_TRUE(doc.ok());
  const pugi::xml_document* seen[2] = {nullptr, nullptr};
  std::thread t([&] { seen[0] = &(*doc)->dom(); });
  seen[1] = &(*doc)->dom();
  t.join();
  EXPECT_EQ(seen[0], seen[1]);
  pugi::xml_node root = (*doc)->dom().document_element();
  EXPECT_STREQ(root.name(), "Invoice");
  // Its offsets are the source's: lines agree with the index's.
  EXPECT_EQ((*doc)->LineOf(root.first_child()),
            (*doc)->LineOf(static_cast<std::ptrdiff_t>(
                (*doc)->tree()->elements[1].offset)));
}

TEST(LoadPathsTest, MalformedInputStillGetsPugixmlsMessage) {
  std::string xml = Example();
  xml.resize(xml.size() / 2);
  auto doc = LoadDocumentBuffer(xml, "cut.xml");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("cut.xml: malformed XML at line"),
            std::string::npos)
      << doc.error().message;
}

TEST(LoadPathsTest, AHandBuiltDocumentIsIndexedFromItsDom) {
  XmlDocument doc;
  ASSERT_TRUE(doc.mutable_dom().load_string(
      "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
      "Invoice-2'><a/><a>1</a></Invoice>"));
  const xml::ElementIndex& index = doc.tree()->elements;
  ASSERT_EQ(index.size(), 3u);
  EXPECT_EQ(index.PathOf(2), "/Invoice/a[2]");
  EXPECT_EQ(index[2].text, "1");
}

}  // namespace
}  // namespace chorus
