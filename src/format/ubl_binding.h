// Constants of the EN 16931 UBL binding that the reader and the writer
// must agree on, so that what one writes the other reads back.
#ifndef CHORUS_FORMAT_UBL_BINDING_H_
#define CHORUS_FORMAT_UBL_BINDING_H_

#include <string>
#include <string_view>

namespace chorus::ubl {

inline constexpr std::string_view kExtUri =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";

// AdditionalDocumentReference / DocumentReference type codes (UNTDID 1001).
inline constexpr std::string_view kInvoicedObjectType = "130";  // BT-18, BT-128
inline constexpr std::string_view kProjectType = "50";  // BT-11 in CreditNote

// TaxScheme id written for a seller tax registration that is not VAT
// (BT-32); the binding only says "not VAT".
inline constexpr std::string_view kLocalTaxScheme = "TAX";
inline constexpr std::string_view kVatScheme = "VAT";

// CardAccount/NetworkID is mandatory in the UBL schema but no EN 16931
// term: the writer fills it with this "not applicable" value.
inline constexpr std::string_view kCardNetworkPlaceholder = "NA";

// The UBL version every written document declares by its namespaces alone.
inline constexpr std::string_view kUblVersion = "2.1";

// Notes carry their subject code (BT-21) as a "#AAI#" prefix, the
// convention of the CIUS that use it with UBL (the binding has no element).
bool SplitNote(std::string_view text, std::string* code, std::string* rest);
// The same as views into `text`.
bool SplitNote(std::string_view text, std::string_view* code,
               std::string_view* rest);
// The trimmed, case-insensitive comparison the official rules use for
// scheme ids ("VAT", "SEPA"); `upper` is the upper-case form.
bool SameScheme(std::string_view value, std::string_view upper);
inline bool IsVatScheme(std::string_view scheme_id) {
  return SameScheme(scheme_id, kVatScheme);
}

}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_BINDING_H_
