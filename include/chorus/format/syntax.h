// Readers and writers between XML syntaxes and the EN 16931 model.
//
// Readers accept any well-formed document of their syntax (including
// schema-invalid fragments): what they cannot map is listed in
// ReadResult::unmapped, what they cannot interpret (a bad date, a
// non-numeric amount) in ReadResult::diagnostics; they never throw.
// Writers emit canonical, namespace-clean UTF-8 XML and list in
// WriteResult::lost the model data the syntax has no place for.
#ifndef CHORUS_FORMAT_SYNTAX_H_
#define CHORUS_FORMAT_SYNTAX_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/model/invoice.h"
#include "chorus/util/result.h"

namespace chorus {

// A source datum that has no EN 16931 term, so no conversion can carry it:
// an element outside the EN 16931 binding, or a second occurrence where the
// model takes one.
struct UnmappedDatum {
  std::string path;   // "/Invoice/cac:Delivery/cac:Shipment/cbc:ID"
  int line = 0;       // in the source
  std::string value;  // the text (shortened to 80 chars), "" for groups
  std::string
      reason;  // "not an EN 16931 term", "repeated: only the first is kept"
};

struct ReadResult {
  Invoice invoice;
  std::vector<Diagnostic>
      diagnostics;  // severity kWarning: data kept as best possible
  std::vector<UnmappedDatum> unmapped;
};

struct ReadOptions {
  // False leaves ReadResult::unmapped empty, for callers that never look at
  // it (validation): the model and the diagnostics are the same either way,
  // and the paths and values of the report are not built.
  bool report_unmapped = true;
  // True cuts the free-text terms whose text no validation rule reads
  // (names and texts tested for presence only, address lines, contact
  // details, notes, descriptions, reasons, attachments) to their first 15
  // bytes, whole UTF-8 characters: a term stays present, and non-empty,
  // exactly when it is in the document, and costs no allocation. For
  // validation only: the cut texts are not the document's. Terms a rule
  // compares (BR-17: the payee's and the seller's names) are read whole.
  // Without the unmapped report, the UBL reader also leaves out the terms
  // no rule reads from the model and whose reading gives no diagnostic
  // (notes, contacts, address lines, payment accounts, references...: the
  // list is Reader::all_terms in src/format/ubl_read.h); a rule that comes
  // to read one must have it read again there.
  bool cut_free_text = false;
};

// A model datum the target syntax cannot carry.
struct LostDatum {
  std::string term;     // "BT-8", "BG-18"
  std::string message;  // why it cannot be carried
};

struct WriteOptions {
  bool pretty = true;  // two-space indentation; false = no whitespace nodes
};

struct WriteResult {
  std::string xml;
  std::vector<LostDatum> lost;
};

// UBL 2.1: Invoice or CreditNote root (DocumentKind picks the root on write).
ReadResult ReadUbl(const XmlDocument& doc);
ReadResult ReadUbl(const XmlDocument& doc, const ReadOptions& options);
WriteResult WriteUbl(const Invoice& invoice, const WriteOptions& options = {});

// UN/CEFACT CII D16B (D22B documents read too: same namespaces).
ReadResult ReadCii(const XmlDocument& doc);
ReadResult ReadCii(const XmlDocument& doc, const ReadOptions& options);
WriteResult WriteCii(const Invoice& invoice, const WriteOptions& options = {});

// Dispatch on doc.syntax.
ReadResult ReadInvoice(const XmlDocument& doc);
ReadResult ReadInvoice(const XmlDocument& doc, const ReadOptions& options);

// The source line of a group of a model read from `doc` (SourcePos): its
// line when the reader gave one, else the line of its offset in `doc`; 0
// when unknown.
inline uint32_t SourceLine(const XmlDocument& doc, SourcePos pos) {
  if (pos.line != 0 || pos.offset == 0) return pos.line;
  std::size_t offset = pos.offset - 1;
  int line = offset <= doc.bytes.size()
                 ? doc.LineOf(static_cast<std::ptrdiff_t>(offset))
                 : 0;
  return line > 0 ? static_cast<uint32_t>(line) : 0;
}

}  // namespace chorus

#endif  // CHORUS_FORMAT_SYNTAX_H_
