// The code lists of the BR-CL-* rules, as the official artefacts embed them
// (generated into code_lists_data.inc by scripts/gen/code_lists.py).
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CODE_LISTS_H_
#define CHORUS_SRC_RULES_CODE_LISTS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "inline_compare.h"

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

// The codes of one to eight bytes of a list, keyed by PackCode: the
// usual value (a currency, a unit, a country) is answered inline by one
// multiply and a probe or two, with no memo and no call.
class ShortCodes {
 public:
  // The table by value: a walk's compiled group holds a copy, so a probe
  // reads no ShortCodes first.
  struct Probe {
    const uint64_t* slots = nullptr;  // 0: empty
    std::size_t mask = 0;
    int shift = 64;
    // Whether the code whose PackCode is `key` (not 0) is in the list.
    bool Contains(uint64_t key) const {
      for (std::size_t i = (key * kMult) >> shift;; i = (i + 1) & mask) {
        const uint64_t k = slots[i];
        if (k == key) return true;
        if (k == 0) return false;
      }
    }
  };

  explicit ShortCodes(std::span<const std::string_view> codes);
  // probe_ points into slots_: not copied.
  ShortCodes(const ShortCodes&) = delete;
  ShortCodes& operator=(const ShortCodes&) = delete;
  bool Contains(uint64_t key) const { return probe_.Contains(key); }
  const Probe& probe() const { return probe_; }

 private:
  static constexpr uint64_t kMult = 0x9E3779B97F4A7C15ull;
  std::vector<uint64_t> slots_;
  Probe probe_;  // over slots_
};

// `value`'s bytes as a little-endian integer when it has one to eight
// bytes, none of them XML whitespace or another byte <= ' ' (so the value
// is its own normalize-space() and one token); 0 otherwise.
inline uint64_t PackCode(std::string_view value) {
  const std::size_t n = value.size();
  if (n - 1 >= 8) return 0;  // empty (wraps) or longer than eight
  const uint64_t key = PackBytes(value.data(), n);
  // Some byte below 0x21 (the bytes past the value count as 0xFF): exact
  // as a whole, whatever the borrows do to single bytes above a hit.
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t x = key | (n < 8 ? ~uint64_t{0} << (8 * n) : 0);
  if (((x - kOnes * 0x21) & ~x & (kOnes * 0x80)) != 0) return 0;
  return key;
}

// ShortCodes of `list`, built on first use (thread-safe).
const ShortCodes& BuildShortCodes(CodeList list);
extern std::atomic<const ShortCodes*> g_short_codes[kCodeListCount];
inline const ShortCodes& ShortCodesOf(CodeList list) {
  const ShortCodes* set = g_short_codes[static_cast<std::size_t>(list)].load(
      std::memory_order_acquire);
  return set != nullptr ? *set : BuildShortCodes(list);
}

// The key IsShortCode looks `value` up by (its bytes, PackBytes), 0 for a
// value it refuses: empty, longer than eight bytes or ending in NUL ("EUR\0"
// packs as "EUR" does; other NULs pack to no code's key).
inline uint64_t ShortKey(std::string_view value) {
  const std::size_t n = value.size();
  if (n - 1 >= 8 || value[n - 1] == '\0') return 0;  // n - 1 wraps at 0
  return PackBytes(value.data(), n);
}

// Whether `value` is, byte for byte, one of the list's codes of one to
// eight bytes: then normalize-space() leaves it as it is and the BR-CL
// test holds, so a hit needs no whitespace test. False says nothing: the
// exact test decides (PackCode, then the slow path).
inline bool IsShortCode(const ShortCodes::Probe& codes,
                        std::string_view value) {
  const uint64_t key = ShortKey(value);
  return key != 0 && codes.Contains(key);
}
inline bool IsShortCode(CodeList list, std::string_view value) {
  return IsShortCode(ShortCodesOf(list).probe(), value);
}

struct RunContext;
namespace cii {
struct NameInfo;  // cii_syntax_names.h
}  // namespace cii

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

// The same on a CII document, given the CII syntax walk's NameInfo per
// entry (CheckCiiSyntaxRules with `names`): the walk dispatches on their
// name ids (cii::NameId). Other sizes than the index's fall back to the
// lookups.
void CheckCodeListRules(const RunContext& ctx,
                        std::span<const cii::NameInfo> cii_names);
// For tests: whether every name the CII code-list rules use has a name id,
// so that the overload above dispatches on them.
bool CiiCodeListsBySlot();

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_CODE_LISTS_H_
