#include <algorithm>
#include <array>
#include <bit>
#include <span>
#include <utility>

#include "chorus/format/syntax.h"
#include "format/short_text.h"
#include "format/ubl_read.h"
#include "model/decimal_short.h"

namespace chorus::ubl {
namespace {

constexpr const char* kReadRule = "CHORUS-READ";
constexpr const char* kNotATerm = "not an EN 16931 term";
constexpr const char* kRepeated = "repeated: only the first is kept";
constexpr std::size_t kMaxValueChars = 80;

// Cuts at a UTF-8 character boundary so the result stays valid text.
std::string Shorten(std::string_view s) {
  if (s.size() <= kMaxValueChars) return std::string(s);
  std::size_t cut = kMaxValueChars - 3;  // room for "..."
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(s.substr(0, cut)) + "...";
}

}  // namespace

// ---------------------------------------------------------------------------
// Reader

Reader::Reader(const XmlDocument& doc, std::shared_ptr<const xml::DocTree> tree,
               ReadResult& out, bool report_unmapped, bool cut_free_text)
    : doc_(doc),
      out_(out),
      tree_(std::move(tree)),
      index_(tree_->elements),
      report_unmapped_(report_unmapped),
      cut_free_text_(cut_free_text) {
  if (!report_unmapped_) {
    // Nothing is marked (Take): no bitsets.
    taken_ = repeated_ = attributes_to_check_ = attributes_done_ = nullptr;
    return;
  }
  const std::size_t words = index_.size() / 64 + 1;
  if (4 * words <= kInlineWords) {
    inline_bits_.fill(0);  // a fixed size: a few stores, no call
    taken_ = inline_bits_.data();
  } else {
    bits_.assign(4 * words, 0);
    taken_ = bits_.data();
  }
  repeated_ = taken_ + words;
  attributes_to_check_ = repeated_ + words;
  attributes_done_ = attributes_to_check_ + words;
}

const Reader::Attribute* Reader::Attr(El e, std::string_view attribute) const {
  // The index knows which elements carry attributes other than namespace
  // declarations; most have none.
  if (!e || !index_[e.i].has_attributes) return nullptr;
  return Named(index_.AttributesOf(e.i), attribute);
}

const Reader::Attribute* Reader::Named(std::span<const Attribute> all,
                                       std::string_view name) {
  // ElementIndex::FindAttribute's comparison calls memcmp.
  for (const Attribute& a : all) {
    if (xml::SameName(a.name, name)) return &a;
  }
  return nullptr;
}

std::string_view Reader::PeekAttr(El e, std::string_view attribute) const {
  const Attribute* a = Attr(e, attribute);
  return a ? xml::TrimXml(a->value) : std::string_view();
}

void Reader::MarkAttribute(std::vector<uint64_t>& bits, const Attribute& a) {
  if (bits.empty()) bits.assign(index_.attributes().size() / 64 + 1, 0);
  SetBit(bits.data(), static_cast<int32_t>(AttributeIndex(a)));
}

const Reader::Attribute* Reader::TakeAttr(El e, std::string_view name) {
  if (!e || !index_[e.i].has_attributes) return nullptr;
  std::span<const Attribute> all = index_.AttributesOf(e.i);
  const Attribute* a = Named(all, name);
  if (a == nullptr || !report_unmapped_) return a;
  if (all.size() == 1) {
    // The element's only attribute (has_attributes: not a declaration).
    SetBit(attributes_done_, e.i);
  } else {
    MarkAttribute(taken_attributes_, *a);
  }
  return a;
}

void Reader::Repeated(El e) {
  if (e && report_unmapped_) SetBit(repeated_, e.i);
}

void Reader::Repeated(El e, std::string_view attribute) {
  if (!report_unmapped_) return;
  if (const Attribute* a = Attr(e, attribute)) {
    MarkAttribute(repeated_attributes_, *a);
  }
}

void Reader::ReadText(El e, Text& out) {
  if (!e) {
    out.reset();
    return;
  }
  Take(e);
  xml::EmplaceText(out, Peek(e));
}

void Reader::ReadId(El e, OptId& out) {
  if (!e) {
    out.reset();
    return;
  }
  IdInto(e, out.emplace());
}

void Reader::IdInto(El e, Identifier& id, std::string_view scheme_attr) {
  ValueInto(e, id.value);
  if (const Attribute* scheme = TakeAttr(e, scheme_attr)) {
    xml::EmplaceText(id.scheme, xml::TrimXml(scheme->value));
  }
}

void Reader::ReadAttr(El e, std::string_view attribute, Text& out) {
  const Attribute* a = TakeAttr(e, attribute);
  if (!a) {
    out.reset();
    return;
  }
  xml::EmplaceText(out, xml::TrimXml(a->value));
}

bool Reader::TakeIfEquals(El e, std::string_view expected) {
  if (!e || !xml::SameName(Peek(e), expected)) return false;
  Take(e);
  return true;
}

void Reader::TakeIfSameElseRepeated(El e, std::string_view value) {
  if (!e) return;
  if (xml::SameName(Peek(e), value)) {
    Take(e);
  } else {
    Repeated(e);
  }
}

[[gnu::always_inline]] inline void Reader::NumberInto(El e, Amount& out) {
  if (!e) {
    out.reset();
    return;
  }
  Take(e);
  // Only `this`, `e` and `out` live across the parse: the slow path finds
  // the text again, so the fast one needs no callee-saved register.
  if (decimal_internal::ParseShortInto(Peek(e), out)) return;
  NumberNotShort(e, out);
}

void Reader::NumberNotShort(El e, Amount& out) {
  std::string_view text = Peek(e);
  if (Decimal::ParseInto(text, out.emplace())) return;
  out.reset();
  NotADecimal(e, text);
}

void Reader::ReadNumber(El e, Amount& out) { NumberInto(e, out); }

void Reader::NotADecimal(El e, std::string_view text) {
  Warn(e, Name(e) + ": '" + Shorten(text) + "' is not a decimal number");
}

void Reader::ReadAmount(El e, Amount& out) {
  // The currency of each amount is BT-5 (BT-6 for BT-111) by the binding;
  // a mismatch is for the validation rules to flag, not the reader. Only
  // the unmapped report wants the attribute found, out of line: a call
  // here would keep the parse's values in callee-saved registers.
  if (report_unmapped_) {
    ReadAmountMarked(e, out);
    return;
  }
  NumberInto(e, out);
}

void Reader::ReadAmountMarked(El e, Amount& out) {
  TakeAttr(e, "currencyID");
  NumberInto(e, out);
}

std::optional<Date> Reader::DateOf(El e) {
  if (!e) return std::nullopt;
  Take(e);
  std::string_view text = Peek(e);
  if (std::optional<Date> d = Date::ParseIso(text)) return d;
  Warn(e, Name(e) + ": '" + Shorten(text) +
              "' is not a calendar date (YYYY-MM-DD)");
  return std::nullopt;
}

uint32_t Reader::Line(El e) const { return SourceLine(doc_, Pos(e)); }

std::string Reader::Name(El e) const {
  const xml::ElementIndex::Entry& entry = index_[e.i];
  if (entry.ns == kCacNs) return "cac:" + std::string(entry.local);
  if (entry.ns == kCbcNs) return "cbc:" + std::string(entry.local);
  return std::string(index_.QualifiedName(e.i));
}

void Reader::Warn(El e, const std::string& message) {
  std::string location = e ? index_.PathOf(e.i) : std::string();
  uint32_t line = Line(e);
  if (line) location += " (line " + std::to_string(line) + ")";
  diagnostics_.emplace_back(line, Diagnostic{kReadRule, Severity::kWarning,
                                             message, std::move(location)});
}

// ---------------------------------------------------------------------------
// Unmapped data

void Reader::Finish() {
  if (!diagnostics_.empty()) {
    // Terms are read in binding order, not document order.
    std::stable_sort(
        diagnostics_.begin(), diagnostics_.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, diagnostic] : diagnostics_) {
      out_.diagnostics.push_back(std::move(diagnostic));
    }
    diagnostics_.clear();
  }
  if (!report_unmapped_ || !index_.size()) return;
  if (index_[0].has_attributes) ReportAttributes(0);
  // Document order; an unmarked element is reported whole, its subtree
  // skipped. The bitsets are scanned a word at a time: unmarked elements
  // and attributes left to check are few.
  auto size = static_cast<int32_t>(index_.size());
  for (int32_t i = 1; i < size;) {
    std::size_t w = static_cast<std::size_t>(i) / 64;
    uint64_t untaken = ~taken_[w];
    uint64_t events =
        (untaken | (attributes_to_check_[w] & ~attributes_done_[w])) &
        (~uint64_t{0} << (i % 64));
    if (events == 0) {
      i = static_cast<int32_t>((w + 1) * 64);
      continue;
    }
    int bit = std::countr_zero(events);
    i = static_cast<int32_t>(w * 64) + bit;
    if (i >= size) break;
    if ((untaken >> bit) & 1u) {
      if (index_.HasData(i)) ReportElement(i);
      i = index_[i].end;
    } else {
      ReportAttributes(i);
      ++i;
    }
  }
}

void Reader::ReportAttributes(int32_t i) {
  for (const Attribute& a : index_.AttributesOf(i)) {
    if (AttributeMarked(taken_attributes_, a) ||
        xml::IsNamespaceDeclaration(a.name)) {
      continue;
    }
    // Schema-location hints are processing instructions for validators.
    if (a.ns == kXsiNs) continue;
    out_.unmapped.push_back(UnmappedDatum{
        index_.PathOf(i, a), static_cast<int>(Line(El{i})),
        Shorten(xml::TrimXml(a.value)),
        AttributeMarked(repeated_attributes_, a) ? kRepeated : kNotATerm});
  }
}

bool Reader::FollowsKeptTwin(int32_t i) const {
  const xml::ElementIndex::Entry& me = index_[i];
  if (me.parent < 0) return false;
  for (int32_t k = index_[me.parent].first_child; k >= 0 && k != i;
       k = index_[k].next) {
    const xml::ElementIndex::Entry& s = index_[k];
    if (s.ns == me.ns && s.local == me.local && Bit(taken_, k)) return true;
  }
  return false;
}

void Reader::ReportElement(int32_t i) {
  const xml::ElementIndex::Entry& e = index_[i];
  std::string value;
  if (e.first_child < 0) value = Shorten(e.text);
  bool repeated = Bit(repeated_, i) || FollowsKeptTwin(i);
  out_.unmapped.push_back(
      UnmappedDatum{index_.PathOf(i), static_cast<int>(Line(El{i})),
                    std::move(value), repeated ? kRepeated : kNotATerm});
}

// ---------------------------------------------------------------------------
// Shared conventions

bool SplitNote(std::string_view text, std::string_view* code,
               std::string_view* rest) {
  // UNTDID 4451 subject codes are three upper-case letters.
  if (text.size() < 5 || text[0] != '#' || text[4] != '#') return false;
  for (int i = 1; i <= 3; ++i) {
    if (text[i] < 'A' || text[i] > 'Z') return false;
  }
  *code = text.substr(1, 3);
  *rest = text.substr(5);
  return true;
}

bool SplitNote(std::string_view text, std::string* code, std::string* rest) {
  std::string_view c;
  std::string_view r;
  if (!SplitNote(text, &c, &r)) return false;
  *code = std::string(c);
  *rest = std::string(r);
  return true;
}

bool SameScheme(std::string_view value, std::string_view upper) {
  // Most documents spell the scheme as the binding does ("VAT").
  if (value.size() == upper.size()) {
    std::size_t same = 0;
    while (same < value.size() && value[same] == upper[same]) ++same;
    if (same == value.size()) return true;
  }
  value = xml::TrimXml(value);
  if (value.size() != upper.size()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    // ASCII upper-casing, as std::toupper does in the "C" locale chorus
    // runs in, without a library call per character.
    char c = value[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

}  // namespace chorus::ubl
