// Secure loading of invoice documents.
//
// Every refusal here is an Error of kind kUsage (exit 2): the file could not
// be read or is not an XML invoice at all, as opposed to an invoice that was
// read and found invalid (kInvalidInput, exit 1). Each Error carries one
// Diagnostic of severity kError (rule CHORUS-IO or CHORUS-XML) so that
// callers can put it in a FileReport as is.
#include "chorus/format/document.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/facturx/facturx.h"
#include "format/doc_tree.h"
#include "format/xml_guard.h"
#include "format/xml_scan.h"

namespace chorus {
namespace {

using internal::kUtf8Bom;

// libxml2 refuses deeper documents without XML_PARSE_HUGE; refusing them
// here too keeps every later recursive walk safe.
constexpr int kMaxDepth = 256;
// How far into the file binary content and a PDF header are looked for.
constexpr std::size_t kSniffBytes = 1024;

constexpr const char* kIoRule = "CHORUS-IO";
constexpr const char* kXmlRule = "CHORUS-XML";

// `headline` replaces the default "NAME: detail (location)" message.
Error Refuse(const std::string& name, const char* rule, std::string detail,
             std::string location = {}, std::string headline = {}) {
  std::string message = name + ": ";
  if (!headline.empty()) {
    message += headline;
  } else {
    message += detail;
    if (!location.empty()) message += " (" + location + ")";
  }
  return MakeError(Error::Kind::kUsage, std::move(message),
                   {Diagnostic{rule, Severity::kError, std::move(detail),
                               std::move(location)}});
}

std::string FormatLimit(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  constexpr std::size_t kMiB = kKiB * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) {
    return std::to_string(bytes / kMiB) + " MiB";
  }
  if (bytes >= kKiB && bytes % kKiB == 0) {
    return std::to_string(bytes / kKiB) + " KiB";
  }
  return std::to_string(bytes) + " bytes";
}

std::string TooBig(std::size_t limit) {
  return "exceeds the " + FormatLimit(limit) + " limit for one document";
}

std::string DescribeErrno(int err) {
  switch (err) {
    case ENOENT:
      return "no such file";
    case ENOTDIR:
      return "no such file (a parent in the path is not a directory)";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EISDIR:
      return "is a directory, not a file";
    case ELOOP:
      return "too many levels of symbolic links";
    default:
      return std::strerror(err);
  }
}

// Closes the descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Offset of the first invalid UTF-8 byte, or npos. `ascii`: the offset of
// the first byte >= 0x80 (the scan starts there).
std::size_t FindInvalidUtf8(std::string_view s, bool allow_truncated_end,
                            std::size_t ascii) {
  std::size_t i = std::min(ascii, s.size());
  while (i < s.size()) {
    i = internal::SkipAscii(s, i);
    if (i == s.size()) break;
    std::size_t len = internal::Utf8SequenceLength(s, i, allow_truncated_end);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// A short printable excerpt for messages about unexpected content.
std::string Excerpt(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 16)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == '\n' || u == '\r') break;
    out += (u >= 0x20 && u < 0x7F) ? c : '?';
  }
  return out;
}

// The value of encoding="..." in the XML declaration, if any.
std::string DeclaredEncoding(std::string_view body) {
  if (body.substr(0, 5) != "<?xml") return {};
  std::string_view decl = body.substr(0, body.find("?>"));
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return {};
  std::size_t end = decl.find(decl[quote], quote + 1);
  if (end == std::string_view::npos) return {};
  return std::string(decl.substr(quote + 1, end - quote - 1));
}

std::string Location(const XmlDocument& doc, std::size_t offset) {
  int line = doc.LineOf(static_cast<std::ptrdiff_t>(offset));
  // Column in characters, not bytes: count UTF-8 lead bytes.
  std::size_t start = offset;
  while (start > 0 && doc.bytes[start - 1] != '\n') --start;
  int column = 1;
  for (std::size_t k = start; k < offset && k < doc.bytes.size(); ++k) {
    if ((static_cast<unsigned char>(doc.bytes[k]) & 0xC0) != 0x80) ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string DtdRefusal() {
  return "DTDs are not allowed in invoices (entity expansion / external "
         "entities are refused)";
}

// A DOCTYPE in the prolog is refused before any parser sees it. In valid
// UTF-8 it is looked for only when the scanner has left the document to
// pugixml: the scanner refuses every "<!" but a comment or CDATA, so a
// document it reads has none.
Status CheckDoctype(const XmlDocument& doc) {
  std::size_t doctype = internal::FindDoctype(doc.bytes);
  if (doctype != std::string_view::npos) {
    return Refuse(doc.path, kXmlRule, DtdRefusal(), Location(doc, doctype));
  }
  return Ok{};
}

// Checks made on raw bytes before any parser sees them, but for a DOCTYPE
// in valid UTF-8 (CheckDoctype, after the scanner). `ascii`: offset of
// the first byte >= 0x80 in doc.bytes (its size when none). `scanned`:
// the scanner has indexed the document, which it does only for a root
// element after nothing but whitespace, a BOM, comments and PIs, and with
// no NUL before the end: then only invalid UTF-8 can be refused here.
Status CheckContent(const XmlDocument& doc, std::size_t ascii, bool scanned) {
  if (scanned && FindInvalidUtf8(doc.bytes, /*allow_truncated_end=*/false,
                                 ascii) == std::string_view::npos) {
    return Ok{};
  }
  const std::string& name = doc.path;
  std::string_view all = doc.bytes;
  std::string_view body = all;
  if (body.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    body.remove_prefix(kUtf8Bom.size());
  }
  std::size_t first = body.find_first_not_of(" \t\r\n");
  if (body.empty()) return Refuse(name, kIoRule, "empty file");
  if (first == std::string_view::npos) {
    return Refuse(name, kIoRule, "empty file (only whitespace)");
  }
  // No PDF gets here: LoadDocumentBuffer has sent every document whose
  // head looks like one (these same kSniffBytes) to LoadFacturX.
  std::string_view head = all.substr(0, kSniffBytes);
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") {
    return Refuse(name, kIoRule,
                  "is UTF-16 encoded; invoices must be UTF-8 XML");
  }
  // Valid UTF-8 throughout is valid in the head, cut anywhere: the head is
  // searched again only to tell which refusal comes first.
  std::size_t bad = FindInvalidUtf8(all, /*allow_truncated_end=*/false, ascii);
  if (head.find('\0') != std::string_view::npos ||
      (bad != std::string_view::npos &&
       FindInvalidUtf8(head, /*allow_truncated_end=*/true, ascii) !=
           std::string_view::npos)) {
    return Refuse(name, kIoRule, "binary content, not an XML document");
  }
  if (body[first] != '<') {
    return Refuse(name, kXmlRule,
                  "not an XML document (it starts with \"" +
                      Excerpt(body.substr(first)) + "\")");
  }
  if (bad != std::string_view::npos) {
    // A DOCTYPE is named first, as when it is looked for before anything
    // else (CheckDoctype).
    if (Status dtd = CheckDoctype(doc); !dtd) return dtd;
    std::string detail = "invalid UTF-8";
    std::string declared = DeclaredEncoding(body);
    if (!declared.empty()) {
      detail += " (the document declares encoding \"" + declared +
                "\"; invoices must be UTF-8)";
    } else {
      detail += " (invoices must be UTF-8)";
    }
    return Refuse(name, kXmlRule, detail, Location(doc, bad));
  }
  return Ok{};
}

constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_doctype;

// pugixml's handle tests are out-of-line calls; a handle is one pointer.
bool IsNull(pugi::xml_node n) { return std::bit_cast<std::uintptr_t>(n) == 0; }

// Deep nesting only comes from hostile input; found without recursion.
// Any node below kMaxDepth levels counts, text included. pugixml's own
// walk follows its links inline, where a walk through the accessors costs
// three out-of-line calls per node.
class DepthWalker : public pugi::xml_tree_walker {
 public:
  bool for_each(pugi::xml_node&) override {
    // depth() is 0 for the root's children, which are one level below it.
    return depth() < kMaxDepth;
  }
};

bool TooDeep(pugi::xml_node root) {
  DepthWalker walker;
  return !root.traverse(walker);
}

std::string QualifiedName(std::string_view ns, std::string_view local) {
  std::string out;
  if (!ns.empty()) {
    out += '{';
    out += ns;
    out += '}';
  }
  out += local;
  return out;
}

// The root kind of an index entry named (ns, local), if it is an invoice's.
bool RootKindOf(int ns, std::string_view local, RootKind* kind) {
  if (ns == xml::kNsInvoice && local == "Invoice") {
    *kind = RootKind::kUblInvoice;
  } else if (ns == xml::kNsCreditNote && local == "CreditNote") {
    *kind = RootKind::kUblCreditNote;
  } else if (ns == xml::kNsRsm && local == "CrossIndustryInvoice") {
    *kind = RootKind::kCiiInvoice;
  } else {
    return false;
  }
  return true;
}

Status DetectRoot(XmlDocument& doc) {
  pugi::xml_node root = doc.dom().document_element();
  if (!root) return Refuse(doc.path, kXmlRule, "no root element");
  std::string_view local = internal::LocalName(root);
  std::string_view uri = internal::NamespaceOf(root);
  if (local == "Invoice" && uri == ns::kUblInvoice) {
    doc.root = RootKind::kUblInvoice;
    doc.syntax = Syntax::kUbl;
    return Ok{};
  }
  if (local == "CreditNote" && uri == ns::kUblCreditNote) {
    doc.root = RootKind::kUblCreditNote;
    doc.syntax = Syntax::kUbl;
    return Ok{};
  }
  if (local == "CrossIndustryInvoice" && uri == ns::kCii) {
    doc.root = RootKind::kCiiInvoice;
    doc.syntax = Syntax::kCii;
    return Ok{};
  }
  std::string detail = "root element " + QualifiedName(uri, local);
  if (uri.empty()) detail += " (no namespace)";
  detail += " is not an invoice; expected " +
            QualifiedName(ns::kUblInvoice, "Invoice") + " or " +
            QualifiedName(ns::kUblCreditNote, "CreditNote") + " (UBL 2.1) or " +
            QualifiedName(ns::kCii, "CrossIndustryInvoice") + " (CII)";
  if (local == "StandardBusinessDocument") {
    detail += "; unwrap the SBDH envelope first";
  }
  return Refuse(doc.path, kXmlRule, detail,
                Location(doc, static_cast<std::size_t>(std::max<std::ptrdiff_t>(
                                  0, root.offset_debug()))));
}

// A Factur-X: the embedded CII is the document; its path stays the PDF's.
Result<std::unique_ptr<XmlDocument>> LoadFacturX(const std::string& pdf,
                                                 std::string name,
                                                 const LoadOptions& options) {
#ifdef CHORUS_NO_PDF
  (void)pdf;
  (void)options;
  return Refuse(name, kIoRule,
                "is a PDF; this build of chorus has no PDF support (built "
                "with CHORUS_PDF=OFF)");
#else
  Result<std::string> xml = facturx::ExtractXml(pdf, name);
  if (!xml) {
    std::string why = xml.error().message;
    if (why.rfind(name + ": ", 0) == 0) why.erase(0, name.size() + 2);
    return Refuse(
        name, kIoRule,
        "is a PDF but no Factur-X invoice can be read from it: " + why);
  }
  // A PDF attached as factur-x.xml would recurse.
  if (facturx::LooksLikePdf(*xml)) {
    return Refuse(name, kIoRule, "its factur-x.xml is a PDF, not XML");
  }
  auto doc = LoadDocumentBuffer(
      std::move(*xml), name + " (" + std::string(facturx::kXmlFileName) + ")",
      options);
  if (!doc) return doc;
  if ((*doc)->syntax != Syntax::kCii) {
    return Refuse(name, kIoRule,
                  "its factur-x.xml is a UBL invoice; Factur-X carries a CII");
  }
  (*doc)->syntax = Syntax::kFacturX;
  (*doc)->path = std::move(name);
  return doc;
#endif
}

}  // namespace

const char* SyntaxName(Syntax s) {
  switch (s) {
    case Syntax::kUbl:
      return "ubl";
    case Syntax::kCii:
      return "cii";
    case Syntax::kFacturX:
      return "facturx";
  }
  return "unknown";
}

const pugi::xml_document& XmlDocument::dom() const {
  std::call_once(dom_once_, [this] {
    // The loader has checked these bytes already; a hand-built document
    // with bad bytes gets an empty DOM, as before.
    dom_.load_buffer(bytes.data(), bytes.size(), kParseOptions,
                     pugi::encoding_utf8);
  });
  return dom_;
}

pugi::xml_document& XmlDocument::mutable_dom() {
  std::call_once(dom_once_, [] {});
  return dom_;
}

const std::shared_ptr<const xml::DocTree>& XmlDocument::tree() const {
  std::call_once(tree_once_, [this] {
    tree_ = std::make_shared<const xml::DocTree>(*this);
  });
  return tree_;
}

// The usual path: the scanner indexes the document straight from its bytes.
bool XmlDocument::IndexWithoutDom() {
  xml::ElementIndex index(xml::DocNamespaces());
  if (!xml::ScanIntoIndex(bytes.data(), bytes.size(), xml::DocNamespaces(),
                          index) ||
      index.size() == 0 || !RootKindOf(index[0].ns, index[0].local, &root)) {
    return false;
  }
  syntax = root == RootKind::kCiiInvoice ? Syntax::kCii : Syntax::kUbl;
  std::call_once(tree_once_, [&] {
    tree_ = std::make_shared<const xml::DocTree>(std::move(index));
  });
  return true;
}

int XmlDocument::LineOf(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  std::string_view all = bytes;
  std::call_once(lines_once_, [this, all] {
    newlines_before_ = internal::NewlinesBeforeBlocks(all);
  });
  // Line 1 plus the newlines before `offset`.
  std::size_t at = std::min(static_cast<std::size_t>(offset), all.size());
  std::size_t start = at / internal::kLineBlock * internal::kLineBlock;
  return static_cast<int>(
      1 + newlines_before_[at / internal::kLineBlock] +
      internal::NewlinesInBlock(all.substr(start), at - start));
}

int XmlDocument::LineOf(const pugi::xml_node& node) const {
  if (!node) return 0;
  std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0 || static_cast<std::size_t>(offset) > bytes.size()) return 0;
  return LineOf(offset);
}

Result<std::string> ReadFileBounded(const std::string& path,
                                    std::size_t max_bytes) {
  if (path.empty()) {
    return Refuse("<no file name>", kIoRule, "no file name given");
  }
  // Size is checked on the inode before anything is opened or read, so an
  // oversize input costs nothing.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Refuse(path, kIoRule, DescribeErrno(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    return Refuse(path, kIoRule, "is a directory, not a file");
  }
  bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    return Refuse(path, kIoRule,
                  std::to_string(st.st_size) + " bytes " + TooBig(max_bytes));
  }
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return Refuse(path, kIoRule, DescribeErrno(errno));

  std::string out;
  if (regular) out.reserve(static_cast<std::size_t>(st.st_size));
  // Pipes and files that grew since stat are bounded while reading.
  char chunk[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Refuse(path, kIoRule, "read failed: " + DescribeErrno(errno));
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      return Refuse(
          path, kIoRule,
          "more than " + FormatLimit(max_bytes) + ": " + TooBig(max_bytes));
    }
    out.append(chunk, static_cast<std::size_t>(n));
  }
  return out;
}

Result<std::unique_ptr<XmlDocument>> LoadDocumentFile(
    const std::string& path, const LoadOptions& options) {
  Result<std::string> bytes = ReadFileBounded(path, options.max_bytes);
  if (!bytes) return bytes.take_error();
  return LoadDocumentBuffer(std::move(bytes).value(), path, options);
}

Result<std::unique_ptr<XmlDocument>> LoadDocumentBuffer(
    std::string bytes, std::string name, const LoadOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return Refuse(
        name, kIoRule,
        std::to_string(bytes.size()) + " bytes " + TooBig(options.max_bytes));
  }
  if (facturx::LooksLikePdf(bytes))
    return LoadFacturX(bytes, std::move(name), options);
  auto doc = std::make_unique<XmlDocument>();
  doc->path = std::move(name);
  doc->bytes = std::move(bytes);
  // The scanner reads the bytes where they are (std::string keeps a NUL
  // after them). The line table waits for the first LineOf: readers keep
  // offsets, so only documents with something to report need one.
  std::size_t size = doc->bytes.size();
  std::size_t ascii = internal::SkipAscii(doc->bytes, 0);
  // Scanned first: a document the scanner reads needs fewer checks.
  bool scanned = doc->IndexWithoutDom();
  if (Status checked = CheckContent(*doc, ascii, scanned); !checked) {
    return checked.take_error();
  }
  if (scanned) return doc;
  if (Status dtd = CheckDoctype(*doc); !dtd) return dtd.take_error();
  // Anything the scanner leaves (malformed XML, a DOCTYPE, deep nesting, a
  // root that is no invoice's...) goes through pugixml, whose messages
  // users see. The copy it parses in place ends with a NUL that is part of
  // what it parses, as its own copy does in load_buffer: errors at the end
  // of a truncated document are then reported exactly as before.
  doc->parse_buffer_.reset(new char[size + 1]);
  std::memcpy(doc->parse_buffer_.get(), doc->bytes.data(), size);
  doc->parse_buffer_[size] = '\0';
  // pugixml never expands custom entities nor fetches anything; parse_doctype
  // only makes a stray DOCTYPE visible so it can be refused below.
  pugi::xml_document& dom = doc->mutable_dom();
  pugi::xml_parse_result parsed = dom.load_buffer_inplace(
      doc->parse_buffer_.get(), size + 1, kParseOptions, pugi::encoding_utf8);
  if (!parsed) {
    std::size_t at = static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(
        parsed.offset, 0, static_cast<std::ptrdiff_t>(doc->bytes.size())));
    std::string location = Location(*doc, at);
    std::string headline =
        "malformed XML at " + location + ": " + parsed.description();
    return Refuse(doc->path, kXmlRule,
                  std::string("malformed XML: ") + parsed.description(),
                  std::move(location), std::move(headline));
  }
  for (pugi::xml_node n : dom.children()) {
    if (n.type() == pugi::node_doctype) {
      return Refuse(
          doc->path, kXmlRule, DtdRefusal(),
          Location(*doc, static_cast<std::size_t>(
                             std::max<std::ptrdiff_t>(0, n.offset_debug()))));
    }
  }
  if (pugi::xml_node root = dom.document_element();
      !IsNull(root) && TooDeep(root)) {
    return Refuse(
        doc->path, kXmlRule,
        "elements nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  if (Status root = DetectRoot(*doc); !root) return root.take_error();
  doc->tree();  // indexed now, from the DOM, while the input is at hand
  return doc;
}

}  // namespace chorus
