// The deposit journal: attempts recorded before sending, outcomes after,
// what blocks a second deposit, flow states, the recipient cache.
#include "chorus/journal/journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "support/test_env.h"

namespace chorus::journal {
namespace {

namespace fs = std::filesystem;

DepositAttempt Attempt(const std::string& sha,
                       const std::string& env = "local") {
  return {sha,
          "inv.xml",
          "FA-1",
          "53167284800011",
          "21330512100013",
          env,
          "IN_DP_E1_UBL_INVOICE"};
}

std::unique_ptr<Journal> OpenFresh(fs::path* where = nullptr) {
  fs::path p = chorus::testing::TempDir() / "state" / "chorus" / "journal.db";
  if (where) *where = p;
  auto j = Journal::Open(p.string());
  EXPECT_TRUE(j.ok()) << (j.ok() ? "" : j.error().message);
  return j.ok() ? std::move(*j) : nullptr;
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Journal, CreatesPrivateFileAndFolders) {
  fs::path p;
  auto j = OpenFresh(&p);
  ASSERT_TRUE(j);
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  // Every folder it had to make ("state" and "state/chorus"), not only the
  // last one.
  for (fs::path dir : {p.parent_path(), p.parent_path().parent_path()}) {
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << dir;
  }
}

TEST(Journal, AttemptBlocksUntilFailed) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto none = j->FindBlocking("aa", "local");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto id = j->RecordAttempt(Attempt("aa"));
  ASSERT_TRUE(id.ok());
  // Recorded before sending: a crash now must still block a blind retry.
  auto sending = j->FindBlocking("aa", "local");
  ASSERT_TRUE(sending.ok() && sending->has_value());
  EXPECT_EQ((*sending)->outcome, Outcome::kSending);
  EXPECT_EQ((*sending)->attempt.invoice_number, "FA-1");
  EXPECT_FALSE((*sending)->attempted_at.empty());

  ASSERT_TRUE(j->MarkFailed(*id, "HTTP 400 GDP_MSG_11.022").ok());
  auto after = j->FindBlocking("aa", "local");
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());
  auto rec = j->Get(*id);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->outcome, Outcome::kFailed);
  EXPECT_EQ((*rec)->reason, "HTTP 400 GDP_MSG_11.022");
}

TEST(Journal, DepositedAndUnknownBlockPerEnvironment) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto a = j->RecordAttempt(Attempt("bb", "local"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(j->MarkDeposited(*a, "CPP001", "2026-11-26").ok());
  auto b = j->RecordAttempt(Attempt("cc", "local"));
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(j->MarkUnknown(*b, "connection lost after sending").ok());

  auto dep = j->FindBlocking("bb", "local");
  ASSERT_TRUE(dep.ok() && dep->has_value());
  EXPECT_EQ((*dep)->outcome, Outcome::kDeposited);
  EXPECT_EQ((*dep)->flow_number, "CPP001");
  EXPECT_EQ((*dep)->date_depot, "2026-11-26");
  auto unk = j->FindBlocking("cc", "local");
  ASSERT_TRUE(unk.ok() && unk->has_value());
  EXPECT_EQ((*unk)->outcome, Outcome::kUnknown);
  EXPECT_EQ((*unk)->reason, "connection lost after sending");
  // The same file in another environment is another deposit.
  auto other = j->FindBlocking("bb", "sandbox");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST(Journal, LatestAttemptDecides) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto first = j->RecordAttempt(Attempt("dd"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(j->MarkDeposited(*first, "CPP1", "2026-11-26").ok());
  auto second = j->RecordAttempt(Attempt("dd"));  // a --force redeposit
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(j->MarkFailed(*second, "refused").ok());
  auto r = j->FindBlocking("dd", "local");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(Journal, FlowStateUpdatesEveryAttemptOfTheFlow) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto a = j->RecordAttempt(Attempt("ee"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(j->MarkDeposited(*a, "CPP9", "2026-11-26").ok());
  ASSERT_TRUE(
      j->RecordFlowState("local", "CPP9", "IN_REJETE", "FA-1: numero EJ absent")
          .ok());
  ASSERT_TRUE(j->RecordFlowState("sandbox", "CPP9", "IN_INTEGRE", "").ok());
  auto rec = j->Get(*a);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->flow_state, "IN_REJETE");
  EXPECT_EQ((*rec)->flow_detail, "FA-1: numero EJ absent");
  EXPECT_FALSE((*rec)->flow_state_at.empty());
}

TEST(Journal, FindByFlowIsPerEnvironment) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto a = j->RecordAttempt(Attempt("gg", "local"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(j->MarkDeposited(*a, "CPP7", "2026-11-26").ok());
  auto found = j->FindByFlow("local", "CPP7");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, *a);
  auto other_env = j->FindByFlow("sandbox", "CPP7");
  ASSERT_TRUE(other_env.ok());
  EXPECT_FALSE(other_env->has_value());
  auto none = j->FindByFlow("local", "CPP8");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(Journal, MarkingAMissingAttemptFails) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  auto r = j->MarkFailed(4242, "x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("4242"), std::string::npos);
}

TEST(Journal, SurvivesReopenAndKeepsHostileText) {
  fs::path p;
  std::int64_t id = 0;
  std::string odd = "'; DROP TABLE deposits; --\n\xC3\xA9";
  {
    auto j = OpenFresh(&p);
    ASSERT_TRUE(j);
    auto a = Attempt("ff");
    a.invoice_number = odd;
    auto r = j->RecordAttempt(a);
    ASSERT_TRUE(r.ok());
    id = *r;
  }
  auto j = Journal::Open(p.string());
  ASSERT_TRUE(j.ok());
  auto rec = (*j)->Get(id);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->attempt.invoice_number, odd);
  auto recent = (*j)->Recent(10);
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent->size(), 1u);
}

TEST(Journal, RefusesAFileThatIsNotADatabase) {
  fs::path p = chorus::testing::TempDir() / "not.db";
  {
    std::FILE* f = std::fopen(p.c_str(), "wb");
    ASSERT_TRUE(f);
    std::fputs("this is not sqlite, just text long enough to have a header", f);
    std::fclose(f);
  }
  auto j = Journal::Open(p.string());
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.error().message.find(p.string()), std::string::npos);
}

TEST(Journal, ConcurrentWritersDoNotLoseAttempts) {
  fs::path p;
  ASSERT_TRUE(OpenFresh(&p));
  auto worker = [&](int n) {
    auto j = Journal::Open(p.string());
    ASSERT_TRUE(j.ok());
    for (int i = 0; i < 25; ++i) {
      auto id = (*j)->RecordAttempt(Attempt("w" + std::to_string(n)));
      ASSERT_TRUE(id.ok()) << id.error().message;
      ASSERT_TRUE((*j)->MarkDeposited(*id, "F" + std::to_string(i), "d").ok());
    }
  };
  std::thread t1(worker, 1), t2(worker, 2);
  t1.join();
  t2.join();
  auto j = Journal::Open(p.string());
  ASSERT_TRUE(j.ok());
  auto all = (*j)->Recent(1000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 50u);
}

TEST(RecipientCache, ExpiresAfterTtlAndIsPerEnvironment) {
  auto j = OpenFresh();
  ASSERT_TRUE(j);
  ASSERT_TRUE(
      j->StoreRecipient("local", "21330512100013", "{\"a\":1}", 1000).ok());
  auto fresh = j->CachedRecipient("local", "21330512100013", 60, 1059);
  ASSERT_TRUE(fresh.ok() && fresh->has_value());
  EXPECT_EQ(**fresh, "{\"a\":1}");
  auto stale = j->CachedRecipient("local", "21330512100013", 60, 1060);
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->has_value());
  auto past = j->CachedRecipient("local", "21330512100013", 60, 999);
  ASSERT_TRUE(past.ok());
  EXPECT_FALSE(past->has_value());
  auto other = j->CachedRecipient("sandbox", "21330512100013", 60, 1001);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  // Replacing refreshes both data and time.
  ASSERT_TRUE(
      j->StoreRecipient("local", "21330512100013", "{\"a\":2}", 2000).ok());
  auto again = j->CachedRecipient("local", "21330512100013", 60, 2001);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ(**again, "{\"a\":2}");
}

}  // namespace
}  // namespace chorus::journal
