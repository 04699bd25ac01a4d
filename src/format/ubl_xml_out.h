// A streaming XML text writer for the UBL writer: elements are emitted in
// the order they are opened, so the caller owns schema order. Output is
// UTF-8; text and attribute values are escaped, and characters XML 1.0
// cannot carry are dropped and reported.
#ifndef CHORUS_FORMAT_UBL_XML_OUT_H_
#define CHORUS_FORMAT_UBL_XML_OUT_H_

#include <string>
#include <string_view>
#include <vector>

namespace chorus::ubl {

class XmlOut {
 public:
  // `pretty`: two-space indentation, one element per line.
  explicit XmlOut(bool pretty);

  // Starts an element; attributes may follow until content is added.
  // `qname` must outlive the element (writers pass string literals).
  void Open(std::string_view qname);
  void Attr(std::string_view name, std::string_view value);
  // Character content of the innermost open element (after its attributes).
  void Text(std::string_view text);
  // Ends the innermost open element ("<a/>" when it got no content).
  void Close();
  // <qname>text</qname> on one line.
  void Leaf(std::string_view qname, std::string_view text);
  // Leaf with one attribute, written only when `attr_value` is non-null.
  void Leaf(std::string_view qname, std::string_view text,
            std::string_view attr_name, const std::string* attr_value);

  // Element names where characters had to be dropped (one per occurrence).
  const std::vector<std::string>& dropped() const { return dropped_; }
  // The document so far; all elements must be closed.
  std::string Finish();

 private:
  void EndStartTag();
  void NewLine();
  void Escape(std::string_view s, bool attribute);

  bool pretty_;
  bool start_tag_open_ = false;
  bool has_children_ = false;  // innermost element has element children
  std::string out_;
  std::vector<std::string_view> open_;
  std::vector<std::string> dropped_;
};

}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_XML_OUT_H_
