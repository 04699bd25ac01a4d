// The XPath functions the Factur-X rules call, and fx:code (code lists).
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>

#include "rules/facturx_xpath_internal.h"

namespace chorus::rules::fx {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string NormalizeSpace(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (IsSpace(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

// Number of characters (code points) of UTF-8 text.
std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of code point `cp` (0-based), clamped to the size.
std::size_t ByteOffset(std::string_view s, std::size_t cp) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == cp) return i;
      ++seen;
    }
  }
  return s.size();
}

}  // namespace

std::string ItemString(const FxTree& tree, const Item& item) {
  switch (item.kind) {
    case ItemKind::kNode:
      return tree.StringValue(item.node);
    case ItemKind::kNumber:
      return item.num.ToString();
    case ItemKind::kBoolean:
      return item.b ? "true" : "false";
    default:
      return item.str;
  }
}

Number ToNumber(const FxTree& tree, const Item& item) {
  if (item.kind == ItemKind::kNumber) return item.num;
  if (item.kind == ItemKind::kBoolean) return Number::Integer(item.b ? 1 : 0);
  auto n = Number::ParseDouble(ItemString(tree, item));
  return n ? *n : Number::Double(NAN);
}

// libstdc++'s std::regex matches depth first, recursing once or more per
// character a quantifier consumes ('\s*' over a run of spaces): a long value
// would overflow the stack. The values the profile rules match are dates and
// short codes; a longer one is reported as not evaluated, never matched.
namespace {

constexpr std::size_t kMaxRegexInput = 1024;

bool RegexInputTooLong(const std::string& s, const char* fn, EvalState& st) {
  if (s.size() <= kMaxRegexInput) return false;
  st.Fail(std::string(fn) + "(): the value is " + std::to_string(s.size()) +
          " characters long; regular expressions run on at most " +
          std::to_string(kMaxRegexInput));
  return true;
}

}  // namespace

std::shared_ptr<const std::regex> CompileRegex(const std::string& pattern,
                                               const std::string& flags) {
  // XPath regexes are not anchored and share ECMAScript's \d \s \w classes;
  // XML-only classes (\i \c \p{}) are refused so no rule silently misreads.
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      char c = pattern[i + 1];
      if (c == 'i' || c == 'I' || c == 'c' || c == 'C' || c == 'p' || c == 'P')
        return nullptr;
      ++i;
    }
  }
  auto options = std::regex::ECMAScript;
  if (flags.find('i') != std::string::npos) options |= std::regex::icase;
  try {
    return std::make_shared<const std::regex>(pattern, options);
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

Seq CastToDecimal(const Item& atom, EvalState& st) {
  switch (atom.kind) {
    case ItemKind::kNumber:
      if (atom.num.IsNaN() || !std::isfinite(atom.num.ToDouble())) break;
      return {MakeNumber(atom.num.AsDecimal())};
    case ItemKind::kBoolean:
      return {MakeNumber(Number::Integer(atom.b ? 1 : 0))};
    case ItemKind::kString:
    case ItemKind::kUntyped:
      if (auto n = Number::ParseDecimal(atom.str)) return {MakeNumber(*n)};
      break;
    case ItemKind::kNode:
      break;
  }
  st.Fail("cannot convert '" + atom.str + "' to xs:decimal");
  return {};
}

Seq CallFunction(const Expr& e, const Item& item, EvalState& st) {
  const FxTree& tree = st.ev.tree();
  auto arg = [&](std::size_t k) { return EvalExpr(*e.kids[k], item, st); };
  auto atoms = [&](std::size_t k) { return Atomize(tree, arg(k)); };
  // The string of an optional single-item argument ("" when empty); with
  // no argument, the context item.
  auto str = [&](std::size_t k) -> std::string {
    if (k >= e.kids.size()) return ItemString(tree, item);
    Seq a = atoms(k);
    if (a.size() > 1) st.Fail(e.name + "(): more than one item");
    return a.empty() ? std::string() : ItemString(tree, a[0]);
  };
  auto number = [&](std::size_t k, bool* empty) -> Number {
    Seq a = atoms(k);
    *empty = a.empty();
    if (a.size() > 1) st.Fail(e.name + "(): more than one item");
    if (a.empty()) return Number{};
    if (a[0].kind == ItemKind::kString)
      st.Fail(e.name + "(): a string is not a number");
    return ToNumber(tree, a[0]);
  };
  std::size_t n = e.kids.size();
  bool empty = false;
  switch (e.fn) {
    case Fn::kPosition:
      return {MakeNumber(Number::Integer(static_cast<long long>(st.position)))};
    case Fn::kLast:
      return {MakeNumber(Number::Integer(static_cast<long long>(st.size)))};
    case Fn::kTrue:
      return {MakeBool(true)};
    case Fn::kFalse:
      return {MakeBool(false)};
    case Fn::kNot:
      return {MakeBool(!EffectiveBool(arg(0), st))};
    case Fn::kBoolean:
      return {MakeBool(EffectiveBool(arg(0), st))};
    case Fn::kExists:
      return {MakeBool(!arg(0).empty())};
    case Fn::kEmpty:
      return {MakeBool(arg(0).empty())};
    case Fn::kCount:
      return {
          MakeNumber(Number::Integer(static_cast<long long>(arg(0).size())))};
    case Fn::kString:
      return {MakeString(str(0))};
    case Fn::kStringLength:
      return {MakeNumber(
          Number::Integer(static_cast<long long>(CodePoints(str(0)))))};
    case Fn::kNormalizeSpace:
      return {MakeString(NormalizeSpace(str(0)))};
    case Fn::kUpperCase:
    case Fn::kLowerCase: {
      std::string s = str(0);
      for (char& c : s) {
        c = static_cast<char>(
            e.fn == Fn::kUpperCase
                ? std::toupper(static_cast<unsigned char>(c))
                : std::tolower(static_cast<unsigned char>(c)));
      }
      return {MakeString(std::move(s))};
    }
    case Fn::kConcat: {
      std::string s;
      for (std::size_t k = 0; k < n; ++k) s += str(k);
      return {MakeString(std::move(s))};
    }
    case Fn::kContains:
      return {MakeBool(str(0).find(str(1)) != std::string::npos)};
    case Fn::kStartsWith:
      return {MakeBool(str(0).rfind(str(1), 0) == 0)};
    case Fn::kEndsWith: {
      std::string s = str(0), t = str(1);
      return {MakeBool(s.size() >= t.size() &&
                       s.compare(s.size() - t.size(), t.size(), t) == 0)};
    }
    case Fn::kSubstringAfter:
    case Fn::kSubstringBefore: {
      std::string s = str(0), t = str(1);
      std::size_t at = s.find(t);
      if (at == std::string::npos) return {MakeString("")};
      return {MakeString(e.fn == Fn::kSubstringAfter ? s.substr(at + t.size())
                                                     : s.substr(0, at))};
    }
    case Fn::kSubstring: {
      // XPath: characters at positions p with start <= p < start + length,
      // positions and bounds rounded.
      std::string s = str(0);
      double start = number(1, &empty).Round().ToDouble();
      double end = n > 2 ? start + number(2, &empty).Round().ToDouble() : 1e18;
      std::size_t len = CodePoints(s);
      double first = std::max(start, 1.0),
             last = std::min(end, static_cast<double>(len) + 1);
      if (!(first < last)) return {MakeString("")};
      std::size_t b = ByteOffset(s, static_cast<std::size_t>(first) - 1);
      std::size_t x = ByteOffset(s, static_cast<std::size_t>(last) - 1);
      return {MakeString(s.substr(b, x - b))};
    }
    case Fn::kNumber: {
      Seq a = n ? atoms(0) : Seq{item};
      if (a.size() > 1) {
        st.Fail("number(): more than one item");
        return {};
      }
      if (a.empty()) return {MakeNumber(Number::Double(NAN))};
      Number v = ToNumber(tree, Atomize(tree, {a[0]})[0]);
      return {MakeNumber(Number::Double(v.ToDouble()))};
    }
    case Fn::kAbs:
    case Fn::kRound:
    case Fn::kFloor: {
      Number v = number(0, &empty);
      if (empty || st.Failed()) return {};
      return {MakeNumber(e.fn == Fn::kAbs
                             ? v.Abs()
                             : (e.fn == Fn::kRound ? v.Round() : v.Floor()))};
    }
    case Fn::kDecimal: {
      Seq a = atoms(0);
      if (a.empty()) return {};
      if (a.size() > 1) {
        st.Fail("xs:decimal(): more than one item");
        return {};
      }
      return CastToDecimal(a[0], st);
    }
    case Fn::kSum: {
      Number total = Number::Integer(0);
      for (const Item& a : atoms(0)) {
        if (a.kind == ItemKind::kString || a.kind == ItemKind::kBoolean) {
          st.Fail("sum() of a non-numeric value");
          return {};
        }
        Number v = ToNumber(tree, a);  // untyped values sum as doubles
        if (a.kind == ItemKind::kUntyped && v.IsNaN()) {
          st.Fail("sum(): '" + a.str + "' is not a number");
          return {};
        }
        total = total + v;
      }
      return {MakeNumber(total)};
    }
    case Fn::kMatches: {
      std::string s = str(0);
      auto re = e.regex ? e.regex : CompileRegex(str(1), n > 2 ? str(2) : "");
      if (!re) {
        st.Fail("matches(): unsupported regular expression");
        return {};
      }
      if (RegexInputTooLong(s, "matches", st)) return {};
      return {MakeBool(std::regex_search(s, *re))};
    }
    case Fn::kTokenize: {
      std::string s = str(0);
      auto re = e.regex ? e.regex : CompileRegex(str(1), n > 2 ? str(2) : "");
      if (!re) {
        st.Fail("tokenize(): unsupported regular expression");
        return {};
      }
      if (RegexInputTooLong(s, "tokenize", st)) return {};
      Seq out;
      if (s.empty()) return out;
      std::sregex_token_iterator it(s.begin(), s.end(), *re, -1), end;
      for (; it != end; ++it) out.push_back(MakeString(it->str()));
      return out;
    }
    case Fn::kCode: {
      Number list = number(0, &empty);
      std::string value = str(1);
      if (st.Failed()) return {};
      return {
          MakeBool(st.ev.InCodeList(static_cast<int>(list.ToDouble()), value))};
    }
  }
  return {};
}

}  // namespace chorus::rules::fx
