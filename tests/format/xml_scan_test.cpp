// xml::ScanIntoIndex against pugixml: whenever the scanner accepts a
// document, pugixml (with the loader's flags and after-parse checks) must
// accept it too and the DOM-built index must hold exactly the same facts.
// Checked here on hand-made documents aimed at each of the scanner's steps
// (odd constructs, lengths around its wide steps, memo slots, depth and
// room limits); xml_scan_corpus_test.cpp checks real documents, every byte
// in every place and byte-level mutants.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "format/scan_agrees.h"
#include "format/scan_oracle.h"

namespace chorus::xml {
namespace {

using testing::Agrees;
using testing::ExpectAccepted;
using testing::ExpectRefused;
using testing::Scan;

constexpr const char* kUbl =
    "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' "
    "xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonBasicComponents-2' xmlns:cac='urn:oasis:names:specification:ubl:"
    "schema:xsd:CommonAggregateComponents-2'>";

std::string Ubl(const std::string& body) {
  return std::string(kUbl) + body + "</Invoice>";
}

TEST(XmlScanTest, ReadsOddDocumentsAsPugixmlDoes) {
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"mixed", Ubl("\r\n  lead<cbc:ID a='x&amp;y\t z' o:b=\"&#65;\r\n\">V"
                    "<!-- c -->A<![CDATA[<T>]]></cbc:ID>mid &lt; "
                    "<cac:X><![CDATA[]]></cac:X><cac:X>t<cac:Y>u</cac:Y> v "
                    "<!--x--> <cac:Y/>w</cac:X><cbc:ID/>\n tail\n")},
      {"entities", Ubl("<cbc:Note>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x43;"
                       "&#233;&#x20AC;&#x1F600;&#0065;</cbc:Note>")},
      {"bad refs", Ubl("<cbc:Note>&foo; &am; &#; &#x; &#12a; &#X41; &amp "
                       "&#xZ; &lt &</cbc:Note><cbc:ID a='&foo;&#x;&'/>")},
      {"eol", Ubl("<cbc:Note>a\r\nb\rc\n\r\r\nd</cbc:Note>"
                  "<cbc:ID a='a\r\nb\rc\nd\te\r\r\n'/>")},
      {"refs to controls", Ubl("<cbc:Note>&#13;&#10;&#9;x</cbc:Note>"
                               "<cbc:ID a='&#13;&#10;&#9;'/>")},
      {"spaces in tags", Ubl("<cbc:ID  a = 'x'\n\tb=\"y\" ></cbc:ID\n >"
                             "<cbc:ID\r\n/><cbc:ID c='\"' d=\"'\"/>")},
      {"whitespace-only text", Ubl("  \r\n\t<cbc:ID> \r\n </cbc:ID> ")},
      {"text entity space", Ubl("<cbc:ID>&#32;</cbc:ID><cac:X> &#32; "
                                "<cbc:ID/></cac:X>")},
      {"cdata", Ubl("<cbc:ID><![CDATA[ a\r\n]] ]>b ]]></cbc:ID>"
                    "<cbc:ID><![CDATA[]]></cbc:ID><cbc:ID>x<![CDATA[]]>"
                    "</cbc:ID><cbc:ID><![CDATA[\r]]>\r<![CDATA[y]]></cbc:ID>"
                    "<cbc:ID><![CDATA[a]]>]]></cbc:ID>")},
      // Pieces decoded apart from the source, joined with plain ones.
      {"decoded pieces",
       Ubl("<cbc:ID>a&amp;b<!--c-->d\r\ne<![CDATA[f\rg]]>h<?p?>i</cbc:ID>"
           "<cac:X>p<!--c-->q&lt;<cbc:ID/>r\r<!--c-->s<![CDATA[\r]]>t"
           "</cac:X><cbc:ID>x<!--c-->y<!--c-->&#65;</cbc:ID>")},
      {"comments", Ubl("<cbc:ID>a<!-- -- - -->b<!---->c<!--\r\n--></cbc:ID>"
                       "<!-- x --><cbc:ID><!--a-->x<!--b--></cbc:ID>")},
      {"pis", Ubl("<?pi x?><cbc:ID>a<?x y?>b<?z?></cbc:ID>")},
      {"prolog",
       "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8'?>\r\n"
       "<!-- c --><?pi?>\n" +
           Ubl("<cbc:ID>1</cbc:ID>") + "\n<!-- after -->\n<?after?>\n"},
      {"bom only", "\xEF\xBB\xBF" + Ubl("")},
      {"declaration later", Ubl("<cbc:ID>1</cbc:ID>") + "<?xml v?>"},
      {"self-closing root", "<Invoice xmlns='urn:x' a='1'/>"},
      {"self-closing root ws", "<r/>\n"},
      {"no namespace", "<r><a>1</a><b:c xmlns:b='urn:b'><d/></b:c></r>"},
      {"nested namespaces",
       "<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:"
       "standard:CrossIndustryInvoice:100'><rsm:X xmlns:rsm='urn:x' "
       "xmlns='urn:un:unece:uncefact:data:standard:"
       "ReusableAggregateBusinessInformationEntity:100'><ID q:z='1'/>"
       "<p:ID/><p:ID/><rsm:Y xmlns:rsm='urn:un:unece:uncefact:data:standard:"
       "CrossIndustryInvoice:100'><rsm:Z/></rsm:Y></rsm:X><xml:Y "
       "xml:lang='fr'/><rsm:W/></rsm:CrossIndustryInvoice>"},
      {"default reset", Ubl("<X xmlns=''><Y/></X><Z/>")},
      {"empty prefix uri", Ubl("<p:X xmlns:p=''><p:Y p:a='1'/></p:X>")},
      {"declaration after use", Ubl("<p:X p:a='1' b:c='2' xmlns:p='urn:p' "
                                    "xmlns:b='urn:oasis:names:specification:"
                                    "ubl:schema:xsd:CommonBasicComponents-2'"
                                    "/>")},
      {"long prefixes",
       "<averylongprefix:r xmlns:averylongprefix='urn:oasis:names:"
       "specification:ubl:schema:xsd:CommonBasicComponents-2' "
       "xmlns:averylongprefiy='urn:y'><averylongprefiy:a/>"
       "<averylongprefix:a averylongprefiy:b='1'/></averylongprefix:r>"},
      {"prefix beyond 16 bytes",
       "<r xmlns:averyveryverylongprefix='urn:p'><averyveryverylongprefix:a "
       "averyveryverylongprefix:b='1'>x</averyveryverylongprefix:a>"
       "<averyveryverylongprefiy:a/></r>"},
      {"duplicate attribute", Ubl("<cbc:ID a='1' a='2'>x</cbc:ID>")},
      {"repeated siblings", Ubl("<cbc:ID/><cbc:ID/><cac:ID/><cbc:ID/>")},
      {"unicode names",
       "<r\xC3\xA9><\xE2\x82\xACx:a xmlns:\xE2\x82\xAC"
       "x='urn:e'>1</\xE2\x82\xACx:a></r\xC3\xA9>"},
      {"name characters", "<_a-b.c:d_9 xmlns:_a-b.c='urn:x'/>"},
      {"lt in value", Ubl("<cbc:ID a='<>' b=\"a<b\"/>")},
      {"colons", Ubl("<a:b:c xmlns:a='urn:a'/>")},
      {"long text", Ubl("<cbc:Note>" + std::string(100, 'x') + "&amp;" +
                        std::string(40, 'y') + "\r\n" + std::string(33, ' ') +
                        "</cbc:Note>")},
      // Line ends then indentation between tags: spaces, tabs, both,
      // runs past 16 bytes, a CR or text after them.
      {"indentation",
       Ubl("\n\t<cac:X>\n  \t <cbc:ID>1</cbc:ID>\n" + std::string(20, ' ') +
           "<cbc:ID/>\n\t\t\r\n <cbc:ID/>\n  x\n<cbc:ID/>\n" +
           std::string(15, '\t') + "\n</cac:X>\n \n")},
      // A leaf's text where a low byte (space, '!', '"'...) comes before
      // a reference, a CR or the end tag, within and across 16 bytes.
      {"low bytes in text",
       Ubl("<cbc:Note>a b&amp;c d\r\ne</cbc:Note><cbc:Note>x!\"#$%&lt;"
           "</cbc:Note><cbc:Note>0123456789abcde f\r</cbc:Note>"
           "<cbc:Note>\t1</cbc:Note><cbc:Note>2 </cbc:Note>")},
      {"indentation at the end", "<r>\n  <a/>\n</r>\n  \t"},
      {"long names",
       Ubl("<cac:" + std::string(70, 'N') + " a" + std::string(40, 'b') +
           "='1'></cac:" + std::string(70, 'N') + ">")},
  };
  for (const auto& [what, xml] : docs) {
    SCOPED_TRACE(what);
    ExpectAccepted(xml, what);
  }
}

TEST(XmlScanTest, RefusesWhatPugixmlOrTheLoaderRefuses) {
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"empty", ""},
      {"spaces", " \n"},
      {"no root", "<?xml version='1.0'?><!-- c -->"},
      {"doctype", "<!DOCTYPE r><r/>"},
      {"doctype inside", "<r><!DOCTYPE r></r>"},
      {"unclosed", "<r><a></r>"},
      {"mismatch", "<r></R>"},
      {"longer end", "<r></rr>"},
      {"shorter end", "<rr></r>"},
      {"cut", "<r><a>x</a"},
      {"cut in text", "<r>abc"},
      {"cut in value", "<r a='x"},
      {"cut in comment", "<r><!-- x"},
      {"cut in cdata", "<r><![CDATA[x"},
      {"cut in cdata start", "<r><![CD"},
      {"cut after bang", "<r><!"},
      {"cut in reference", "<r>&#x4"},
      {"cut in name", "<r><abc"},
      {"cut in end tag", "<r></r"},
      {"attribute without value", "<r a/>"},
      {"attribute without quotes", "<r a=1/>"},
      {"attributes without space", "<r a='1'b='2'/>"},
      {"slash space", "<r/ >"},
      {"lt space", "<r>< a/></r>"},
      {"nul", std::string("<r>a\0b</r>", 10)},
      {"nul after", std::string("<r/>\0", 5)},
      {"char ref nul", "<r>&#0;</r>"},
      {"char ref nul hex", "<r a='&#x0;'/>"},
      {"surrogate", "<r>&#xD800;</r>"},
      {"too big", "<r>&#x110000;</r>"},
      {"overflow", "<r>&#x100000000041;</r>"},
      {"two roots", "<r/><s/>"},
      {"text after root", "<r/>x"},
      {"text before root", "x<r/>"},
      {"cdata at top", "<![CDATA[x]]><r/>"},
      {"empty prefix declaration", "<r xmlns:='urn:x'/>"},
      {"xml prefix declared",
       "<r xmlns:xml='http://www.w3.org/XML/1998/namespace'/>"},
      {"declared twice", "<r xmlns:a='urn:a' xmlns:a='urn:b'/>"},
      {"leading colon", "<:r/>"},
      {"trailing colon", "<r:/>"},
      {"attribute colon", "<r :a='1'/>"},
      {"bad pi", "<? x?><r/>"},
      {"bang", "<r><!x></r>"},
  };
  for (const auto& [what, xml] : docs) ExpectRefused(xml, what);
}

// Element names are measured and end tags compared 32 bytes at a time,
// and byte by byte near the end of the buffer: every length around those
// steps, ending tags that match, differ at the start, middle or end, run
// longer or stop short, with the document ending right after them or not.
TEST(XmlScanTest, NamesOfEveryLengthAroundTheWideSteps) {
  for (std::size_t n = 1; n <= 70; ++n) {
    std::string name;
    for (std::size_t i = 0; i < n; ++i) name += static_cast<char>('a' + i % 26);
    for (const std::string prefix : {"", "p:"}) {
      std::string q = prefix + name;
      std::string open = "<r xmlns:p='urn:p'><" + q + ">";
      for (const std::string& tail :
           {std::string("</r>"), "</r>" + std::string(40, ' '),
            "</r>" + std::string(110, ' ')}) {
        SCOPED_TRACE(std::to_string(n) + " " + q + " [" + tail + "]");
        ExpectAccepted(open + "x</" + q + ">" + tail, "leaf");
        ExpectAccepted(open + "</" + q + " >" + tail, "empty leaf");
        ExpectAccepted(open + "<b/></" + q + ">" + tail, "container");
        for (std::size_t at : {std::size_t{0}, n / 2, n - 1}) {
          std::string other = name;
          other[at] = other[at] == 'z' ? 'y' : 'z';
          ExpectRefused(open + "x</" + prefix + other + ">" + tail, "differs");
          ExpectRefused(open + "<b/></" + prefix + other + ">" + tail,
                        "differs after a child");
        }
        ExpectRefused(open + "x</" + q + "a>" + tail, "longer");
        ExpectRefused(open + "x</" + q.substr(0, q.size() - 1) + ">" + tail,
                      "shorter");
      }
    }
  }
}

// Prefixes are resolved through a memo of eight slots, which two prefixes
// may share ("cac" and "ram" do, "udt" and "qdt", "ext" and no prefix):
// alternating them must not mix them up.
// Text of every length up to past two 64-byte steps, ending with the end
// tag or holding a reference, a CR or a NUL at each place.
TEST(XmlScanTest, TextOfEveryLengthAroundTheWideSteps) {
  for (std::size_t n = 0; n <= 150; ++n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('A' + i % 26);
    for (const std::string& tail :
         {std::string("</r>"), "</r>" + std::string(70, ' '),
          "</r>" + std::string(140, ' ')}) {
      SCOPED_TRACE(std::to_string(n) + " [" + tail + "]");
      ExpectAccepted("<r><a>" + text + "</a>" + tail, "plain");
      ExpectAccepted("<r><a>" + text + "&amp;" + text + "</a>" + tail,
                     "reference");
      ExpectAccepted("<r><a>" + text + "\r\nx</a>" + tail, "line end");
      ExpectAccepted("<r><a>x" + text + "<b/>" + text + "</a>" + tail, "mixed");
      ExpectRefused("<r><a>" + text + std::string(1, '\0') + "</a>" + tail,
                    "NUL");
    }
  }
}

TEST(XmlScanTest, PrefixesSharingAMemoSlotStayApart) {
  std::string xml =
      "<r xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonBasicComponents-2' xmlns:ram='urn:un:unece:uncefact:data:"
      "standard:ReusableAggregateBusinessInformationEntity:100' "
      "xmlns:cac='urn:c' xmlns:udt='urn:un:unece:uncefact:data:standard:"
      "UnqualifiedDataType:100' xmlns:qdt='urn:un:unece:uncefact:data:"
      "standard:QualifiedDataType:100' xmlns:ext='urn:oasis:names:"
      "specification:ubl:schema:xsd:CommonExtensionComponents-2' "
      "xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'>";
  for (int i = 0; i < 6; ++i) {
    xml +=
        "<cbc:A>1</cbc:A><ram:A>2</ram:A><ram:B cbc:x='1' ram:y='2'/>"
        "<cac:C><cbc:D xmlns:cbc='urn:d'>3</cbc:D><cbc:D>4</cbc:D></cac:C>"
        "<udt:E>5</udt:E><qdt:E>6</qdt:E><ext:F>7</ext:F><G>8</G>"
        "<cac:H><ram:I udt:z='3' qdt:z='4'/></cac:H>";
  }
  xml += "</r>";
  ExpectAccepted(xml, "alternating prefixes");
}

// The ids of the xml and xmlns URIs are looked up once for the loader's
// list (known by its address): any other list, a copy of it or one that
// holds those URIs, gets its own.
TEST(XmlScanTest, XmlAndXmlnsIdsFollowTheKnownList) {
  const std::string xml =
      "<r xmlns='urn:r' xmlns:p='urn:p' xml:lang='fr'>"
      "<p:a xml:space='preserve'>x</p:a></r>";
  std::vector<KnownNs> copy(DocNamespaces().begin(), DocNamespaces().end());
  std::vector<KnownNs> with = copy;
  with.push_back({"http://www.w3.org/XML/1998/namespace", "xml"});
  with.push_back({kXmlnsUri, "xmlns"});
  auto ids = [&](std::span<const KnownNs> known) {
    std::string buffer = xml;  // a NUL follows its bytes
    ElementIndex index(known);
    EXPECT_TRUE(ScanIntoIndex(buffer.data(), buffer.size(), known, index));
    std::vector<int> out;
    for (const auto& a : index.attributes()) out.push_back(a.ns);
    return out;
  };
  const int other = kOtherNamespace;
  // xmlns, xmlns:p, xml:lang, xml:space.
  EXPECT_EQ(ids(DocNamespaces()),
            (std::vector<int>{other, other, other, other}));
  EXPECT_EQ(ids(copy), ids(DocNamespaces()));
  auto xml_id = static_cast<int>(copy.size());
  EXPECT_EQ(ids(with),
            (std::vector<int>{xml_id + 1, xml_id + 1, xml_id, xml_id}));
}

// A comment ends at the first "-->", whose '>' is searched for 32 bytes at
// a time where 64 are readable, then 16: dashes and '>' in every position
// around the steps, and a NUL before the end. A PI ends at the first "?>"
// alike.
TEST(XmlScanTest, CommentsEndAtTheFirstArrowWherever) {
  for (std::size_t n = 0; n <= 80; ++n) {
    for (const std::string fill : {"-", "a-", "->", "--a>", "?", "a?", "?a>"}) {
      std::string body;
      while (body.size() < n) body += fill;
      body.resize(n);
      for (const std::string& tail :
           {std::string("</r>"), "</r>" + std::string(40, ' '),
            "</r>" + std::string(110, ' ')}) {
        SCOPED_TRACE(std::to_string(n) + " [" + body + "]");
        std::string before = "<r><!--" + body;
        // The comment may end inside body already: pugixml decides.
        Agrees(before + "-->x</r>" + tail.substr(4), "comment");
        Agrees(before + "-->" + tail, "comment before the end");
        ExpectRefused(before + std::string(1, '\0') + "-->" + tail,
                      "NUL in a comment");
        ExpectRefused(before + "--" + tail, "unclosed");
        std::string pi = "<r><?p " + body;
        Agrees(pi + "?>x</r>" + tail.substr(4), "PI");
        Agrees(pi + "?>" + tail, "PI before the end");
        ExpectRefused(pi + std::string(1, '\0') + "?>" + tail, "NUL in a PI");
        ExpectRefused(pi + "?" + tail, "unclosed PI");
      }
    }
  }
}

// The loader refuses any node more than 256 levels below the root; the
// scanner leaves it any element 256 levels below (whose text would be
// deeper), which it accepts when no text is there.
std::string Nested(int levels, const std::string& inner) {
  std::string xml;
  for (int i = 0; i <= levels; ++i) xml += "<a>";
  xml += inner;
  for (int i = 0; i <= levels; ++i) xml += "</a>";
  return xml;
}

TEST(XmlScanTest, DepthLimitIsTheLoaders) {
  for (int levels : {254, 255, 256}) {
    for (const std::string inner : {"", " \n ", "x", "<![CDATA[]]>", "<b/>"}) {
      std::string xml =
          "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
          "Invoice-2'>" +
          Nested(levels, inner) + "</Invoice>";
      SCOPED_TRACE(std::to_string(levels) + " [" + inner + "]");
      bool loads = static_cast<bool>(LoadDocumentBuffer(xml, "deep"));
      int deepest = levels + 1 + (inner == "<b/>" ? 1 : 0);  // root at 0
      EXPECT_EQ(loads, deepest < 256 || (deepest == 256 && inner != "x" &&
                                         inner != "<![CDATA[]]>"));
      EXPECT_EQ(Scan(xml)->accepted, loads && deepest < 256);
      if (loads && deepest < 256) ExpectAccepted(xml, "nested");
    }
  }
}

// Documents up to 64 KB get room for as many entries as they can hold
// (one per three bytes), and their elements are recorded without a test
// for room: the densest documents on both sides of that size, accepted
// ("<a/>" after "<a/>") or refused (start tags only, nested past the
// depth limit or cut short), must read as pugixml reads them, and an
// ASan build would catch a write past the room.
TEST(XmlScanTest, DensestDocumentsAroundTheRoomySize) {
  for (std::size_t bytes : {std::size_t{1000}, std::size_t{64 * 1024 - 16},
                            std::size_t{64 * 1024 + 16}}) {
    SCOPED_TRACE(bytes);
    std::string flat = "<r>";
    while (flat.size() + 8 < bytes) flat += "<a/>";
    flat += "</r>";
    // Compared with pugixml's whole index where that is quick (its paths
    // count siblings).
    if (bytes < 4096) ExpectAccepted(flat, "empty elements");
    auto scanned = Scan(flat);
    ASSERT_TRUE(scanned->accepted);
    const ElementIndex& index = scanned->index;
    auto last = static_cast<int32_t>(index.size()) - 1;
    EXPECT_EQ(index.size(), (flat.size() - 7) / 4 + 1);
    EXPECT_EQ(index[0].end, last + 1);
    EXPECT_EQ(index[last].parent, 0);
    EXPECT_EQ(index[last].offset, flat.size() - 7);  // its name, after "<"
    std::string deep;
    while (deep.size() + 3 <= bytes) deep += "<a>";
    ExpectRefused(deep, "start tags only");
    ExpectRefused(deep + "<a", "cut short");
  }
  ExpectRefused("<a", "cut short alone");
  ExpectRefused("<a><a", "cut short inside");
}

// Past 64 KB the room of entries is a guess, doubled when the elements
// outnumber it: the open elements' links (where each writes its next
// child's index) must follow their entries to the new block, at whatever
// depth the growth comes.
TEST(XmlScanTest, LinksFollowEntriesWhenTheirRoomGrows) {
  std::string xml = "<r>";
  for (int g = 0; xml.size() < 200 * 1024; ++g) {
    xml += "<g><h>";
    for (int i = 0; i < 7 + g % 5; ++i) xml += "<a>1</a><b/>";
    xml += "<k><a>2</a><a/></k></h><c>x</c></g>";
  }
  xml += "</r>";
  ExpectAccepted(xml, "grown");
}

}  // namespace
}  // namespace chorus::xml
