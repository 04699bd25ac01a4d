// State shared by the CII reader's group handlers: the document's element
// index, the value parsers and the reporting of diagnostics and unmapped
// data.
//
// Consumption is tracked structurally: every group handler visits each child
// once and says whether it mapped it; what it did not map is reported with
// its whole subtree. Leaf readers also report attributes they do not use.
#ifndef CHORUS_FORMAT_CII_READ_CONTEXT_H_
#define CHORUS_FORMAT_CII_READ_CONTEXT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/model/invoice.h"
#include "format/cii_xml.h"
#include "format/doc_tree.h"
#include "format/short_text.h"
#include "model/decimal_short.h"

namespace chorus::cii {

inline constexpr std::string_view kNotEn = "not an EN 16931 term";
inline constexpr std::string_view kRepeated =
    "repeated: only the first is kept";

using Attrs = std::initializer_list<std::string_view>;

// An attribute a leaf reader maps: whether the element has it, and its
// value with XML whitespace trimmed.
struct AttrValue {
  bool present = false;
  std::string_view value;
};

class ReadContext {
 public:
  // Reads `tree`, the index of `doc` (whose bytes give lines). Without
  // `report_unmapped`, out.unmapped stays empty; with `cut_free_text`,
  // SetFreeText keeps a prefix (ReadOptions).
  ReadContext(const XmlDocument& doc, std::shared_ptr<const xml::DocTree> tree,
              ReadResult& out, bool report_unmapped,
              bool cut_free_text = false);

  // The document element (index -1 when there is none).
  El Root() const;

  // Visits the element children of `parent`. `visit(child)` returns false
  // for a child it does not map; that child is reported as unmapped.
  // `visit` is called from one place only, so that the compiler inlines it
  // into the loop: a call per child, saving and restoring the registers of
  // a handler's whole if-chain, cost more than the child's own work.
  template <typename Visit>
  void Children(El parent, Visit&& visit) {
    // A container's attributes are only ever reported.
    if (report_unmapped_ && parent.has_attrs()) CheckAttrs(parent, {});
    if (parent.index < 0) return;
    const xml::ElementIndex::Entry& p = parent.local.entry();
    // Text beside the children is reported, when unmapped data is, where it
    // stands among them: strays_[stray, stray_end) holds its pieces.
    std::size_t stray = 0;
    std::size_t stray_end = 0;
    if (report_unmapped_ && !p.text.empty()) [[unlikely]] {
      if (p.first_child < 0) {
        LeafText(parent.index);  // no child: the text has no term either
        return;
      }
      stray = strays_.size();
      stray_end = CollectStrays(parent.index);
    }
    const std::size_t stray_begin = stray;
    for (int32_t c = p.first_child; c >= 0; c = EntryAt(c).next) {
      if (stray < stray_end) [[unlikely]] {
        stray = ReportStrays(stray, stray_end, EntryAt(c).offset);
      }
      El child = At(c);
      if (!visit(child)) Unmapped(child, kNotEn);
    }
    if (stray_end != 0) [[unlikely]] {
      ReportStrays(stray, stray_end, UINT32_MAX);
      strays_.resize(stray_begin);  // nested calls appended after stray_end
    }
  }

  // Number of element children of `e`.
  size_t ChildCount(El e) const {
    size_t n = 0;
    if (e.index < 0) return n;
    for (int32_t c = EntryAt(e.index).first_child; c >= 0;
         c = EntryAt(c).next) {
      ++n;
    }
    return n;
  }

  // At least how many of `first` and its later siblings have its name
  // (namespace and NameKey: a long name sharing the key counts too), a size
  // to reserve before a list is read in place: growing it moves every entry
  // read so far.
  size_t CountFrom(El first) const {
    size_t n = 0;
    if (first.index < 0) return n;
    const xml::ElementIndex::Entry& f = EntryAt(first.index);
    for (int32_t c = first.index; c >= 0; c = EntryAt(c).next) {
      const xml::ElementIndex::Entry& s = EntryAt(c);
      n += static_cast<size_t>(s.key == f.key && s.ns == f.ns);
    }
    return n;
  }

  // The trimmed text of a leaf. Attributes other than `used` and element
  // children are reported unmapped.
  std::string Str(El e, Attrs used = {}) { return std::string(View(e, used)); }
  // Same without a copy: the view points into the element index. With
  // `values`, values[i] is set to the (first) attribute named used[i]: read
  // in the pass that checks the attributes, rather than searched again.
  std::string_view View(El e, Attrs used, AttrValue* values = nullptr) {
    // Most leaves have neither attributes nor children: nothing to check.
    // Nor has any element when nothing unmapped is reported and no
    // attribute is read (CheckedView would only return its text).
    const xml::ElementIndex::Entry& entry = e.local.entry();
    // (The options first: where no attribute is read, as validation
    // reads, they settle it without a look at the entry.)
    if (e.index >= 0 && ((values == nullptr && !report_unmapped_) ||
                         (!entry.has_attributes && entry.first_child < 0))) {
      return entry.text;
    }
    return CheckedView(e, used, values);
  }
  // The trimmed text of `e` as the index holds it, with nothing checked or
  // reported: for a value looked at before deciding how to map it.
  std::string_view Peek(El e) const {
    return e.local.entry().text;  // (El's default: an empty entry)
  }
  // The trimmed value of attribute `name` of `e`, with nothing checked or
  // reported ("" when absent).
  std::string_view PeekAttr(El e, std::string_view name) const {
    const xml::ElementIndex::Attribute* a =
        e.index >= 0 ? index_.FindAttribute(e.index, name) : nullptr;
    return a ? TrimView(a->value) : std::string_view();
  }
  // A 0..1 text term: a second occurrence is reported, the first kept.
  void SetText(Text& field, El e) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      xml::EmplaceText(field, View(e, {}));
    }
  }
  // SetText for a term no validation rule reads beyond its presence (see
  // ReadOptions::cut_free_text).
  void SetFreeText(Text& field, El e) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      xml::EmplaceText(field, FreeText(View(e, {})));
    }
  }
  // `text`, or its prefix when free texts are cut (ReadOptions).
  std::string_view FreeText(std::string_view text) const {
    return cut_free_text_ ? xml::ShortPrefix(text) : text;
  }
  // True the first time for a 0..1 term whose field has no "unset" state;
  // afterwards reports `e` as repeated and returns false.
  bool Once(bool& seen, El e) {
    if (seen) {
      Unmapped(e, kRepeated);
      return false;
    }
    seen = true;
    return true;
  }

  // Reads a decimal leaf into `out` in place; nullopt (with a diagnostic
  // naming `term`) when invalid. Inline, its failure apart (NotANumber): a
  // call per number, saving the registers a diagnostic's message needs,
  // cost more than the work around the parse.
  // The short form (most numbers) is parsed in place, without the call.
  void ReadNumber(Amount& out, El e, std::string_view term, Attrs used = {},
                  AttrValue* values = nullptr) {
    const std::string_view text = View(e, used, values);
    if (decimal_internal::ParseShortInto(text, out)) return;
    if (!Decimal::ParseInto(text, out.emplace())) NotANumber(out, e, term);
  }
  void SetAmount(Amount& field, El e, std::string_view term) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      ReadNumber(field, e, term);
    }
  }
  // Like SetAmount, for terms whose repeat must be told from an invalid
  // first occurrence (which leaves the field nullopt).
  void SetDecimal(Amount& field, bool& seen, El e, std::string_view term) {
    if (!Once(seen, e)) return;
    ReadNumber(field, e, term);
  }

  // A udt:DateTimeType / udt:DateType / qdt:FormattedDateTimeType wrapper
  // holding a *String child with format 102.
  std::optional<Date> DateIn(El wrapper, std::string_view term);
  void SetDate(std::optional<Date>& field, El wrapper, std::string_view term) {
    if (field) {
      Unmapped(wrapper, kRepeated);
    } else {
      field = DateIn(wrapper, term);
    }
  }

  // A udt:IndicatorType wrapper; nullopt (with a diagnostic) when invalid.
  std::optional<bool> IndicatorIn(El wrapper);

  // An identifier leaf into a fresh `id`, in place (a model field: no move
  // of its strings); the scheme comes from `scheme_attr` unless empty.
  void IdInto(Identifier& id, El e, std::string_view scheme_attr);
  void SetId(OptId& field, El e, std::string_view scheme_attr) {
    if (field) {
      Unmapped(e, kRepeated);
    } else {
      IdInto(field.emplace(), e, scheme_attr);
    }
  }

  // Reports attributes of `e` outside `used` (namespace declarations and
  // xsi: attributes excepted).
  void CheckAttrs(El e, Attrs used, AttrValue* values = nullptr);

  // Reports every datum in the subtree of `e`.
  void Unmapped(El e, std::string_view reason);
  void Diag(El e, std::string message, Severity severity = Severity::kWarning);

  // The element's offset: its line is counted only if a rule cites it
  // (SourceLine).
  SourcePos Pos(El e) const {
    return e.index >= 0 ? SourcePos{0, EntryAt(e.index).offset + 1}
                        : SourcePos{};
  }

 private:
  const xml::ElementIndex::Entry& EntryAt(int32_t i) const {
    return entries_[i];
  }
  El At(int32_t i) const {
    const xml::ElementIndex::Entry& e = EntryAt(i);
    return El{LocalName(e), i};
  }
  // Appends to strays_ the text pieces of `i` (an element with children),
  // in document order, and returns strays_.size().
  std::size_t CollectStrays(int32_t i);
  // Reports strays_[from, end) up to the first at or after source offset
  // `before` (pieces and elements are both in document order); returns
  // that first one's index.
  std::size_t ReportStrays(std::size_t from, std::size_t end, uint32_t before);

  // Line of a source offset (SourceLine): 0 outside the source.
  int LineAt(std::size_t offset) const {
    // Offsets come from the index (32 bits), as SourcePos holds them.
    return static_cast<int>(
        SourceLine(doc_, SourcePos{0, static_cast<uint32_t>(offset) + 1}));
  }
  int Line(int32_t i) const { return LineAt(EntryAt(i).offset); }

  std::string_view CheckedView(El e, Attrs used, AttrValue* values);
  // ReadNumber's diagnostic for the text of `e`, which is no decimal.
  [[gnu::cold, gnu::noinline]] void NotANumber(Amount& out, El e,
                                               std::string_view term);

  // True for an attribute the reader never reports: a namespace
  // declaration, or one in the xsi namespace (schemaLocation and friends
  // carry no invoice data).
  bool Ignored(int32_t owner, const xml::ElementIndex::Attribute& a) const;
  // PathOf with a memo: reports come in runs over one element (its
  // attributes, then its text) and over siblings.
  const std::string& PathFor(int32_t i);
  void ReportNode(int32_t i, std::string_view reason);
  // The text of element `owner` at source offset `offset`, beside its child
  // elements or in place of the children a container should have.
  void StrayText(int32_t owner, std::size_t offset, std::string_view text);
  // StrayText for each text node of a leaf (LeafTextNodes).
  void LeafText(int32_t i);
  void ReportAttr(int32_t owner, const xml::ElementIndex::Attribute& a,
                  std::string_view reason);

  const XmlDocument& doc_;
  ReadResult& out_;
  std::shared_ptr<const xml::DocTree> tree_;
  const xml::ElementIndex& index_;
  // index_'s entries: one load fewer per look than through index_, which
  // the handlers' stores into the model make the compiler load again.
  const xml::ElementIndex::Entry* const entries_;
  const bool report_unmapped_;
  const bool cut_free_text_;
  // Entries whose paths PathFor remembers; kNoEntry before the first.
  static constexpr int32_t kNoEntry = -2;
  int32_t path_entry_ = kNoEntry, path_parent_entry_ = kNoEntry;
  std::string path_, path_parent_;
  // Children()'s text pieces, a stack: a nested call appends its own after
  // those of its parent and removes them when done.
  std::vector<xml::ElementIndex::Piece> strays_;
};

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_READ_CONTEXT_H_
