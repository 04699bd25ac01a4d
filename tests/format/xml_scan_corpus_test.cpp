// xml::ScanIntoIndex against pugixml on real and generated documents:
// every official example, CEN suite document and sample, every byte value
// in every place a byte can stand, and thousands of byte-level mutants of
// the examples. Whenever the scanner accepts one, pugixml (with the
// loader's flags and after-parse checks) must accept it too and the
// DOM-built index must hold exactly the same facts (scan_oracle.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "format/scan_agrees.h"
#include "format/scan_oracle.h"
#include "support/cen_suite.h"
#include "support/test_env.h"

namespace chorus::xml {
namespace {

using testing::Agrees;
using testing::ExpectAccepted;
using testing::Parse;

// Every byte value in each place a byte can stand: names, attribute names,
// values, text, CDATA, comments, between attributes, after the root.
TEST(XmlScanTest, EveryByteEverywhere) {
  const std::vector<std::string> frames = {
      "<r><a@/></r>",
      "<r><a@b/></r>",
      "<r><@a/></r>",
      "<r a@='1'/>",
      "<r a='@'/>",
      "<r a=\"x@y\"/>",
      "<r>x@y</r>",
      "<r><a>@</a></r>",
      "<r><![CDATA[@]]></r>",
      "<r><!--@--></r>",
      "<r a='1'@b='2'/>",
      "<r/>@",
      "<r>&@;</r>",
      "<r>&#@;</r>",
      "<r></r@>",
      "<r@></r>",
      "<?x@?><r/>",
      "<r>&#x4@;</r>",
      // Values searched 16 bytes at a time.
      "<r a='0123456789abcdefghij@0123456789abcdefghij'/>",
      "<r a=\"0123456789@0123456789abcdefghij\" b='2'/>",
  };
  int accepted = 0;
  for (const std::string& frame : frames) {
    std::size_t at = frame.find('@');
    // Bare, the frames are read by the searches' careful steps (too near
    // the buffer's end for their wide first steps); padded, by those.
    for (const std::string& pad : {std::string(), std::string(80, ' ')}) {
      for (int c = 0; c < 256; ++c) {
        std::string xml = frame + pad;
        xml[at] = static_cast<char>(c);
        if (Agrees(xml, "byte " + std::to_string(c) + " in " + frame)) {
          ++accepted;
        }
      }
    }
  }
  EXPECT_GT(accepted, 2000);
}

std::vector<std::string> Examples() {
  std::vector<std::string> docs;
  std::filesystem::path conformance =
      chorus::testing::SharedDir() / "conformance/en16931";
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const auto& file : chorus::testing::XmlFilesIn(conformance / dir)) {
      docs.push_back(chorus::testing::ReadFile(file));
    }
  }
  return docs;
}

TEST(XmlScanTest, EveryExampleSuiteDocumentAndSample) {
  int documents = 0;
  for (const std::string& xml : Examples()) {
    ExpectAccepted(xml, "example " + std::to_string(documents++));
  }
  EXPECT_GT(documents, 60);
  std::filesystem::path conformance =
      chorus::testing::SharedDir() / "conformance/en16931";
  int suite =
      chorus::testing::ForEachSuiteDocument(conformance, ExpectAccepted);
  EXPECT_GT(suite, 1000);
  int samples = 0;
  for (const auto& file : chorus::testing::XmlFilesIn(
           chorus::testing::SourceDir() / "samples/generated")) {
    ExpectAccepted(chorus::testing::ReadFile(file), file.string());
    ++samples;
  }
  EXPECT_GT(samples, 10);
}

// One byte-level edit of `xml`, of the kinds that break or bend XML.
std::string Mutate(std::string xml, std::mt19937& rng) {
  static const std::vector<std::string> kTokens = {"<",
                                                   ">",
                                                   "&",
                                                   "\"",
                                                   "'",
                                                   "]]>",
                                                   "<!--",
                                                   "-->",
                                                   "\r",
                                                   "\r\n",
                                                   "&#x0;",
                                                   "&foo;",
                                                   "&amp;",
                                                   "&#65;",
                                                   "&#x10FFFF;",
                                                   "&#xD800;",
                                                   "<![CDATA[x",
                                                   "<?pi ?>",
                                                   "\t",
                                                   std::string(1, '\0'),
                                                   "<!DOCTYPE x>",
                                                   "/",
                                                   "=",
                                                   " ",
                                                   ":",
                                                   "xmlns:cbc='urn:x' ",
                                                   "xmlns='' ",
                                                   "<a>",
                                                   "</a>",
                                                   "<b/>",
                                                   "&lt;",
                                                   "&#",
                                                   "\xC3\xA9",
                                                   "<!-- c -->",
                                                   "]]",
                                                   "?>",
                                                   "<?",
                                                   "x:y='1' "};
  auto pick = [&rng](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::size_t at = pick(xml.size() + 1);
  switch (pick(7)) {
    case 0:
    case 1:
      xml.insert(at, kTokens[pick(kTokens.size())]);
      break;
    case 2:
      xml.erase(at, 1 + pick(5));
      break;
    case 3:
      xml.resize(at);
      break;
    case 4: {  // duplicate an attribute
      std::size_t eq = xml.find("=\"", at);
      if (eq == std::string::npos) eq = xml.find("='", at);
      if (eq == std::string::npos) break;
      std::size_t start = xml.rfind(' ', eq);
      std::size_t close = xml.find(xml[eq + 1], eq + 2);
      if (start == std::string::npos || close == std::string::npos) break;
      xml.insert(close + 1, xml.substr(start, close + 1 - start));
      break;
    }
    case 5: {  // bend an end tag's name
      std::size_t end = xml.find("</", at);
      if (end == std::string::npos || end + 3 >= xml.size()) break;
      xml[end + 2 + pick(2)] ^= static_cast<char>(1 + pick(3));
      break;
    }
    default:
      if (at < xml.size()) xml[at] = static_cast<char>(pick(256));
      break;
  }
  return xml;
}

TEST(XmlScanTest, MutantsTheScannerAcceptsMatchPugixml) {
  std::vector<std::string> examples = Examples();
  std::erase_if(examples,
                [](const std::string& d) { return d.size() > 1000000; });
  std::mt19937 rng(20261127);
  int mutants = 0;
  int scanner = 0;
  int pugixml = 0;
  for (int round = 0; round < 80; ++round) {
    for (const std::string& example : examples) {
      std::string xml = Mutate(example, rng);
      if (round % 4 == 3) xml = Mutate(xml, rng);  // two edits
      ++mutants;
      bool parsed = Parse(xml)->accepted;
      pugixml += parsed ? 1 : 0;
      if (Agrees(xml, "mutant " + std::to_string(mutants))) ++scanner;
      if (::testing::Test::HasFailure()) return;
    }
  }
  std::printf(
      "mutants: %d, accepted by pugixml and the loader's checks: %d, "
      "by the scanner: %d\n",
      mutants, pugixml, scanner);
  EXPECT_GT(mutants, 4000);
  // The scanner refuses only a small share of what pugixml accepts.
  EXPECT_GT(scanner, pugixml * 8 / 10);
}

}  // namespace
}  // namespace chorus::xml
