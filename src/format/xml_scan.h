// xml::ElementIndex straight from a document's bytes, without a DOM.
//
// The scanner reads the subset of XML that invoices are written in and
// builds the index xml::DocTree builds from pugixml's DOM, field for field:
// the same names, offsets, namespace ids, attribute values (decoded as
// pugixml's parse_default decodes them), text (line ends normalized, the
// five predefined entities and character references decoded, whitespace-
// only text between elements dropped, CDATA kept) and mixed-content
// pieces. Whatever it is not sure to read exactly as pugixml does, and
// whatever the loader refuses after parsing, it refuses: the caller then
// parses with pugixml, whose verdict and message stand.
#ifndef CHORUS_FORMAT_XML_SCAN_H_
#define CHORUS_FORMAT_XML_SCAN_H_

#include <cstddef>
#include <span>

#include "xml_ns.h"  // relative, as doc_tree.h includes it

namespace chorus::xml {

// Fills `out` (an empty ElementIndex(known)) from the document in
// buffer[0, size); buffer[size] must be a NUL. The buffer is only read:
// the index's names and undecoded text point into it, so it must outlive
// `out`; text and values that decoding changes (references, line ends,
// text joined around comments) are written to a buffer `out` owns.
//
// Returns false when the document is not well-formed, or is outside the
// subset read here, or is one the loader refuses after parsing (a DOCTYPE,
// nesting deeper than 256 levels below the root, no root element), or
// has an element 256 levels below the root (refused with text in it, read
// by pugixml either way). `out` is then to be discarded: parse the bytes
// with pugixml.
//
// Refused although pugixml may accept them: NUL bytes; text, CDATA or a
// second element beside the root element; any "<!" other than a comment
// or CDATA section (so every DOCTYPE); character references to NUL, to a
// surrogate or above U+10FFFF; names that start or end with ':' or whose
// prefix has 0xFFFF bytes or more; declarations of "xmlns:" (empty
// prefix), of the "xml" or "xmlns" prefixes, or of one prefix twice on one
// element; more than kMaxScopeDeclarations declarations in scope.
bool ScanIntoIndex(const char* buffer, std::size_t size,
                   std::span<const KnownNs> known, ElementIndex& out);

inline constexpr std::size_t kMaxScopeDeclarations = 128;

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_XML_SCAN_H_
