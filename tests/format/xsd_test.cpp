#include "chorus/format/xsd.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "format/io_probe.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using chorus::testing::ReadFile;
using chorus::testing::SharedDir;
using chorus::testing::TempDir;
using chorus::testing::XmlFilesIn;

// Sets (or unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path Examples(const char* sub) {
  return SharedDir() / "conformance" / "en16931" / sub;
}

std::unique_ptr<XmlDocument> Load(const std::string& bytes,
                                  const std::string& name = "mem.xml") {
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(bytes, name);
  if (!r.ok()) {
    ADD_FAILURE() << r.error().message;
    return nullptr;
  }
  return std::move(r).value();
}

std::unique_ptr<XmlDocument> LoadFile(const fs::path& path) {
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentFile(path.string());
  if (!r.ok()) {
    ADD_FAILURE() << r.error().message;
    return nullptr;
  }
  return std::move(r).value();
}

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += d.location + " " + d.rule + " " + d.message + "\n";
  }
  return out;
}

// Validation that must succeed technically; returns the findings.
std::vector<Diagnostic> Validate(const XmlDocument& doc, SchemaId schema) {
  Result<std::vector<Diagnostic>> r = ValidateXsd(doc, schema);
  if (!r.ok()) {
    ADD_FAILURE() << r.error().message;
    return {};
  }
  return *r;
}

int LineOfText(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(
                 text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

bool HasDiagnostic(const std::vector<Diagnostic>& diagnostics, int line,
                   const std::string& fragment) {
  for (const Diagnostic& d : diagnostics) {
    if (d.location == "line " + std::to_string(line) &&
        d.message.find(fragment) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string CiiWithBt24(const std::string& id, const std::string& rsm = "rsm",
                        const std::string& ram = "ram") {
  return "<" + rsm + ":CrossIndustryInvoice xmlns:" + rsm + "=\"" +
         std::string(ns::kCii) + "\" xmlns:" + ram + "=\"" +
         std::string(ns::kRam) + "\"><" + rsm + ":ExchangedDocumentContext><" +
         ram + ":GuidelineSpecifiedDocumentContextParameter><" + ram + ":ID>" +
         id + "</" + ram + ":ID></" + ram +
         ":GuidelineSpecifiedDocumentContextParameter></" + rsm +
         ":ExchangedDocumentContext></" + rsm + ":CrossIndustryInvoice>";
}

// `xmllint --noout --nonet --schema` accepts every official example (UBL
// against Invoice/CreditNote, CII against both D16B and D22B), so no example
// is listed as expected-invalid.
TEST(XsdTest, OfficialUblExamplesAreSchemaValid) {
  std::vector<fs::path> files = XmlFilesIn(Examples("ubl-examples"));
  ASSERT_GT(files.size(), 40u);
  int credit_notes = 0;
  for (const fs::path& file : files) {
    std::unique_ptr<XmlDocument> doc = LoadFile(file);
    ASSERT_NE(doc, nullptr);
    SchemaId schema = ChooseSchema(*doc);
    EXPECT_EQ(schema, doc->root == RootKind::kUblCreditNote
                          ? SchemaId::kUblCreditNote
                          : SchemaId::kUblInvoice);
    if (schema == SchemaId::kUblCreditNote) ++credit_notes;
    std::vector<Diagnostic> found = Validate(*doc, schema);
    EXPECT_TRUE(found.empty()) << file << "\n" << Describe(found);
  }
  EXPECT_GT(credit_notes, 0);
}

TEST(XsdTest, OfficialCiiExamplesAreValidAgainstD16BAndD22B) {
  std::vector<fs::path> files = XmlFilesIn(Examples("cii-examples"));
  ASSERT_GT(files.size(), 10u);
  for (const fs::path& file : files) {
    std::unique_ptr<XmlDocument> doc = LoadFile(file);
    ASSERT_NE(doc, nullptr);
    EXPECT_EQ(ChooseSchema(*doc), SchemaId::kCiiD16B) << file;
    EXPECT_EQ(ChooseSchema(*doc, /*prefer_d22b=*/true), SchemaId::kCiiD22B);
    std::vector<Diagnostic> d16b = Validate(*doc, SchemaId::kCiiD16B);
    EXPECT_TRUE(d16b.empty()) << file << "\n" << Describe(d16b);
    std::vector<Diagnostic> d22b = Validate(*doc, SchemaId::kCiiD22B);
    EXPECT_TRUE(d22b.empty()) << file << "\n" << Describe(d22b);
  }
}

TEST(XsdTest, FacturXSamplesValidateAgainstTheSchemaTheirProfilePicks) {
  // The EN16931 profile's BT-24 is plain "urn:cen.eu:en16931:2017", which is
  // EN 16931 CII and so validated with CII D16B.
  const std::map<std::string, SchemaId> expected = {
      {"factur-x-minimum.xml", SchemaId::kFacturXMinimum},
      {"factur-x-basicwl.xml", SchemaId::kFacturXBasicWl},
      {"factur-x-basic.xml", SchemaId::kFacturXBasic},
      {"factur-x-en16931.xml", SchemaId::kCiiD16B},
      {"factur-x-extended.xml", SchemaId::kFacturXExtended},
      {"ubl-21-en16931.xml", SchemaId::kUblInvoice},
      {"ubl-21-extended-ctc-fr.xml", SchemaId::kUblInvoice},
  };
  std::vector<fs::path> files =
      XmlFilesIn(SharedDir() / "conformance" / "facturx");
  ASSERT_EQ(files.size(), expected.size());
  for (const fs::path& file : files) {
    std::unique_ptr<XmlDocument> doc = LoadFile(file);
    ASSERT_NE(doc, nullptr);
    auto it = expected.find(file.filename().string());
    ASSERT_NE(it, expected.end()) << file;
    SchemaId schema = ChooseSchema(*doc);
    EXPECT_EQ(schema, it->second) << file << " got " << SchemaName(schema);
    std::vector<Diagnostic> found = Validate(*doc, schema);
    EXPECT_TRUE(found.empty()) << file << "\n" << Describe(found);
  }
  // The EN16931 sample is also valid against the Factur-X EN16931 XSD.
  std::unique_ptr<XmlDocument> en16931 = LoadFile(
      SharedDir() / "conformance" / "facturx" / "factur-x-en16931.xml");
  ASSERT_NE(en16931, nullptr);
  EXPECT_TRUE(Validate(*en16931, SchemaId::kFacturXEn16931).empty());
  // A richer profile's document breaks a poorer profile's schema.
  std::unique_ptr<XmlDocument> extended = LoadFile(
      SharedDir() / "conformance" / "facturx" / "factur-x-extended.xml");
  ASSERT_NE(extended, nullptr);
  EXPECT_FALSE(Validate(*extended, SchemaId::kFacturXMinimum).empty());
}

TEST(XsdTest, BrokenUblGivesDiagnosticsWithLines) {
  std::string text =
      ReadFile(Examples("ubl-examples") / "ubl-tc434-example1.xml");
  const std::string date = "<cbc:IssueDate>2015-01-09</cbc:IssueDate>";
  std::size_t at = text.find(date);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, date.size(),
               "<cbc:IssueDate>9 Jan 2015</cbc:IssueDate>\n"
               "    <cbc:Bogus>1</cbc:Bogus>");
  int date_line = LineOfText(text, "9 Jan 2015");
  int bogus_line = LineOfText(text, "<cbc:Bogus>");
  std::unique_ptr<XmlDocument> doc = Load(text);
  ASSERT_NE(doc, nullptr);
  std::vector<Diagnostic> found = Validate(*doc, ChooseSchema(*doc));
  ASSERT_FALSE(found.empty());
  for (const Diagnostic& d : found) {
    EXPECT_EQ(d.rule, "XSD");
    EXPECT_EQ(d.severity, Severity::kFatal);
    EXPECT_FALSE(d.message.empty());
    EXPECT_NE(d.message.back(), '\n');
  }
  EXPECT_TRUE(HasDiagnostic(found, date_line, "IssueDate")) << Describe(found);
  EXPECT_TRUE(HasDiagnostic(found, bogus_line, "Bogus")) << Describe(found);
  EXPECT_TRUE(HasDiagnostic(found, bogus_line, "This element is not expected"))
      << Describe(found);
}

TEST(XsdTest, BrokenCiiGivesDiagnosticsWithLines) {
  std::string text = ReadFile(Examples("cii-examples") / "CII_example1.xml");
  const std::string type = "<ram:TypeCode>380</ram:TypeCode>";
  std::size_t at = text.find(type);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + type.size(), "\n<ram:Unknown/>");
  int line = LineOfText(text, "<ram:Unknown/>");
  std::unique_ptr<XmlDocument> doc = Load(text);
  ASSERT_NE(doc, nullptr);
  for (SchemaId schema : {SchemaId::kCiiD16B, SchemaId::kCiiD22B}) {
    std::vector<Diagnostic> found = Validate(*doc, schema);
    EXPECT_TRUE(HasDiagnostic(found, line, "Unknown")) << Describe(found);
  }
}

TEST(XsdTest, ErrorFloodIsCapped) {
  std::string text =
      ReadFile(Examples("ubl-examples") / "ubl-tc434-example1.xml");
  std::size_t begin = text.find("<cac:InvoiceLine>");
  std::size_t end = text.find("</cac:InvoiceLine>", begin);
  ASSERT_NE(end, std::string::npos);
  end += std::string("</cac:InvoiceLine>").size();
  std::string line = text.substr(begin, end - begin);
  const std::string quantity = "unitCode=\"EA\">2<";
  std::size_t q = line.find(quantity);
  ASSERT_NE(q, std::string::npos);
  line.replace(q, quantity.size(), "unitCode=\"EA\">two<");
  std::string lines;
  for (int i = 0; i < 1200; ++i) lines += line + "\n";
  text.replace(begin, end - begin, lines);
  std::unique_ptr<XmlDocument> doc = Load(text);
  ASSERT_NE(doc, nullptr);
  std::vector<Diagnostic> found = Validate(*doc, SchemaId::kUblInvoice);
  ASSERT_EQ(found.size(), 501u);
  EXPECT_NE(found.back().message.find("more schema errors not shown"),
            std::string::npos)
      << found.back().message;
  EXPECT_NE(found.front().message.find("'two'"), std::string::npos)
      << found.front().message;
}

TEST(XsdTest, MissingSchemaDirIsAClearError) {
  std::unique_ptr<XmlDocument> doc = Load(CiiWithBt24("x"));
  ASSERT_NE(doc, nullptr);
  for (std::optional<std::string> value :
       {std::optional<std::string>{}, std::optional<std::string>{""}}) {
    ScopedEnv env("CHORUS_SCHEMA_DIR", value);
    Result<std::string> dir = SchemaDir();
    ASSERT_FALSE(dir.ok());
    EXPECT_EQ(dir.error().kind, Error::Kind::kUsage);
    EXPECT_NE(dir.error().message.find("CHORUS_SCHEMA_DIR is not set"),
              std::string::npos)
        << dir.error().message;
    EXPECT_NE(dir.error().message.find("../shared/schemas"), std::string::npos)
        << dir.error().message;
    Result<std::vector<Diagnostic>> r = ValidateXsd(*doc, SchemaId::kCiiD16B);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, Error::Kind::kUsage);
    EXPECT_NE(r.error().message.find("CHORUS_SCHEMA_DIR"), std::string::npos);
  }
  fs::path file = TempDir() / "not-a-dir";
  { std::ofstream(file) << "x"; }
  ScopedEnv env("CHORUS_SCHEMA_DIR", file.string());
  Result<std::string> dir = SchemaDir();
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error().message.find(file.string() + " is not a directory"),
            std::string::npos)
      << dir.error().message;
}

TEST(XsdTest, SchemaDirComesFromTheEnvironment) {
  fs::path dir = TempDir();
  ScopedEnv env("CHORUS_SCHEMA_DIR", dir.string() + "/");
  Result<std::string> got = SchemaDir();
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, dir.string());
}

TEST(XsdTest, MissingSchemaFileIsNamed) {
  fs::path dir = TempDir();
  ScopedEnv env("CHORUS_SCHEMA_DIR", dir.string());
  std::unique_ptr<XmlDocument> doc =
      Load("<Invoice xmlns=\"" + std::string(ns::kUblInvoice) + "\"/>");
  ASSERT_NE(doc, nullptr);
  Result<std::vector<Diagnostic>> r = ValidateXsd(*doc, SchemaId::kUblInvoice);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kUsage);
  EXPECT_NE(r.error().message.find(
                (dir / "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd").string()),
            std::string::npos)
      << r.error().message;
  Result<std::vector<Diagnostic>> fx =
      ValidateXsd(*doc, SchemaId::kFacturXBasicWl);
  ASSERT_FALSE(fx.ok());
  EXPECT_NE(
      fx.error().message.find("facturx-1.09/basicwl/Factur-X_BASICWL.xsd"),
      std::string::npos)
      << fx.error().message;
}

TEST(XsdTest, SchemasAreParsedOncePerProcess) {
  // A private copy of the D16B schema, deleted after the first validation:
  // later validations can only succeed from the in-memory schema.
  fs::path dir = TempDir();
  fs::copy(SharedDir() / "schemas" / "cii-d16b", dir / "cii-d16b");
  ScopedEnv env("CHORUS_SCHEMA_DIR", dir.string());

  std::unique_ptr<XmlDocument> good =
      LoadFile(Examples("cii-examples") / "CII_example2.xml");
  std::string broken_text =
      ReadFile(Examples("cii-examples") / "CII_example2.xml");
  std::size_t at = broken_text.find("<ram:TypeCode>");
  ASSERT_NE(at, std::string::npos);
  broken_text.insert(at, "<ram:Unknown/>");
  std::unique_ptr<XmlDocument> broken = Load(broken_text);
  ASSERT_NE(good, nullptr);
  ASSERT_NE(broken, nullptr);

  EXPECT_TRUE(Validate(*good, SchemaId::kCiiD16B).empty());
  std::vector<Diagnostic> first = Validate(*broken, SchemaId::kCiiD16B);
  EXPECT_FALSE(first.empty());

  fs::remove_all(dir / "cii-d16b");
  EXPECT_TRUE(Validate(*good, SchemaId::kCiiD16B).empty());
  EXPECT_EQ(Validate(*broken, SchemaId::kCiiD16B), first);
  // Not cached, so the missing file shows.
  Result<std::vector<Diagnostic>> d22b = ValidateXsd(*good, SchemaId::kCiiD22B);
  EXPECT_FALSE(d22b.ok());
}

TEST(XsdTest, ConcurrentValidationsAgree) {
  std::vector<fs::path> files = XmlFilesIn(Examples("ubl-examples"));
  ASSERT_GE(files.size(), 8u);
  std::vector<std::unique_ptr<XmlDocument>> docs;
  for (std::size_t i = 0; i < 8; ++i) docs.push_back(LoadFile(files[i]));
  std::string broken = ReadFile(files[0]);
  std::size_t at = broken.find("<cbc:ID>");
  ASSERT_NE(at, std::string::npos);
  broken.insert(at, "<cbc:Bogus/>");
  docs.push_back(Load(broken));
  for (const auto& doc : docs) ASSERT_NE(doc, nullptr);

  std::vector<std::vector<Diagnostic>> sequential;
  for (const auto& doc : docs) {
    sequential.push_back(Validate(*doc, ChooseSchema(*doc)));
  }
  EXPECT_FALSE(sequential.back().empty());

  std::vector<std::vector<std::vector<Diagnostic>>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& doc : docs) {
        Result<std::vector<Diagnostic>> r =
            ValidateXsd(*doc, ChooseSchema(*doc));
        results[t].push_back(r.ok() ? *r : std::vector<Diagnostic>{});
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, sequential);
}

TEST(XsdTest, ChooseSchemaReadsTheSpecificationIdentifier) {
  const std::pair<std::string, SchemaId> cases[] = {
      {"urn:factur-x.eu:1p0:minimum", SchemaId::kFacturXMinimum},
      {"urn:factur-x.eu:1p0:basicwl", SchemaId::kFacturXBasicWl},
      {"urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
       SchemaId::kFacturXBasic},
      {"urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
       SchemaId::kFacturXExtended},
      {"urn:cen.eu:en16931:2017", SchemaId::kCiiD16B},
      {"  urn:factur-x.eu:1p0:minimum\n", SchemaId::kFacturXMinimum},
      {"urn:zugferd.de:2p0:basicwl", SchemaId::kFacturXBasicWl},
      {"urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic",
       SchemaId::kFacturXBasic},
      {"urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended",
       SchemaId::kFacturXExtended},
      {"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:"
       "xrechnung_3.0",
       SchemaId::kCiiD16B},
      {"urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:"
       "extended-ctc-fr",
       SchemaId::kCiiD22B},
      {"urn:factur-x.eu:1p0:basicwlx", SchemaId::kCiiD16B},
      {"", SchemaId::kCiiD16B},
  };
  for (const auto& [id, schema] : cases) {
    for (const char* prefix : {"rsm", "a"}) {
      std::unique_ptr<XmlDocument> doc = Load(CiiWithBt24(id, prefix, "q"));
      ASSERT_NE(doc, nullptr);
      EXPECT_EQ(ChooseSchema(*doc), schema)
          << "'" << id << "' got " << SchemaName(ChooseSchema(*doc));
    }
  }
  std::unique_ptr<XmlDocument> plain =
      Load(CiiWithBt24("urn:cen.eu:en16931:2017"));
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(ChooseSchema(*plain, /*prefer_d22b=*/true), SchemaId::kCiiD22B);
  std::unique_ptr<XmlDocument> minimum =
      Load(CiiWithBt24("urn:factur-x.eu:1p0:minimum"));
  ASSERT_NE(minimum, nullptr);
  EXPECT_EQ(ChooseSchema(*minimum, true), SchemaId::kFacturXMinimum);

  // The context must be in the CII namespaces to count.
  std::string wrong_ns = CiiWithBt24("urn:factur-x.eu:1p0:minimum");
  std::size_t at = wrong_ns.find(std::string(ns::kRam));
  wrong_ns.replace(at, ns::kRam.size(), "urn:example:other");
  std::unique_ptr<XmlDocument> other = Load(wrong_ns);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(ChooseSchema(*other), SchemaId::kCiiD16B);

  std::unique_ptr<XmlDocument> credit = Load(
      "<x:CreditNote xmlns:x=\"" + std::string(ns::kUblCreditNote) + "\"/>");
  ASSERT_NE(credit, nullptr);
  EXPECT_EQ(ChooseSchema(*credit, true), SchemaId::kUblCreditNote);
}

TEST(XsdTest, SchemaNamesAreDistinct) {
  const SchemaId all[] = {
      SchemaId::kUblInvoice,      SchemaId::kUblCreditNote,
      SchemaId::kCiiD16B,         SchemaId::kCiiD22B,
      SchemaId::kFacturXMinimum,  SchemaId::kFacturXBasicWl,
      SchemaId::kFacturXBasic,    SchemaId::kFacturXEn16931,
      SchemaId::kFacturXExtended,
  };
  std::set<std::string> names;
  for (SchemaId id : all) names.insert(SchemaName(id));
  EXPECT_EQ(names.size(), std::size(all));
  EXPECT_STREQ(SchemaName(SchemaId::kUblInvoice), "UBL 2.1 Invoice");
  EXPECT_STREQ(SchemaName(SchemaId::kFacturXBasicWl), "Factur-X BASIC WL");
}

TEST(XsdTest, ValidationNeverFetchesAnything) {
  fs::path secret = TempDir() / "secret.xsd";
  { std::ofstream(secret) << "<x/>"; }
  testing::FileWatch watch(secret);
  testing::TcpListener listener;
  std::string url =
      "http://127.0.0.1:" + std::to_string(listener.port()) + "/x.xsd";
  std::string head = "<Invoice xmlns=\"" + std::string(ns::kUblInvoice) + "\"";

  // Documents built by hand bypass LoadDocument's checks.
  const std::string inputs[] = {
      "<!DOCTYPE Invoice SYSTEM \"" + url + "\">\n" + head + "/>",
      "<!DOCTYPE Invoice [<!ENTITY e SYSTEM \"" + secret.string() + "\">]>\n" +
          head + ">&e;</Invoice>",
      // Schema location hints are ignored: the schema is chosen by chorus.
      head +
          " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"urn:x " +
          url +
          "\" "
          "xsi:noNamespaceSchemaLocation=\"" +
          secret.string() + "\"/>",
      head +
          " xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include "
          "href=\"" +
          url + "\"/><xi:include href=\"" + secret.string() +
          "\" parse=\"text\"/></Invoice>",
  };
  for (const std::string& bytes : inputs) {
    XmlDocument doc;
    doc.bytes = bytes;
    doc.root = RootKind::kUblInvoice;
    Result<std::vector<Diagnostic>> r = ValidateXsd(doc, SchemaId::kUblInvoice);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->empty()) << bytes;
  }
  EXPECT_EQ(watch.Events(), "");
  EXPECT_FALSE(listener.WasContacted());
}

TEST(XsdTest, UndefinedEntityIsAFinding) {
  std::string text =
      ReadFile(Examples("ubl-examples") / "ubl-tc434-example1.xml");
  std::size_t at = text.find("2015-01-09");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "&nbsp;");
  std::unique_ptr<XmlDocument> doc = Load(text);
  ASSERT_NE(doc, nullptr);
  std::vector<Diagnostic> found = Validate(*doc, SchemaId::kUblInvoice);
  EXPECT_TRUE(HasDiagnostic(found, LineOfText(text, "&nbsp;"), "nbsp"))
      << Describe(found);
}

}  // namespace
}  // namespace chorus
