// The event budget: expected arrivals over the run, against closed forms.
#include "engine/input/event_budget.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace aidcsim {
namespace {

constexpr double hour = 3600, day = 86400;

ArrivalSource source(const std::string& key, double rate_per_h, double units) {
  return {SourcePos{"s.yaml", 3, 5}, key, "failure", rate_per_h / hour, units, "accelerators", "/h"};
}

TEST(EventBudget, AcceptsARunAtTheBudgetAndRefusesOneJustOver) {
  // 1e9 arrivals exactly: 1e6 units at 1 /h over 1,000 h.
  EXPECT_NO_THROW(check_event_budget({source("a", 1.0, 1e6)}, 1000 * hour));
  EXPECT_THROW(check_event_budget({source("a", 1.0, 1e6)}, 1001 * hour), InputError);
  EXPECT_NO_THROW(check_event_budget({}, 1e20));
}

TEST(EventBudget, NamesTheRateAndTheLargestRateThatFits) {
  // 512 accelerators at 1e6 /h for 30 d: 3.6864e11 arrivals. With another source at 1e8, the
  // first may bring 9e8: 9e8 / (512 x 720 h) = 2441 /h.
  try {
    check_event_budget({source("workload.failures.classes.faulty_gpu.rate", 1e6, 512),
                        source("workload.failures.classes.nic.rate", 1e8 / (64 * 720), 64)},
                       30 * day);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u); // the second brings under a tenth of the total
    const Diagnostic& d = e.diagnostics().items()[0];
    EXPECT_EQ(d.key, "workload.failures.classes.faulty_gpu.rate");
    EXPECT_EQ(d.value, "1e+06 /h");
    EXPECT_EQ(d.pos.line, 3);
    EXPECT_NE(d.message.find("on 512 accelerators over 30 d means about 3.69e+11 expected events"),
              std::string::npos)
        << d.message;
    EXPECT_NE(d.message.find("at most 2.44e+03 /h here"), std::string::npos) << d.message;
  }
}

TEST(EventBudget, NamesEverySourceThatBringsATenthAndSaysWhenNoneFitsAlone) {
  // Two sources each over the budget alone: lowering one cannot fit the run.
  try {
    check_event_budget({source("a", 1.0, 2e6), source("b", 1.0, 3e6)}, 1000 * hour);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    for (const auto& d : e.diagnostics().items())
      EXPECT_NE(d.message.find("lower the other rates named here too"), std::string::npos) << d.message;
  }
}

TEST(EventBudget, CountsFailureClassesOnTheComponentsTheyFailOn) {
  Scenario s;
  s.workload.kind = "training";
  s.workload.failures.classes = {{"gpu", workload::FailsPer::accelerator, 2.0},
                                 {"nic", workload::FailsPer::host, 3.0},
                                 {"bug", workload::FailsPer::job_accelerator, 5.0}};
  const auto sources = failure_class_sources(s, {1000, 250, 10, 800});
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_DOUBLE_EQ(sources[0].units, 1000);
  EXPECT_DOUBLE_EQ(sources[1].units, 250);
  EXPECT_DOUBLE_EQ(sources[2].units, 800);
  EXPECT_DOUBLE_EQ(sources[1].rate_per_s, 3.0 / hour);
  EXPECT_EQ(sources[2].key, "workload.failures.classes.bug.rate");
  s.workload.failures.enabled = false;
  EXPECT_TRUE(failure_class_sources(s, {1000, 250, 10, 800}).empty());
}

} // namespace
} // namespace aidcsim
