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

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { Next(); }

  Result<ExprPtr> Run() {
    ExprPtr e = ParseExpr();
    if (error_.empty()) AnalyzeRoot(e.get());
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
    auto it = FunctionTable().find(tok_.text);
    if (it == FunctionTable().end()) {
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
