// What the parser works out once about a parsed expression: which rooted
// subexpressions can be memoized per document, which for/some/every
// bindings are never read; and the table of supported functions.
#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "rules/facturx_xpath_internal.h"

namespace chorus::rules::fx {

const std::map<std::string, Fn, std::less<>>& FunctionTable() {
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

namespace {

bool HasVar(const Expr& e) {
  if (e.op == Op::kVar) return true;
  for (const ExprPtr& k : e.kids) {
    if (HasVar(*k)) return true;
  }
  return false;
}

// Whether `e` has the same value whatever the context item and variables
// (rooted paths, literals, functions of those); marks the rooted paths
// among such subexpressions for memoization, bottom-up.
bool MarkMemo(Expr* e) {
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

bool Reads(const Expr& e, const std::string& var) {
  if (e.op == Op::kVar && e.name == var) return true;
  for (const ExprPtr& k : e.kids) {
    if (Reads(*k, var)) return true;
  }
  return false;
}

// Always exactly one item, whatever the document: skipping it cannot
// change how many times a for/some/every body runs.
bool Singleton(const Expr& e) {
  constexpr Fn kOneItem[] = {
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
void MarkUnread(Expr* e) {
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

void MarkAllUnread(Expr* e) {
  for (ExprPtr& k : e->kids) MarkAllUnread(k.get());
  if (e->op == Op::kFor || e->op == Op::kSome || e->op == Op::kEvery)
    MarkUnread(e);
}

}  // namespace

void AnalyzeRoot(Expr* e) {
  MarkAllUnread(e);
  MarkMemo(e);
}

}  // namespace chorus::rules::fx
