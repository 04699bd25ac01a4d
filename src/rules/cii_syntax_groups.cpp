// The hand-written assertions of a rule evaluated together: one pass over
// the context's children finds every child name they test, where one call
// and one scan per assertion cost a branch to learn each (an indirect call,
// loop exits at document-dependent positions) and, for the header
// agreement and settlement, several walks of the same subtree. Each group
// gives the verdicts of the single checks in cii_syntax_custom.cpp, which
// stay the reference (the tests compare the two).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "rules/cii_syntax_internal.h"

namespace chorus::rules::cii {
namespace {

// The ram: children a group looks for, by bit, with a hash of their keys
// into 16 slots that keeps them apart: slot[(key * mult) >> 60] is k + 1
// for key[k], 0 for no name.
template <std::size_t N>
struct ChildNames {
  std::array<std::string_view, N> local;
  std::array<uint64_t, N> key;
  uint64_t mult = 0;
  std::array<uint8_t, 16> slot{};
};
template <std::size_t N>
constexpr ChildNames<N> MakeNames(std::array<std::string_view, N> local) {
  ChildNames<N> names{local, {}};
  for (std::size_t k = 0; k < N; ++k) names.key[k] = xml::NameKey(local[k]);
  for (uint64_t m = 0x9E3779B97F4A7C15ull;; m += 0x6A09E667F3BCC90Aull) {
    names.slot = {};
    std::size_t placed = 0;
    for (std::size_t k = 0; k < N; ++k) {
      uint8_t& slot = names.slot[(names.key[k] * m) >> 60];
      if (slot != 0) break;
      slot = static_cast<uint8_t>(k + 1);
      ++placed;
    }
    if (placed == N) {
      names.mult = m;
      return names;
    }
  }
}

// Bit k of the result: `i` has a ram:names.local[k] child. `on_hit(c, k)`
// sees each such child. A child's name is found by one slot of the hash,
// whatever the number of names.
template <std::size_t N, typename F>
uint32_t ChildMask(const View& v, int32_t i, const ChildNames<N>& names,
                   F&& on_hit) {
  uint32_t mask = 0;
  for (int32_t c = v.index[i].first_child; c >= 0; c = v.index[c].next) {
    const xml::ElementIndex::Entry& e = v.index[c];
    unsigned slot = names.slot[(e.key * names.mult) >> 60];
    if (slot == 0) continue;
    std::size_t k = slot - 1;
    if (e.key != names.key[k] || e.ns != kRam ||
        !SameTail(e.local, names.local[k])) {
      continue;
    }
    mask |= 1u << k;
    on_hit(c, k);
  }
  return mask;
}

uint32_t Bit(bool fails, int k) { return static_cast<uint32_t>(fails) << k; }

// CII-DT-037, 041, 052, 054, 058, 098 on a ram:*TradeTax.
constexpr auto kTaxNames =
    MakeNames<6>({"TypeCode", "BasisAmount", "ExemptionReasonCode",
                  "TaxPointDate", "DueDateTypeCode", "ExemptionReason"});
enum TaxChild { kTypeCode, kBasis, kReasonCode, kTaxPoint, kDueDate, kReason };
uint32_t TradeTaxGroup(const View& v, int32_t i) {
  bool vat = false;
  std::string scratch;
  uint32_t has = ChildMask(v, i, kTaxNames, [&](int32_t c, std::size_t k) {
    if (k == kTypeCode && !vat) vat = StringValue(v, c, scratch) == "VAT";
  });
  constexpr uint32_t kHeaderOnly =
      1u << kBasis | 1u << kTaxPoint | 1u << kDueDate;
  constexpr uint32_t kTaxOnly = 1u << kReasonCode | 1u << kReason;
  bool header = (has & kHeaderOnly) == 0 ||
                HasRamAncestor(v, i, "ApplicableHeaderTradeSettlement");
  bool tax = (has & kTaxOnly) == 0 || IsRam(v, i, "ApplicableTradeTax");
  auto present = [&](int k) { return ((has >> k) & 1) != 0; };
  return Bit(present(kTypeCode) && !vat, 0) |
         Bit(present(kBasis) && !header, 1) |
         Bit(present(kReasonCode) && !tax, 2) |
         Bit(present(kTaxPoint) && !header, 3) |
         Bit(present(kDueDate) && !header, 4) |
         Bit(present(kReason) && !tax, 5);
}

// CII-DT-015, 018, 021, 022, 024, 027 on a ram:*ReferencedDocument.
constexpr auto kRefNames =
    MakeNames<6>({"URIID", "TypeCode", "Name", "AttachmentBinaryObject",
                  "ReferenceTypeCode", "FormattedIssueDateTime"});
enum RefChild { kUri, kType, kName, kAttachment, kReference, kFormatted };
uint32_t ReferencedDocumentGroup(const View& v, int32_t i) {
  // Which of the codes some ram:TypeCode child has (untrimmed, as `=`).
  bool c916 = false, c130 = false, c50 = false;
  std::string scratch;
  uint32_t has = ChildMask(v, i, kRefNames, [&](int32_t c, std::size_t k) {
    if (k != kType) return;
    std::string_view s = StringValue(v, c, scratch);
    c916 |= s == "916";
    c130 |= s == "130";
    c50 |= s == "50";
  });
  if (has == 0) return 0;
  bool additional = IsRam(v, i, "AdditionalReferencedDocument");
  auto present = [&](int k) { return ((has >> k) & 1) != 0; };
  bool a916 = additional && c916;
  return Bit(present(kUri) && !a916, 0) |
         Bit(present(kType) && !(additional && (c50 || c130 || c916)), 1) |
         Bit(present(kName) && !a916, 2) |
         Bit(present(kAttachment) && !a916, 3) |
         Bit(present(kReference) && !(additional && c130), 4) |
         Bit(present(kFormatted) && !IsRam(v, i, "InvoiceReferencedDocument"),
             5);
}

// CII-SR-046, 090 on a line's ram:SpecifiedTradeProduct.
constexpr auto kProductNames = MakeNames<2>({"GlobalID", "OriginTradeCountry"});
constexpr uint64_t kIdKey = xml::NameKey("ID");
uint32_t ProductGroup(const View& v, int32_t i) {
  bool scheme = false;  // some GlobalID has @schemeID
  int ids = 0;          // count(ram:OriginTradeCountry/ram:ID)
  uint32_t has = ChildMask(v, i, kProductNames, [&](int32_t c, std::size_t k) {
    if (k == 0) {
      scheme |= v.index.FindAttribute(c, "schemeID") != nullptr;
      return;
    }
    for (int32_t d = v.index[c].first_child; d >= 0; d = v.index[d].next) {
      ids += v.index[d].key == kIdKey && v.index[d].ns == kRam;
    }
  });
  return Bit((has & 1) != 0 && !scheme, 0) | Bit((has & 2) != 0 && ids != 1, 1);
}

// CII-SR-450, 457, 458, 465, 466, 475, 476 on the header
// ram:ApplicableHeaderTradeAgreement: its buyer and seller parties and its
// AdditionalReferencedDocuments, each visited once for all seven.
constexpr auto kAgreementNames = MakeNames<3>(
    {"BuyerTradeParty", "SellerTradeParty", "AdditionalReferencedDocument"});
constexpr auto kPartyNames =
    MakeNames<3>({"ID", "GlobalID", "DefinedTradeContact"});
constexpr auto kContactNames = MakeNames<2>({"PersonName", "DepartmentName"});
constexpr auto kRefDocNames =
    MakeNames<3>({"TypeCode", "Name", "AttachmentBinaryObject"});

// Bits 0, 1: party `p` has an ID, a GlobalID; bits 2, 3: one of its
// DefinedTradeContacts has a PersonName, a DepartmentName.
uint32_t PartyFacts(const View& v, int32_t p) {
  uint32_t contact = 0;
  uint32_t has = ChildMask(v, p, kPartyNames, [&](int32_t c, std::size_t k) {
    if (k == 2) {
      contact |= ChildMask(v, c, kContactNames, [](int32_t, std::size_t) {});
    }
  });
  return (has & 3u) | contact << 2;
}

uint32_t AgreementGroup(const View& v, int32_t i) {
  uint32_t buyer = 0;
  uint32_t seller = 0;
  // An AdditionalReferencedDocument with several TypeCodes: the dynamic
  // error of normalize-space() on them (SR-475, 476 fail).
  bool several_types = false;
  int raw50 = 0;     // documents with some TypeCode = '50' (SR-457)
  int raw130 = 0;    // = '130' (SR-458)
  int names916 = 0;  // Names of those whose normalized TypeCode is 916
  int attachments916 = 0;
  std::string scratch;
  std::string normalized;
  ChildMask(v, i, kAgreementNames, [&](int32_t c, std::size_t k) {
    if (k != 2) {
      (k == 0 ? buyer : seller) |= PartyFacts(v, c);
      return;
    }
    int types = 0;
    int names = 0;
    int attachments = 0;
    bool is50 = false;
    bool is130 = false;
    bool is916 = false;  // read only when the TypeCode is the only one
    ChildMask(v, c, kRefDocNames, [&](int32_t d, std::size_t m) {
      names += m == 1;
      attachments += m == 2;
      if (m != 0) return;
      ++types;
      std::string_view s = StringValue(v, d, scratch);
      is50 |= s == "50";
      is130 |= s == "130";
      NormalizeSpaceInto(s, normalized);
      is916 = normalized == "916";
    });
    several_types |= types > 1;
    raw50 += static_cast<int>(is50);
    raw130 += static_cast<int>(is130);
    if (types == 1 && is916) {
      names916 += names;
      attachments916 += attachments;
    }
  });
  return Bit((buyer & 3u) == 3u, 0) | Bit(raw50 > 1, 1) | Bit(raw130 > 1, 2) |
         Bit((seller & 12u) == 12u, 3) | Bit((buyer & 12u) == 12u, 4) |
         Bit(several_types || names916 > 1, 5) |
         Bit(several_types || attachments916 > 1, 6);
}

// CII-SR-451, 462, 470 on the header ram:ApplicableHeaderTradeSettlement:
// its payees and payment means visited once.
constexpr auto kSettlementNames =
    MakeNames<2>({"PayeeTradeParty", "SpecifiedTradeSettlementPaymentMeans"});
constexpr auto kMeansNames =
    MakeNames<2>({"TypeCode", "PayeePartyCreditorFinancialAccount"});
constexpr auto kAccountNames = MakeNames<2>({"IBANID", "ProprietaryID"});

uint32_t SettlementGroup(const View& v, int32_t i) {
  // Document-wide (its own list of the document's DueDateTypeCodes).
  static const CustomCheck sr462 = FindCustomCheck("CII-SR-462");
  uint32_t payee = 0;
  // A means with several TypeCodes (normalize-space()'s dynamic error),
  // or a credit transfer (30, 58) without an IBAN or proprietary id.
  bool means_fail = false;
  std::string scratch;
  std::string normalized;
  ChildMask(v, i, kSettlementNames, [&](int32_t c, std::size_t k) {
    if (k == 0) {
      payee |= PartyFacts(v, c);
      return;
    }
    int types = 0;
    bool transfer = false;
    bool account = false;
    ChildMask(v, c, kMeansNames, [&](int32_t d, std::size_t m) {
      if (m == 1) {
        account |=
            ChildMask(v, d, kAccountNames, [](int32_t, std::size_t) {}) != 0;
        return;
      }
      ++types;
      NormalizeSpaceInto(StringValue(v, d, scratch), normalized);
      transfer = normalized == "30" || normalized == "58";
    });
    means_fail |= types > 1 || (types == 1 && transfer && !account);
  });
  return Bit((payee & 3u) == 3u, 0) | Bit(!sr462(v, i), 1) | Bit(means_fail, 2);
}

// CII-SR-474 on a line's ram:SpecifiedLineTradeSettlement: at most one
// AdditionalReferencedDocument whose normalized TypeCode is 130 (one with
// several TypeCodes is normalize-space()'s dynamic error). Most lines have
// none: one pass over the children, no node list.
constexpr auto kRefDocName = MakeNames<1>({"AdditionalReferencedDocument"});
constexpr auto kTypeCodeName = MakeNames<1>({"TypeCode"});
uint32_t LineRefGroup(const View& v, int32_t i) {
  int total = 0;
  bool several_types = false;
  ChildMask(v, i, kRefDocName, [&](int32_t c, std::size_t) {
    int types = 0;
    bool is130 = false;
    std::string scratch;
    std::string normalized;
    ChildMask(v, c, kTypeCodeName, [&](int32_t d, std::size_t) {
      ++types;
      NormalizeSpaceInto(StringValue(v, d, scratch), normalized);
      is130 = normalized == "130";
    });
    several_types |= types > 1;
    total += static_cast<int>(types == 1 && is130);
  });
  return Bit(several_types || total > 1, 0);
}

// CII-SR-467, 468, 469 on the document element: each compares the nodes
// of one document-wide list (View::under), as the single checks do; a group
// so that every rule's hand-written assertions are one call of the quick
// check.
uint32_t RootGroup(const View& v, int32_t i) {
  static const CustomCheck sr467 = FindCustomCheck("CII-SR-467");
  static const CustomCheck sr468 = FindCustomCheck("CII-SR-468");
  static const CustomCheck sr469 = FindCustomCheck("CII-SR-469");
  return Bit(!sr467(v, i), 0) | Bit(!sr468(v, i), 1) | Bit(!sr469(v, i), 2);
}

constexpr std::string_view kTaxIds[] = {"CII-DT-037", "CII-DT-041",
                                        "CII-DT-052", "CII-DT-054",
                                        "CII-DT-058", "CII-DT-098"};
constexpr std::string_view kRefIds[] = {"CII-DT-015", "CII-DT-018",
                                        "CII-DT-021", "CII-DT-022",
                                        "CII-DT-024", "CII-DT-027"};
constexpr std::string_view kProductIds[] = {"CII-SR-046", "CII-SR-090"};
constexpr std::string_view kAgreementIds[] = {
    "CII-SR-450", "CII-SR-457", "CII-SR-458", "CII-SR-465",
    "CII-SR-466", "CII-SR-475", "CII-SR-476"};
constexpr std::string_view kLineRefIds[] = {"CII-SR-474"};
constexpr std::string_view kRootIds[] = {"CII-SR-467", "CII-SR-468",
                                         "CII-SR-469"};
constexpr std::string_view kSettlementIds[] = {"CII-SR-451", "CII-SR-462",
                                               "CII-SR-470"};
constexpr CustomGroupDef kGroups[] = {
    // Each check's failures need one of the children it looks for.
    {kTaxIds, TradeTaxGroup, kTaxNames.local},
    {kRefIds, ReferencedDocumentGroup, kRefNames.local},
    {kProductIds, ProductGroup, kProductNames.local},
    {kAgreementIds, AgreementGroup},
    {kSettlementIds, SettlementGroup},
    {kLineRefIds, LineRefGroup, kRefDocName.local},
    {kRootIds, RootGroup},
};

}  // namespace

const CustomGroupDef* FindCustomGroup(std::span<const std::string_view> ids) {
  for (const CustomGroupDef& g : kGroups) {
    if (ids.size() == g.ids.size() &&
        std::is_permutation(ids.begin(), ids.end(), g.ids.begin())) {
      return &g;
    }
  }
  return nullptr;
}

}  // namespace chorus::rules::cii
