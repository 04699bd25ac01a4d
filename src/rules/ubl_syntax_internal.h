// The UBL syntax rules (pattern "UBL-syntax" of the official UBL artefact):
// the generated assert table, compiled once into name tables and a trie of
// root-anchored paths, so that one walk over the document evaluates them.
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_
#define CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_

#include <cstdint>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "format/xml_ns.h"
#include "rules/doc_index.h"
#include "rules/ubl_syntax_table.h"

namespace chorus::rules::ubl {

// Namespace ids of the shared DocIndex.
enum NsId : int {
  kCbc = kNsCbc,
  kCac = kNsCac,
  kExt = kNsExt,
  kInvoiceNs = kNsInvoice,
  kCreditNs = kNsCreditNote
};

struct QName {
  int ns = xml::kOtherNamespace;
  std::string_view local;
};

// A location path of the table: "a:B/(c:D|c:E)/@f", optionally "//"-led.
struct Path {
  bool anywhere = false;                  // led by "//"
  std::vector<std::vector<QName>> steps;  // each step: one or more names
  std::string_view attribute;             // "" when it ends on an element
};
Path CompilePath(std::string_view text);

// Element-matching helpers over the shared document index.
class Nav {
 public:
  explicit Nav(const DocIndex& index) : index_(index) {}
  bool Is(pugi::xml_node n, int ns, std::string_view local) const {
    return index_.Is(index_.EntryOf(n), ns, local);
  }
  // count(path) from `context` (the path must not be "//"-led).
  int Count(pugi::xml_node context, const Path& path) const {
    return CountFrom(index_.EntryOf(context), path, 0);
  }
  bool Exists(pugi::xml_node context, const Path& path) const {
    return Count(context, path) > 0;
  }
  // Element children of `n` named (ns, local), in document order.
  std::vector<pugi::xml_node> Children(pugi::xml_node n, int ns,
                                       std::string_view local) const;
  const DocIndex& index() const { return index_; }

 private:
  int CountFrom(int32_t context, const Path& path, std::size_t step) const;
  const DocIndex& index_;
};

// XPath string value: the text of all descendants, untrimmed.
std::string_view StringValue(pugi::xml_node n, std::string& scratch);
// upper-case(s) = upper (upper is ASCII upper case).
bool UpperEquals(std::string_view s, std::string_view upper);

// Results of the hand-written root asserts, from nodes the walk collected.
struct RootFacts {
  pugi::xml_node root;
  bool credit_note = false;
  bool name_attribute_elsewhere = false;  // UBL-DT-18
  std::vector<pugi::xml_node>
      additional_docs;  // every cac:AdditionalDocumentReference
  std::vector<pugi::xml_node> party_ids;    // cac:PartyIdentification/cbc:ID
  std::vector<pugi::xml_node> payment_ids;  // cbc:PaymentID
  std::vector<pugi::xml_node> means_codes;  // cbc:PaymentMeansCode
};

// Hand-written asserts (Kind::kHand): true when the assert holds.
bool HoldsOnRoot(std::string_view id, const Nav& nav, const RootFacts& facts);
bool HoldsOnNode(std::string_view id, const Nav& nav, pugi::xml_node context);
// ChargeIndicator predicate of the allowance/charge rules: 1 when some
// cbc:ChargeIndicator equals `value` as xs:boolean, 0 when none does, -1
// when a cast fails first (the pattern then does not match).
int ChargeIndicatorIs(const Nav& nav, pugi::xml_node allowance, bool value);
// Amount rule predicate on the element's name (ends with Amount, not with
// PriceAmount); the ancestor condition is tracked by the walk.
bool IsAmountName(std::string_view qname);
bool IsBinaryObjectName(std::string_view qname);

}  // namespace chorus::rules::ubl

#endif  // CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_
