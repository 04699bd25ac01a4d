#include "format/doc_tree.h"

#include <array>

#include "chorus/format/document.h"
#include "format/ubl_binding.h"

namespace chorus::xml {
namespace {

constexpr std::array<KnownNs, 10> kDocNamespaces = {{
    {ns::kCbc, "cbc"},
    {ns::kCac, "cac"},
    {ubl::kExtUri, "ext"},
    {ns::kUblInvoice, ""},
    {ns::kUblCreditNote, ""},
    {ns::kCii, "rsm"},
    {ns::kRam, "ram"},
    {ns::kUdt, "udt"},
    {ns::kQdt, "qdt"},
    {kXsiUri, "xsi"},
}};

}  // namespace

std::span<const KnownNs> DocNamespaces() { return kDocNamespaces; }

}  // namespace chorus::xml
