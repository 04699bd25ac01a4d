// The rules' inline name helpers agree with the definitions they stand in
// for: a key that differed would make the walks miss or confuse names.
#include "../src/rules/inline_compare.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "../src/format/xml_ns.h"

namespace chorus {
namespace {

TEST(RuntimeNameKey, EqualsNameKeyForEveryLength) {
  // Lengths past 255 check the size byte's wrap; high bytes check that no
  // sign extension leaks into the other bytes.
  for (std::size_t n = 0; n <= 300; ++n) {
    std::string name;
    for (std::size_t i = 0; i < n; ++i) {
      name.push_back(static_cast<char>((i * 37 + n * 11) % 256));
    }
    EXPECT_EQ(rules::RuntimeNameKey(name), xml::NameKey(name))
        << "length " << n;
  }
  for (const char* name :
       {"", "a", "ID", "xsi", "listID", "unitCode", "currencyID",
        "schemeAgencyID", "\xC3\xA9t\xC3\xA9"}) {
    EXPECT_EQ(rules::RuntimeNameKey(name), xml::NameKey(name)) << name;
  }
}

TEST(RuntimeNameKey, ReadsOnlyTheNamesBytes) {
  // A view into a longer buffer: the bytes after it must not reach the key.
  const std::string buffer = "unitCodeXYZ";
  for (std::size_t n = 0; n <= 8; ++n) {
    std::string_view view(buffer.data(), n);
    EXPECT_EQ(rules::RuntimeNameKey(view), xml::NameKey(view)) << n;
  }
}

}  // namespace
}  // namespace chorus
