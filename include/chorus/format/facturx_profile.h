// Which Factur-X profile a document is, told by its BT-24 (the
// specification identifier). The one place that reads BT-24 for it: the XSD
// choice, the Factur-X profile rules, the PDF checks and `validate`,
// `submit` and the sandbox all ask here, so they never disagree.
#ifndef CHORUS_FORMAT_FACTURX_PROFILE_H_
#define CHORUS_FORMAT_FACTURX_PROFILE_H_

#include <optional>
#include <string>
#include <string_view>

#include "chorus/format/document.h"

namespace chorus {

// The Factur-X profiles, from the poorest to the richest (the ZUGFeRD 2.x
// profiles of the same names are the same format).
enum class FacturXProfile { kMinimum, kBasicWl, kBasic, kEn16931, kExtended };

// The EN16931 profile's BT-24 is the plain EN 16931 one.
inline constexpr std::string_view kEn16931SpecificationId =
    "urn:cen.eu:en16931:2017";

// The profile a BT-24 value names. The value is split at '#'; the first part
// that is a Factur-X or ZUGFeRD 2 profile URN (urn:factur-x.eu:1p0:<key>,
// urn:zugferd.de:2p0:<key>, key minimum, basicwl, basic, en16931, extended)
// names it, whatever comes before (so "urn:factur-x.eu:1p0:basic" without
// the EN 16931 prefix is BASIC: its profile's rules then report the odd
// value). The plain EN 16931 id is kEn16931. Surrounding whitespace is
// ignored and the URNs compare case-insensitively. nullopt otherwise (an
// XRechnung or any other CIUS, an empty value).
std::optional<FacturXProfile> FacturXProfileFromId(std::string_view bt24);

// BT-24 of a loaded CII (ExchangedDocumentContext/
// GuidelineSpecifiedDocumentContextParameter/ID, trimmed); "" for UBL or
// when absent.
std::string SpecificationIdOf(const XmlDocument& doc);

// FacturXProfileFromId(SpecificationIdOf(doc)); nullopt for UBL.
std::optional<FacturXProfile> FacturXProfileOf(const XmlDocument& doc);

// Whether `doc` is handled as a Factur-X: loaded from a PDF (Syntax::kFacturX)
// or a CII whose BT-24 names a profile by its Factur-X/ZUGFeRD URN. A bare
// CII with the plain EN 16931 id is not: nothing tells it apart from any
// EN 16931 CII.
bool IsFacturXDocument(const XmlDocument& doc);

// MINIMUM and BASIC WL are not complete invoices: the EN 16931 rules do not
// apply to them.
bool IsFullInvoice(FacturXProfile p);

}  // namespace chorus

#endif  // CHORUS_FORMAT_FACTURX_PROFILE_H_
