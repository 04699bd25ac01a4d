#include "chorus/model/invoice.h"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <utility>
#include <vector>

namespace chorus {
namespace {

// Line storage kept per thread from one invoice to the next. Capped so that
// a thread keeps no more than about 80 KB after a large invoice.
constexpr std::size_t kMaxSpareLines = 64;

// Whether this thread's spare exists: read before touching it, so that an
// invoice built before it (a static) or destroyed after it (at thread exit)
// leaves it alone. Trivially destructible, so it is still valid then.
enum class SpareState : unsigned char { kNone, kAlive, kGone };
thread_local constinit SpareState spare_state = SpareState::kNone;

struct SpareLines {
  SpareLines() { spare_state = SpareState::kAlive; }
  SpareLines(const SpareLines&) = delete;
  SpareLines& operator=(const SpareLines&) = delete;
  ~SpareLines() { spare_state = SpareState::kGone; }
  std::vector<InvoiceLine> lines;  // always empty; only its capacity counts
};
thread_local SpareLines spare_lines;

std::vector<InvoiceLine> TakeSpareLines() {
  if (spare_state != SpareState::kAlive) return {};
  return std::move(spare_lines.lines);  // leaves the spare empty
}

void KeepSpareLines(std::vector<InvoiceLine>& lines) {
  const std::size_t capacity = lines.capacity();
  if (capacity == 0 || capacity > kMaxSpareLines ||
      spare_state == SpareState::kGone) {
    return;
  }
  std::vector<InvoiceLine>& spare = spare_lines.lines;  // built on first use
  if (spare.capacity() >= capacity) return;
  lines.clear();
  spare.swap(lines);  // the smaller storage is freed with `lines`
}

}  // namespace

Invoice::Invoice() : lines(TakeSpareLines()) {}

Invoice::~Invoice() { KeepSpareLines(lines); }

bool IsCreditNoteTypeCode(std::string_view code) {
  // UNTDID 1001 codes EN 16931 lists for credit notes: 81 credit note
  // related to goods or services, 83 credit note related to financial
  // adjustments, 381 credit note, 396 factored credit note, 532 forwarder's
  // credit note.
  return code == "81" || code == "83" || code == "381" || code == "396" ||
         code == "532";
}

bool Seller::operator==(const Seller& o) const {
  auto rest = [](const Seller& s) {
    return std::tie(s.name, s.trading_name, s.legal_registration_id, s.vat_id,
                    s.tax_registration_id, s.additional_legal_info,
                    s.electronic_address, s.address, s.contact);
  };
  return rest(*this) == rest(o) && ids.size() == o.ids.size() &&
         std::is_permutation(ids.begin(), ids.end(), o.ids.begin());
}

}  // namespace chorus
