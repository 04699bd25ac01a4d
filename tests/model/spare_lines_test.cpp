// An invoice starts its line list with the storage the previous invoice of
// its thread gave back (Invoice::~Invoice): the list must still start empty,
// copies and moves must behave as a plain vector's, and large storage must
// not be kept.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "chorus/model/invoice.h"

namespace chorus {
namespace {

// Drops whatever spare this thread holds: an invoice takes it, frees it,
// and gives back nothing.
void DrainSpare() {
  Invoice taker;
  std::vector<InvoiceLine>().swap(taker.lines);
  EXPECT_EQ(taker.lines.capacity(), 0u);
}

Invoice WithLines(std::size_t reserved, std::size_t used) {
  Invoice inv;
  inv.lines.reserve(reserved);
  for (std::size_t i = 0; i < used; ++i) {
    inv.lines.emplace_back().id = "line " + std::to_string(i);
  }
  return inv;
}

TEST(SpareLines, NextInvoiceStartsEmptyWithTheStorage) {
  DrainSpare();
  const InvoiceLine* storage = nullptr;
  {
    Invoice first = WithLines(5, 3);
    storage = first.lines.data();
  }
  Invoice next;
  EXPECT_TRUE(next.lines.empty());
  EXPECT_EQ(next.lines.capacity(), 5u);
  EXPECT_EQ(next.lines.data(), storage);
  // A fresh invoice still equals a default one, whatever it holds.
  EXPECT_TRUE(next == Invoice());
  next.lines.emplace_back().id = "again";
  ASSERT_EQ(next.lines.size(), 1u);
  EXPECT_FALSE(next.lines[0].item.has_value());
  EXPECT_FALSE(next.lines[0].price.has_value());
}

TEST(SpareLines, OnlyOneInvoiceGetsTheStorage) {
  DrainSpare();
  { Invoice first = WithLines(4, 4); }
  Invoice a;
  Invoice b;
  EXPECT_EQ(a.lines.capacity(), 4u);
  EXPECT_EQ(b.lines.capacity(), 0u);
}

TEST(SpareLines, TheLargerStorageIsKept) {
  DrainSpare();
  { Invoice small = WithLines(2, 1); }
  {
    Invoice holder;  // takes the 2-line storage
    Invoice larger = WithLines(7, 7);
    // `larger` goes first (reverse order): its 7 lines are kept, then the
    // holder's 2 are freed.
  }
  Invoice next;
  EXPECT_EQ(next.lines.capacity(), 7u);
}

TEST(SpareLines, LargeStorageIsFreed) {
  DrainSpare();
  { Invoice big = WithLines(65, 65); }
  Invoice next;
  EXPECT_EQ(next.lines.capacity(), 0u);
  { Invoice at_cap = WithLines(64, 1); }
  Invoice after;
  EXPECT_EQ(after.lines.capacity(), 64u);
}

TEST(SpareLines, CopiesAndMovesAreThoseOfTheLines) {
  DrainSpare();
  Invoice a = WithLines(3, 2);
  Invoice copy = a;
  EXPECT_TRUE(copy == a);
  EXPECT_NE(copy.lines.data(), a.lines.data());
  Invoice moved = std::move(copy);
  EXPECT_TRUE(moved == a);
  Invoice assigned;
  assigned = a;
  EXPECT_TRUE(assigned == a);
  assigned = std::move(moved);
  EXPECT_TRUE(assigned == a);
}

TEST(SpareLines, EachThreadHasItsOwn) {
  DrainSpare();
  { Invoice here = WithLines(6, 1); }
  std::size_t other_capacity = 99;
  std::thread([&] {
    Invoice there;
    other_capacity = there.lines.capacity();
    // Given back at thread exit: freed with the thread's spare.
    there.lines.reserve(3);
  }).join();
  EXPECT_EQ(other_capacity, 0u);
  Invoice here_again;
  EXPECT_EQ(here_again.lines.capacity(), 6u);
}

// Built before main and destroyed after the main thread's spare is gone:
// neither may touch it.
const Invoice kStaticInvoice = WithLines(2, 2);

TEST(SpareLines, StaticInvoicesAreUnaffected) {
  ASSERT_EQ(kStaticInvoice.lines.size(), 2u);
  EXPECT_EQ(kStaticInvoice.lines[1].id, "line 1");
}

}  // namespace
}  // namespace chorus
