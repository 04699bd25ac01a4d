#include "rules/code_lists_eval.h"

#include <cstdint>

namespace chorus::rules::code_lists_eval {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// IsXmlSpace with one comparison for the usual byte (every XML space is
// at most ' ').
bool IsSpaceFast(char c) {
  return static_cast<unsigned char>(c) <= ' ' && IsXmlSpace(c);
}

}  // namespace

void UpperCase(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
      continue;
    }
    std::string_view rest = in.substr(i);
    struct Special {
      std::string_view utf8;
      std::string_view upper;
    };
    static constexpr Special kSpecials[] = {
        {"\xC4\xB1", "I"},       // U+0131 dotless i
        {"\xC5\xBF", "S"},       // U+017F long s
        {"\xC3\x9F", "SS"},      // U+00DF sharp s
        {"\xEF\xAC\x80", "FF"},  // U+FB00..U+FB06 ligatures
        {"\xEF\xAC\x81", "FI"},  {"\xEF\xAC\x82", "FL"},
        {"\xEF\xAC\x83", "FFI"}, {"\xEF\xAC\x84", "FFL"},
        {"\xEF\xAC\x85", "ST"},  {"\xEF\xAC\x86", "ST"},
    };
    bool replaced = false;
    if (c >= 0x80) {
      for (const Special& s : kSpecials) {
        if (rest.starts_with(s.utf8)) {
          out.append(s.upper);
          i += s.utf8.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(static_cast<char>(c));
  }
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

int CastToBoolean(std::string_view value) {
  std::size_t b = 0;
  std::size_t e = value.size();
  while (b < e && IsXmlSpace(value[b])) ++b;
  while (e > b && IsXmlSpace(value[e - 1])) --e;
  std::string_view v = value.substr(b, e - b);
  if (v == "true" || v == "1") return 1;
  if (v == "false" || v == "0") return 0;
  return -1;
}

Walk::Scratch& Walk::ThreadScratch() {
  thread_local Scratch scratch;
  // What a huge document grew (a long nested value) is not kept by the
  // thread for good.
  constexpr std::size_t kKeep = std::size_t{1} << 16;
  for (std::string* buffer :
       {&scratch.value, &scratch.predicate_value, &scratch.upper}) {
    if (buffer->capacity() > kKeep) std::string().swap(*buffer);
  }
  return scratch;
}

bool Walk::InListSlow(int32_t i, std::string_view attribute, CodeList list,
                      bool upper_case) const {
  std::string_view v;
  bool in_document = true;  // v stays valid for the whole run
  if (!attribute.empty()) {
    v = AttributeValue(i, attribute);
  } else if (index_[i].first_child < 0) {
    v = index_[i].text;  // the string value, already trimmed
  } else {
    v = StringValue(i);
    in_document = false;
  }
  // normalize-space(V) holds a space exactly when V has whitespace between
  // two other characters; otherwise it is V trimmed.
  if (!attribute.empty() || !in_document) {
    while (!v.empty() && IsSpaceFast(v.front())) v.remove_prefix(1);
    while (!v.empty() && IsSpaceFast(v.back())) v.remove_suffix(1);
  }
  for (char c : v) {
    if (IsSpaceFast(c)) return false;
  }
  if (upper_case) {
    UpperCase(v, upper_);
    // upper-case() can lengthen but never adds whitespace to a token, so
    // normalize-space() after it changes nothing.
    return ListHasToken(list, upper_);
  }
  // Invoices repeat their codes (a currency on every amount, a unit on
  // every line): the last answer per list is kept.
  const auto l = static_cast<std::size_t>(list);
  Memo& memo = memo_[l];
  const bool known = ((known_ >> l) & 1) != 0;
  if (known && ShortEqual(memo.value(), v)) return memo.member;
  bool member = ListHasToken(list, v);
  if (in_document) {
    memo.data = v.data();
    memo.size = v.size();
    memo.member = member;
    known_ |= uint32_t{1} << l;
  }
  return member;
}

bool Walk::HasAncestor(int32_t i, int ns, std::string_view local) const {
  for (int32_t p = Parent(i); p >= 0; p = index_[p].parent) {
    if (IsElement(p, ns, local)) return true;
  }
  return false;
}

bool Walk::HasAncestor(int32_t i, int ns, std::string_view local,
                       std::string_view other) const {
  for (int32_t p = Parent(i); p >= 0; p = index_[p].parent) {
    if (IsElement(p, ns, local) || IsElement(p, ns, other)) return true;
  }
  return false;
}

bool Walk::AnyChildStringEquals(int32_t parent, int ns, std::string_view local,
                                std::string_view expected) const {
  for (int32_t c = index_[parent].first_child; c >= 0; c = index_[c].next) {
    if (IsElement(c, ns, local) && StringValue(c) == expected) return true;
  }
  return false;
}

int Walk::PredicateStep(int32_t from, std::span<const int> ns,
                        std::span<const std::string_view> locals,
                        bool expected) const {
  for (int32_t c = index_[from].first_child; c >= 0; c = index_[c].next) {
    if (!IsElement(c, ns.front(), locals.front())) continue;
    if (ns.size() > 1) {
      int r = PredicateStep(c, ns.subspan(1), locals.subspan(1), expected);
      if (r != 0) return r;
      continue;
    }
    int b = CastToBoolean(index_.StringValue(c, predicate_value_));
    if (b < 0) return -1;
    if ((b == 1) == expected) return 1;
  }
  return 0;
}

bool Walk::BooleanPredicate(int32_t from, std::span<const int> ns,
                            std::span<const std::string_view> locals,
                            bool expected) const {
  if (ns.empty() || ns.size() != locals.size()) return false;
  return PredicateStep(from, ns, locals, expected) == 1;
}

}  // namespace chorus::rules::code_lists_eval
