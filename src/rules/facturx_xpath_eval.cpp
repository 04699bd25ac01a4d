// The XPath evaluator: paths and predicates over FxTree, comparisons,
// arithmetic, for/some/every, casts. Functions are in
// facturx_xpath_func.cpp.
#include <algorithm>
#include <string>
#include <utility>

#include "rules/facturx_xpath_internal.h"

namespace chorus::rules::fx {

Item MakeString(std::string s) {
  Item i;
  i.kind = ItemKind::kString;
  i.str = std::move(s);
  return i;
}
Item MakeNumber(Number n) {
  Item i;
  i.kind = ItemKind::kNumber;
  i.num = n;
  return i;
}
Item MakeBool(bool b) {
  Item i;
  i.kind = ItemKind::kBoolean;
  i.b = b;
  return i;
}

namespace {

Item MakeUntyped(std::string s) {
  Item i = MakeString(std::move(s));
  i.kind = ItemKind::kUntyped;
  return i;
}

bool IsNumeric(const Item& i) { return i.kind == ItemKind::kNumber; }
bool IsStringLike(const Item& i) {
  return i.kind == ItemKind::kString || i.kind == ItemKind::kUntyped;
}

bool Holds(int c, Cmp cmp) {
  if (c == 2) return cmp == Cmp::kNe;  // NaN: only != holds
  switch (cmp) {
    case Cmp::kEq:
      return c == 0;
    case Cmp::kNe:
      return c != 0;
    case Cmp::kLt:
      return c < 0;
    case Cmp::kLe:
      return c <= 0;
    case Cmp::kGt:
      return c > 0;
    case Cmp::kGe:
      return c >= 0;
    case Cmp::kIs:
      break;
  }
  return false;
}

// untyped -> xs:double, or an error.
bool UntypedToNumber(const Item& i, Number* out, EvalState& st) {
  auto n = Number::ParseDouble(i.str);
  if (!n) {
    st.Fail("cannot convert '" + i.str + "' to a number");
    return false;
  }
  *out = *n;
  return true;
}

bool UntypedToBool(const Item& i, bool* out, EvalState& st) {
  std::string_view s = i.str;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' ||
                        s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' ||
                        s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s == "true" || s == "1") {
    *out = true;
  } else if (s == "false" || s == "0") {
    *out = false;
  } else {
    st.Fail("cannot convert '" + i.str + "' to a boolean");
    return false;
  }
  return true;
}

// Compares two atomic values; `general` applies the general-comparison
// conversions of untyped values, otherwise untyped compares as a string.
bool CompareAtoms(Item a, Item b, Cmp cmp, bool general, EvalState& st) {
  if (general) {
    if (a.kind == ItemKind::kUntyped && IsNumeric(b)) {
      if (!UntypedToNumber(a, &a.num, st)) return false;
      a.kind = ItemKind::kNumber;
    } else if (b.kind == ItemKind::kUntyped && IsNumeric(a)) {
      if (!UntypedToNumber(b, &b.num, st)) return false;
      b.kind = ItemKind::kNumber;
    } else if (a.kind == ItemKind::kUntyped && b.kind == ItemKind::kBoolean) {
      if (!UntypedToBool(a, &a.b, st)) return false;
      a.kind = ItemKind::kBoolean;
    } else if (b.kind == ItemKind::kUntyped && a.kind == ItemKind::kBoolean) {
      if (!UntypedToBool(b, &b.b, st)) return false;
      b.kind = ItemKind::kBoolean;
    }
  }
  if (IsNumeric(a) && IsNumeric(b)) return Holds(Compare(a.num, b.num), cmp);
  if (IsStringLike(a) && IsStringLike(b)) {
    int c = a.str.compare(b.str);
    return Holds(c < 0 ? -1 : (c > 0 ? 1 : 0), cmp);
  }
  if (a.kind == ItemKind::kBoolean && b.kind == ItemKind::kBoolean) {
    return Holds(a.b == b.b ? 0 : (a.b ? 1 : -1), cmp);
  }
  st.Fail("cannot compare values of different types");
  return false;
}

// One operand of arithmetic: empty, or a single number.
bool Operand(const Seq& atoms, Number* out, bool* empty, EvalState& st) {
  *empty = atoms.empty();
  if (atoms.empty()) return true;
  if (atoms.size() > 1) {
    st.Fail("arithmetic on a sequence of more than one item");
    return false;
  }
  const Item& i = atoms[0];
  if (i.kind == ItemKind::kNumber) {
    *out = i.num;
    return true;
  }
  if (i.kind == ItemKind::kUntyped) return UntypedToNumber(i, out, st);
  st.Fail("arithmetic on a non-numeric value");
  return false;
}

Seq Arithmetic(const Expr& e, const Item& item, EvalState& st) {
  Seq a = Atomize(st.ev.tree(), EvalExpr(*e.kids[0], item, st));
  Seq b = Atomize(st.ev.tree(), EvalExpr(*e.kids[1], item, st));
  Number x, y;
  bool ex, ey;
  if (st.Failed() || !Operand(a, &x, &ex, st) || !Operand(b, &y, &ey, st) ||
      ex || ey)
    return {};
  std::optional<Number> r;
  switch (e.op) {
    case Op::kAdd:
      r = x + y;
      break;
    case Op::kSub:
      r = x - y;
      break;
    case Op::kMul:
      r = x * y;
      break;
    case Op::kDiv:
      r = Divide(x, y);
      break;
    case Op::kIdiv:
      r = IntDivide(x, y);
      break;
    default:
      r = Modulo(x, y);
      break;
  }
  if (!r) {
    st.Fail("division by zero");
    return {};
  }
  return {MakeNumber(*r)};
}

Seq Path(const Expr& e, const Item& item, EvalState& st) {
  Seq left = EvalExpr(*e.kids[0], item, st);
  if (st.Failed()) return {};
  for (const Item& i : left) {
    if (i.kind != ItemKind::kNode) {
      st.Fail("a path step applied to an atomic value");
      return {};
    }
  }
  const Expr& step = *e.kids[1];
  if (e.op == Op::kDescPath) {
    Seq nodes;
    if (step.op == Op::kChild && step.axis == Axis::kChild &&
        step.kids.empty()) {
      // //name without predicates: the descendant axis directly.
      for (const Item& i : left)
        Descendants(st.ev.tree(), i.node, &step, &nodes);
      SortNodes(&nodes);
      return nodes;
    }
    for (const Item& i : left) {
      nodes.push_back(i);
      Descendants(st.ev.tree(), i.node, nullptr, &nodes);
    }
    SortNodes(&nodes);
    left = std::move(nodes);
  }
  Seq out;
  bool atomic = false;
  std::size_t saved_position = st.position, saved_size = st.size;
  for (std::size_t n = 0; n < left.size(); ++n) {
    const Item& i = left[n];
    st.position = n + 1;
    st.size = left.size();
    Seq r = (step.op == Op::kChild || step.op == Op::kAttr ||
             step.op == Op::kParent)
                ? AxisStep(step, i.node, st)
                : EvalExpr(step, i, st);
    if (st.Failed()) return {};
    for (Item& x : r) {
      atomic |= x.kind != ItemKind::kNode;
      out.push_back(std::move(x));
    }
  }
  st.position = saved_position;
  st.size = saved_size;
  if (!atomic) SortNodes(&out);
  return out;
}

// for / some / every: binds vars[k] to each item of kids[k] in turn.
void Bind(const Expr& e, std::size_t k, const Item& item, EvalState& st,
          Seq* out, bool* decided) {
  if (st.Failed() || *decided) return;
  if (k == e.vars.size()) {
    Seq r = EvalExpr(*e.kids.back(), item, st);
    if (e.op == Op::kFor) {
      for (Item& x : r) out->push_back(std::move(x));
      return;
    }
    bool b = EffectiveBool(r, st);
    if (e.op == Op::kSome ? b : !b) *decided = true;
    return;
  }
  if (k < e.unread.size() && e.unread[k]) {
    st.vars.push_back(Variable{e.vars[k], {}});
    Bind(e, k + 1, item, st, out, decided);
    st.vars.pop_back();
    return;
  }
  Seq values = EvalExpr(*e.kids[k], item, st);
  for (Item& v : values) {
    st.vars.push_back(Variable{e.vars[k], {v}});
    Bind(e, k + 1, item, st, out, decided);
    st.vars.pop_back();
    if (st.Failed() || *decided) return;
  }
}

Seq Cast(const Expr& e, const Item& item, EvalState& st) {
  Seq a = Atomize(st.ev.tree(), EvalExpr(*e.kids[0], item, st));
  if (st.Failed()) return {};
  if (a.empty()) {
    if (!e.optional) st.Fail("cast of an empty sequence");
    return {};
  }
  if (a.size() > 1) {
    st.Fail("cast of more than one item");
    return {};
  }
  const Item& v = a[0];
  if (e.name == "xs:string") return {MakeString(ItemString(st.ev.tree(), v))};
  if (e.name == "xs:boolean") {
    if (v.kind == ItemKind::kBoolean) return {v};
    if (v.kind == ItemKind::kNumber)
      return {MakeBool(!v.num.IsZero() && !v.num.IsNaN())};
    Item b;
    if (!UntypedToBool(v, &b.b, st)) return {};
    return {MakeBool(b.b)};
  }
  if (e.name == "xs:double") {
    if (v.kind == ItemKind::kNumber)
      return {MakeNumber(Number::Double(v.num.ToDouble()))};
    Number n;
    if (!UntypedToNumber(v, &n, st)) return {};
    return {MakeNumber(n)};
  }
  return CastToDecimal(v, st);
}

}  // namespace

Seq Atomize(const FxTree& tree, const Seq& seq) {
  Seq out;
  out.reserve(seq.size());
  for (const Item& i : seq) {
    out.push_back(
        i.kind == ItemKind::kNode ? MakeUntyped(tree.StringValue(i.node)) : i);
  }
  return out;
}

bool EffectiveBool(const Seq& seq, EvalState& st) {
  if (seq.empty()) return false;
  const Item& first = seq[0];
  if (first.kind == ItemKind::kNode) return true;
  if (seq.size() > 1) {
    st.Fail("effective boolean value of a sequence of atomic values");
    return false;
  }
  switch (first.kind) {
    case ItemKind::kBoolean:
      return first.b;
    case ItemKind::kNumber:
      return !first.num.IsZero() && !first.num.IsNaN();
    default:
      return !first.str.empty();
  }
}

Seq EvalUncached(const Expr& e, const Item& item, EvalState& st);

Seq EvalExpr(const Expr& e, const Item& item, EvalState& st) {
  if (st.Failed()) return {};
  if (e.memo) {
    auto& memo = st.ev.memo(st.lenient);
    if (auto it = memo.find(&e); it != memo.end()) return it->second;
    Seq r = EvalUncached(e, item, st);
    if (!st.Failed()) memo.emplace(&e, r);
    return r;
  }
  return EvalUncached(e, item, st);
}

Seq EvalUncached(const Expr& e, const Item& item, EvalState& st) {
  switch (e.op) {
    case Op::kString:
      return {MakeString(e.str)};
    case Op::kNumber:
      return {MakeNumber(e.num)};
    case Op::kVar:
      for (auto it = st.vars.rbegin(); it != st.vars.rend(); ++it) {
        if (it->name == e.name) return it->value;
      }
      st.Fail("unknown variable $" + e.name);
      return {};
    case Op::kContext:
      return {item};
    case Op::kRoot:
      return {MakeNode(0)};
    case Op::kChild:
    case Op::kAttr:
    case Op::kParent:
      if (item.kind != ItemKind::kNode) {
        st.Fail("a path step applied to an atomic value");
        return {};
      }
      return AxisStep(e, item.node, st);
    case Op::kPath:
    case Op::kDescPath:
      return Path(e, item, st);
    case Op::kFilter:
      return ApplyPredicates(EvalExpr(*e.kids[0], item, st), e, 1, st);
    case Op::kOr:
    case Op::kAnd: {
      bool a = EffectiveBool(EvalExpr(*e.kids[0], item, st), st);
      if (st.Failed()) return {};
      if (e.op == Op::kOr ? a : !a) return {MakeBool(a)};
      return {MakeBool(EffectiveBool(EvalExpr(*e.kids[1], item, st), st))};
    }
    case Op::kGeneralCmp:
    case Op::kValueCmp: {
      Seq a = Atomize(st.ev.tree(), EvalExpr(*e.kids[0], item, st));
      Seq b = Atomize(st.ev.tree(), EvalExpr(*e.kids[1], item, st));
      if (st.Failed()) return {};
      bool general = e.op == Op::kGeneralCmp;
      if (!general) {
        if (a.empty() || b.empty()) return {};
        if (a.size() > 1 || b.size() > 1) {
          st.Fail("value comparison of a sequence");
          return {};
        }
      }
      for (const Item& x : a) {
        for (const Item& y : b) {
          if (CompareAtoms(x, y, e.cmp, general, st)) return {MakeBool(true)};
          if (st.Failed()) return {};
        }
      }
      return {MakeBool(false)};
    }
    case Op::kNodeCmp: {
      Seq a = EvalExpr(*e.kids[0], item, st);
      Seq b = EvalExpr(*e.kids[1], item, st);
      if (st.Failed() || a.empty() || b.empty()) return {};
      if (a.size() > 1 || b.size() > 1 || a[0].kind != ItemKind::kNode ||
          b[0].kind != ItemKind::kNode) {
        st.Fail("'is' needs two single nodes");
        return {};
      }
      return {MakeBool(a[0].node == b[0].node)};
    }
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
    case Op::kIdiv:
    case Op::kMod:
      return Arithmetic(e, item, st);
    case Op::kNeg: {
      Seq a = Atomize(st.ev.tree(), EvalExpr(*e.kids[0], item, st));
      Number x;
      bool empty;
      if (st.Failed() || !Operand(a, &x, &empty, st) || empty) return {};
      return {MakeNumber(-x)};
    }
    case Op::kUnion: {
      Seq a = EvalExpr(*e.kids[0], item, st);
      Seq b = EvalExpr(*e.kids[1], item, st);
      for (Item& x : b) a.push_back(std::move(x));
      for (const Item& x : a) {
        if (x.kind != ItemKind::kNode) {
          st.Fail("union of atomic values");
          return {};
        }
      }
      SortNodes(&a);
      return a;
    }
    case Op::kCall:
      return CallFunction(e, item, st);
    case Op::kFor:
    case Op::kSome:
    case Op::kEvery: {
      Seq out;
      bool decided = false;
      Bind(e, 0, item, st, &out, &decided);
      if (e.op == Op::kFor) return out;
      return {MakeBool(e.op == Op::kSome ? decided : !decided)};
    }
    case Op::kCast:
      return Cast(e, item, st);
    case Op::kSequence: {
      Seq out;
      for (const ExprPtr& k : e.kids) {
        for (Item& x : EvalExpr(*k, item, st)) out.push_back(std::move(x));
      }
      return out;
    }
    case Op::kIf: {
      bool c = EffectiveBool(EvalExpr(*e.kids[0], item, st), st);
      return EvalExpr(*e.kids[c ? 1 : 2], item, st);
    }
  }
  return {};
}

Result<Seq> Evaluator::Match(const Expr& e) {
  EvalState st{*this, {}, {}};
  st.lenient = true;
  Seq r = EvalExpr(e, MakeNode(0), st);
  if (st.Failed()) return Error{Error::Kind::kInvalidInput, st.error, {}};
  return r;
}

Result<Seq> Evaluator::Eval(const Expr& e, int context,
                            const std::vector<Variable>& vars) {
  EvalState st{*this, vars, {}};
  Seq r = EvalExpr(e, MakeNode(context), st);
  if (st.Failed()) return Error{Error::Kind::kInvalidInput, st.error, {}};
  return r;
}

Result<bool> Evaluator::Test(const Expr& e, int context,
                             const std::vector<Variable>& vars) {
  EvalState st{*this, vars, {}};
  Seq r = EvalExpr(e, MakeNode(context), st);
  bool b = st.Failed() ? false : EffectiveBool(r, st);
  if (st.Failed()) return Error{Error::Kind::kInvalidInput, st.error, {}};
  return b;
}

}  // namespace chorus::rules::fx
