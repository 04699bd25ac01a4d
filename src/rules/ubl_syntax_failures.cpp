// What fails in the UBL syntax walk: see ubl_syntax_failures.h.
#include "rules/ubl_syntax_failures.h"

#include <algorithm>
#include <cstddef>

namespace chorus::rules::ubl {

void AddCountFailures(const Tables& t, std::span<const int> over,
                      std::span<const Context> contexts,
                      std::span<const int> counts,
                      std::vector<Failure>& failures) {
  for (const int counter : over) {
    // The last context whose block starts at or before the counter, by a
    // binary search whose steps select instead of branching: where the
    // counter lies depends on the document, the number of steps does not.
    const Context* c = contexts.data();
    for (std::size_t n = contexts.size(); n > 1;) {
      const std::size_t half = n / 2;
      c = c[half].base <= counter ? c + half : c;
      n -= half;
    }
    const auto& rows = t.rule_rows_[c->rule];
    int r = t.row_of_offset_[c->rule][counter - c->base];
    const Tables::RuleRow& row = rows[static_cast<std::size_t>(r)];
    failures.push_back(Failure{c->entry, r, row.row->id});
  }
  for (const Context& c : contexts) {
    for (const Tables::MinCounter& m : t.min_counters_[c.rule]) {
      if (counts[static_cast<std::size_t>(c.base + m.offset)] < m.min) {
        failures.push_back(Failure{
            c.entry, m.row,
            t.rule_rows_[c.rule][static_cast<std::size_t>(m.row)].row->id});
      }
    }
  }
}

void EvaluateEagerly(const Tables& t, const Nav& nav, int rule, int32_t i,
                     std::vector<Failure>& failures) {
  const auto& rows = t.rule_rows_[rule];
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].offset < 0) continue;
    if (rows[r].hand != Hand::kUnknown) {  // a hand row the walk counts
      if (!HoldsOnNode(rows[r].hand, nav, i)) {
        failures.push_back(Failure{i, static_cast<int>(r), rows[r].row->id});
      }
      continue;
    }
    Path path = CompilePath(rows[r].row->path);
    if (path.anywhere) continue;
    if (nav.Count(i, path) > rows[r].row->max) {
      failures.push_back(Failure{i, static_cast<int>(r), rows[r].row->id});
    }
  }
}

void ReportFailures(std::vector<Failure>& failures, const RunContext& ctx) {
  std::sort(failures.begin(), failures.end(),
            [](const Failure& a, const Failure& b) {
              return a.entry != b.entry ? a.entry < b.entry : a.row < b.row;
            });
  // An assert counted over several paths may fail on more than one.
  const Failure* last = nullptr;
  for (const Failure& f : failures) {
    if (last == nullptr || last->entry != f.entry || last->row != f.row) {
      ctx.Fail(f.id, f.entry);
    }
    last = &f;
  }
}

}  // namespace chorus::rules::ubl
