// Loading invoice documents safely and telling which syntax they are.
//
// Every byte of untrusted input enters chorus through LoadDocument*: size is
// bounded before reading, DTDs are refused (so no entity expansion and no
// external fetch can happen), and parse errors carry line and column.
#ifndef CHORUS_FORMAT_DOCUMENT_H_
#define CHORUS_FORMAT_DOCUMENT_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/util/result.h"

namespace chorus {
namespace xml {
struct DocTree;  // internal: src/format/doc_tree.h
}  // namespace xml

enum class Syntax {
  kUbl,      // UBL 2.1 Invoice or CreditNote
  kCii,      // UN/CEFACT CrossIndustryInvoice (D16B, D22B)
  kFacturX,  // PDF/A-3 carrying a CII
};
const char* SyntaxName(Syntax s);  // "ubl", "cii", "facturx"

enum class RootKind {
  kUblInvoice,
  kUblCreditNote,
  kCiiInvoice,
};

// Upper bound for one input document. Invoices are kilobytes; Chorus Pro's
// own deposit limit is 10 MB. Anything above is refused before reading.
inline constexpr std::size_t kDefaultMaxDocumentBytes = 64u << 20;

struct LoadOptions {
  std::size_t max_bytes = kDefaultMaxDocumentBytes;
};

// A parsed XML invoice document. Owns the bytes, the flat index of its
// elements that readers and rules read, and (on demand) a pugixml DOM.
struct XmlDocument {
  std::string path;   // for messages; "<memory>" when parsed from a buffer
  std::string bytes;  // the raw input, kept for XSD validation and offsets
  RootKind root = RootKind::kUblInvoice;
  Syntax syntax = Syntax::kUbl;

  // Every element flattened (src/format/doc_tree.h), built by the loader.
  // A document built by hand (tests) gets one from its DOM on first call.
  const std::shared_ptr<const xml::DocTree>& tree() const;
  // The DOM of `bytes`. The loader indexes most documents without one: it
  // is parsed on the first call, for the few users of a DOM (the Factur-X
  // XPath rules, inspect). Safe to call from several threads.
  const pugi::xml_document& dom() const;
  // For documents built by hand: the DOM to load into; dom() and tree()
  // then use it instead of parsing `bytes`.
  pugi::xml_document& mutable_dom();

  // 1-based line of a byte offset in `bytes` (pugixml gives offsets).
  int LineOf(std::ptrdiff_t offset) const;
  // 1-based line of a node parsed from `bytes` (0 when unknown).
  int LineOf(const pugi::xml_node& node) const;

 private:
  friend Result<std::unique_ptr<XmlDocument>> LoadDocumentBuffer(
      std::string bytes, std::string name, const LoadOptions& options);
  // The loader's usual path: indexes `bytes` without a DOM and sets
  // root and syntax; false when the document is left to pugixml.
  bool IndexWithoutDom();
  // Built on the first LineOf call (readers keep byte offsets, so only a
  // document with something to report needs it), once even when several
  // threads ask at the same time.
  mutable std::once_flag lines_once_;
  // Number of newlines before each 64-byte block of `bytes`.
  mutable std::vector<std::size_t> newlines_before_;
  // The copy of `bytes` pugixml parses in place when the scanner leaves a
  // document to it: the names and text of that DOM point into it.
  std::unique_ptr<char[]> parse_buffer_;
  mutable std::once_flag dom_once_;
  mutable pugi::xml_document dom_;
  mutable std::once_flag tree_once_;
  mutable std::shared_ptr<const xml::DocTree> tree_;
};

// Reads the file (refusing oversize, empty, binary, non-XML, DTD-bearing or
// wrong-root input with a message naming the file, line and column).
// Every refusal is Error::Kind::kUsage (exit 2: the file could not be read or
// parsed as an invoice) with one kError Diagnostic (rule CHORUS-IO or
// CHORUS-XML) in `details`; kInvalidInput is left for invoices that were read
// and found invalid.
Result<std::unique_ptr<XmlDocument>> LoadDocumentFile(
    const std::string& path, const LoadOptions& options = {});
// Same checks on a buffer already in memory; `name` is used in messages.
Result<std::unique_ptr<XmlDocument>> LoadDocumentBuffer(
    std::string bytes, std::string name, const LoadOptions& options = {});

// Reads any file with the size bound (used for JSON input and PDFs too).
Result<std::string> ReadFileBounded(const std::string& path,
                                    std::size_t max_bytes);

// UBL and CII namespace URIs.
namespace ns {
inline constexpr std::string_view kUblInvoice =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
inline constexpr std::string_view kUblCreditNote =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
inline constexpr std::string_view kCac =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
inline constexpr std::string_view kCbc =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
inline constexpr std::string_view kCii =
    "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
inline constexpr std::string_view kRam =
    "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100";
inline constexpr std::string_view kUdt =
    "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
inline constexpr std::string_view kQdt =
    "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
}  // namespace ns

}  // namespace chorus

#endif  // CHORUS_FORMAT_DOCUMENT_H_
