// The code lists of the BR-CL-* rules, as the official artefacts embed them
// (generated into code_lists_data.inc by scripts/gen/code_lists.py).
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CODE_LISTS_H_
#define CHORUS_SRC_RULES_CODE_LISTS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus::rules {

// One enumerator per distinct list. Where the UBL and CII artefacts embed
// different versions of a list (document types, VAT point date codes, text
// subject codes, countries), each artefact's version has its own name.
enum class CodeList : uint8_t {
  kUncl1001InvoiceUbl,
  kUncl1001CreditNoteUbl,
  kUncl1001Cii,
  kIso4217,
  kUncl2005Subset,
  kUncl2475Subset,
  kUncl1153,
  kUncl4451Ubl,
  kUncl4451Cii,
  kIso6523Icd,
  kSepa,
  kUncl7143,
  kIso3166Ubl,
  kIso3166Cii,
  kUncl4461,
  kUncl5305,
  kUncl5189,
  kUncl7161,
  kVatex,
  kUnece20And21,
  kMime,
  kEas,
  kCount,
};

inline constexpr std::size_t kCodeListCount =
    static_cast<std::size_t>(CodeList::kCount);

// "Iso4217": the enumerator without its "k".
std::string_view CodeListName(CodeList list);
// The artefact's literal, e.g. " AED AFN ... ZWG " (spaces included).
std::string_view CodeListLiteral(CodeList list);

// XPath contains(LIST, concat(' ', value, ' ')), exactly: true when `value`
// is one of the space-delimited codes; "" only matches a list holding two
// adjacent spaces, and a value with spaces is searched as a substring.
bool ListHasPadded(CodeList list, std::string_view value);
// ListHasPadded for a value known to hold no XML whitespace (the usual
// normalized code): no search for a space first.
bool ListHasToken(CodeList list, std::string_view value);
// XPath contains(LIST, value): plain substring search (UBL BR-CL-08 tests
// a three-letter code this way, so "A A" matches " AAA AAB ").
bool ListHasSubstring(CodeList list, std::string_view value);
// Membership of the exact value (BR-CL-24's @mimeCode = '...' chain).
bool ListHasExact(CodeList list, std::string_view value);

struct RunContext;

// The element names (namespace id, local name) the UBL code-list rules
// name, their contexts' parent steps included: the UBL syntax tables
// intern them too, for CheckCodeListRules below. Views of literals.
std::vector<std::pair<int, std::string_view>> UblCodeListNames();

// CheckCodeListRules on a UBL document whose entries' interned names the
// UBL syntax walk has given (CheckUblSyntaxRules with `names`): the walk
// dispatches on them instead of looking names up. Other sizes than the
// index's fall back to the lookups.
void CheckCodeListRules(const RunContext& ctx,
                        std::span<const int32_t> ubl_names);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_CODE_LISTS_H_
