// xml::ElementIndex against the DOM it was built from: every fact readers and
// rules take from the index (offsets, attributes, mixed-content pieces,
// string values, report paths) must equal what pugixml's DOM says, on
// hand-made odd documents and on every official example and CEN suite
// document. Internal header: tests/ is on the include path, src/ is not.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../src/format/doc_tree.h"
#include "chorus/format/document.h"
#include "format/scan_oracle.h"
#include "support/cen_suite.h"
#include "support/test_env.h"

namespace chorus::xml {
namespace {

bool IsText(pugi::xml_node n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

std::string DomStringValue(pugi::xml_node n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (IsText(c)) out += c.value();
    if (c.type() == pugi::node_element) out += DomStringValue(c);
  }
  return out;
}

// Compares every entry of `tree` with the element of `dom` in the same
// place in document order; `what` names the document.
void ExpectMatchesDom(const DocTree& tree, const pugi::xml_document& dom,
                      const std::string& what) {
  const ElementIndex& index = tree.elements;
  std::vector<pugi::xml_node> nodes =
      xml::testing::ElementsInOrder(dom.document_element());
  ASSERT_EQ(nodes.size(), index.size()) << what;
  Namespaces names(dom.document_element(), DocNamespaces());
  for (int32_t i = 0; i < static_cast<int32_t>(index.size()); ++i) {
    const ElementIndex::Entry& e = index[i];
    pugi::xml_node n = nodes[static_cast<std::size_t>(i)];
    SCOPED_TRACE(what + " entry " + std::to_string(i));
    ASSERT_EQ(static_cast<std::ptrdiff_t>(e.offset), n.offset_debug());
    EXPECT_EQ(index.QualifiedName(i), std::string_view(n.name()));
    EXPECT_EQ(index.PathOf(i), names.PathOf(n));
    std::string value;
    index.AppendStringValue(i, value);
    EXPECT_EQ(value, DomStringValue(n));

    std::vector<pugi::xml_attribute> attrs(n.attributes_begin(),
                                           n.attributes_end());
    auto indexed = index.AttributesOf(i);
    ASSERT_EQ(indexed.size(), attrs.size());
    for (std::size_t k = 0; k < attrs.size(); ++k) {
      EXPECT_EQ(indexed[k].name, std::string_view(attrs[k].name()));
      EXPECT_EQ(indexed[k].value, std::string_view(attrs[k].value()));
      EXPECT_EQ(indexed[k].ns, names.AttributeId(n, attrs[k]));
      EXPECT_EQ(index.PathOf(i, indexed[k]), names.PathOf(n, attrs[k]));
      EXPECT_EQ(index.FindAttribute(i, indexed[k].name)->value,
                std::string_view(n.attribute(attrs[k].name()).value()));
    }

    // Pieces: the text children of an element that has element children.
    std::vector<std::pair<std::ptrdiff_t, std::string>> expected;
    if (e.first_child >= 0) {
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (IsText(c)) expected.emplace_back(c.offset_debug(), c.value());
      }
    }
    std::vector<std::pair<std::ptrdiff_t, std::string>> found;
    index.ForEachPiece(i, [&](const ElementIndex::Piece& p) {
      found.emplace_back(p.offset, std::string(p.text));
    });
    EXPECT_EQ(found, expected);
  }
}

void CheckDocument(const std::string& xml, const std::string& what) {
  auto doc = LoadDocumentBuffer(xml, what);
  if (!doc) return;  // refused documents are never indexed
  // The loader's tree (the scanner's, unless it left the document to
  // pugixml) and one built from the DOM.
  ExpectMatchesDom(*(*doc)->tree(), (*doc)->dom(), what + " (loaded)");
  DocTree tree(**doc);
  ExpectMatchesDom(tree, (*doc)->dom(), what + " (from the DOM)");
}

TEST(ElementIndexTest, MixedContentCommentsCdataAndEntities) {
  CheckDocument(
      "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
      "Invoice-2' xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonBasicComponents-2' xmlns:o='urn:other'>\r\n"
      "  lead<cbc:ID a='x&amp;y\t z' o:b=\"&#65;\r\n\">V<!-- c -->A"
      "<![CDATA[<T>]]></cbc:ID>mid &lt; <o:X><![CDATA[]]></o:X>"
      "<o:X>t<o:Y>u</o:Y> v <!--x--> <o:Y/>w</o:X><cbc:ID/>\n tail\n"
      "</Invoice>",
      "mixed");
}

TEST(ElementIndexTest, NestedDeclarationsAndUnknownPrefixes) {
  CheckDocument(
      "<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:"
      "standard:CrossIndustryInvoice:100'><rsm:X xmlns:rsm='urn:x' "
      "xmlns='urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100'><ID q:z='1'/>"
      "<p:ID/><p:ID/></rsm:X><xml:Y xml:lang='fr'/></rsm:CrossIndustryInvoice>",
      "nested");
}

TEST(ElementIndexTest, EveryExampleAndSuiteDocumentMatchesItsDom) {
  std::filesystem::path conformance =
      chorus::testing::SharedDir() / "conformance/en16931";
  int documents = 0;
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const auto& file : chorus::testing::XmlFilesIn(conformance / dir)) {
      CheckDocument(chorus::testing::ReadFile(file), file.filename().string());
      ++documents;
    }
  }
  documents +=
      chorus::testing::ForEachSuiteDocument(conformance, CheckDocument);
  EXPECT_GT(documents, 1000);
}

}  // namespace
}  // namespace chorus::xml
