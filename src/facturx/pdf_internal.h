// What the embed, extract and check code share about reading PDFs with
// libqpdf: opening untrusted bytes without throwing, finding attachments,
// reading a stream with a size cap, walking fonts, reading the XML's
// profile. qpdf throws; everything here catches at its edge.
#ifndef CHORUS_SRC_FACTURX_PDF_INTERNAL_H_
#define CHORUS_SRC_FACTURX_PDF_INTERNAL_H_

// qpdf 11 warns unless told which PointerHolder API the code uses: none
// (4 = std::shared_ptr only). Every file includes qpdf through this header.
#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif
#include <memory>
#include <optional>
#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/facturx/facturx.h"
#include "chorus/util/result.h"

namespace chorus::facturx::internal {

// An opened PDF. Owns a copy of the bytes: qpdf reads them lazily.
struct Pdf {
  std::shared_ptr<std::string> bytes;
  std::unique_ptr<QPDF> qpdf;
  bool encrypted = false;  // opened with the empty user password
  std::string damage;      // first qpdf warning while opening, if any
};

struct OpenFailure {
  enum class Kind { kNotPdf, kEncrypted, kUnreadable } kind;
  std::string message;
};

Result<Pdf, OpenFailure> OpenPdf(std::string_view bytes);

// One entry of the /EmbeddedFiles name tree (plus /AF entries missing from
// it).
struct Attachment {
  std::string name;  // the name tree key, else /UF, else /F
  QPDFObjectHandle filespec;
  QPDFObjectHandle stream;  // /EF /UF or /EF /F; null when missing
  int object = 0;           // the file spec's object number (0: direct)
};
std::vector<Attachment> ListAttachments(QPDF& qpdf);

// XML by name (*.xml) or MIME subtype (text/xml, application/xml).
bool IsXmlAttachment(const Attachment& a);
// factur-x.xml, else the legacy ZUGFeRD / XRechnung names: the attachment
// a reader takes as the invoice. nullptr when none has such a name.
const Attachment* FindInvoiceAttachment(const std::vector<Attachment>& all,
                                        bool* legacy_name);
bool IsLegacyName(std::string_view name);

// Decoded stream data, refusing more than kMaxStreamBytes (a flate bomb).
inline constexpr std::size_t kMaxStreamBytes = 64u << 20;
Result<std::string> ReadStream(QPDFObjectHandle stream);
// The 16-byte MD5 digest (/Params /CheckSum).
std::string Md5(std::string_view bytes);

// Fonts that are neither embedded nor Type 3, from every page's resources
// (inherited ones included) and the form XObjects they use.
struct UnembeddedFont {
  std::string name;  // /BaseFont
  int object = 0;
};
std::vector<UnembeddedFont> FindUnembeddedFonts(QPDF& qpdf);

// What the XML is, from its root element and BT-24.
struct XmlFacts {
  enum class Root { kCii, kUbl, kOther, kNotXml } root = Root::kNotXml;
  std::string specification_id;  // BT-24, "" when absent
  std::optional<Profile> profile;
};
XmlFacts InspectXml(std::string_view xml);

// "D:20260131100000+00'00'" from "2026-01-31T10:00:00+00:00" (or "...Z").
std::string PdfDate(std::string_view xmp_date);
// Now, UTC, as an XMP date: "2026-01-31T10:00:00+00:00".
std::string NowXmpDate();

}  // namespace chorus::facturx::internal

#endif  // CHORUS_SRC_FACTURX_PDF_INTERNAL_H_
