#include "chorus/format/document.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "format/io_probe.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using chorus::testing::SharedDir;
using chorus::testing::TempDir;
using chorus::testing::XmlFilesIn;

constexpr const char* kUblHead =
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "Invoice-2\">";

fs::path WriteTemp(const std::string& name, const std::string& content) {
  fs::path path = TempDir() / name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

// The load fails with a usage error whose message names the file and
// contains `expected`; returns the message.
std::string ExpectRefused(const Result<std::unique_ptr<XmlDocument>>& r,
                          const std::string& name,
                          const std::string& expected) {
  EXPECT_FALSE(r.ok()) << "expected a refusal containing: " << expected;
  if (r.ok()) return {};
  const Error& e = r.error();
  EXPECT_EQ(e.kind, Error::Kind::kUsage);
  EXPECT_EQ(e.message.rfind(name + ": ", 0), 0u) << e.message;
  EXPECT_NE(e.message.find(expected), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find('\n'), std::string::npos) << e.message;
  EXPECT_EQ(e.details.size(), 1u);
  if (!e.details.empty()) {
    EXPECT_EQ(e.details[0].severity, Severity::kError);
  }
  return e.message;
}

std::string ExpectBufferRefused(std::string bytes,
                                const std::string& expected) {
  return ExpectRefused(LoadDocumentBuffer(std::move(bytes), "in.xml"), "in.xml",
                       expected);
}

template <typename F>
double Seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST(DocumentTest, EmptyFileIsRefused) {
  fs::path path = WriteTemp("empty.xml", "");
  std::string message =
      ExpectRefused(LoadDocumentFile(path), path.string(), "empty file");
  ExpectBufferRefused("\xEF\xBB\xBF \n\t\r\n", "empty file (only whitespace)");
}

TEST(DocumentTest, BinaryContentIsRefused) {
  ExpectBufferRefused(std::string("<a>\0\0\x01</a>", 9), "binary content");
  ExpectBufferRefused("\x89PNG\r\n\x1a\n\xff\xd8\xff", "binary content");
  // Truncated UTF-8 inside the first kilobyte is binary too.
  ExpectBufferRefused("<a>\xC3(</a>", "binary content");
}

// A PDF goes through Factur-X extraction; one that carries no invoice is
// refused with the reason (tests/facturx covers real Factur-X files).
TEST(DocumentTest, PdfWithoutFacturXIsRefused) {
  fs::path path =
      WriteTemp("invoice.pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
  std::string message =
      ExpectRefused(LoadDocumentFile(path), path.string(), "is a PDF");
  EXPECT_NE(message.find("Factur-X"), std::string::npos) << message;
}

TEST(DocumentTest, Utf16IsRefusedAsSuch) {
  ExpectBufferRefused(std::string("\xFF\xFE<\0a\0/\0>\0", 10), "UTF-16");
}

TEST(DocumentTest, NonXmlTextIsRefused) {
  std::string message =
      ExpectBufferRefused("{\"number\": \"F-1\"}", "not an XML document");
  EXPECT_NE(message.find("{\"number\""), std::string::npos) << message;
}

TEST(DocumentTest, InvalidUtf8AfterTheFirstKilobyteGivesItsLine) {
  std::string doc = std::string(kUblHead) + "\n<!--" + std::string(2000, 'x') +
                    "-->\n<a>caf\xE9</a>\n</Invoice>";
  ExpectBufferRefused(doc,
                      "invalid UTF-8 (invoices must be UTF-8) (line 3, "
                      "column 7)");
  std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + doc;
  ExpectBufferRefused(latin1, "declares encoding \"ISO-8859-1\"");
}

TEST(DocumentTest, MalformedXmlGivesLineAndColumn) {
  std::string doc = std::string("<?xml version=\"1.0\"?>\n") + kUblHead +
                    "\n  <a>\n  <b></c>\n</Invoice>\n";
  // The mismatching end tag name starts in column 8 of line 4.
  std::string message =
      ExpectBufferRefused(doc, "in.xml: malformed XML at line 4, column 8: ");
  EXPECT_NE(message.find("mismatch"), std::string::npos) << message;
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(doc, "in.xml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].rule, "CHORUS-XML");
  EXPECT_EQ(r.error().details[0].location, "line 4, column 8");
}

TEST(DocumentTest, ColumnsCountCharactersNotBytes) {
  // "<a>é</b>": the end tag name is the 7th character but the 8th byte.
  ExpectBufferRefused("<a>\xC3\xA9</b>", "malformed XML at line 1, column 7");
}

TEST(DocumentTest, WrongRootNamesWhatWasFoundAndWhatIsExpected) {
  std::string message = ExpectBufferRefused(
      "<o:Order xmlns:o=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "Order-2\"/>",
      "root element "
      "{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order is not an "
      "invoice");
  EXPECT_NE(message.find(std::string(ns::kUblInvoice)), std::string::npos);
  EXPECT_NE(message.find(std::string(ns::kUblCreditNote)), std::string::npos);
  EXPECT_NE(message.find(std::string(ns::kCii) + "}CrossIndustryInvoice"),
            std::string::npos);
  ExpectBufferRefused("<Invoice/>", "root element Invoice (no namespace)");
  ExpectBufferRefused("<Invoice xmlns=\"urn:example:other\"/>",
                      "{urn:example:other}Invoice is not an invoice");
  // A prefix bound to the right namespace but the wrong local name.
  ExpectBufferRefused(
      "<u:Order xmlns:u=\"" + std::string(ns::kUblInvoice) + "\"/>",
      "}Order is not an invoice");
  // An undeclared prefix is not the UBL namespace.
  ExpectBufferRefused("<ubl:Invoice xmlns:cbc=\"x\"/>",
                      "root element Invoice (no namespace)");
}

TEST(DocumentTest, RootsAreDetectedWhateverThePrefix) {
  struct Case {
    std::string xml;
    RootKind root;
    Syntax syntax;
  };
  const Case cases[] = {
      {std::string(kUblHead) + "</Invoice>", RootKind::kUblInvoice,
       Syntax::kUbl},
      {"<ubl:Invoice xmlns:ubl=\"" + std::string(ns::kUblInvoice) + "\"/>",
       RootKind::kUblInvoice, Syntax::kUbl},
      {"<cn:CreditNote xmlns:cn=\"" + std::string(ns::kUblCreditNote) +
           "\" xmlns=\"urn:x\"/>",
       RootKind::kUblCreditNote, Syntax::kUbl},
      {"<CreditNote xmlns=\"" + std::string(ns::kUblCreditNote) + "\"/>",
       RootKind::kUblCreditNote, Syntax::kUbl},
      {"<rsm:CrossIndustryInvoice xmlns:rsm=\"" + std::string(ns::kCii) +
           "\"/>",
       RootKind::kCiiInvoice, Syntax::kCii},
      {"<x:CrossIndustryInvoice xmlns:x=\"" + std::string(ns::kCii) + "\"/>",
       RootKind::kCiiInvoice, Syntax::kCii},
  };
  for (const Case& c : cases) {
    Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(c.xml, "m");
    ASSERT_TRUE(r.ok()) << c.xml << ": " << r.error().message;
    EXPECT_EQ((*r)->root, c.root) << c.xml;
    EXPECT_EQ((*r)->syntax, c.syntax) << c.xml;
    EXPECT_EQ((*r)->path, "m");
    EXPECT_EQ((*r)->bytes, c.xml);
  }
}

TEST(DocumentTest, Utf8BomIsAccepted) {
  std::string doc = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                    std::string(kUblHead) + "\n<a>\xC3\xA9</a>\n</Invoice>";
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(doc, "bom.xml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->syntax, Syntax::kUbl);
  pugi::xml_node a = (*r)->dom().document_element().child("a");
  EXPECT_STREQ(a.child_value(), "\xC3\xA9");
  EXPECT_EQ((*r)->LineOf(a), 3);
}

TEST(DocumentTest, LineOfFindsTheLineOfEveryNode) {
  // Element l<N> sits on line N; mixed LF and CRLF endings, blank lines.
  std::string doc = std::string(kUblHead) +  // line 1
                    "\n<l2/>\r\n"            // line 2
                    "\n"                     // line 3
                    "  <l4 a=\"x\n"          // line 4 (attribute
                    "y\"><l5>text</l5>\n"    //   spans to line 5)
                    "</l4><l6/><l6/>\r\n</Invoice>\n";
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(doc, "m");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const XmlDocument& d = **r;
  pugi::xml_node root = d.dom().document_element();
  EXPECT_EQ(d.LineOf(root), 1);
  EXPECT_EQ(d.LineOf(root.child("l2")), 2);
  EXPECT_EQ(d.LineOf(root.child("l4")), 4);
  EXPECT_EQ(d.LineOf(root.child("l4").child("l5")), 5);
  EXPECT_EQ(d.LineOf(root.child("l4").child("l5").first_child()), 5);
  int sixes = 0;
  for (pugi::xml_node n : root.children("l6")) {
    EXPECT_EQ(d.LineOf(n), 6);
    ++sixes;
  }
  EXPECT_EQ(sixes, 2);
  EXPECT_EQ(d.LineOf(pugi::xml_node()), 0);

  EXPECT_EQ(d.LineOf(std::ptrdiff_t{0}), 1);
  EXPECT_EQ(d.LineOf(std::ptrdiff_t{-1}), 0);
  std::size_t first_newline = doc.find('\n');
  // A newline belongs to the line it ends.
  EXPECT_EQ(d.LineOf(static_cast<std::ptrdiff_t>(first_newline)), 1);
  EXPECT_EQ(d.LineOf(static_cast<std::ptrdiff_t>(first_newline + 1)), 2);
  EXPECT_EQ(d.LineOf(static_cast<std::ptrdiff_t>(doc.size() - 1)), 7);
}

TEST(DocumentTest, LineOfWorksOnAHandBuiltDocument) {
  XmlDocument d;
  d.bytes = "a\nb\nc";
  EXPECT_EQ(d.LineOf(std::ptrdiff_t{4}), 3);
  EXPECT_EQ(d.LineOf(std::ptrdiff_t{2}), 2);
}

TEST(DocumentTest, OversizeFileIsRefusedWithoutBeingRead) {
  fs::path path = TempDir() / "huge.xml";
  {
    int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::ftruncate(fd, off_t{200} << 20), 0);  // sparse: no disk use
    ::close(fd);
  }
  testing::FileWatch watch(path);
  Result<std::unique_ptr<XmlDocument>> r = MakeError(Error::Kind::kUsage, "");
  double seconds = Seconds([&] { r = LoadDocumentFile(path.string()); });
  ExpectRefused(r, path.string(),
                "209715200 bytes exceeds the 64 MiB limit for one document");
  EXPECT_LT(seconds, 0.5);
  EXPECT_EQ(watch.Events(), "") << "the file was opened or read";

  Result<std::string> raw = ReadFileBounded(path.string(), 1000);
  ASSERT_FALSE(raw.ok());
  EXPECT_NE(raw.error().message.find("exceeds the 1000 bytes limit"),
            std::string::npos)
      << raw.error().message;
}

TEST(DocumentTest, BufferLimitIsHonoured) {
  LoadOptions small;
  small.max_bytes = 8 << 10;
  std::string doc =
      std::string(kUblHead) + std::string(9000, ' ') + "</Invoice>";
  ExpectRefused(LoadDocumentBuffer(doc, "big.xml", small), "big.xml",
                "bytes exceeds the 8 KiB limit");
}

TEST(DocumentTest, PipeIsReadWithinTheBound) {
  fs::path fifo = TempDir() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0) return;
    std::string block(64 << 10, 'x');
    // Stops as soon as the reader gives up (EPIPE).
    for (int i = 0; i < 64; ++i) {
      if (::write(fd, block.data(), block.size()) < 0) break;
    }
    ::close(fd);
  });
  std::signal(SIGPIPE, SIG_IGN);
  Result<std::string> r = ReadFileBounded(fifo.string(), 1 << 20);
  writer.join();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 1 MiB"), std::string::npos)
      << r.error().message;
}

TEST(DocumentTest, UnreadablePathsHaveClearMessages) {
  fs::path dir = TempDir();
  ExpectRefused(LoadDocumentFile((dir / "missing.xml").string()),
                (dir / "missing.xml").string(), "no such file");
  ExpectRefused(LoadDocumentFile(dir.string()), dir.string(), "is a directory");
  Result<std::string> empty_name = ReadFileBounded("", 10);
  ASSERT_FALSE(empty_name.ok());
  EXPECT_EQ(empty_name.error().kind, Error::Kind::kUsage);
  EXPECT_EQ(empty_name.error().details.at(0).rule, "CHORUS-IO");
}

TEST(DocumentTest, PermissionDeniedIsReported) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root reads any file: permission cannot be denied";
  }
  fs::path path = WriteTemp("secret.xml", kUblHead);
  fs::permissions(path, fs::perms::none);
  ExpectRefused(LoadDocumentFile(path.string()), path.string(),
                "permission denied");
}

TEST(DocumentTest, EntityBombIsRefusedQuickly) {
  std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
      " <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) {
      bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    }
    bomb += "\">\n";
  }
  bomb += "]>\n" + std::string(kUblHead) + "&lol9;</Invoice>";
  Result<std::unique_ptr<XmlDocument>> r = MakeError(Error::Kind::kUsage, "");
  double seconds = Seconds([&] { r = LoadDocumentBuffer(bomb, "bomb.xml"); });
  std::string message =
      ExpectRefused(r, "bomb.xml", "DTDs are not allowed in invoices");
  EXPECT_NE(message.find("line 2, column 1"), std::string::npos) << message;
  EXPECT_LT(seconds, 0.5);
}

TEST(DocumentTest, ExternalEntitiesAreRefusedAndNothingIsFetched) {
  fs::path secret = WriteTemp("secret.txt", "s3cr3t");
  testing::FileWatch watch(secret);
  testing::TcpListener listener;
  ASSERT_GT(listener.port(), 0);
  const std::string targets[] = {
      "file:///etc/passwd",
      "file://" + secret.string(),
      secret.string(),
      "http://127.0.0.1:" + std::to_string(listener.port()) + "/x",
      "http://127.0.0.1:9/x",
  };
  for (const std::string& target : targets) {
    std::string doc = "<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM \"" + target +
                      "\"> ]>\n" + kUblHead + "&xxe;</Invoice>";
    Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(doc, "x.xml");
    ExpectRefused(r, "x.xml", "DTDs are not allowed");
    // Same without the internal subset, through a file on disk.
    fs::path path = WriteTemp("ext.xml",
                              "<?xml version=\"1.0\"?>\n"
                              "<!-- c -->\n<!DOCTYPE Invoice "
                              "SYSTEM \"" +
                                  target + "\">\n" + kUblHead + "</Invoice>");
    ExpectRefused(LoadDocumentFile(path.string()), path.string(),
                  "DTDs are not allowed in invoices (entity expansion / "
                  "external entities are refused) (line 3, column 1)");
  }
  EXPECT_EQ(watch.Events(), "") << "the referenced file was touched";
  EXPECT_FALSE(listener.WasContacted()) << "a network fetch was attempted";

  // The probes do see real accesses.
  EXPECT_EQ(chorus::testing::ReadFile(secret), "s3cr3t");
  EXPECT_NE(watch.Events().find("open"), std::string::npos);
  int client = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(listener.port()));
  ASSERT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr),
            0);
  ::close(client);
  EXPECT_TRUE(listener.WasContacted());
}

TEST(DocumentTest, DoctypeAfterTheRootIsRefusedToo) {
  ExpectBufferRefused(std::string(kUblHead) + "</Invoice><!DOCTYPE x>",
                      "DTDs are not allowed");
}

TEST(DocumentTest, ExcessiveNestingIsRefused) {
  std::string doc = kUblHead;
  for (int i = 0; i < 100000; ++i) doc += "<a>";
  for (int i = 0; i < 100000; ++i) doc += "</a>";
  doc += "</Invoice>";
  ExpectBufferRefused(doc, "nested deeper than 256 levels");
  std::string fine = kUblHead;
  for (int i = 0; i < 100; ++i) fine += "<a>";
  for (int i = 0; i < 100; ++i) fine += "</a>";
  fine += "</Invoice>";
  EXPECT_TRUE(LoadDocumentBuffer(fine, "ok").ok());
}

// The limit is on levels below the root, text nodes included: 256 are
// accepted, a 257th (element or text) is refused.
TEST(DocumentTest, NestingLimitCountsEveryNodeBelowTheRoot) {
  const auto nested = [](int levels, const char* text) {
    std::string doc = kUblHead;
    for (int i = 0; i < levels; ++i) doc += "<a>";
    doc += text;
    for (int i = 0; i < levels; ++i) doc += "</a>";
    return doc + "</Invoice>";
  };
  EXPECT_TRUE(LoadDocumentBuffer(nested(256, ""), "ok").ok());
  EXPECT_TRUE(LoadDocumentBuffer(nested(255, "x"), "ok").ok());
  ExpectBufferRefused(nested(256, "x"), "nested deeper than 256 levels");
  ExpectBufferRefused(nested(257, ""), "nested deeper than 256 levels");
}

TEST(DocumentTest, SyntaxNames) {
  EXPECT_STREQ(SyntaxName(Syntax::kUbl), "ubl");
  EXPECT_STREQ(SyntaxName(Syntax::kCii), "cii");
  EXPECT_STREQ(SyntaxName(Syntax::kFacturX), "facturx");
}

TEST(DocumentTest, EveryOfficialExampleLoads) {
  fs::path root = SharedDir() / "conformance" / "en16931";
  int count = 0;
  for (const char* sub : {"ubl-examples", "cii-examples"}) {
    bool cii = std::string(sub) == "cii-examples";
    for (const fs::path& file : XmlFilesIn(root / sub)) {
      Result<std::unique_ptr<XmlDocument>> r = LoadDocumentFile(file.string());
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ((*r)->syntax, cii ? Syntax::kCii : Syntax::kUbl) << file;
      EXPECT_EQ((*r)->path, file.string());
      ++count;
    }
  }
  EXPECT_GT(count, 50);
}

}  // namespace
}  // namespace chorus
