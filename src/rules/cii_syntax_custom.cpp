// The CII syntax assertions that are not a plain absence/count test, written
// by hand after their XPath 2.0 text in the official Schematron.
//
// XPath reminders that matter here: `ram:X = 'v'` compares the untrimmed
// string value of ANY ram:X child with 'v'; normalize-space() of more than
// one node is a dynamic error (the assertion then counts as failed); a
// boolean comparison casts the text to xs:boolean ("true", "false", "1",
// "0", whitespace allowed), anything else being a dynamic error.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "rules/cii_syntax_internal.h"

namespace chorus::rules::cii {
namespace {

// A path compiled on first use and kept.
#define CII_PATH(text)                              \
  ([]() -> const Path& {                            \
    static const Path compiled = CompilePath(text); \
    return compiled;                                \
  }())

bool Exists(const View& v, int32_t i, const Path& path) {
  if (path.size() == 1 && !path[0].attribute) {  // most: one child step
    for (int32_t c = v.index[i].first_child; c >= 0; c = v.index[c].next) {
      if (Matches(v.index[c], path[0])) return true;
    }
    return false;
  }
  if (std::none_of(path.begin(), path.end(),
                   [](const Step& step) { return step.attribute; })) {
    auto stop = [](int32_t) { return false; };
    return !EachSelected(v, i, path, 0, stop);
  }
  return CountUpTo(v, i, path, 1) > 0;
}

// Exists(v, i, path) for a path of element steps then one attribute step,
// from step `k`: the walk ends at the first hit, with none of CountUpTo's
// counting.
bool AttributeExists(const View& v, int32_t i, const Path& path,
                     std::size_t k = 0) {
  const Step& step = path[k];
  if (step.attribute) return v.index.FindAttribute(i, step.local) != nullptr;
  for (int32_t c = v.index[i].first_child; c >= 0; c = v.index[c].next) {
    if (Matches(v.index[c], step) && AttributeExists(v, c, path, k + 1)) {
      return true;
    }
  }
  return false;
}

// The elements a path selects: held inline up to a few, so that the
// usual short lists cost no allocation.
class NodeList {
 public:
  void push_back(int32_t n) {
    if (size_ < kInline) {
      inline_[size_] = n;
    } else {
      if (size_ == kInline) spill_.assign(inline_.begin(), inline_.end());
      spill_.push_back(n);
    }
    ++size_;
  }
  const int32_t* begin() const {
    return size_ <= kInline ? inline_.data() : spill_.data();
  }
  const int32_t* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int32_t operator[](std::size_t k) const { return begin()[k]; }

 private:
  static constexpr std::size_t kInline = 8;
  std::array<int32_t, kInline> inline_{};
  std::vector<int32_t> spill_;
  std::size_t size_ = 0;
};

NodeList Nodes(const View& v, int32_t i, const Path& path) {
  NodeList out;
  if (path.empty() || path.back().attribute) return out;
  auto add = [&](int32_t n) {
    out.push_back(n);
    return true;
  };
  EachSelected(v, i, path, 0, add);
  return out;
}

// `path = 'a' or path = 'b' ...` (general comparison, untrimmed).
bool AnyValueIn(const View& v, int32_t i, const Path& path,
                std::initializer_list<std::string_view> values) {
  std::string scratch;
  auto listed = [&](int32_t n) {
    std::string_view s = StringValue(v, n, scratch);
    return std::find(values.begin(), values.end(), s) != values.end();
  };
  if (path.size() == 1) {  // the usual case: children, without a node list
    for (int32_t c = v.index[i].first_child; c >= 0; c = v.index[c].next) {
      if (Matches(v.index[c], path[0]) && listed(c)) return true;
    }
    return false;
  }
  for (int32_t n : Nodes(v, i, path)) {
    if (listed(n)) return true;
  }
  return false;
}

// normalize-space(path): false on the dynamic error of several nodes.
bool NormalizedOne(const View& v, int32_t i, const Path& path,
                   std::string* out) {
  NodeList nodes = Nodes(v, i, path);
  if (nodes.size() > 1) return false;
  std::string scratch;
  *out = nodes.empty() ? "" : NormalizeSpace(StringValue(v, nodes[0], scratch));
  return true;
}

// The //ram:parent/ram:child lists that View::under holds, by index.
enum UnderList {
  kDueDateCodes,       // ApplicableTradeTax/DueDateTypeCode
  kMeansTypeCodes,     // SpecifiedTradeSettlementPaymentMeans/TypeCode
  kMeansInformation,   // SpecifiedTradeSettlementPaymentMeans/Information
  kPaymentReferences,  // ApplicableHeaderTradeSettlement/PaymentReference
};
struct UnderPair {
  std::string_view parent;
  std::string_view child;
  uint64_t child_key;
};
constexpr UnderPair kUnder[] = {
    {"ApplicableTradeTax", "DueDateTypeCode", xml::NameKey("DueDateTypeCode")},
    {"SpecifiedTradeSettlementPaymentMeans", "TypeCode",
     xml::NameKey("TypeCode")},
    {"SpecifiedTradeSettlementPaymentMeans", "Information",
     xml::NameKey("Information")},
    {"ApplicableHeaderTradeSettlement", "PaymentReference",
     xml::NameKey("PaymentReference")},
};
static_assert(std::size(kUnder) == std::tuple_size_v<View::UnderLists>);
// kUnder's entry by the length (modulo 64) of its child name, and that
// name's key (0, which no element name has, for the other lengths).
struct UnderByLength {
  std::array<uint8_t, 64> entry{};
  std::array<uint64_t, 64> key{};
};
constexpr UnderByLength kUnderByLength = [] {
  UnderByLength by;
  for (std::size_t k = 0; k < std::size(kUnder); ++k) {
    std::size_t n = kUnder[k].child.size() % 64;
    if (by.key[n] != 0) throw "two kUnder child names of one length";
    by.entry[n] = static_cast<uint8_t>(k);
    by.key[n] = kUnder[k].child_key;
  }
  return by;
}();

// Every ram:child whose parent is a ram:parent, in document order (the
// nodes of //ram:parent/ram:child): one pass over the document for all
// the lists, on first use.
const std::vector<int32_t>& AllUnder(const View& v, UnderList which) {
  if (!v.under_ready) {
    v.under_ready = true;
    View::UnderLists& lists = v.under;
    for (std::vector<int32_t>& list : lists) list.clear();
    auto size = static_cast<int32_t>(v.index.size());
    for (int32_t i = 1; i < size; ++i) {
      const xml::ElementIndex::Entry& e = v.index[i];
      // The child names differ in length: the length picks the only
      // candidate, whose key rules out most names at once.
      std::size_t n = e.local.size() % 64;
      if (e.key != kUnderByLength.key[n]) continue;
      std::size_t k = kUnderByLength.entry[n];
      if (e.ns == kRam && e.parent >= 0 && SameTail(e.local, kUnder[k].child) &&
          IsRam(v, e.parent, kUnder[k].parent)) {
        lists[k].push_back(i);
      }
    }
  }
  return v.under[which];
}

// Party rules CII-SR-449/450/451: not both ID and GlobalID.
bool NotBothIds(const View& v, int32_t i, const Path& id, const Path& global) {
  return !(Exists(v, i, id) && Exists(v, i, global));
}

// count(ram:AdditionalReferencedDocument[normalize-space(ram:TypeCode) =
// code]/tail) <= 1; an empty `tail` counts the documents themselves.
bool AtMostOneRefWithCode(const View& v, int32_t i, std::string_view code,
                          const Path* tail) {
  int total = 0;
  for (int32_t d : Nodes(v, i, CII_PATH("ram:AdditionalReferencedDocument"))) {
    std::string type;
    if (!NormalizedOne(v, d, CII_PATH("ram:TypeCode"), &type)) return false;
    if (type != code) continue;
    total += tail == nullptr ? 1 : Count(v, d, *tail);
  }
  return total <= 1;
}

// count(ram:AdditionalReferencedDocument[ram:TypeCode = code]) <= 1.
bool AtMostOneRefWithRawCode(const View& v, int32_t i, std::string_view code) {
  int total = 0;
  for (int32_t d : Nodes(v, i, CII_PATH("ram:AdditionalReferencedDocument"))) {
    if (AnyValueIn(v, d, CII_PATH("ram:TypeCode"), {code})) ++total;
  }
  return total <= 1;
}

// xs:boolean cast of an untyped value: 1 true, 0 false, -1 error.
int CastBoolean(std::string_view s) {
  s = xml::TrimXml(s);
  if (s == "true" || s == "1") return 1;
  if (s == "false" || s == "0") return 0;
  return -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// matches(., '^\s*(\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}\s*$')
// (ASCII digits: the official \d also accepts other Unicode decimal digits).
bool IsDate102(std::string_view s) {
  s = xml::TrimXml(s);
  if (s.size() != 8) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  int month = (s[4] - '0') * 10 + (s[5] - '0');
  int day = (s[6] - '0') * 10 + (s[7] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// --- The assertions, by id. ----------------------------------------------

bool Sr046(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:GlobalID")) ||
         Exists(v, i, CII_PATH("ram:GlobalID/@schemeID"));
}

bool Sr090(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:OriginTradeCountry")) ||
         Count(v, i, CII_PATH("ram:OriginTradeCountry/ram:ID")) == 1;
}

bool Sr119(const View& v, int32_t i) {
  const Path& path = CII_PATH(
      "ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/"
      "ram:ChargeIndicator");
  const Step& amount = CII_PATH("ram:ActualAmount")[0];
  const Step& indicator = CII_PATH("udt:Indicator")[0];
  // One pass over the AppliedTradeAllowanceCharges for the ChargeIndicators
  // (in document order, as the path lists them) and the ActualAmounts.
  // ChargeIndicator[udt:Indicator = false()] stops at the first hit, as
  // the effective boolean value does: a later uncastable value is not seen.
  bool allowance = false;
  bool any_indicator = false;
  bool has_amount = false;
  for (int32_t g = v.index[i].first_child; g >= 0; g = v.index[g].next) {
    if (!Matches(v.index[g], path[0])) continue;
    for (int32_t a = v.index[g].first_child; a >= 0; a = v.index[a].next) {
      if (!Matches(v.index[a], path[1])) continue;
      for (int32_t x = v.index[a].first_child; x >= 0; x = v.index[x].next) {
        has_amount |= Matches(v.index[x], amount);
        if (!Matches(v.index[x], path[2])) continue;
        any_indicator = true;
        for (int32_t b = v.index[x].first_child; b >= 0 && !allowance;
             b = v.index[b].next) {
          if (!Matches(v.index[b], indicator)) continue;
          std::string scratch;
          int value = CastBoolean(StringValue(v, b, scratch));
          if (value < 0) return false;
          allowance = value == 0;
        }
      }
    }
  }
  return (allowance && has_amount) || (!any_indicator && !has_amount);
}

bool Sr474(const View& v, int32_t i) {
  return AtMostOneRefWithCode(v, i, "130", nullptr);
}
bool Sr475(const View& v, int32_t i) {
  return AtMostOneRefWithCode(v, i, "916", &CII_PATH("ram:Name"));
}
bool Sr476(const View& v, int32_t i) {
  return AtMostOneRefWithCode(v, i, "916",
                              &CII_PATH("ram:AttachmentBinaryObject"));
}
bool Sr457(const View& v, int32_t i) {
  return AtMostOneRefWithRawCode(v, i, "50");
}
bool Sr458(const View& v, int32_t i) {
  return AtMostOneRefWithRawCode(v, i, "130");
}

bool Sr449(const View& v, int32_t i) {
  return NotBothIds(v, i, CII_PATH("ram:ShipToTradeParty/ram:ID"),
                    CII_PATH("ram:ShipToTradeParty/ram:GlobalID"));
}
bool Sr450(const View& v, int32_t i) {
  return NotBothIds(v, i, CII_PATH("ram:BuyerTradeParty/ram:ID"),
                    CII_PATH("ram:BuyerTradeParty/ram:GlobalID"));
}
bool Sr451(const View& v, int32_t i) {
  return NotBothIds(v, i, CII_PATH("ram:PayeeTradeParty/ram:ID"),
                    CII_PATH("ram:PayeeTradeParty/ram:GlobalID"));
}

bool Sr465(const View& v, int32_t i) {
  return !(Exists(v, i,
                  CII_PATH("ram:SellerTradeParty/ram:DefinedTradeContact/"
                           "ram:PersonName")) &&
           Exists(v, i,
                  CII_PATH("ram:SellerTradeParty/ram:DefinedTradeContact/"
                           "ram:DepartmentName")));
}
bool Sr466(const View& v, int32_t i) {
  return !(Exists(v, i,
                  CII_PATH("ram:BuyerTradeParty/ram:DefinedTradeContact/"
                           "ram:PersonName")) &&
           Exists(v, i,
                  CII_PATH("ram:BuyerTradeParty/ram:DefinedTradeContact/"
                           "ram:DepartmentName")));
}

// count(distinct-values(//ram:ApplicableTradeTax/ram:DueDateTypeCode)) = 1
// when there is any: untyped values compare as strings, untrimmed.
bool Sr462(const View& v, int32_t) {
  const std::vector<int32_t>& codes = AllUnder(v, kDueDateCodes);
  if (codes.empty()) return true;
  std::string first_scratch, scratch;
  std::string_view first = StringValue(v, codes[0], first_scratch);
  for (int32_t c : codes) {
    if (StringValue(v, c, scratch) != first) return false;
  }
  return true;
}

bool Sr470(const View& v, int32_t i) {
  for (int32_t m :
       Nodes(v, i, CII_PATH("ram:SpecifiedTradeSettlementPaymentMeans"))) {
    std::string code;
    if (!NormalizedOne(v, m, CII_PATH("ram:TypeCode"), &code)) return false;
    if (code != "30" && code != "58") continue;
    if (!Exists(
            v, m,
            CII_PATH("ram:PayeePartyCreditorFinancialAccount/ram:IBANID")) &&
        !Exists(v, m,
                CII_PATH("ram:PayeePartyCreditorFinancialAccount/"
                         "ram:ProprietaryID"))) {
      return false;
    }
  }
  return true;
}

// Every //ram:SpecifiedTradeSettlementPaymentMeans/ram:`child` has the
// normalized value of the first one.
bool SameAsFirst(const View& v, UnderList which) {
  const std::vector<int32_t>& nodes = AllUnder(v, which);
  if (nodes.size() < 2) return true;  // (most documents: one means)
  std::string scratch, first, other;
  NormalizeSpaceInto(StringValue(v, nodes[0], scratch), first);
  for (std::size_t k = 1; k < nodes.size(); ++k) {
    NormalizeSpaceInto(StringValue(v, nodes[k], scratch), other);
    if (other != first) return false;
  }
  return true;
}
bool Sr467(const View& v, int32_t) { return SameAsFirst(v, kMeansTypeCodes); }
bool Sr468(const View& v, int32_t) { return SameAsFirst(v, kMeansInformation); }
bool Sr469(const View& v, int32_t) {
  return AllUnder(v, kPaymentReferences).size() <= 1;
}

// not(ram:X) or (self::ram:AdditionalReferencedDocument and ram:TypeCode=c)
bool OnlyOnAdditional(const View& v, int32_t i, const Path& x,
                      std::initializer_list<std::string_view> codes) {
  return !Exists(v, i, x) ||
         (IsRam(v, i, "AdditionalReferencedDocument") &&
          AnyValueIn(v, i, CII_PATH("ram:TypeCode"), codes));
}
bool Dt015(const View& v, int32_t i) {
  return OnlyOnAdditional(v, i, CII_PATH("ram:URIID"), {"916"});
}
bool Dt018(const View& v, int32_t i) {
  return OnlyOnAdditional(v, i, CII_PATH("ram:TypeCode"), {"50", "130", "916"});
}
bool Dt021(const View& v, int32_t i) {
  return OnlyOnAdditional(v, i, CII_PATH("ram:Name"), {"916"});
}
bool Dt022(const View& v, int32_t i) {
  return OnlyOnAdditional(v, i, CII_PATH("ram:AttachmentBinaryObject"),
                          {"916"});
}
bool Dt024(const View& v, int32_t i) {
  return OnlyOnAdditional(v, i, CII_PATH("ram:ReferenceTypeCode"), {"130"});
}
bool Dt027(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:FormattedIssueDateTime")) ||
         IsRam(v, i, "InvoiceReferencedDocument");
}

// /rsm:CrossIndustryInvoice/.../ram:BilledQuantity/@unitCode exists: from
// the document element, the same for every context. Out of line: asked
// once per document, it would make every call of Dt033 save registers.
[[gnu::noinline]] bool LineBilledQuantityHasUnit(const View& v) {
  const xml::ElementIndex::Entry& root = v.index[0];
  return root.ns == kRsm && root.local == "CrossIndustryInvoice" &&
         AttributeExists(v, 0,
                         CII_PATH("rsm:SupplyChainTradeTransaction/"
                                  "ram:IncludedSupplyChainTradeLineItem/"
                                  "ram:SpecifiedLineTradeDelivery/"
                                  "ram:BilledQuantity/@unitCode"));
}

}  // namespace

bool IsLineBilledQuantity(const View& v, int32_t q) {
  int32_t at = q;
  for (std::string_view local : {"BilledQuantity", "SpecifiedLineTradeDelivery",
                                 "IncludedSupplyChainTradeLineItem"}) {
    if (at < 0 || !IsRam(v, at, local)) return false;
    at = v.index[at].parent;
  }
  if (at < 0) return false;
  const xml::ElementIndex::Entry& t = v.index[at];
  const xml::ElementIndex::Entry& root = v.index[0];
  return t.parent == 0 && t.ns == kRsm &&
         ShortEqual(t.local, "SupplyChainTradeTransaction") &&
         root.ns == kRsm && ShortEqual(root.local, "CrossIndustryInvoice");
}

namespace {

bool Dt033(const View& v, int32_t i) {
  // has_attributes: any other than namespace declarations.
  if (!v.index[i].has_attributes ||
      v.index.FindAttribute(i, "unitCode") == nullptr) {
    return true;
  }
  // The first context with a unitCode is most often a line's BilledQuantity:
  // then it answers for the document, without the walk.
  if (v.billed_unit < 0) {
    v.billed_unit = IsLineBilledQuantity(v, i) || LineBilledQuantityHasUnit(v);
  }
  return v.billed_unit == 1;
}

bool Dt037(const View& v, int32_t i) {
  // not(ram:TypeCode) or ram:TypeCode = 'VAT', in one pass.
  const Step& type_code = CII_PATH("ram:TypeCode")[0];
  bool any = false;
  std::string scratch;
  for (int32_t c = v.index[i].first_child; c >= 0; c = v.index[c].next) {
    if (!Matches(v.index[c], type_code)) continue;
    if (StringValue(v, c, scratch) == "VAT") return true;
    any = true;
  }
  return !any;
}
bool Dt041(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:BasisAmount")) ||
         HasRamAncestor(v, i, "ApplicableHeaderTradeSettlement");
}
bool Dt054(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:TaxPointDate")) ||
         HasRamAncestor(v, i, "ApplicableHeaderTradeSettlement");
}
bool Dt058(const View& v, int32_t i) {
  return !Exists(v, i, CII_PATH("ram:DueDateTypeCode")) ||
         HasRamAncestor(v, i, "ApplicableHeaderTradeSettlement");
}
bool Dt052(const View& v, int32_t i) {
  return IsRam(v, i, "ApplicableTradeTax") ||
         !Exists(v, i, CII_PATH("ram:ExemptionReasonCode"));
}
bool Dt098(const View& v, int32_t i) {
  return IsRam(v, i, "ApplicableTradeTax") ||
         !Exists(v, i, CII_PATH("ram:ExemptionReason"));
}
bool Dt097(const View& v, int32_t i) {
  std::string scratch;
  return IsDate102(StringValue(v, i, scratch));
}

// A check as a one-assertion group (bit 0: it fails), for rules with one
// hand-written assertion: the quick check then calls every rule's
// hand-written assertions the same way.
template <CustomCheck kCheck>
uint32_t AsGroup(const View& v, int32_t i) {
  return kCheck(v, i) ? 0u : 1u;
}

struct Entry {
  std::string_view id;
  CustomCheck check;
  CustomGroup as_group;
};
#define CII_CHECK(id, f) \
  { id, f, AsGroup<f> }
constexpr Entry kChecks[] = {
    CII_CHECK("CII-SR-046", Sr046), CII_CHECK("CII-SR-090", Sr090),
    CII_CHECK("CII-SR-119", Sr119), CII_CHECK("CII-SR-449", Sr449),
    CII_CHECK("CII-SR-450", Sr450), CII_CHECK("CII-SR-451", Sr451),
    CII_CHECK("CII-SR-457", Sr457), CII_CHECK("CII-SR-458", Sr458),
    CII_CHECK("CII-SR-462", Sr462), CII_CHECK("CII-SR-465", Sr465),
    CII_CHECK("CII-SR-466", Sr466), CII_CHECK("CII-SR-467", Sr467),
    CII_CHECK("CII-SR-468", Sr468), CII_CHECK("CII-SR-469", Sr469),
    CII_CHECK("CII-SR-470", Sr470), CII_CHECK("CII-SR-474", Sr474),
    CII_CHECK("CII-SR-475", Sr475), CII_CHECK("CII-SR-476", Sr476),
    CII_CHECK("CII-DT-015", Dt015), CII_CHECK("CII-DT-018", Dt018),
    CII_CHECK("CII-DT-021", Dt021), CII_CHECK("CII-DT-022", Dt022),
    CII_CHECK("CII-DT-024", Dt024), CII_CHECK("CII-DT-027", Dt027),
    CII_CHECK("CII-DT-033", Dt033), CII_CHECK("CII-DT-037", Dt037),
    CII_CHECK("CII-DT-041", Dt041), CII_CHECK("CII-DT-052", Dt052),
    CII_CHECK("CII-DT-054", Dt054), CII_CHECK("CII-DT-058", Dt058),
    CII_CHECK("CII-DT-097", Dt097), CII_CHECK("CII-DT-098", Dt098),
};
#undef CII_CHECK

}  // namespace

CustomCheck FindCustomCheck(std::string_view id) {
  for (const Entry& e : kChecks) {
    if (e.id == id) return e.check;
  }
  return nullptr;
}

CustomGroup FindCustomCheckAsGroup(std::string_view id) {
  for (const Entry& e : kChecks) {
    if (e.id == id) return e.as_group;
  }
  return nullptr;
}

// Each fails only through paths that start at one of these children.
constexpr std::string_view kSr119Triggers[] = {"GrossPriceProductTradePrice"};
constexpr std::string_view kSr449Triggers[] = {"ShipToTradeParty"};
struct Triggers {
  std::string_view id;
  std::span<const std::string_view> children;
};
constexpr Triggers kTriggers[] = {{"CII-SR-119", kSr119Triggers},
                                  {"CII-SR-449", kSr449Triggers}};

std::span<const std::string_view> CustomCheckTriggers(std::string_view id) {
  for (const Triggers& t : kTriggers) {
    if (t.id == id) return t.children;
  }
  return {};
}

UnderRoles UnderRolesOf(const xml::ElementIndex::Entry& e) {
  UnderRoles roles;
  if (e.ns != kRam) return roles;
  for (std::size_t k = 0; k < std::size(kUnder); ++k) {
    if (e.local == kUnder[k].child) roles.child = static_cast<uint8_t>(k + 1);
    if (e.local == kUnder[k].parent) roles.parent |= 1u << k;
  }
  return roles;
}

}  // namespace chorus::rules::cii
