// Steps along the axes (child, attribute, parent, self, ancestor,
// descendant, siblings) and predicates, over FxTree.
#include <algorithm>
#include <utility>
#include <vector>

#include "rules/facturx_xpath_internal.h"

namespace chorus::rules::fx {
namespace {

bool NameMatches(const FxTree::Node& n, const Expr& e) {
  if (e.any_name) return e.ns == Ns::kOther || n.ns == e.ns;
  return n.hash == e.hash && n.ns == e.ns && n.local == e.name;
}

// A kChild step on its axis; reverse axes are filtered nearest first, as
// positional predicates count that way, then put back in document order.
Seq OtherAxis(const Expr& e, int node, EvalState& st) {
  const FxTree& t = st.ev.tree();
  Seq out;
  auto add = [&](int n) {
    if (t.at(n).kind == FxTree::Kind::kElement && NameMatches(t.at(n), e))
      out.push_back(MakeNode(n));
  };
  bool reverse = false;
  switch (e.axis) {
    case Axis::kChild:
      for (int c = t.at(node).first_child; c >= 0; c = t.at(c).next_sibling)
        add(c);
      break;
    case Axis::kSelf:
      add(node);
      break;
    case Axis::kAncestorOrSelf:
      add(node);
      [[fallthrough]];
    case Axis::kAncestor:
      reverse = true;
      for (int p = t.at(node).parent; p >= 0; p = t.at(p).parent) add(p);
      break;
    case Axis::kDescendantOrSelf:
      add(node);
      [[fallthrough]];
    case Axis::kDescendant:
      Descendants(t, node, &e, &out);
      break;
    case Axis::kFollowingSibling:
      if (t.at(node).kind != FxTree::Kind::kElement) break;
      for (int s = t.at(node).next_sibling; s >= 0; s = t.at(s).next_sibling)
        add(s);
      break;
    case Axis::kPrecedingSibling: {
      if (t.at(node).kind != FxTree::Kind::kElement || t.at(node).parent < 0)
        break;
      reverse = true;
      for (int s = t.at(t.at(node).parent).first_child; s >= 0 && s != node;
           s = t.at(s).next_sibling)
        add(s);
      std::reverse(out.begin(), out.end());
      break;
    }
  }
  out = ApplyPredicates(std::move(out), e, 0, st);
  if (reverse) SortNodes(&out);
  return out;
}

// The step `e` (child, attribute, parent) from one context node.
}  // namespace

Item MakeNode(int n) {
  Item i;
  i.kind = ItemKind::kNode;
  i.node = n;
  return i;
}

void SortNodes(Seq* seq) {
  std::sort(seq->begin(), seq->end(),
            [](const Item& a, const Item& b) { return a.node < b.node; });
  seq->erase(std::unique(
                 seq->begin(), seq->end(),
                 [](const Item& a, const Item& b) { return a.node == b.node; }),
             seq->end());
}

Seq ApplyPredicates(Seq input, const Expr& e, std::size_t first,
                    EvalState& st) {
  for (std::size_t p = first; p < e.kids.size() && !st.Failed(); ++p) {
    Seq kept;
    for (std::size_t i = 0; i < input.size(); ++i) {
      // The focus moves to this item; the caller's comes back afterwards.
      std::size_t saved_position = st.position, saved_size = st.size;
      st.position = i + 1;
      st.size = input.size();
      Seq r = EvalExpr(*e.kids[p], input[i], st);
      st.position = saved_position;
      st.size = saved_size;
      bool keep = false;
      if (st.Failed()) {
        if (!st.lenient) return {};
      } else if (r.size() == 1 && r[0].kind == ItemKind::kNumber) {
        keep = Compare(r[0].num,
                       Number::Integer(static_cast<long long>(i + 1))) == 0;
      } else {
        keep = EffectiveBool(r, st);
      }
      // A rule context (an XSLT pattern) does not match a node whose
      // predicate raises an error; the other nodes are still tried.
      if (st.lenient) st.error.clear();
      if (keep) kept.push_back(std::move(input[i]));
    }
    input = std::move(kept);
  }
  return input;
}

Seq AxisStep(const Expr& e, int node, EvalState& st) {
  const FxTree& t = st.ev.tree();
  Seq out;
  if (e.op == Op::kParent) {
    if (t.at(node).parent >= 0) out.push_back(MakeNode(t.at(node).parent));
  } else if (e.op == Op::kChild) {
    return OtherAxis(e, node, st);
  } else {
    const FxTree::Node& n = t.at(node);
    for (int a = n.first_attr; a < n.first_attr + n.attr_count; ++a) {
      if (NameMatches(t.at(a), e)) out.push_back(MakeNode(a));
    }
  }
  return ApplyPredicates(std::move(out), e, 0, st);
}

void Descendants(const FxTree& t, int node, const Expr* name, Seq* out) {
  if (name != nullptr && !name->any_name) {
    // By the name index: the named elements inside node's preorder range.
    const std::vector<int>* named = t.Named(name->ns, name->hash);
    if (named == nullptr) return;
    auto it = std::upper_bound(named->begin(), named->end(), node);
    for (; it != named->end() && *it < t.at(node).end; ++it) {
      if (NameMatches(t.at(*it), *name)) out->push_back(MakeNode(*it));
    }
    return;
  }
  for (int c = t.at(node).first_child; c >= 0; c = t.at(c).next_sibling) {
    if (name == nullptr || NameMatches(t.at(c), *name)) {
      out->push_back(MakeNode(c));
    }
    Descendants(t, c, name, out);
  }
}

}  // namespace chorus::rules::fx
