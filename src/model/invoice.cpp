#include "chorus/model/invoice.h"

#include <algorithm>
#include <tuple>

namespace chorus {

bool IsCreditNoteTypeCode(std::string_view code) {
  // UNTDID 1001 codes EN 16931 lists for credit notes: 81 credit note
  // related to goods or services, 83 credit note related to financial
  // adjustments, 381 credit note, 396 factored credit note, 532 forwarder's
  // credit note.
  return code == "81" || code == "83" || code == "381" || code == "396" || code == "532";
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
