// Recursive-descent parser for the XPath 2.0 subset of facturx_xpath.h.
// The grammar levels follow the XPath 2.0 precedence table; "*" and the
// operator names (and, or, div, eq...) are told apart from name tests by
// position, as the XPath spec's lexical rules say.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "rules/facturx_xpath_internal.h"

namespace chorus::rules::fx {

void ExprDeleter::operator()(Expr* e) const { delete e; }

namespace {

enum class Tok { kEnd, kName, kString, kNumber, kVar, kSymbol };

struct Token {
  Tok type = Tok::kEnd;
  std::string text;
  std::size_t pos = 0;
};

bool NameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool NameChar(char c) {
  return NameStart(c) || std::isdigit(static_cast<unsigned char>(c)) ||
         c == '-';
}

const std::map<std::string, Fn, std::less<>>& Functions() {
  static const auto* const table = new std::map<std::string, Fn, std::less<>>{
      {"abs", Fn::kAbs},
      {"boolean", Fn::kBoolean},
      {"concat", Fn::kConcat},
      {"contains", Fn::kContains},
      {"count", Fn::kCount},
      {"empty", Fn::kEmpty},
      {"ends-with", Fn::kEndsWith},
      {"exists", Fn::kExists},
      {"false", Fn::kFalse},
      {"floor", Fn::kFloor},
      {"lower-case", Fn::kLowerCase},
      {"matches", Fn::kMatches},
      {"normalize-space", Fn::kNormalizeSpace},
      {"not", Fn::kNot},
      {"number", Fn::kNumber},
      {"round", Fn::kRound},
      {"starts-with", Fn::kStartsWith},
      {"string", Fn::kString},
      {"string-length", Fn::kStringLength},
      {"substring", Fn::kSubstring},
      {"substring-after", Fn::kSubstringAfter},
      {"substring-before", Fn::kSubstringBefore},
      {"sum", Fn::kSum},
      {"tokenize", Fn::kTokenize},
      {"true", Fn::kTrue},
      {"upper-case", Fn::kUpperCase},
      {"xs:decimal", Fn::kDecimal},
      {"fx:code", Fn::kCode},
      {"position", Fn::kPosition},
      {"last", Fn::kLast}};
  return *table;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { Next(); }

  Result<ExprPtr> Run() {
    ExprPtr e = ParseExpr();
    if (error_.empty()) MarkMemo(e.get());
    if (error_.empty() && tok_.type != Tok::kEnd)
      Fail("unexpected '" + tok_.text + "'");
    if (!error_.empty()) {
      return Error{
          Error::Kind::kInvalidInput,
          "XPath: " + error_ + " in: " + std::string(text_.substr(0, 200)),
          {}};
    }
    return e;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  Token tok_;
  std::string error_;

  void Fail(std::string message) {
    if (error_.empty())
      error_ = std::move(message) + " at " + std::to_string(tok_.pos);
  }

  void Next() {
    while (at_ < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[at_])))
      ++at_;
    tok_ = Token{};
    tok_.pos = at_;
    if (at_ >= text_.size()) return;
    char c = text_[at_];
    if (c == '\'' || c == '"') {
      std::string s;
      ++at_;
      while (at_ < text_.size()) {
        if (text_[at_] == c) {
          if (at_ + 1 < text_.size() && text_[at_ + 1] == c) {  // doubled quote
            s += c;
            at_ += 2;
            continue;
          }
          break;
        }
        s += text_[at_++];
      }
      if (at_ >= text_.size()) return Fail("unterminated string");
      ++at_;
      tok_.type = Tok::kString;
      tok_.text = std::move(s);
      return;
    }
    bool digit_next = at_ + 1 < text_.size() &&
                      std::isdigit(static_cast<unsigned char>(text_[at_ + 1]));
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && digit_next)) {
      std::size_t start = at_;
      while (at_ < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[at_])) ||
              text_[at_] == '.')) {
        ++at_;
      }
      tok_.type = Tok::kNumber;
      tok_.text = std::string(text_.substr(start, at_ - start));
      return;
    }
    if (c == '$' || NameStart(c)) {
      bool var = c == '$';
      if (var) ++at_;
      std::size_t start = at_;
      while (at_ < text_.size() && NameChar(text_[at_])) ++at_;
      if (at_ + 1 < text_.size() && text_[at_] == ':' &&
          text_[at_ + 1] != ':' &&
          (NameStart(text_[at_ + 1]) || text_[at_ + 1] == '*')) {
        ++at_;
        if (text_[at_] == '*') {
          ++at_;
        } else {
          while (at_ < text_.size() && NameChar(text_[at_])) ++at_;
        }
      }
      tok_.type = var ? Tok::kVar : Tok::kName;
      tok_.text = std::string(text_.substr(start, at_ - start));
      if (tok_.text.empty()) Fail("empty name");
      return;
    }
    static constexpr std::string_view kTwo[] = {
        "//", "..", "!=", "<=", ">=", "::"};
    for (std::string_view two : kTwo) {
      if (text_.substr(at_, 2) == two) {
        tok_.type = Tok::kSymbol;
        tok_.text = std::string(two);
        at_ += 2;
        return;
      }
    }
    tok_.type = Tok::kSymbol;
    tok_.text = std::string(1, c);
    ++at_;
  }

  bool IsSym(std::string_view s) const {
    return tok_.type == Tok::kSymbol && tok_.text == s;
  }
  bool IsName(std::string_view s) const {
    return tok_.type == Tok::kName && tok_.text == s;
  }
  bool Accept(std::string_view s) {
    if (!IsSym(s)) return false;
    Next();
    return true;
  }
  void Expect(std::string_view s) {
    if (!Accept(s)) Fail("expected '" + std::string(s) + "'");
  }

  static ExprPtr Make(Op op) {
    ExprPtr e(new Expr);
    e->op = op;
    return e;
  }
  static ExprPtr Binary(Op op, ExprPtr a, ExprPtr b) {
    ExprPtr e = Make(op);
    e->kids.push_back(std::move(a));
    e->kids.push_back(std::move(b));
    return e;
  }

  ExprPtr ParseExpr() {
    ExprPtr first = ParseSingle();
    if (!IsSym(",")) return first;
    ExprPtr seq = Make(Op::kSequence);
    seq->kids.push_back(std::move(first));
    while (error_.empty() && Accept(",")) seq->kids.push_back(ParseSingle());
    return seq;
  }

  // Peeks whether the character after the current token starts a variable:
  // "for $x", "some $x" are the keyword forms, "for" alone is a name test.
  bool VarFollows() const {
    std::size_t i = at_;
    while (i < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[i])))
      ++i;
    return i < text_.size() && text_[i] == '$';
  }
  bool ParenFollows() const {
    std::size_t i = at_;
    while (i < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[i])))
      ++i;
    return i < text_.size() && text_[i] == '(';
  }

  static bool HasVar(const Expr& e) {
    if (e.op == Op::kVar) return true;
    for (const ExprPtr& k : e.kids) {
      if (HasVar(*k)) return true;
    }
    return false;
  }

  // Whether `e` has the same value whatever the context item and variables
  // (rooted paths, literals, functions of those); marks the rooted paths
  // among such subexpressions for memoization, bottom-up.
  static bool MarkMemo(Expr* e) {
    std::vector<bool> kid_free;
    for (ExprPtr& k : e->kids) kid_free.push_back(MarkMemo(k.get()));
    bool all =
        std::all_of(kid_free.begin(), kid_free.end(), [](bool b) { return b; });
    bool free = false;
    switch (e->op) {
      case Op::kRoot:
      case Op::kString:
      case Op::kNumber:
        free = true;
        break;
      case Op::kPath:
      case Op::kDescPath:
      case Op::kFilter: {
        free = kid_free[0];
        for (std::size_t i = 1; i < e->kids.size() && free; ++i)
          free = !HasVar(*e->kids[i]);
        e->memo = free;
        break;
      }
      case Op::kCall: {
        bool focus = e->fn == Fn::kPosition || e->fn == Fn::kLast ||
                     (e->kids.empty() &&
                      (e->fn == Fn::kNormalizeSpace || e->fn == Fn::kString ||
                       e->fn == Fn::kStringLength || e->fn == Fn::kNumber));
        free = !focus && all;
        break;
      }
      case Op::kOr:
      case Op::kAnd:
      case Op::kGeneralCmp:
      case Op::kValueCmp:
      case Op::kNodeCmp:
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
      case Op::kIdiv:
      case Op::kMod:
      case Op::kNeg:
      case Op::kUnion:
      case Op::kCast:
      case Op::kSequence:
      case Op::kIf:
        free = all;
        break;
      default:
        free = false;
    }
    return free;
  }

  static bool Reads(const Expr& e, const std::string& var) {
    if (e.op == Op::kVar && e.name == var) return true;
    for (const ExprPtr& k : e.kids) {
      if (Reads(*k, var)) return true;
    }
    return false;
  }

  // Always exactly one item, whatever the document: skipping it cannot
  // change how many times a for/some/every body runs.
  static bool Singleton(const Expr& e) {
    static constexpr Fn kOneItem[] = {
        Fn::kNormalizeSpace, Fn::kString,         Fn::kStringLength,
        Fn::kCount,          Fn::kConcat,         Fn::kUpperCase,
        Fn::kLowerCase,      Fn::kBoolean,        Fn::kNot,
        Fn::kExists,         Fn::kEmpty,          Fn::kSum,
        Fn::kTrue,           Fn::kFalse,          Fn::kContains,
        Fn::kSubstringAfter, Fn::kSubstringBefore};
    switch (e.op) {
      case Op::kString:
      case Op::kNumber:
      case Op::kOr:
      case Op::kAnd:
      case Op::kGeneralCmp:
        return true;
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
      case Op::kIdiv:
      case Op::kMod:
        return Singleton(*e.kids[0]) && Singleton(*e.kids[1]);
      case Op::kCall:
        if (std::find(std::begin(kOneItem), std::end(kOneItem), e.fn) !=
            std::end(kOneItem)) {
          return true;
        }
        if (e.fn == Fn::kDecimal || e.fn == Fn::kRound || e.fn == Fn::kAbs ||
            e.fn == Fn::kFloor) {
          return e.kids.size() == 1 && Singleton(*e.kids[0]);
        }
        return false;
      default:
        return false;
    }
  }

  // A binding is read when the body, or a later binding that is itself
  // read, names it.
  static void MarkUnread(Expr* e) {
    std::size_t n = e->vars.size();
    std::vector<bool> read(n, false);
    for (std::size_t k = n; k-- > 0;) {
      read[k] = Reads(*e->kids.back(), e->vars[k]);
      for (std::size_t j = k + 1; j < n && !read[k]; ++j) {
        read[k] = read[j] && Reads(*e->kids[j], e->vars[k]);
      }
    }
    e->unread.assign(n, false);
    for (std::size_t k = 0; k < n; ++k)
      e->unread[k] = !read[k] && Singleton(*e->kids[k]);
  }

  ExprPtr ParseSingle() {
    if (!error_.empty()) return Make(Op::kContext);
    if ((IsName("for") || IsName("some") || IsName("every")) && VarFollows()) {
      Op op =
          IsName("for") ? Op::kFor : (IsName("some") ? Op::kSome : Op::kEvery);
      Next();
      ExprPtr e = Make(op);
      do {
        if (tok_.type != Tok::kVar) {
          Fail("expected a variable");
          return e;
        }
        e->vars.push_back(tok_.text);
        Next();
        if (!IsName("in")) Fail("expected 'in'");
        Next();
        e->kids.push_back(ParseSingle());
      } while (error_.empty() && Accept(","));
      if (!IsName(op == Op::kFor ? "return" : "satisfies"))
        Fail("expected return/satisfies");
      Next();
      e->kids.push_back(ParseSingle());
      MarkUnread(e.get());
      return e;
    }
    if (IsName("if") && ParenFollows()) {
      Next();
      Expect("(");
      ExprPtr e = Make(Op::kIf);
      e->kids.push_back(ParseExpr());
      Expect(")");
      if (!IsName("then")) Fail("expected 'then'");
      Next();
      e->kids.push_back(ParseSingle());
      if (!IsName("else")) Fail("expected 'else'");
      Next();
      e->kids.push_back(ParseSingle());
      return e;
    }
    return ParseOr();
  }

  ExprPtr ParseOr() {
    ExprPtr e = ParseAnd();
    while (error_.empty() && IsName("or")) {
      Next();
      e = Binary(Op::kOr, std::move(e), ParseAnd());
    }
    return e;
  }

  ExprPtr ParseAnd() {
    ExprPtr e = ParseComparison();
    while (error_.empty() && IsName("and")) {
      Next();
      e = Binary(Op::kAnd, std::move(e), ParseComparison());
    }
    return e;
  }

  ExprPtr ParseComparison() {
    ExprPtr e = ParseAdditive();
    static const std::pair<std::string_view, Cmp> kGeneral[] = {
        {"=", Cmp::kEq},  {"!=", Cmp::kNe}, {"<", Cmp::kLt},
        {"<=", Cmp::kLe}, {">", Cmp::kGt},  {">=", Cmp::kGe}};
    static const std::pair<std::string_view, Cmp> kValue[] = {
        {"eq", Cmp::kEq}, {"ne", Cmp::kNe}, {"lt", Cmp::kLt},
        {"le", Cmp::kLe}, {"gt", Cmp::kGt}, {"ge", Cmp::kGe}};
    for (const auto& [sym, cmp] : kGeneral) {
      if (IsSym(sym)) {
        Next();
        ExprPtr c = Binary(Op::kGeneralCmp, std::move(e), ParseAdditive());
        c->cmp = cmp;
        return c;
      }
    }
    if (IsName("is")) {
      Next();
      ExprPtr c = Binary(Op::kNodeCmp, std::move(e), ParseAdditive());
      c->cmp = Cmp::kIs;
      return c;
    }
    for (const auto& [name, cmp] : kValue) {
      if (IsName(name)) {
        Next();
        ExprPtr c = Binary(Op::kValueCmp, std::move(e), ParseAdditive());
        c->cmp = cmp;
        return c;
      }
    }
    return e;
  }

  ExprPtr ParseAdditive() {
    ExprPtr e = ParseMultiplicative();
    while (error_.empty() && (IsSym("+") || IsSym("-"))) {
      Op op = IsSym("+") ? Op::kAdd : Op::kSub;
      Next();
      e = Binary(op, std::move(e), ParseMultiplicative());
    }
    return e;
  }

  ExprPtr ParseMultiplicative() {
    ExprPtr e = ParseUnion();
    while (error_.empty()) {
      Op op;
      if (IsSym("*")) {
        op = Op::kMul;
      } else if (IsName("div")) {
        op = Op::kDiv;
      } else if (IsName("idiv")) {
        op = Op::kIdiv;
      } else if (IsName("mod")) {
        op = Op::kMod;
      } else {
        break;
      }
      Next();
      e = Binary(op, std::move(e), ParseUnion());
    }
    return e;
  }

  ExprPtr ParseUnion() {
    ExprPtr e = ParseCast();
    while (error_.empty() && (IsSym("|") || IsName("union"))) {
      Next();
      e = Binary(Op::kUnion, std::move(e), ParseCast());
    }
    return e;
  }

  ExprPtr ParseCast() {
    ExprPtr e = ParseUnary();
    if (IsName("cast")) {
      Next();
      if (!IsName("as")) Fail("expected 'as'");
      Next();
      ExprPtr c = Make(Op::kCast);
      c->name = tok_.text;
      if (tok_.type != Tok::kName ||
          (c->name != "xs:decimal" && c->name != "xs:boolean" &&
           c->name != "xs:string" && c->name != "xs:double")) {
        Fail("unsupported cast target '" + tok_.text + "'");
      }
      Next();
      c->optional = Accept("?");
      c->kids.push_back(std::move(e));
      return c;
    }
    return e;
  }

  ExprPtr ParseUnary() {
    if (IsSym("-")) {
      Next();
      ExprPtr e = Make(Op::kNeg);
      e->kids.push_back(ParseUnary());
      return e;
    }
    if (IsSym("+")) {
      Next();
      return ParseUnary();
    }
    return ParsePath();
  }

  bool StepStarts() const {
    return tok_.type == Tok::kName || tok_.type == Tok::kVar ||
           tok_.type == Tok::kString || tok_.type == Tok::kNumber ||
           IsSym("*") || IsSym("@") || IsSym(".") || IsSym("..") || IsSym("(");
  }

  ExprPtr ParsePath() {
    ExprPtr e;
    if (IsSym("/")) {
      Next();
      e = Make(Op::kRoot);
      if (!StepStarts()) return e;
      return ParseRelative(Binary(Op::kPath, std::move(e), ParseStep()));
    }
    if (IsSym("//")) {
      Next();
      return ParseRelative(Binary(Op::kDescPath, Make(Op::kRoot), ParseStep()));
    }
    return ParseRelative(ParseStep());
  }

  ExprPtr ParseRelative(ExprPtr e) {
    while (error_.empty() && (IsSym("/") || IsSym("//"))) {
      Op op = IsSym("/") ? Op::kPath : Op::kDescPath;
      Next();
      e = Binary(op, std::move(e), ParseStep());
    }
    return e;
  }

  void ParsePredicates(Expr* e) {
    while (error_.empty() && Accept("[")) {
      e->kids.push_back(ParseExpr());
      Expect("]");
    }
  }

  // A name test: sets ns/name of `e` from "prefix:local", "prefix:*", "*".
  void NameTest(Expr* e, const std::string& qname) {
    if (qname == "*") {
      e->any_name = true;
      e->ns = Ns::kOther;  // with any_name: any namespace
      return;
    }
    std::size_t colon = qname.find(':');
    std::string prefix =
        colon == std::string::npos ? "" : qname.substr(0, colon);
    e->name = colon == std::string::npos ? qname : qname.substr(colon + 1);
    e->hash = NameHash(e->name);
    if (e->name == "*") {
      e->any_name = true;
      e->name.clear();
    }
    if (prefix.empty()) {
      e->ns = Ns::kNone;
    } else if (prefix == "rsm") {
      e->ns = Ns::kRsm;
    } else if (prefix == "ram") {
      e->ns = Ns::kRam;
    } else if (prefix == "udt") {
      e->ns = Ns::kUdt;
    } else if (prefix == "qdt") {
      e->ns = Ns::kQdt;
    } else {
      Fail("unknown prefix '" + prefix + "'");
    }
  }

  // "axis::" before a name test; true when one was read.
  bool ParseAxis(Expr* e) {
    static const std::pair<std::string_view, Axis> kAxes[] = {
        {"child", Axis::kChild},
        {"self", Axis::kSelf},
        {"ancestor", Axis::kAncestor},
        {"ancestor-or-self", Axis::kAncestorOrSelf},
        {"descendant", Axis::kDescendant},
        {"descendant-or-self", Axis::kDescendantOrSelf},
        {"following-sibling", Axis::kFollowingSibling},
        {"preceding-sibling", Axis::kPrecedingSibling}};
    std::size_t i = at_;
    while (i < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[i])))
      ++i;
    if (tok_.type != Tok::kName || text_.substr(i, 2) != "::") return false;
    if (tok_.text == "attribute") {
      e->op = Op::kAttr;
    } else {
      bool found = false;
      for (const auto& [name, axis] : kAxes) {
        if (tok_.text == name) {
          e->axis = axis;
          found = true;
        }
      }
      if (!found) Fail("unsupported axis '" + tok_.text + "'");
    }
    Next();
    Expect("::");
    return true;
  }

  ExprPtr ParseStep() {
    if (Accept("..")) return Make(Op::kParent);
    ExprPtr axis_step = Make(Op::kChild);
    if (ParseAxis(axis_step.get())) {
      if (tok_.type != Tok::kName && !IsSym("*")) Fail("expected a name test");
      NameTest(axis_step.get(), tok_.text);
      Next();
      ParsePredicates(axis_step.get());
      return axis_step;
    }
    if (Accept("@")) {
      ExprPtr e = Make(Op::kAttr);
      if (tok_.type != Tok::kName && !IsSym("*"))
        Fail("expected an attribute name");
      NameTest(e.get(), tok_.text);
      if (IsSym("*")) e->ns = Ns::kNone;
      Next();
      ParsePredicates(e.get());
      return e;
    }
    if ((tok_.type == Tok::kName && !ParenFollows()) || IsSym("*")) {
      ExprPtr e = Make(Op::kChild);
      NameTest(e.get(), tok_.text);
      Next();
      ParsePredicates(e.get());
      return e;
    }
    ExprPtr primary = ParsePrimary();
    if (!IsSym("[")) return primary;
    ExprPtr e = Make(Op::kFilter);
    e->kids.push_back(std::move(primary));
    ParsePredicates(e.get());
    return e;
  }

  ExprPtr ParsePrimary() {
    if (tok_.type == Tok::kString) {
      ExprPtr e = Make(Op::kString);
      e->str = tok_.text;
      Next();
      return e;
    }
    if (tok_.type == Tok::kNumber) {
      ExprPtr e = Make(Op::kNumber);
      auto n = Number::ParseDecimal(tok_.text);
      if (!n) Fail("bad number '" + tok_.text + "'");
      e->num = n.value_or(Number{});
      Next();
      return e;
    }
    if (tok_.type == Tok::kVar) {
      ExprPtr e = Make(Op::kVar);
      e->name = tok_.text;
      Next();
      return e;
    }
    if (Accept(".")) return Make(Op::kContext);
    if (Accept("(")) {
      if (Accept(")")) return Make(Op::kSequence);
      ExprPtr e = ParseExpr();
      Expect(")");
      return e;
    }
    if (tok_.type == Tok::kName) return ParseCall();
    Fail("unexpected '" + tok_.text + "'");
    Next();
    return Make(Op::kContext);
  }

  ExprPtr ParseCall() {
    auto it = Functions().find(tok_.text);
    if (it == Functions().end()) {
      Fail("unsupported function '" + tok_.text + "'");
      return Make(Op::kContext);
    }
    ExprPtr e = Make(Op::kCall);
    e->fn = it->second;
    e->name = tok_.text;
    Next();
    Expect("(");
    if (!Accept(")")) {
      do {
        e->kids.push_back(ParseSingle());
      } while (error_.empty() && Accept(","));
      Expect(")");
    }
    if ((e->fn == Fn::kMatches || e->fn == Fn::kTokenize) &&
        e->kids.size() >= 2 && e->kids[1]->op == Op::kString) {
      std::string flags = e->kids.size() > 2 && e->kids[2]->op == Op::kString
                              ? e->kids[2]->str
                              : "";
      e->regex = CompileRegex(e->kids[1]->str, flags);
      if (!e->regex) Fail("unsupported regular expression");
    }
    return e;
  }
};

}  // namespace

Result<ExprPtr> ParseXPath(std::string_view text) { return Parser(text).Run(); }

}  // namespace chorus::rules::fx
