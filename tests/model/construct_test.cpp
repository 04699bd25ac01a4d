// The model groups whose default constructor is user-provided (so that
// optional::emplace() and value-initialisation skip zero-filling the whole
// struct) must still start every member at its default, whatever bytes the
// storage held before: a scalar member added without an initialiser would
// keep garbage here and fail.
#include <gtest/gtest.h>

#include <cstring>
#include <new>

#include "chorus/model/invoice.h"

namespace chorus {
namespace {

// Value-initialises a T in storage filled with `fill` and checks it against
// a T built from zeroed storage.
template <typename T>
void ExpectDefaultOverGarbage(unsigned char fill) {
  alignas(T) unsigned char dirty[sizeof(T)];
  alignas(T) unsigned char clean[sizeof(T)];
  std::memset(dirty, fill, sizeof dirty);
  std::memset(clean, 0, sizeof clean);
  T* a = ::new (static_cast<void*>(dirty)) T();
  T* b = ::new (static_cast<void*>(clean)) T();
  EXPECT_TRUE(*a == *b) << "fill " << int{fill};
  a->~T();
  b->~T();
}

template <typename T>
void ExpectPosZero(const T& t) {
  EXPECT_EQ(t.pos.line, 0u);
  EXPECT_EQ(t.pos.offset, 0u);
}

TEST(ModelConstruct, GroupsStartAtDefaultsOverGarbage) {
  for (unsigned char fill : {0x00, 0x01, 0x5A, 0xFF}) {
    ExpectDefaultOverGarbage<Address>(fill);
    ExpectDefaultOverGarbage<Seller>(fill);
    ExpectDefaultOverGarbage<Buyer>(fill);
    ExpectDefaultOverGarbage<PaymentInstructions>(fill);
    ExpectDefaultOverGarbage<Totals>(fill);
    ExpectDefaultOverGarbage<Item>(fill);
    ExpectDefaultOverGarbage<InvoiceLine>(fill);
    ExpectDefaultOverGarbage<Invoice>(fill);
  }
}

// SourcePos is ignored by ==, so its zero start is checked on its own.
TEST(ModelConstruct, PositionsAndKindStartAtZero) {
  alignas(Invoice) unsigned char buf[sizeof(Invoice)];
  std::memset(buf, 0xFF, sizeof buf);
  Invoice* inv = ::new (static_cast<void*>(buf)) Invoice();
  EXPECT_EQ(inv->kind, DocumentKind::kInvoice);
  ExpectPosZero(*inv);
  ExpectPosZero(inv->seller.emplace());
  ExpectPosZero(inv->buyer.emplace());
  ExpectPosZero(inv->totals.emplace());
  ExpectPosZero(inv->lines.emplace_back());
  EXPECT_FALSE(inv->seller->address.has_value());
  ExpectPosZero(inv->seller->address.emplace());
  inv->~Invoice();
}

}  // namespace
}  // namespace chorus
