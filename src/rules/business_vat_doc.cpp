#include "rules/business_vat_doc.h"

#include <utility>

namespace chorus::rules::vat {

Els Doc::Path(El i, std::initializer_list<Step> steps) const {
  if (steps.size() == 0) return Els{i};
  // Depth first into `out`: no sequence per step.
  Els out;
  if (i >= 0) CollectPath(i, steps.begin(), steps.end(), out);
  return out;
}

void Doc::CollectPath(El c, const Step* step, const Step* end, Els& out) const {
  const bool last = step + 1 == end;
  for (El k = d_[c].first_child; k >= 0; k = d_[k].next) {
    if (!Named(d_[k], step->ns, step->name)) continue;
    if (last) {
      out.push_back(k);
    } else {
      CollectPath(k, step + 1, end, out);
    }
  }
}

namespace {

// An untyped value cast with `parse`: the empty sequence for -1.
Num Cast(const Doc& doc, El e,
         std::optional<Decimal> (*parse)(std::string_view)) {
  Num out;
  if (e < 0) return out;
  std::string scratch;
  out.value = parse(doc.Text(e, scratch));
  out.error = !out.value;
  return out;
}

}  // namespace

Num DecimalAt(const Doc& doc, El e) { return Cast(doc, e, &Decimal::Parse); }

Num DoubleAt(const Doc& doc, El e) {
  return Cast(doc, e, &Decimal::ParseWithExponent);
}

Num SingleDecimal(const Doc& doc, const Els& els) {
  if (els.size() > 1) return Num{true, std::nullopt};
  return DecimalAt(doc, els.empty() ? -1 : els[0]);
}

Term SingleTerm(const Doc& doc, El i, int ns, const xml::Name& n) {
  const El first = doc.Kid(i, ns, n);
  if (first < 0) return Term{};
  for (El k = doc[first].next; k >= 0; k = doc[k].next) {
    if (Doc::Named(doc[k], ns, n)) {
      Term error;
      error.error = true;
      return error;
    }
  }
  std::string scratch;
  return TermOf(doc.Text(first, scratch));
}

Num RepeatedDecimal::Single(const Doc& doc, const Els& els) {
  if (els.size() != 1 || doc.HasElementChild(els[0])) {
    return SingleDecimal(doc, els);
  }
  const std::string_view text = doc[els[0]].raw;  // Doc::Text of a leaf
  if (known_ && ShortEqual(text, text_)) return value_;
  value_ = DecimalAt(doc, els[0]);
  text_ = text;
  known_ = true;
  return value_;
}

std::optional<double> UntypedDoubleAt(const Doc& doc, El e, bool* error) {
  if (e < 0) return std::nullopt;
  std::string scratch;
  return UntypedDoubleText(doc.Text(e, scratch), error);
}

std::optional<bool> BooleanAt(const Doc& doc, El e) {
  std::string scratch;
  std::string_view v = TrimSpace(doc.Text(e, scratch));
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return std::nullopt;
}

}  // namespace chorus::rules::vat
