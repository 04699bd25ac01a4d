// BT-24 of a CII read from its element index instead of the DOM, for when
// a document's tree is at hand (the readers build one; the loader is to).
#ifndef CHORUS_FORMAT_FACTURX_PROFILE_INTERNAL_H_
#define CHORUS_FORMAT_FACTURX_PROFILE_INTERNAL_H_

#include <string>
#include <string_view>

#include "xml_ns.h"  // relative: tests include this header

namespace chorus::internal {

// SpecificationIdOf for a CII whose elements `index` holds, `source` being
// the document's bytes: ExchangedDocumentContext/
// GuidelineSpecifiedDocumentContextParameter/ID matched by namespace as
// the DOM version does, and the ID's first text node (pugixml's
// child_value()) trimmed. "" when absent.
std::string SpecificationIdIn(const xml::ElementIndex& index,
                              std::string_view source);

}  // namespace chorus::internal

#endif  // CHORUS_FORMAT_FACTURX_PROFILE_INTERNAL_H_
