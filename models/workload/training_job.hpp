// A training job's progress through failures: compute, checkpoint, lose what was not saved,
// restart, wait for hardware. Work is measured in seconds of full-speed computing; between events
// it accrues at the job's rate (1 at full speed, less while throttled), so a run of days or years
// never simulates individual steps.
//
//   computing      work since the last checkpoint grows at `rate`; at the interval T a
//                  checkpoint write starts
//   checkpointing  C seconds; at its end the segment's work is committed
//   restarting     R seconds (detect, reschedule, reload); an interruption here starts it again
//   waiting        too few healthy accelerators; restarting once there are enough
//
// An interruption (a failure of one of the job's accelerators, a software failure, a rack losing
// power) loses the segment: the work since the last checkpoint and any checkpoint being written.
// With failures at rate L at all times, one segment takes exp(L R) (exp(L (T + C)) - 1) / L on
// average, and goodput is T over that (the validation test checks the simulation against it).
// T is fixed, or Daly's optimum for the job's failure rate (daly_interval_s).
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace aidcsim::workload {

// Daly (2006), higher order: T = sqrt(2 C M) (1 + sqrt(C / (2M)) / 3 + C / (18 M)) - C for C < 2M,
// and M otherwise; C the checkpoint write time, M the mean time between interruptions.
double daly_interval_s(double checkpoint_write_s, double mtbf_s);

// Expected goodput with failures at rate L at all times (work segment T, write C, restart R).
double expected_goodput(double failure_rate_per_s, double interval_s, double checkpoint_write_s,
                        double restart_s);

struct TrainingJobSpec {
  double checkpoint_interval_s = 0; // work between checkpoints, resolved (Daly when auto)
  double checkpoint_write_s = 0;
  double restart_s = 0;
};

// Wall time of the job's accelerators, by where it went; sums to the run's length.
struct JobTime {
  double useful_s = 0;                              // committed work at full speed
  double checkpoint_s = 0;                          // completed checkpoint writes
  double throttled_s = 0;                           // committed segments' extra wall time from running slower
  double uncommitted_s = 0;                         // the segment still open at the end
  std::vector<double> lost_s, restart_s, waiting_s; // per cause
  std::vector<long> interruptions;                  // per cause
};

class TrainingJob {
public:
  enum class Phase { computing, checkpointing, restarting, waiting };

  TrainingJob(const TrainingJobSpec& spec, int causes);

  double now() const { return now_; }
  double next_event_time() const;
  // Integrates to t (no later than next_event_time()) and applies the phase changes due at t.
  void advance_to(double t);
  // At now(): the job lost an accelerator (or its software failed); `enough` says whether healthy
  // accelerators remain to restart at once.
  void interrupt(int cause, bool enough);
  // At now(): enough healthy accelerators again (a waiting job restarts).
  void resources_back();
  // At now(): the rate at which work accrues (1 at full speed).
  void set_rate(double rate);
  // At now(): writes a checkpoint of the work done so far, ahead of the interval (a policy: the
  // racks went on battery). False, and nothing changes, unless the job is computing with work to
  // save. The interval counts again from the write's end.
  bool checkpoint_now();
  // Closes the open segment at the end of the run.
  void finish(double t);

  Phase phase() const { return phase_; }
  int cause() const { return cause_; } // of the current restart or wait
  double rate() const { return rate_; }
  const JobTime& time() const { return time_; }
  double committed_work_s() const { return time_.useful_s; }
  long checkpoints() const { return checkpoints_; }
  long early_checkpoints() const { return early_checkpoints_; } // started by checkpoint_now
  const TrainingJobSpec& spec() const { return spec_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  void integrate(double t);
  TrainingJobSpec spec_;
  Phase phase_ = Phase::computing;
  double now_ = 0;
  double rate_ = 1.0;
  double work_ = 0;           // since the last checkpoint
  double segment_wall_ = 0;   // wall time of the open segment (computing and writing)
  double segment_slow_s_ = 0; // of which wall time lost to running below full rate (throttled)
  double phase_end_ = never;
  int cause_ = -1; // of the current restart or wait
  double last_interrupt_s_ = -1;
  long checkpoints_ = 0, early_checkpoints_ = 0;
  JobTime time_;
};

} // namespace aidcsim::workload
