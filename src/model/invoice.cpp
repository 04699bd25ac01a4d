#include "chorus/model/invoice.h"

namespace chorus {

bool IsCreditNoteTypeCode(std::string_view code) {
  // UNTDID 1001 codes EN 16931 lists for credit notes: 81 credit note
  // related to goods or services, 83 credit note related to financial
  // adjustments, 381 credit note, 396 factored credit note, 532 forwarder's
  // credit note.
  return code == "81" || code == "83" || code == "381" || code == "396" || code == "532";
}

}  // namespace chorus
