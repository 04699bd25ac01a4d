// The cairo side of rendering: DejaVu Sans found through fontconfig, a PDF
// surface written to memory (cairo subsets and embeds the TrueType glyphs
// it uses), text measuring and wrapping.
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#include <cstring>
#include <mutex>

#include "facturx/render_internal.h"

namespace chorus::facturx::internal {
namespace {

struct Faces {
  cairo_font_face_t* regular = nullptr;
  cairo_font_face_t* bold = nullptr;
  std::string error;
};

// A fontconfig match that really is DejaVu Sans: a silent fallback to another
// family would change the layout and might not embed.
cairo_font_face_t* LoadFace(const char* spec, std::string* error) {
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(spec));
  if (!pattern) return nullptr;
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  FcChar8* family = nullptr;
  if (!match ||
      FcPatternGetString(match, FC_FAMILY, 0, &family) != FcResultMatch ||
      std::strcmp(reinterpret_cast<const char*>(family), "DejaVu Sans") != 0) {
    if (match) FcPatternDestroy(match);
    *error = std::string("font \"") + spec +
             "\" not found by fontconfig (install the Debian package "
             "fonts-dejavu-core)";
    return nullptr;
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_pattern(match);
  FcPatternDestroy(match);
  return face;
}

const Faces& SharedFaces() {
  static const Faces faces = [] {
    Faces f;
    if (!FcInit()) {
      f.error = "fontconfig cannot initialise";
      return f;
    }
    f.regular = LoadFace("DejaVu Sans:style=Book", &f.error);
    if (f.regular) f.bold = LoadFace("DejaVu Sans:style=Bold", &f.error);
    return f;
  }();
  return faces;
}

cairo_status_t Append(void* closure, const unsigned char* data,
                      unsigned int length) {
  static_cast<std::string*>(closure)->append(
      reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::unique_ptr<Canvas>> Canvas::Create(bool draw) {
  const Faces& faces = SharedFaces();
  if (!faces.regular || !faces.bold) {
    return MakeError(Error::Kind::kUsage,
                     "cannot render the invoice: " + faces.error);
  }
  std::unique_ptr<Canvas> c(new Canvas());
  c->draw_ = draw;
  c->surface_ = draw ? cairo_pdf_surface_create_for_stream(Append, &c->out_,
                                                           kWidth, kHeight)
                     : cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
  c->cr_ = cairo_create(c->surface_);
  if (cairo_status(c->cr_) != CAIRO_STATUS_SUCCESS) {
    return MakeError(
        Error::Kind::kUsage,
        std::string("cairo: ") + cairo_status_to_string(cairo_status(c->cr_)));
  }
  // Same metrics in both passes: no hinting of advances.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(c->cr_, options);
  cairo_font_options_destroy(options);
  c->Font(FontStyle::kRegular, 9);
  return c;
}

Canvas::~Canvas() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

void Canvas::Font(FontStyle style, double size) {
  const Faces& faces = SharedFaces();
  cairo_set_font_face(cr_,
                      style == FontStyle::kBold ? faces.bold : faces.regular);
  cairo_set_font_size(cr_, size);
}

double Canvas::Width(std::string_view text) {
  std::string s(text);
  cairo_text_extents_t ext;
  cairo_text_extents(cr_, s.c_str(), &ext);
  return ext.x_advance;
}

void Canvas::Text(double x, double y, std::string_view text) {
  if (!draw_ || text.empty()) return;
  std::string s(text);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_move_to(cr_, x, y);
  cairo_show_text(cr_, s.c_str());
}

void Canvas::TextRight(double right, double y, std::string_view text) {
  Text(right - Width(text), y, text);
}

std::vector<std::string> Canvas::Wrap(std::string_view text, double width) {
  std::vector<std::string> lines;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) lines.push_back(std::move(current));
    current.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      flush();
      ++i;
      continue;
    }
    std::size_t end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string word(text.substr(i, end - i));
    std::string candidate = current.empty() ? word : current + " " + word;
    if (Width(candidate) <= width) {
      current = std::move(candidate);
    } else {
      flush();
      // A word wider than the column is cut at UTF-8 character boundaries.
      while (Width(word) > width && word.size() > 1) {
        std::size_t cut = word.size();
        while (cut > 1 && Width(word.substr(0, cut)) > width) {
          do --cut;
          while (cut > 1 &&
                 (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80);
        }
        lines.push_back(word.substr(0, cut));
        word.erase(0, cut);
      }
      current = std::move(word);
    }
    i = end < text.size() && text[end] == ' ' ? end + 1 : end;
  }
  flush();
  if (lines.empty()) lines.emplace_back();
  return lines;
}

void Canvas::Line(double x1, double y1, double x2, double y2, double gray) {
  if (!draw_) return;
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, 0.6);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void Canvas::Fill(double x, double y, double w, double h, double gray) {
  if (!draw_) return;
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void Canvas::NextPage() {
  if (draw_) cairo_show_page(cr_);
  ++page_;
}

Result<std::string> Canvas::Finish() {
  if (!draw_) return std::string();
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    return MakeError(Error::Kind::kUsage,
                     std::string("cairo could not write the PDF: ") +
                         cairo_status_to_string(status));
  }
  return std::move(out_);
}

}  // namespace chorus::facturx::internal
