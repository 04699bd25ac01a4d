// Namespace resolution and the element index built from a DOM
// (src/format/xml_ns.h). An internal header: tests/ is on the include path,
// src/ is not.
#include "../src/format/xml_ns.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>

namespace chorus::xml {
namespace {

constexpr std::array<KnownNs, 3> kKnown = {{
    {"urn:a", ""},
    {"urn:b", "b"},
    {"urn:c", "c"},
}};

struct Parsed {
  std::string bytes;
  pugi::xml_document dom;
};

std::unique_ptr<Parsed> Parse(std::string xml) {
  auto p = std::make_unique<Parsed>();
  p->bytes = std::move(xml);
  pugi::xml_parse_result r =
      p->dom.load_buffer(p->bytes.data(), p->bytes.size());
  EXPECT_TRUE(r) << r.description();
  return p;
}

// A parsed document, its root and its namespaces, and the index of its
// elements.
struct Indexed {
  explicit Indexed(std::string xml)
      : parsed(Parse(std::move(xml))),
        root(parsed->dom.document_element()),
        ns(root, kKnown) {}
  ElementIndex Build() const { return ElementIndex(ns, root, 4); }
  std::unique_ptr<Parsed> parsed;
  pugi::xml_node root;
  Namespaces ns;
};

TEST(XmlNsTest, ResolvesPrefixesByUriNotBySpelling) {
  auto p = Parse(
      "<r:Root xmlns:r='urn:a' xmlns:x='urn:b' xmlns:y='urn:b'>"
      "<x:Leaf>1</x:Leaf><y:Leaf>2</y:Leaf><Leaf>3</Leaf></r:Root>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  EXPECT_EQ(ns.Id(root), 0);
  pugi::xml_node first = root.first_child();
  EXPECT_EQ(ns.Id(first), 1);
  EXPECT_EQ(ns.Id(first.next_sibling()), 1);
  // Unprefixed with no default namespace declared: no namespace.
  EXPECT_EQ(ns.Id(first.next_sibling().next_sibling()), kNoNamespace);
  EXPECT_EQ(ns.Uri(first), "urn:b");
  EXPECT_EQ(Text(ns.Child(root, 1, "Leaf")), "1");
  EXPECT_FALSE(ns.Child(root, 2, "Leaf"));
}

TEST(XmlNsTest, NestedRedeclarationsAndDefaultNamespace) {
  auto p = Parse(
      "<Root xmlns='urn:a' xmlns:p='urn:b'>"
      "<p:Group xmlns:p='urn:c'><p:Leaf/></p:Group>"
      "<p:Leaf/>"
      "<Inner xmlns='urn:b'><Leaf/></Inner>"
      "<Undeclared xmlns=''><Leaf/></Undeclared>"
      "<q:Unknown/>"
      "<p:Other xmlns:p='urn:zzz'/>"
      "</Root>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  pugi::xml_node group = root.first_child();
  EXPECT_EQ(ns.Id(root), 0);
  EXPECT_EQ(ns.Id(group), 2);                // redeclared on itself
  EXPECT_EQ(ns.Id(group.first_child()), 2);  // inherited from the parent
  pugi::xml_node leaf = group.next_sibling();
  EXPECT_EQ(ns.Id(leaf), 1);  // back to the root's binding
  pugi::xml_node inner = leaf.next_sibling();
  EXPECT_EQ(ns.Id(inner), 1);
  EXPECT_EQ(ns.Id(inner.first_child()), 1);
  pugi::xml_node undeclared = inner.next_sibling();
  EXPECT_EQ(ns.Id(undeclared), kNoNamespace);
  EXPECT_EQ(ns.Id(undeclared.first_child()), kNoNamespace);
  EXPECT_EQ(ns.Id(undeclared.next_sibling()), kOtherNamespace);
  EXPECT_EQ(ns.Id(undeclared.next_sibling().next_sibling()), kOtherNamespace);
  EXPECT_TRUE(ns.Is(group.first_child(), 2, "Leaf"));
  EXPECT_FALSE(ns.Is(group.first_child(), 1, "Leaf"));
}

TEST(XmlNsTest, AttributesAreUnqualifiedUnlessPrefixed) {
  auto p =
      Parse("<Root xmlns='urn:a' xmlns:c='urn:c'><E id='1' c:id='2'/></Root>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  pugi::xml_node e = root.first_child();
  EXPECT_EQ(ns.AttributeId(e, e.attribute("id")), kNoNamespace);
  EXPECT_EQ(ns.AttributeId(e, e.attribute("c:id")), 2);
  EXPECT_EQ(ns.AttributeUri(e, e.attribute("c:id")), "urn:c");
}

TEST(XmlNsTest, PathsUseCanonicalPrefixesAndPositions) {
  auto p = Parse(
      "<Root xmlns='urn:a' xmlns:q='urn:b' xmlns:o='urn:other'>"
      "<q:Item/><q:Item><q:Leaf>x</q:Leaf></q:Item><q:Single/>"
      "<o:Foreign/></Root>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  pugi::xml_node second = root.first_child().next_sibling();
  EXPECT_EQ(ns.PathOf(root.first_child()), "/Root/b:Item[1]");
  EXPECT_EQ(ns.PathOf(second.first_child()), "/Root/b:Item[2]/b:Leaf");
  EXPECT_EQ(ns.PathOf(second.next_sibling()), "/Root/b:Single");
  EXPECT_EQ(ns.PathOf(second.next_sibling().next_sibling()), "/Root/o:Foreign");
}

TEST(XmlNsTest, TextJoinsTextAndCdataAndTrims) {
  auto p = Parse(
      "<r><a>  padded \n</a><b>one<![CDATA[ & two]]> three </b><c/>"
      "<d><e>nested</e></d></r>");
  pugi::xml_node r = p->dom.document_element();
  EXPECT_EQ(Text(r.child("a")), "padded");
  EXPECT_EQ(Text(r.child("b")), "one & two three");
  EXPECT_EQ(Text(r.child("c")), "");
  EXPECT_EQ(Text(r.child("d")), "");  // only direct character data
  EXPECT_TRUE(HasData(r.child("d")));
  EXPECT_FALSE(HasData(r.child("c")));
  EXPECT_EQ(TrimXml(" \t\r\nx y\n"), "x y");
  EXPECT_EQ(LocalName("cbc:ID"), "ID");
  EXPECT_EQ(LocalName("ID"), "ID");
  EXPECT_EQ(PrefixOf("cbc:ID"), "cbc");
  EXPECT_TRUE(IsNamespaceDeclaration("xmlns"));
  EXPECT_TRUE(IsNamespaceDeclaration("xmlns:cbc"));
  EXPECT_FALSE(IsNamespaceDeclaration("xmlnsfoo"));
}

TEST(XmlNsTest, ElementIndexResolvesNamespacesTextAndLinks) {
  auto p = Parse(
      "<Root xmlns='urn:a' xmlns:b='urn:b'>"
      "<b:Leaf> one </b:Leaf>"
      "<b:Group xmlns:b='urn:c'><b:Leaf>two<!--x-->three</b:Leaf></b:Group>"
      "<Leaf xmlns='urn:b'>four</Leaf>"
      "<b:Leaf>five</b:Leaf>"
      "<b:Empty/>"
      "</Root>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  ElementIndex index(ns, root);
  ASSERT_EQ(index.size(), 7u);
  EXPECT_EQ(index[0].ns, 0);
  EXPECT_EQ(index[0].end, 7);
  int32_t first = index.Find(0, 1, "Leaf");
  ASSERT_EQ(first, 1);
  EXPECT_EQ(index[first].text, "one");
  int32_t group = index.Find(0, 2, "Group");
  ASSERT_EQ(group, 2);
  EXPECT_EQ(index[group].end, 4);
  int32_t inner = index.Find(group, 2, "Leaf");
  ASSERT_EQ(inner, 3);
  EXPECT_EQ(index[inner].parent, group);
  // pugixml drops the comment and leaves two text nodes: both are read.
  EXPECT_EQ(index[inner].text, "twothree");
  int32_t second = index.FindFrom(index[first].next, 1, "Leaf");
  EXPECT_EQ(second, 4);  // default namespace redeclared to urn:b
  EXPECT_EQ(index[second].text, "four");
  EXPECT_EQ(index.FindFrom(index[second].next, 1, "Leaf"), 5);
  EXPECT_EQ(index.Find(0, 1, "Missing"), -1);
  EXPECT_TRUE(index.HasData(group));
  EXPECT_FALSE(index.HasData(index.Find(0, 1, "Empty")));
}

TEST(XmlNsTest, ElementIndexTellsLongNamesApartBeyondTheKey) {
  auto p = Parse(
      "<r xmlns='urn:a'><TaxAmountA>1</TaxAmountA>"
      "<TaxAmountB>2</TaxAmountB><TaxAmount>3</TaxAmount></r>");
  pugi::xml_node root = p->dom.document_element();
  Namespaces ns(root, kKnown);
  ElementIndex index(ns, root);
  EXPECT_EQ(NameKey("TaxAmountA"), NameKey("TaxAmountB"));
  EXPECT_NE(NameKey("TaxAmount"), NameKey("TaxAmountA"));
  EXPECT_EQ(index[index.Find(0, 0, "TaxAmountB")].text, "2");
  EXPECT_EQ(index[index.Find(0, 0, "TaxAmount")].text, "3");
  EXPECT_EQ(index[index.Find(0, 0, Name::Of("TaxAmountA"))].text, "1");
}

// Given the source, the index reads from it which start tags end right
// after their name instead of asking pugixml for their attributes: the
// answers must be the same, and a source that is not the DOM's is ignored.
TEST(XmlNsTest, ElementIndexTellsWhichElementsHaveAttributes) {
  Indexed d(
      "<Root xmlns='urn:a' xmlns:b='urn:b'><A>1</A><B x='1'/><C/>"
      "<D\n  y='2'>t</D><E\t/><b:F xmlns:c='urn:c'/><G >x</G>"
      "<H z=\"&gt;\"/></Root>");
  ElementIndex index = d.Build();
  ASSERT_EQ(index.size(), 9u);
  std::string attributes;
  for (int32_t i = 0; i < static_cast<int32_t>(index.size()); ++i) {
    attributes += index[i].has_attributes ? '1' : '0';
  }
  //         Root A  B  C  D  E  F  G  H
  EXPECT_EQ(attributes, "001010001");
}

// A name splits at its first colon, wherever that is (the builder tests
// the usual three-letter prefix before searching).
TEST(XmlNsTest, ElementIndexSplitsNamesAtTheFirstColon) {
  Indexed d(
      "<Root xmlns='urn:a' xmlns:b='urn:b' xmlns:cc='urn:c'>"
      "<b:x:y/><cc:d:e/><b:long/><abc:z/><X:/></Root>");
  ElementIndex index = d.Build();
  ASSERT_EQ(index.size(), 6u);
  const auto split = [&](int32_t i) {
    return std::to_string(index[i].ns) + " " +
           std::to_string(index[i].prefix_size) + " " +
           std::string(index[i].local);
  };
  EXPECT_EQ(split(1), "1 1 x:y");
  EXPECT_EQ(split(2), "2 2 d:e");
  EXPECT_EQ(split(3), "1 1 long");
  EXPECT_EQ(split(4), std::to_string(kOtherNamespace) + " 3 z");
  EXPECT_EQ(split(5), std::to_string(kOtherNamespace) + " 1 ");
}

// Text followed by more children must not be taken for a leaf's text,
// whatever the parse did to it (entities and line ends shorten it; CDATA
// may hold "</" where a shortened text would end).
TEST(XmlNsTest, ElementIndexKeepsChildrenAfterShortenedText) {
  Indexed d(
      "<Root xmlns='urn:a'><A>x&amp;y<B/></A><C>p\r\nq</C>"
      "<D><![CDATA[\r\n\r\n</]]><E/></D><F>a&lt;/b<G/>c</F></Root>");
  ElementIndex index = d.Build();
  ASSERT_EQ(index.size(), 8u);
  std::string names;
  for (int32_t i = 0; i < static_cast<int32_t>(index.size()); ++i) {
    names += std::string(index[i].local) + "(" +
             std::to_string(index[i].parent) + ")";
  }
  EXPECT_EQ(names, "Root(-1)A(0)B(1)C(0)D(0)E(4)F(0)G(6)");
  EXPECT_EQ(index[1].raw, "x&y");
  EXPECT_EQ(index[3].raw, "p\nq");
  EXPECT_EQ(index[4].raw, "\n\n</");
  EXPECT_EQ(index[6].raw, "a</bc");
}

}  // namespace
}  // namespace chorus::xml
