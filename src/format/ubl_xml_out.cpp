#include "format/ubl_xml_out.h"

namespace chorus::ubl {

XmlOut::XmlOut(bool pretty) : pretty_(pretty) {
  out_.reserve(16 * 1024);
  out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void XmlOut::NewLine() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(2 * open_.size(), ' ');
}

void XmlOut::EndStartTag() {
  if (start_tag_open_) {
    out_ += '>';
    start_tag_open_ = false;
  }
}

void XmlOut::Open(std::string_view qname) {
  EndStartTag();
  if (!open_.empty()) NewLine();
  out_ += '<';
  out_ += qname;
  open_.push_back(qname);
  start_tag_open_ = true;
  has_children_ = false;
}

void XmlOut::Attr(std::string_view name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  Escape(value, true);
  out_ += '"';
}

void XmlOut::Close() {
  if (start_tag_open_) {
    out_ += "/>";
    start_tag_open_ = false;
  } else {
    std::string_view name = open_.back();
    open_.pop_back();
    if (has_children_) NewLine();
    out_ += "</";
    out_ += name;
    out_ += '>';
    has_children_ = true;  // the parent now has an element child
    return;
  }
  open_.pop_back();
  has_children_ = true;
}

void XmlOut::Text(std::string_view text) {
  EndStartTag();
  Escape(text, false);
}

void XmlOut::Leaf(std::string_view qname, std::string_view text) {
  Open(qname);
  EndStartTag();
  Escape(text, false);
  has_children_ = false;
  Close();
}

void XmlOut::Leaf(std::string_view qname, std::string_view text,
                  std::string_view attr_name, const std::string* attr_value) {
  Open(qname);
  if (attr_value) Attr(attr_name, *attr_value);
  EndStartTag();
  Escape(text, false);
  has_children_ = false;
  Close();
}

namespace {

// Characters Escape must look at; everything else is copied in runs.
bool NeedsCare(unsigned char c) {
  return c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"';
}

}  // namespace

void XmlOut::Escape(std::string_view s, bool attribute) {
  bool dropped = false;
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!NeedsCare(c)) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&':
        out_ += "&amp;";
        break;
      case '<':
        out_ += "&lt;";
        break;
      case '>':
        out_ += "&gt;";
        break;
      case '"':
        out_ += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        // A literal CR would be folded into LF by any XML parser.
        out_ += "&#13;";
        break;
      case '\n':
      case '\t':
        // Attribute value normalisation would turn these into spaces.
        if (attribute) {
          out_ += c == '\n' ? "&#10;" : "&#9;";
        } else {
          out_ += static_cast<char>(c);
        }
        break;
      default:
        dropped = true;  // not an XML 1.0 character
    }
  }
  out_.append(s.data() + run, s.size() - run);
  if (dropped && !open_.empty()) dropped_.emplace_back(open_.back());
}

std::string XmlOut::Finish() {
  EndStartTag();
  if (pretty_) out_ += '\n';
  return std::move(out_);
}

}  // namespace chorus::ubl
