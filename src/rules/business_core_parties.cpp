// Parties (BR-17..BR-20, BR-56, BR-57, BR-62, BR-63, BR-CO-09, BR-CO-26),
// payment instructions (BR-49..BR-51, BR-61) and document references
// (BR-52, BR-55).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "format/xml_ns.h"
#include "rules/business_core.h"

namespace chorus::rules::core {
namespace {

using G = BusinessGroup;

// The ISO 3166-1 lists of BR-CO-09, as each artefact spells them (they
// differ: UBL lacks AN, CII lacks SS).
constexpr std::string_view kUblVatPrefixes =
    " 1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH "
    "BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM "
    "CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI "
    "FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
    "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI "
    "KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG "
    "MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL "
    "NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS "
    "RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC "
    "TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE "
    "VG VI VN VU WF WS XI YE YT ZA ZM ZW ";
constexpr std::string_view kCiiVatPrefixes =
    " 1A AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG "
    "BH BI BL BJ BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL "
    "CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET "
    "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH "
    "KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF "
    "MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI "
    "NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO "
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC "
    "TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE "
    "VG VI VN VU WF WS XI YE YT ZA ZM ZW ";

// Byte length of the first `n` characters of UTF-8 `s` (XPath substring
// counts characters).
std::size_t Utf8Prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
      ++i;
    }
    --n;
  }
  return i;
}

// string-length(normalize-space(s)) for trimmed `s`.
std::size_t NormalizedLength(std::string_view s) {
  std::size_t count = 0;
  bool in_space = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!in_space) ++count;
      in_space = true;
      continue;
    }
    in_space = false;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// Two-byte ASCII strings as bits of a 128 x 128 table: every adjacent pair
// of a list (`padded`: only pairs with a space on both sides), so that a
// two-letter prefix is looked up, not searched for.
struct PairSet {
  uint64_t bits[128 * 128 / 64] = {};
  constexpr PairSet(std::string_view list, bool padded) {
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
      if (padded && (i == 0 || i + 2 >= list.size() || list[i - 1] != ' ' ||
                     list[i + 2] != ' ')) {
        continue;
      }
      const unsigned a = static_cast<unsigned char>(list[i]);
      const unsigned b = static_cast<unsigned char>(list[i + 1]);
      if (a < 128 && b < 128) bits[(a * 128 + b) / 64] |= Bit(a * 128 + b);
    }
  }
  static constexpr uint64_t Bit(unsigned at) {
    return uint64_t{1} << (at % 64);
  }
  // nullopt when `pair` is not two ASCII bytes.
  std::optional<bool> Has(std::string_view pair) const {
    if (pair.size() != 2) return std::nullopt;
    const unsigned a = static_cast<unsigned char>(pair[0]);
    const unsigned b = static_cast<unsigned char>(pair[1]);
    if (a >= 128 || b >= 128) return std::nullopt;
    return (bits[(a * 128 + b) / 64] & Bit(a * 128 + b)) != 0;
  }
};
constexpr PairSet kUblVatPairs(kUblVatPrefixes, false);
constexpr PairSet kCiiVatPairs(kCiiVatPrefixes, true);

bool VatPrefixOk(const RunContext& ctx, std::string_view id) {
  std::string_view prefix = id.substr(0, Utf8Prefix(id, 2));
  if (ctx.syntax == Syntax::kUbl) {
    if (std::optional<bool> has = kUblVatPairs.Has(prefix)) return *has;
    return kUblVatPrefixes.find(prefix) != std::string_view::npos;
  }
  // CII wraps the prefix in spaces: a one-letter or empty id fails.
  if (prefix.size() != 2) return false;
  if (std::optional<bool> has = kCiiVatPairs.Has(prefix)) return *has;
  for (std::size_t at = kCiiVatPrefixes.find(prefix);
       at != std::string_view::npos;
       at = kCiiVatPrefixes.find(prefix, at + 1)) {
    if (kCiiVatPrefixes[at - 1] == ' ' && kCiiVatPrefixes[at + 2] == ' ') {
      return true;
    }
  }
  return false;
}

// CII BR-CO-09 on a party's VAT identifier. (UBL: CheckUblVatIds.)
void CheckVatId(const RunContext& ctx, bool present, std::string_view vat_id,
                G group, SourcePos pos) {
  if (ctx.syntax == Syntax::kUbl) return;
  if (present && !VatPrefixOk(ctx, vat_id)) {
    FailAt(ctx, "BR-CO-09", group, pos);
  }
}

// UBL BR-CO-09, context //cac:PartyTaxScheme[cac:TaxScheme/normalize-space(
// upper-case(cbc:ID))='VAT']: every such element, whichever party holds it
// and however many a party has, tested on substring(cbc:CompanyID, 1, 2)
// of the text as written.
void CheckUblVatIds(const RunContext& ctx, const CoreXml& x) {
  if (ctx.syntax != Syntax::kUbl) return;
  const DocIndex& d = x.d;
  auto check = [&](int32_t i) {
    // One pass finds the last cac:TaxScheme (VatCategoryEntry's test) and
    // the first cbc:CompanyID.
    int32_t scheme = -1;
    int32_t company = -1;
    ForEachChild(d, i, [&](int32_t c, std::string_view l) {
      if (ShortEqual(l, "TaxScheme")) {
        scheme = c;
      } else if (company < 0 && ShortEqual(l, "CompanyID")) {
        company = c;
      }
    });
    if (!UblSchemeIsVat(d, scheme)) return;
    std::string_view id = ChildValue(d, company);
    if (!VatPrefixOk(ctx, id)) ctx.Fail("BR-CO-09", i);
  };
  if (x.party_tax_schemes != nullptr) {
    for (int32_t i : *x.party_tax_schemes) check(i);
    return;
  }
  // Every element is visited: the name key rules out nearly all of them
  // with one comparison.
  constexpr std::string_view kScheme = "PartyTaxScheme";
  constexpr uint64_t kKey = xml::NameKey(kScheme);
  const int32_t size = d.size();
  if (size == 0) return;
  const DocIndex::Entry* entries = &d[0];  // a local base: kept in a register
  for (int32_t i = 0; i < size; ++i) {
    if (entries[i].key != kKey || entries[i].local != kScheme) continue;
    check(i);
  }
}

// CII BR-62 / BR-63 (root context): the first ram:URIUniversalCommunication
// of the party needs a non-blank URIID/@schemeID, even when it holds no
// URIID the model could read.
bool CiiElectronicAddressOk(const CoreXml& x, std::string_view party) {
  const DocIndex& d = x.d;
  const int32_t uri = FirstChild(d, FirstChild(d, x.agreement, party),
                                 "URIUniversalCommunication");
  if (uri < 0) return true;
  return !xml::TrimXml(
              AttributeValue(d, FirstChild(d, uri, "URIID"), "schemeID"))
              .empty();
}

void CheckSeller(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.seller) {
    if (ctx.syntax != Syntax::kUbl &&
        !CiiElectronicAddressOk(x, "SellerTradeParty")) {
      FailAt(ctx, "BR-62", G::kRoot, inv.pos);
    }
    return;
  }
  const Seller& s = *inv.seller;
  // The model leaves SEPA creditor ids out of BT-29, as BR-CO-26 does.
  if (!s.vat_id && s.ids.empty() && !s.legal_registration_id) {
    FailAt(ctx, "BR-CO-26", G::kSeller, s.pos);
  }
  if (ctx.syntax == Syntax::kUbl) {
    if (s.electronic_address && !s.electronic_address->scheme) {
      FailAt(ctx, "BR-62", G::kSeller, s.pos);
    }
  } else if (!CiiElectronicAddressOk(x, "SellerTradeParty")) {
    FailAt(ctx, "BR-62", G::kRoot, inv.pos);
  }
  CheckVatId(ctx, s.vat_id.has_value(), s.vat_id.value_or(""), G::kSeller,
             s.pos);
}

void CheckBuyer(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.buyer) {
    if (ctx.syntax != Syntax::kUbl &&
        !CiiElectronicAddressOk(x, "BuyerTradeParty")) {
      FailAt(ctx, "BR-63", G::kRoot, inv.pos);
    }
    return;
  }
  const Buyer& b = *inv.buyer;
  if (ctx.syntax == Syntax::kUbl) {
    if (b.electronic_address && !b.electronic_address->scheme) {
      FailAt(ctx, "BR-63", G::kBuyer, b.pos);
    }
  } else if (!CiiElectronicAddressOk(x, "BuyerTradeParty")) {
    FailAt(ctx, "BR-63", G::kRoot, inv.pos);
  }
  CheckVatId(ctx, b.vat_id.has_value(), b.vat_id.value_or(""), G::kBuyer,
             b.pos);
}

// BR-17: a payee named and distinct from the seller.
void CheckPayee(const RunContext& ctx) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.payee) return;
  const Payee& p = *inv.payee;
  bool ok = p.name.has_value();
  if (ok && inv.seller) {
    const Seller& s = *inv.seller;
    // UBL compares with the seller's cac:PartyName (BT-28), CII with the
    // seller name (BT-27).
    const Text& seller_name =
        ctx.syntax == Syntax::kUbl ? s.trading_name : s.name;
    if (seller_name && *seller_name == *p.name) ok = false;
    if (p.id) {
      for (const Identifier& id : s.ids) {
        if (id.value == p.id->value) ok = false;
      }
    }
    if (ctx.syntax != Syntax::kUbl && p.legal_registration_id &&
        s.legal_registration_id &&
        p.legal_registration_id->value == s.legal_registration_id->value) {
      ok = false;
    }
  }
  if (!ok) FailAt(ctx, "BR-17", G::kPayee, inv.pos);
}

void CheckTaxRepresentative(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.tax_representative) return;
  const TaxRepresentative& t = *inv.tax_representative;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  SourcePos pos = t.address ? t.address->pos : inv.pos;
  if (!Filled(t.name)) FailAt(ctx, "BR-18", G::kTaxRepresentative, pos);
  if (!t.address) FailAt(ctx, "BR-19", G::kTaxRepresentative, pos);
  // UBL: the model keeps the first PartyTaxScheme whatever its scheme; the
  // rules want the VAT one.
  bool has_vat_id = t.vat_id.has_value();
  std::string_view vat_id = has_vat_id ? std::string_view(*t.vat_id) : "";
  if (ubl) {
    const int32_t scheme =
        VatCategoryEntry(ctx, x.tax_representative, "PartyTaxScheme");
    const int32_t company = FirstChild(x.d, scheme, "CompanyID");
    has_vat_id = company >= 0;
    vat_id = TrimmedText(x.d, company);
  }
  if (!has_vat_id || (!ubl && vat_id.empty())) {
    FailAt(ctx, "BR-56", G::kTaxRepresentative, pos);
  }
  if (ubl) {
    CheckUblCountryCode(ctx, x, x.tax_representatives, {"PostalAddress"},
                        "BR-20");
  } else if (!t.address || !Filled(t.address->country)) {
    FailAt(ctx, "BR-20", G::kTaxRepresentative, pos);
  }
  CheckVatId(ctx, has_vat_id, vat_id, G::kTaxRepresentative, pos);
}

void CheckDelivery(const RunContext& ctx, const CoreXml& x) {
  if (ctx.syntax == Syntax::kUbl) {
    CheckUblCountryCode(ctx, x, x.deliveries, {"DeliveryLocation", "Address"},
                        "BR-57", /*exists_only=*/true);
    return;
  }
  const Invoice& inv = ctx.read.invoice;
  if (!inv.delivery || !inv.delivery->address) return;
  const Address& a = *inv.delivery->address;
  if (!Filled(a.country)) FailAt(ctx, "BR-57", G::kDelivery, a.pos);
}

// One BG-16 per payment means element in the XML: the model merges them.
void CheckPaymentMeans(const RunContext& ctx, const CoreXml& x) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const DocIndex& d = x.d;
  for (int32_t pm = x.payment_means.first; pm >= 0;
       pm = x.payment_means.Next(d, pm)) {
    auto fail = [&](std::string_view id) { ctx.Fail(id, pm); };
    const int32_t code =
        FirstChild(d, pm, Either(ubl, "PaymentMeansCode", "TypeCode"));
    if (code < 0) fail("BR-49");
    // The context predicate compares the raw text; BR-61 in UBL the
    // normalized one.
    std::string_view raw = ChildValue(d, code);
    bool transfer_raw = code >= 0 && (raw == "30" || raw == "58");
    if (ubl) {
      std::string_view v = xml::TrimXml(raw);
      bool transfer = v == "30" || v == "58";
      bool has_id = false;
      ForEachNamed(d, pm, "PayeeFinancialAccount", [&](int32_t a) {
        const int32_t id = FirstChild(d, a, "ID");
        if (id >= 0) has_id = true;
        if (transfer_raw && TrimmedText(d, id).empty()) {
          ctx.Fail("BR-50", a);
        }
      });
      if (transfer && !has_id) fail("BR-61");
    } else if (transfer_raw) {
      ForEachNamed(d, pm, "PayeePartyCreditorFinancialAccount", [&](int32_t a) {
        const FirstTwo ids = FirstChildren(d, a, "IBANID", "ProprietaryID");
        if (TrimmedText(d, ids.a).empty() && TrimmedText(d, ids.b).empty()) {
          ctx.Fail("BR-50", a);
        }
        if (ids.a < 0 && ids.b < 0) ctx.Fail("BR-61", a);
      });
    }
  }
}

void CheckCard(const RunContext& ctx) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.payment || !inv.payment->card) return;
  const Text& pan = inv.payment->card->account_number;
  // UBL: context is the number element; CII: the card group.
  if (ctx.syntax == Syntax::kUbl && !pan) return;
  if (NormalizedLength(pan ? std::string_view(*pan) : std::string_view()) >
      10) {
    FailAt(ctx, "BR-51", G::kPaymentMeans, inv.pos);
  }
}

// BR-52 and BR-55 look at every reference element, including those the
// model files elsewhere (BT-18, BT-128 in CII) or drops.
void CheckReferences(const RunContext& ctx, const CoreXml& x) {
  const DocIndex& d = x.d;
  if (ctx.syntax == Syntax::kUbl) {
    for (int32_t r = x.additional_documents.first; r >= 0;
         r = x.additional_documents.Next(d, r)) {
      if (TrimmedText(d, FirstChild(d, r, "ID")).empty()) {
        ctx.Fail("BR-52", r);
      }
    }
    for (int32_t b = x.billing_references.first; b >= 0;
         b = x.billing_references.Next(d, b)) {
      if (FirstChild(d, FirstChild(d, b, "InvoiceDocumentReference"), "ID") <
          0) {
        ctx.Fail("BR-55", b);
      }
    }
    return;
  }
  // Line level documents (BT-128) are checked with their line.
  CheckAdditionalDocuments(ctx, x.agreement);
  CheckAdditionalDocuments(ctx, x.settlement);
  for (int32_t r = x.invoice_references.first; r >= 0;
       r = x.invoice_references.Next(d, r)) {
    if (TrimmedText(d, FirstChild(d, r, "IssuerAssignedID")).empty()) {
      ctx.Fail("BR-55", r);
    }
  }
}

}  // namespace

void CheckAdditionalDocuments(const RunContext& ctx, int32_t parent) {
  const DocIndex& d = ctx.Index();
  ForEachNamed(d, parent, "AdditionalReferencedDocument", [&](int32_t r) {
    if (TrimmedText(d, FirstChild(d, r, "IssuerAssignedID")).empty()) {
      ctx.Fail("BR-52", r);
    }
  });
}

void CheckPartyRules(const RunContext& ctx, const CoreXml& x) {
  CheckSeller(ctx, x);
  CheckBuyer(ctx, x);
  CheckUblVatIds(ctx, x);
  CheckPayee(ctx);
  CheckTaxRepresentative(ctx, x);
  CheckDelivery(ctx, x);
  CheckPaymentMeans(ctx, x);
  CheckCard(ctx);
  CheckReferences(ctx, x);
}

}  // namespace chorus::rules::core
