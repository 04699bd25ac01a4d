// Checks shared by the pugixml loader and the libxml2 validator, so that both
// refuse the same dangerous constructs before any parser sees them.
#ifndef CHORUS_SRC_FORMAT_XML_GUARD_H_
#define CHORUS_SRC_FORMAT_XML_GUARD_H_

#include <cstddef>
#include <pugixml.hpp>
#include <string_view>
#include <vector>

namespace chorus::internal {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Offset of a document type declaration in the prolog (after the optional
// BOM, XML declaration, comments and processing instructions), or npos.
// A DOCTYPE can only legally appear there, and it is where entity bombs and
// external entities are declared.
std::size_t FindDoctype(std::string_view bytes);

// Namespace URI bound to the node's prefix (or the default namespace), found
// on the node or its ancestors; empty when undeclared.
std::string_view NamespaceOf(const pugi::xml_node& node);

// Length of the valid UTF-8 sequence starting at s[i], 0 when invalid.
// With `allow_truncated`, a sequence cut by the end of `s` counts as valid.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i,
                               bool allow_truncated);

// Offset of the first byte >= 0x80 at or after `from`, or s.size().
// Invoices are nearly all ASCII: this is the fast path of UTF-8 checking.
std::size_t SkipAscii(std::string_view s, std::size_t from);

// Line index of a buffer: for each 64-byte block of `s` (and one past the
// last), the number of '\n' before it.
inline constexpr std::size_t kLineBlock = 64;
std::vector<std::size_t> NewlinesBeforeBlocks(std::string_view s);
// Occurrences of `c` in s (64 bytes per step where SSE2 is there).
std::size_t CountByte(std::string_view s, char c);
// Number of '\n' in s[0, n), n < kLineBlock.
std::size_t NewlinesInBlock(std::string_view s, std::size_t n);

// The name without its prefix.
std::string_view LocalName(const pugi::xml_node& node);

}  // namespace chorus::internal

#endif  // CHORUS_SRC_FORMAT_XML_GUARD_H_
