// Finding fonts a PDF uses but does not embed: what makes a PDF not PDF/A
// and renders differently on every reader.
#include <set>

#include "facturx/pdf_internal.h"

namespace chorus::facturx::internal {
namespace {

// Form XObjects can nest; a hostile file can make them cycle.
constexpr int kMaxDepth = 12;

bool HasFontFile(QPDFObjectHandle descriptor) {
  return descriptor.isDictionary() &&
         (descriptor.getKey("/FontFile").isStream() ||
          descriptor.getKey("/FontFile2").isStream() ||
          descriptor.getKey("/FontFile3").isStream());
}

bool IsEmbedded(QPDFObjectHandle font) {
  QPDFObjectHandle subtype = font.getKey("/Subtype");
  if (subtype.isNameAndEquals("/Type3"))
    return true;  // glyphs are content streams
  if (subtype.isNameAndEquals("/Type0")) {
    QPDFObjectHandle kids = font.getKey("/DescendantFonts");
    if (!kids.isArray() || kids.getArrayNItems() < 1) return false;
    return HasFontFile(kids.getArrayItem(0).getKey("/FontDescriptor"));
  }
  return HasFontFile(font.getKey("/FontDescriptor"));
}

class Walker {
 public:
  std::vector<UnembeddedFont> found;

  void Resources(QPDFObjectHandle resources, int depth) {
    if (!resources.isDictionary() || depth > kMaxDepth) return;
    if (resources.isIndirect() &&
        !visited_.insert(resources.getObjGen()).second)
      return;
    QPDFObjectHandle fonts = resources.getKey("/Font");
    if (fonts.isDictionary()) {
      for (auto& [key, font] : fonts.ditems()) Font(font);
    }
    QPDFObjectHandle xobjects = resources.getKey("/XObject");
    if (xobjects.isDictionary()) {
      for (auto& [key, xobject] : xobjects.ditems()) {
        if (!xobject.isStream()) continue;
        if (!visited_.insert(xobject.getObjGen()).second) continue;
        QPDFObjectHandle dict = xobject.getDict();
        if (dict.getKey("/Subtype").isNameAndEquals("/Form")) {
          Resources(dict.getKey("/Resources"), depth + 1);
        }
      }
    }
  }

 private:
  void Font(QPDFObjectHandle font) {
    if (!font.isDictionary()) return;
    if (font.isIndirect() && !fonts_.insert(font.getObjGen()).second) return;
    if (font.getKey("/Subtype").isNameAndEquals("/Type3")) {
      Resources(font.getKey("/Resources"), 1);
      return;
    }
    if (IsEmbedded(font)) return;
    QPDFObjectHandle base = font.getKey("/BaseFont");
    found.push_back(
        {base.isName() ? base.getName().substr(1) : std::string("(unnamed)"),
         font.isIndirect() ? font.getObjectID() : 0});
  }

  std::set<QPDFObjGen> visited_;
  std::set<QPDFObjGen> fonts_;
};

}  // namespace

std::vector<UnembeddedFont> FindUnembeddedFonts(QPDF& qpdf) {
  Walker walker;
  try {
    for (QPDFObjectHandle page : qpdf.getAllPages()) {
      // Resources may be inherited from an ancestor /Pages node.
      QPDFObjectHandle node = page;
      for (int up = 0; up < kMaxDepth && node.isDictionary(); ++up) {
        if (node.hasKey("/Resources")) {
          walker.Resources(node.getKey("/Resources"), 0);
          break;
        }
        node = node.getKey("/Parent");
      }
    }
  } catch (const std::exception&) {
    // A broken page tree: report what was found before it.
  }
  return std::move(walker.found);
}

}  // namespace chorus::facturx::internal
