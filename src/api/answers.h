// Reading Chorus Pro answers into the typed structs. Lenient where the
// platform is known to vary (numbers as strings, a lone object for a
// one-element list), strict only on what a caller cannot do without.
#ifndef CHORUS_SRC_API_ANSWERS_H_
#define CHORUS_SRC_API_ANSWERS_H_

#include <nlohmann/json.hpp>

#include "chorus/api/chorus_pro.h"

namespace chorus::api::internal {

ApiResult<DepositAnswer> ReadDeposit(const nlohmann::json& answer);
// `detailed`: consulterCRDetaille (else consulterCR).
ApiResult<FlowReport> ReadFlowReport(const nlohmann::json& answer,
                                     bool detailed);
InvoiceSearchAnswer ReadInvoiceSearch(const nlohmann::json& answer);
InvoiceHistory ReadHistory(const nlohmann::json& answer);
ApiResult<std::string> ReadDownload(const nlohmann::json& answer);
std::vector<Structure> ReadStructures(const nlohmann::json& answer);
StructureDetail ReadStructureDetail(const nlohmann::json& answer,
                                    std::int64_t id);
std::vector<Service> ReadServices(const nlohmann::json& answer);

}  // namespace chorus::api::internal

#endif  // CHORUS_SRC_API_ANSWERS_H_
