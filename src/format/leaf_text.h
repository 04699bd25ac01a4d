// The text nodes of a leaf element, found again in the source: the element
// index keeps a leaf's character data joined, without the offsets of the
// pieces it came in. Only reports and a few exact DOM semantics (pugixml's
// child_value(), the first piece) need them.
#ifndef CHORUS_FORMAT_LEAF_TEXT_H_
#define CHORUS_FORMAT_LEAF_TEXT_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace chorus::xml {

// A text or CDATA node of a leaf element, as pugixml (parse_default) makes
// them: its source offset and its character data.
struct LeafTextNode {
  std::size_t offset = 0;
  std::string_view text;
};

// The text nodes of the leaf whose name lies at `name_offset` in `source`,
// in document order; `raw` is the leaf's character data as the element
// index holds it (every text node joined). Comments, processing
// instructions and CDATA sections split the content; `raw` is cut along
// the nodes found. Should the scan disagree with `raw` (content no leaf
// has), `raw` comes back whole at the first text's offset.
std::vector<LeafTextNode> LeafTextNodes(std::string_view source,
                                        std::size_t name_offset,
                                        std::string_view raw);

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_LEAF_TEXT_H_
