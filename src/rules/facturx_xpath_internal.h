// The parsed form of an XPath expression and the pieces the parser,
// evaluator and function library share. Internal to src/rules/facturx_*.
#ifndef CHORUS_SRC_RULES_FACTURX_XPATH_INTERNAL_H_
#define CHORUS_SRC_RULES_FACTURX_XPATH_INTERNAL_H_

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "rules/facturx_xpath.h"

namespace chorus::rules::fx {

enum class Op : std::uint8_t {
  kString,
  kNumber,
  kVar,
  kContext,
  kRoot,
  kChild,     // `axis`::name-test (child by default), predicates in kids
  kAttr,      // attribute::name-test, predicates in kids
  kParent,    // ..
  kPath,      // kids[0] / kids[1]
  kDescPath,  // kids[0] // kids[1]
  kFilter,    // kids[0] filtered by the predicates kids[1..]
  kOr,
  kAnd,
  kGeneralCmp,
  kValueCmp,
  kNodeCmp,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kIdiv,
  kMod,
  kNeg,
  kUnion,
  kCall,  // function `fn`, arguments in kids
  kFor,
  kSome,
  kEvery,     // vars[i] in kids[i]; kids.back() is the body
  kCast,      // kids[0] cast as `name` (xs:decimal, xs:boolean...); `optional`
  kSequence,  // (a, b, ...)
  kIf,        // if (kids[0]) then kids[1] else kids[2]
};

enum class Cmp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIs };

// Axis of a kChild step ("ancestor::ram:X"); plain name tests are kChild.
enum class Axis : std::uint8_t {
  kChild,
  kSelf,
  kAncestor,
  kAncestorOrSelf,
  kDescendant,
  kDescendantOrSelf,
  kFollowingSibling,
  kPrecedingSibling,
};

enum class Fn : std::uint8_t {
  kAbs,
  kBoolean,
  kConcat,
  kContains,
  kCount,
  kEmpty,
  kEndsWith,
  kExists,
  kFalse,
  kFloor,
  kLowerCase,
  kMatches,
  kNormalizeSpace,
  kNot,
  kNumber,
  kRound,
  kStartsWith,
  kString,
  kStringLength,
  kSubstring,
  kSubstringAfter,
  kSubstringBefore,
  kSum,
  kTokenize,
  kTrue,
  kUpperCase,
  kDecimal,
  kCode,
  kPosition,
  kLast,
};

struct Expr {
  Op op = Op::kString;
  Cmp cmp = Cmp::kEq;
  Fn fn = Fn::kTrue;
  Ns ns = Ns::kNone;
  Axis axis = Axis::kChild;
  bool any_name = false;   // name test "*"
  bool optional = false;   // "cast as T?"
  std::string name;        // step local name, variable, cast type
  std::uint32_t hash = 0;  // NameHash(name) of a name test
  bool memo = false;       // rooted and variable-free: same value everywhere
  std::string str;         // string literal
  Number num;              // numeric literal
  std::vector<ExprPtr> kids;
  std::vector<std::string> vars;
  // for/some/every: binding k is never read and always one item, so it is
  // not evaluated (as Saxon does: its dynamic errors never surface).
  std::vector<bool> unread;
  std::shared_ptr<const std::regex> regex;  // literal pattern, compiled once
};

// The supported functions by name ("xs:decimal", "fx:code"...).
const std::map<std::string, Fn, std::less<>>& FunctionTable();
// After parsing: marks memoizable rooted subexpressions (Expr::memo) and
// unread single-item bindings (Expr::unread).
void AnalyzeRoot(Expr* root);

// A dynamic error while evaluating: the message says which.
struct EvalError {
  std::string message;
};

// Atomic helpers shared by the evaluator and the functions.
Item MakeString(std::string s);
Item MakeNumber(Number n);
Item MakeBool(bool b);
// The XPath string value of any item.
std::string ItemString(const FxTree& tree, const Item& item);
// Atomizes a sequence: nodes become untyped atomic values.
Seq Atomize(const FxTree& tree, const Seq& seq);
// An item as a number: untyped and strings as xs:double (NaN when not a
// number), booleans as 0/1.
Number ToNumber(const FxTree& tree, const Item& item);
// XPath 2 regular expression to ECMAScript (\i, \c classes refused).
std::shared_ptr<const std::regex> CompileRegex(const std::string& pattern,
                                               const std::string& flags);

struct EvalState;
// xs:decimal(atom): numbers, untyped or string decimals, booleans; an error
// for anything else.
Seq CastToDecimal(const Item& atom, EvalState& st);

// Evaluation state of one Evaluator::Eval call.
struct EvalState {
  const Evaluator& ev;
  std::vector<Variable> vars;
  std::string error;     // first dynamic error; non-empty stops evaluation
  bool lenient = false;  // Evaluator::Match: a failing predicate is false
  std::size_t position = 1,
              size = 1;  // of the context item, for position()/last()
  bool Failed() const { return !error.empty(); }
  void Fail(std::string message) {
    if (error.empty()) error = std::move(message);
  }
};

Item MakeNode(int n);
// Document order, duplicates removed (all items nodes).
void SortNodes(Seq* seq);
// Keeps the items of `input` that pass the predicates e.kids[first..].
Seq ApplyPredicates(Seq input, const Expr& e, std::size_t first, EvalState& st);
// A kChild, kAttr or kParent step from one context node.
Seq AxisStep(const Expr& e, int node, EvalState& st);
// Descendant elements of `node` (named like `name`, any when nullptr).
void Descendants(const FxTree& t, int node, const Expr* name, Seq* out);

// One evaluation step: the sequence `e` yields with the focus on `item`.
Seq EvalExpr(const Expr& e, const Item& item, EvalState& st);
bool EffectiveBool(const Seq& seq, EvalState& st);
// A function call; arguments are evaluated lazily through EvalExpr.
Seq CallFunction(const Expr& e, const Item& item, EvalState& st);

}  // namespace chorus::rules::fx

#endif  // CHORUS_SRC_RULES_FACTURX_XPATH_INTERNAL_H_
